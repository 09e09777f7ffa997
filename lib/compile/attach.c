// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compile_attach.c - which interfaces of a chassis get which program:
 * VIFs and the bridge interfaces of used networks take frames into the
 * switch, the encap interface takes Geneve from other chassis.
 */
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"

struct attach_list {
	struct xovn_attach *v;
	size_t n, cap;
	struct name_index seen[2]; /* by role - 1: a chassis may have thousands of VIFs */
};

static int attach_add(struct attach_list *l, const char *ifname, int role)
{
	struct name_index *seen = &l->seen[role - 1];

	if (!ifname || strlen(ifname) >= sizeof(l->v->ifname))
		return 0; /* the schema forbids both; nothing could be attached */
	if (name_index_get(seen, ifname))
		return 0;
	if (name_index_put(seen, ifname, ifname) < 0)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct xovn_attach *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	strcpy(l->v[l->n].ifname, ifname);
	l->v[l->n].role = role;
	l->n++;
	return 0;
}

static const char *str_field(const json_t *obj, const char *field)
{
	return json_string_value(json_object_get(obj, field));
}

static const json_t *find_chassis(const json_t *model, const char *name)
{
	const json_t *ch;
	size_t i;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *n = str_field(ch, "name");

		if (n && strcmp(n, name) == 0)
			return ch;
	}
	return NULL;
}

/* The bridge interface a port needs on this chassis, or NULL. */
static const char *port_bridge_iface(const json_t *ch, const char *chname, const json_t *port)
{
	const char *type = str_field(port, "type");
	const json_t *options = json_object_get(port, "options");
	const char *network = str_field(options, "network_name");

	if (!type || !network)
		return NULL;
	if (strcmp(type, "l2gateway") == 0) {
		const char *gw = str_field(options, "l2gateway-chassis");

		if (!gw || strcmp(gw, chname) != 0)
			return NULL;
	} else if (strcmp(type, "localnet") != 0) {
		return NULL;
	}
	return str_field(json_object_get(ch, "bridge_mappings"), network);
}

static int add_bridges(struct attach_list *l, const json_t *model, const json_t *ch,
		       const char *chname)
{
	const json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			if (attach_add(l, port_bridge_iface(ch, chname, port), XOVN_ATTACH_VIF) < 0)
				return -1;
		}
	}
	return 0;
}

static int add_vifs(struct attach_list *l, const json_t *ch)
{
	const json_t *vif;
	size_t i;

	json_array_foreach(json_object_get(ch, "vifs"), i, vif) {
		if (attach_add(l, str_field(vif, "iface"), XOVN_ATTACH_VIF) < 0)
			return -1;
	}
	return 0;
}

int xovn_compile_attachments(const json_t *model, const char *chassis, struct xovn_attach **out, size_t *n)
{
	struct attach_list l = { 0 };
	const json_t *ch = chassis ? find_chassis(model, chassis) : NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!ch)
		return -1;
	if (add_vifs(&l, ch) < 0 || add_bridges(&l, model, ch, chassis) < 0 ||
	    attach_add(&l, str_field(ch, "encap_iface"), XOVN_ATTACH_UNDERLAY) < 0) {
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
