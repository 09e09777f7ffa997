// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * router_routes.c - one router's xovn_routes_v2 and xovn_src_routes_v2 entries.
 *
 * Each network of an enabled port gives a LOCAL host route (the port's own
 * address) and a CONNECTED route (the network); static routes follow,
 * dst-ip ones into xovn_routes_v2 and src-ip ones into xovn_src_routes_v2.
 * Each path carries its out port's delivery data (path_out_port).
 * Entries with one key are merged in that order: a LOCAL route beats a
 * connected one (a /32 network), a connected route beats a static one of
 * the same prefix (ovn-northd gives it the higher priority), the first
 * static route decides whether a prefix is discarded, and static routes
 * to one prefix are ECMP members in model order.  More than
 * XOVN_MAX_ECMP members is a compile error naming the prefix.
 *
 * The datapath has one table per router: static routes with a
 * route_table other than the main one ("") are not compiled.
 * A route without output_port leaves by the port whose network holds its
 * nexthop (the active model only has routes with such a port).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/cidr.h"
#include "util/prefix.h"
#include "compile/ctx.h"

struct route_item {
	uint32_t map;              /* XOVN_MAP_ROUTES or XOVN_MAP_SRC_ROUTES */
	struct xovn_route_key key;
	struct xovn_route_val val;
	size_t order;              /* precedence among items of one key */
};

struct route_list {
	struct route_item *v;
	size_t n, cap;
	const struct name_index *lsp_by_lrp;  /* router ports' switch-side peers */
};

static int list_push(struct route_list *l, const struct route_item *it)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct route_item *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = *it;
	l->v[l->n].order = l->n;
	l->n++;
	return 0;
}

static void key_of(struct xovn_route_key *k, uint32_t rtr_key, const struct xovn_ip *ip)
{
	memset(k, 0, sizeof(*k));
	k->rtr_key = rtr_key;
	k->prefixlen = XOVN_ROUTE_FIXED_BITS + (uint32_t)ip->plen;
	if (ip->family == AF_INET) {
		k->family = XOVN_AF_IPV4;
		memcpy(k->ip, &ip->v4.s_addr, 4);
	} else {
		k->family = XOVN_AF_IPV6;
		memcpy(k->ip, ip->v6.s6_addr, 16);
	}
}

static void ip_bytes(const struct xovn_ip *ip, uint8_t out[16])
{
	memset(out, 0, 16);
	if (ip->family == AF_INET)
		memcpy(out, &ip->v4.s_addr, 4);
	else
		memcpy(out, ip->v6.s6_addr, 16);
}

/*
 * The out port's delivery data in the path, as in its xovn_rports entry; a
 * port no switch port names (or one that does not parse, which fails the
 * compile with its xovn_rports entry) keeps ls_dp_key 0.
 */
static void path_out_port(const struct route_list *l, const struct xovn_lrp *lrp,
			  struct xovn_route_path *p)
{
	const struct xovn_lsp *lsp = lrp->name ? name_index_get(l->lsp_by_lrp, lrp->name) : NULL;
	struct xovn_rport_val v;

	p->lrp_key = (uint16_t)lrp->tunnel_key;
	if (!lsp || compile_rport_val(lrp, lsp, &v) < 0)
		return;
	memcpy(p->mac, v.mac, sizeof(p->mac));
	p->ls_port_key = v.ls_port_key;
	p->ls_dp_key = v.ls_dp_key;
}

/* lrp: the out port, NULL for a DISCARD route. */
static int push_one(struct route_list *l, uint32_t map, uint32_t rtr_key, const struct xovn_ip *ip,
		    uint8_t flags, const uint8_t *nexthop, const struct xovn_lrp *lrp)
{
	struct route_item it;

	memset(&it, 0, sizeof(it));
	it.map = map;
	key_of(&it.key, rtr_key, ip);
	it.val.plen = (uint8_t)ip->plen;
	it.val.flags = flags;
	if (!(flags & XOVN_RT_DISCARD) && lrp) {
		it.val.n_paths = 1;
		path_out_port(l, lrp, &it.val.paths[0]);
		if (nexthop)
			memcpy(it.val.paths[0].nexthop, nexthop, 16);
	}
	return list_push(l, &it);
}

