// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* learned.c - learned routes into the typed model (learned.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routeexch/learned.h"
#include "routeexch/routeexch.h"
#include "util/grow.h"

void xovn_learned_init(struct xovn_learned_set *l)
{
	memset(l, 0, sizeof(*l));
}

void xovn_learned_free(struct xovn_learned_set *l)
{
	free(l->v);
	xovn_learned_init(l);
}

int xovn_learned_add(struct xovn_learned_set *l, uint32_t table, const struct xovn_ip *prefix,
		     const struct xovn_ip *nexthop, const char *ifname)
{
	struct xovn_learned_route *r = xovn_append(&l->v, &l->n, &l->cap, sizeof(*l->v), 8);

	if (!r)
		return -1;
	r->table = table;
	xovn_prefix_str(prefix, r->prefix);
	xovn_prefix_str(nexthop, r->nexthop);
	snprintf(r->ifname, sizeof(r->ifname), "%s", ifname ? ifname : "");
	return 0;
}

static int learned_cmp(const void *pa, const void *pb)
{
	const struct xovn_learned_route *a = pa, *b = pb;
	int c;

	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	c = strcmp(a->prefix, b->prefix);
	if (!c)
		c = strcmp(a->nexthop, b->nexthop);
	return c ? c : strcmp(a->ifname, b->ifname);
}

void xovn_learned_sort(struct xovn_learned_set *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), learned_cmp);
}

int xovn_learned_equal(const struct xovn_learned_set *a, const struct xovn_learned_set *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (learned_cmp(&a->v[i], &b->v[i]) != 0)
			return 0;
	return 1;
}

/* The port whose dynamic-routing-port-name is ifname, NULL when none says so. */
static const char *port_for_iface(const struct xovn_lr *r, const char *ifname)
{
	for (size_t i = 0; ifname[0] && i < r->n_ports; i++) {
		const char *name = xovn_smap_get(&r->ports[i].options, "dynamic-routing-port-name");

		if (name && strcmp(name, ifname) == 0)
			return r->ports[i].name;
	}
	return NULL;
}

static size_t count_for(const struct xovn_learned_set *l, uint32_t table)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].table == table;
	return n;
}

static int merge_router(struct xovn_lr *r, uint32_t table, const struct xovn_learned_set *l)
{
	size_t extra = count_for(l, table), k;
	struct xovn_route *v;

	if (!extra)
		return 0;
	v = realloc(r->routes, (r->n_routes + extra) * sizeof(*v));
	if (!v)
		return -1;
	r->routes = v;
	k = r->n_routes;
	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_learned_route *lr = &l->v[i];

		if (lr->table != table)
			continue;
		memset(&v[k], 0, sizeof(v[k]));
		v[k].ip_prefix = lr->prefix;
		v[k].nexthop = lr->nexthop;
		v[k].output_port = port_for_iface(r, lr->ifname);
		v[k].index = k;
		v[k].learned = 1;
		k++;
	}
	r->n_routes = k;
	return 0;
}

int xovn_learned_merge(struct xovn_model *m, const struct xovn_learned_set *l)
{
	for (size_t i = 0; i < m->n_routers && l->n; i++) {
		struct xovn_dynrouting dr;
		char err[160];

		if (xovn_dynrouting_of(&m->routers[i], &dr, err, sizeof(err)) == 1 &&
		    merge_router(&m->routers[i], dr.table_id, l) < 0)
			return -1;
	}
	return 0;
}
