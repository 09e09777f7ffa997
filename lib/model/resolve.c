// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * resolve.c - the references by port name, resolved once when the
 * document is read.
 *
 * VIF attachments and bindings name a port without its switch, and port
 * names are unique across switches.  The validator and the compiler both
 * follow those references; one index built here, in the model's order,
 * serves both, and each reference is looked up once instead of once per
 * reader.  Each port also learns the first port of its name, which is all
 * the unique-name check needs, and its number in document order, so that
 * what a reader keeps per port can be an array walked in the same order.
 */
#include <stdlib.h>

#include "model/types.h"

static size_t count_ports(const struct xovn_model *m)
{
	size_t total = 0;

	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	return total;
}

/* Every port name -> its first port; each port learns that first port. */
static int index_ports(struct name_index *idx, struct xovn_model *m)
{
	if (name_index_reserve(idx, count_ports(m)) < 0)
		return -1;
	for (size_t i = 0; i < m->n_switches; i++) {
		struct xovn_ls *ls = m->switches[i];

		for (size_t j = 0; j < ls->n_ports; j++) {
			struct xovn_lsp *p = &ls->ports[j];

			p->num = m->n_ports++;
			if (j + NAME_INDEX_AHEAD < ls->n_ports)
				name_index_prefetch(idx, ls->ports[j + NAME_INDEX_AHEAD].name);
			if (!p->name)
				continue;
			p->named = name_index_get(idx, p->name);
			if (p->named)
				continue;
			if (name_index_put_new(idx, p->name, p) < 0)
				return -1;
			p->named = p;
		}
	}
	return 0;
}

static const struct xovn_lsp *port_named(const struct name_index *idx, const char *name)
{
	return name ? name_index_get(idx, name) : NULL;
}

static void resolve_vifs(const struct name_index *idx, struct xovn_model *m)
{
	for (size_t i = 0; i < m->n_chassis; i++) {
		struct xovn_chassis *ch = &m->chassis[i];

		for (size_t j = 0; j < ch->n_vifs; j++) {
			if (j + NAME_INDEX_AHEAD < ch->n_vifs)
				name_index_prefetch(idx, ch->vifs[j + NAME_INDEX_AHEAD].port);
			ch->vifs[j].lsp = port_named(idx, ch->vifs[j].port);
		}
	}
	for (size_t i = 0; i < m->n_bindings; i++) {
		if (i + NAME_INDEX_AHEAD < m->n_bindings)
			name_index_prefetch(idx, m->bindings[i + NAME_INDEX_AHEAD].port);
		m->bindings[i].lsp = port_named(idx, m->bindings[i].port);
	}
}

int xovn_model_resolve(struct xovn_model *m)
{
	struct name_index *idx;

	xovn_model_unresolve(m);
	m->n_ports = 0;
	if (!(m->arrays & XOVN_LIST_SWITCHES) || !(m->arrays & XOVN_LIST_PORTS))
		return -1;
	idx = malloc(sizeof(*idx));
	if (!idx)
		return -1;
	name_index_init(idx);
	if (index_ports(idx, m) < 0) {
		name_index_free(idx);
		free(idx);
		return -1;
	}
	resolve_vifs(idx, m);
	m->port_names = idx;
	return 0;
}

void xovn_model_unresolve(struct xovn_model *m)
{
	if (!m->port_names)
		return;
	name_index_free(m->port_names);
	free(m->port_names);
	m->port_names = NULL;
	m->n_ports = 0;
}
