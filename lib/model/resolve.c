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

static const char *port_name(const void *arg, size_t i)
{
	return ((const struct xovn_ls *)arg)->ports[i].name;
}

static const void *port_at(const void *arg, size_t i)
{
	return &((const struct xovn_ls *)arg)->ports[i];
}

/* A port's name is claimed by the first port of that name: this one, or an earlier one. */
static void port_claimed(void *arg, size_t i, const void *first)
{
	struct xovn_lsp *p = &((struct xovn_ls *)arg)->ports[i];

	p->named = p->name ? (first ? first : p) : NULL;
}

/* Every port name -> its first port; each port learns that first port and its number. */
static int index_ports(struct name_index *idx, struct xovn_model *m)
{
	size_t total = 0;

	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	if (name_index_reserve(idx, total) < 0)
		return -1;
	for (size_t i = 0; i < m->n_switches; i++) {
		struct xovn_ls *ls = m->switches[i];
		struct name_batch b = { port_name, port_at, port_claimed, ls };

		for (size_t j = 0; j < ls->n_ports; j++)
			ls->ports[j].num = m->n_ports++;
		if (name_index_claim_batch(idx, ls->n_ports, &b) < 0)
			return -1;
	}
	return 0;
}

static const char *vif_port_name(const void *arg, size_t i)
{
	return ((const struct xovn_vif *)arg)[i].port;
}

static void vif_found(void *arg, size_t i, const void *port)
{
	((struct xovn_vif *)arg)[i].lsp = port;
}

static const char *binding_port_name(const void *arg, size_t i)
{
	return ((const struct xovn_binding *)arg)[i].port;
}

static void binding_found(void *arg, size_t i, const void *port)
{
	((struct xovn_binding *)arg)[i].lsp = port;
}

static void resolve_vifs(const struct name_index *idx, struct xovn_model *m)
{
	struct name_batch b = { binding_port_name, NULL, binding_found, m->bindings };

	for (size_t i = 0; i < m->n_chassis; i++) {
		struct xovn_chassis *ch = &m->chassis[i];
		struct name_batch v = { vif_port_name, NULL, vif_found, ch->vifs };

		name_index_get_batch(idx, ch->n_vifs, &v);
	}
	name_index_get_batch(idx, m->n_bindings, &b);
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