/* The port's link-local address is the router's too: NS for it, echo to it. */
static int push_lla(struct route_list *l, const struct xovn_lrp *lrp, uint32_t rtr_key)
{
	struct xovn_ip lla;

	if (!compile_lrp_lla(lrp, &lla))
		return 0;
	return push_one(l, XOVN_MAP_ROUTES, rtr_key, &lla, XOVN_RT_LOCAL, NULL, lrp);
}

/* LOCAL host routes first (they beat a /32 network), then the networks. */
static int push_networks(struct route_list *l, const struct xovn_lr *r, uint32_t rtr_key,
			 int connected)
{
	for (size_t j = 0; j < r->n_ports; j++) {
		const struct xovn_lrp *lrp = &r->ports[j];

		if (!compile_lrp_enabled(lrp))
			continue;
		for (size_t k = 0; k < lrp->networks.n; k++) {
			struct xovn_ip ip;

			if (!lrp->networks.v[k] ||
			    xovn_parse_prefix(lrp->networks.v[k], XOVN_PLEN_REQUIRED, &ip) < 0)
				continue;
			if (connected)
				xovn_prefix_mask(&ip);
			else
				ip.plen = ip.family == AF_INET ? 32 : 128;
			if (push_one(l, XOVN_MAP_ROUTES, rtr_key, &ip,
				     connected ? XOVN_RT_CONNECTED : XOVN_RT_LOCAL, NULL, lrp) < 0)
				return -1;
		}
		if (!connected && push_lla(l, lrp, rtr_key) < 0)
			return -1;
	}
	return 0;
}

/* The enabled port named name, or the one whose network holds nexthop; NULL if none. */
static const struct xovn_lrp *out_port(const struct xovn_lr *r, const char *name,
				       const struct xovn_ip *nexthop)
{
	for (size_t j = 0; j < r->n_ports; j++) {
		const struct xovn_lrp *lrp = &r->ports[j];

		if (!compile_lrp_enabled(lrp))
			continue;
		if (name) {
			if (lrp->name && strcmp(lrp->name, name) == 0)
				return lrp;
			continue;
		}
		for (size_t k = 0; k < lrp->networks.n; k++) {
			struct xovn_ip net;

			if (lrp->networks.v[k] &&
			    xovn_parse_prefix(lrp->networks.v[k], XOVN_PLEN_REQUIRED, &net) == 0 &&
			    net.family == nexthop->family && xovn_cidr_contains(&net, nexthop))
				return lrp;
		}
	}
	return NULL;
}

static int push_or_fail(struct compile_ctx *ctx, int rc)
{
	return rc < 0 ? compile_fail(ctx, "out of memory listing routes") : 0;
}

static int is_src_ip(const struct xovn_route *rt)
{
	return rt->policy && strcmp(rt->policy, "src-ip") == 0;
}

static int push_static(struct compile_ctx *ctx, struct route_list *l, const struct xovn_lr *r,
		       uint32_t rtr_key, const struct xovn_route *rt)
{
	uint32_t map = is_src_ip(rt) ? XOVN_MAP_SRC_ROUTES : XOVN_MAP_ROUTES;
	struct xovn_ip prefix, nexthop;
	const struct xovn_lrp *lrp;
	uint8_t nh[16];

	if (rt->route_table && rt->route_table[0])
		return 0;
	if (!rt->ip_prefix || xovn_parse_prefix(rt->ip_prefix, XOVN_PLEN_OPTIONAL, &prefix) < 0 ||
	    !rt->nexthop)
		return compile_fail(ctx, "router '%s': static route %zu does not parse",
				    r->name ? r->name : "?", rt->index);
	if (strcmp(rt->nexthop, "discard") == 0)
		return push_or_fail(ctx, push_one(l, map, rtr_key, &prefix, XOVN_RT_DISCARD, NULL, NULL));
	if (xovn_parse_prefix(rt->nexthop, XOVN_PLEN_NONE, &nexthop) < 0)
		return compile_fail(ctx, "router '%s': nexthop \"%s\" does not parse",
				    r->name ? r->name : "?", rt->nexthop);
	lrp = out_port(r, rt->output_port, &nexthop);
	if (!lrp)
		return 0;   /* its port is disabled: nothing to leave by */
	ip_bytes(&nexthop, nh);
	return push_or_fail(ctx, push_one(l, map, rtr_key, &prefix, 0, nh, lrp));
}

