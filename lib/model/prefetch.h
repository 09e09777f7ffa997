/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * prefetch.h - asking ahead for the strings a pass over the ports reads.
 *
 * The typed model borrows its strings from the parsed document, where
 * they lie one small allocation each among everything else the document
 * holds.  In a model bigger than the caches, each string a pass reads is
 * a miss of its own; a loop over the ports asks for those of a port a few
 * iterations before it reaches it, so the misses overlap.  Hints only.
 */
#ifndef XOVN_MODEL_PREFETCH_H
#define XOVN_MODEL_PREFETCH_H

#include "model/types.h"

/* How many ports ahead the loops over ports ask. */
#define XOVN_PORT_AHEAD 4

/* The first strings of a string list, at most two. */
static inline void xovn_strv_prefetch(const struct xovn_strv *l)
{
	for (size_t i = 0; i < l->n && i < 2; i++)
		if (l->v[i])
			__builtin_prefetch(l->v[i]);
}

/* The type and addresses of ports[i + XOVN_PORT_AHEAD] of ls, when there is one. */
static inline void xovn_port_prefetch_ahead(const struct xovn_ls *ls, size_t i)
{
	const struct xovn_lsp *p;

	if (i + XOVN_PORT_AHEAD >= ls->n_ports)
		return;
	p = &ls->ports[i + XOVN_PORT_AHEAD];
	if (p->type)
		__builtin_prefetch(p->type);
	xovn_strv_prefetch(&p->addresses);
	xovn_strv_prefetch(&p->port_security);
}

#endif /* XOVN_MODEL_PREFETCH_H */
