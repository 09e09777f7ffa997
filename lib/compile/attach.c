// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * attach.c - which interfaces of a chassis get which program:
 * VIFs and the bridge interfaces of used networks take frames into the
 * switch, the encap interface takes Geneve from other chassis.
 */
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"
#include "util/grow.h"

struct attach_list {
	struct xovn_attach *v;
	size_t n, cap;
	struct name_index seen[2]; /* by role - 1: a chassis may have thousands of VIFs */
};

static int attach_add(struct attach_list *l, const char *ifname, int role)
{
	struct name_index *seen = &l->seen[role - 1];
	struct xovn_attach *v;

	if (!ifname || strlen(ifname) >= sizeof(l->v->ifname))
		return 0; /* the schema forbids both; nothing could be attached */
	if (name_index_get(seen, ifname))
		return 0;
	if (name_index_put(seen, ifname, ifname) < 0)
		return -1;
	v = xovn_grow(l->v, &l->cap, l->n, sizeof(*v), 8);
	if (!v)
		return -1;
	l->v = v;
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	strcpy(l->v[l->n].ifname, ifname);
	l->v[l->n].role = role;
	l->n++;
	return 0;
}

/* The bridge interface a port needs on this chassis, or NULL. */
static const char *port_bridge_iface(const struct xovn_chassis *ch, const struct xovn_lsp *port)
{
	const char *network = xovn_smap_get(&port->options, "network_name");

	if (!network)
		return NULL;
	if (port->kind == XOVN_PT_L2GATEWAY) {
		const char *gw = xovn_smap_get(&port->options, "l2gateway-chassis");

		if (!gw || !ch->name || strcmp(gw, ch->name) != 0)
			return NULL;
	} else if (port->kind != XOVN_PT_LOCALNET) {
		return NULL;
	}
	return xovn_smap_get(&ch->bridge_mappings, network);
}

static int add_bridges(struct attach_list *l, const struct xovn_model *model,
		       const struct xovn_chassis *ch)
{
	for (size_t i = 0; i < model->n_switches; i++) {
		const struct xovn_ls *sw = model->switches[i];

		for (size_t j = 0; j < sw->n_ports; j++) {
			if (attach_add(l, port_bridge_iface(ch, &sw->ports[j]), XOVN_ATTACH_VIF) < 0)
				return -1;
		}
	}
	return 0;
}

static int add_vifs(struct attach_list *l, const struct xovn_chassis *ch)
{
	for (size_t i = 0; i < ch->n_vifs; i++) {
		if (attach_add(l, ch->vifs[i].iface, XOVN_ATTACH_VIF) < 0)
			return -1;
	}
	return 0;
}

int xovn_compile_attachments(const struct xovn_model *model, const char *chassis,
			     struct xovn_attach **out, size_t *n)
{
	struct attach_list l = { 0 };
	const struct xovn_chassis *ch = chassis ? xovn_model_chassis(model, chassis) : NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!ch)
		return -1;
	if (add_vifs(&l, ch) < 0 || add_bridges(&l, model, ch) < 0 ||
	    attach_add(&l, ch->encap_iface, XOVN_ATTACH_UNDERLAY) < 0) {
		free(l.v);
		rc = -1;
	} else {
		*out = l.v;
		*n = l.n;
	}
	name_index_free(&l.seen[0]);
	name_index_free(&l.seen[1]);
	return rc;
}