static int item_cmp(const void *a, const void *b)
{
	const struct route_item *x = a, *y = b;
	int c;

	if (x->map != y->map)
		return x->map < y->map ? -1 : 1;
	c = memcmp(&x->key, &y->key, sizeof(x->key));
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds the paths of later to first (both static, same key). */
static int merge(struct compile_ctx *ctx, const struct xovn_lr *r, struct route_item *first,
		 const struct route_item *later)
{
	char text[XOVN_PREFIX_STRLEN];
	struct xovn_ip ip;

	if (first->val.flags || later->val.flags)
		return 0;   /* LOCAL, CONNECTED or DISCARD: the first one decides */
	if (first->val.n_paths >= XOVN_MAX_ECMP) {
		memset(&ip, 0, sizeof(ip));
		ip.family = first->key.family == XOVN_AF_IPV4 ? AF_INET : AF_INET6;
		ip.plen = first->val.plen;
		memcpy(ip.family == AF_INET ? (void *)&ip.v4 : (void *)&ip.v6, first->key.ip,
		       ip.family == AF_INET ? 4 : 16);
		xovn_prefix_str(&ip, text);
		return compile_fail(ctx, "router '%s': more than %d routes to %s (%s); ECMP holds "
				    "at most %d", r->name ? r->name : "?", XOVN_MAX_ECMP, text,
				    first->map == XOVN_MAP_SRC_ROUTES ? "src-ip" : "dst-ip",
				    XOVN_MAX_ECMP);
	}
	first->val.paths[first->val.n_paths++] = later->val.paths[0];
	return 0;
}

static int emit_merged(struct compile_ctx *ctx, const struct xovn_lr *r, struct route_list *l)
{
	size_t i = 0;

	if (l->n)  /* an empty list has no array: qsort must not see NULL */
		qsort(l->v, l->n, sizeof(*l->v), item_cmp);
	while (i < l->n) {
		struct route_item *first = &l->v[i];
		size_t j = i + 1;

		for (; j < l->n && l->v[j].map == first->map &&
		       memcmp(&l->v[j].key, &first->key, sizeof(first->key)) == 0; j++) {
			if (merge(ctx, r, first, &l->v[j]) < 0)
				return -1;
		}
		compile_gateway_mark_paths(r, &first->val);
		if (compile_emit(ctx, first->map, &first->key, sizeof(first->key), &first->val,
				 sizeof(first->val)) < 0)
			return -1;
		i = j;
	}
	return 0;
}

/*
 * The datapath skips the src-ip trie for a router without src-ip routes:
 * one LPM walk less per routed packet.  Any src-ip route sets the flag,
 * also one that compiles to no entry (a disabled out port): the flag only
 * allows the lookup, an empty one finds nothing.
 */
uint16_t compile_router_route_flags(const struct xovn_lr *r)
{
	for (size_t k = 0; k < r->n_routes; k++)
		if (is_src_ip(&r->routes[k]))
			return XOVN_LR_SRC_ROUTES;
	return 0;
}

int compile_router_routes(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key,
			  const struct name_index *lsp_by_lrp)
{
	struct route_list l = { .lsp_by_lrp = lsp_by_lrp };
	int rc = 0;

	if (push_networks(&l, r, rtr_key, 0) < 0 || push_networks(&l, r, rtr_key, 1) < 0)
		rc = compile_fail(ctx, "out of memory listing the routes of '%s'", r->name);
	for (size_t k = 0; k < r->n_routes && rc == 0; k++)
		rc = push_static(ctx, &l, r, rtr_key, &r->routes[k]);
	if (rc == 0 && l.n)
		rc = emit_merged(ctx, r, &l);
	free(l.v);
	return rc;
}
