// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * router_neigh.c - one router's xovn_neigh_v2 entries: the MACs the router
 * may send to without asking, as ovn-northd's static ARP resolution.
 *
 * For each enabled router port with a switch side, every other port of
 * that switch with a static address ("MAC IP...", or a peer router port's
 * MAC and networks for a port of type router) gives an entry for each of
 * its IPs that lies in one of the router port's networks.  Ports with
 * only a MAC or "unknown" give none (their addresses are learned:
 * xovn_mac_binding).  One IP listed twice for a router: the first port in
 * model order (router ports, then switch ports) wins.
 *
 * Each entry names the switch it was compiled from; once the whole set is
 * compiled and sorted, it gets a copy of that switch's fdb value for its
 * MAC (compile_neigh_fdb), so that a routed frame needs no L2 lookup
 * after the router.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/cidr.h"
#include "util/prefix.h"
#include "compile/ctx.h"

struct neigh_item {
	struct xovn_neigh_key key;
	uint8_t mac[6];
	uint32_t ls_dp_key;
	size_t order;
};

struct neigh_list {
	struct neigh_item *v;
	size_t n, cap;
	struct xovn_ip nets[XOVN_ADDR_MAX_IPS]; /* of the router port being compiled */
	int n_nets;
	uint32_t ls_dp_key;                     /* its switch */
};

static int on_networks(const struct neigh_list *l, const struct xovn_ip *ip)
{
	for (int i = 0; i < l->n_nets; i++) {
		if (l->nets[i].family == ip->family && xovn_cidr_contains(&l->nets[i], ip))
			return 1;
	}
	return 0;
}

static int push(struct neigh_list *l, uint32_t rtr_key, const struct xovn_ip *ip,
		const uint8_t mac[6])
{
	struct neigh_item *it;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct neigh_item *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n];
	memset(it, 0, sizeof(*it));
	it->key.rtr_key = rtr_key;
	if (ip->family == AF_INET) {
		it->key.family = XOVN_AF_IPV4;
		memcpy(it->key.ip, &ip->v4.s_addr, 4);
	} else {
		it->key.family = XOVN_AF_IPV6;
		memcpy(it->key.ip, ip->v6.s6_addr, 16);
	}
	memcpy(it->mac, mac, 6);
	it->ls_dp_key = l->ls_dp_key;
	it->order = l->n++;
	return 0;
}

static int push_address(struct compile_ctx *ctx, struct neigh_list *l, uint32_t rtr_key,
			const struct xovn_lport_addr *addr)
{
	for (int i = 0; i < addr->n_ips; i++) {
		if (on_networks(l, &addr->ips[i]) && push(l, rtr_key, &addr->ips[i], addr->mac) < 0)
			return compile_fail(ctx, "out of memory listing neighbours");
	}
	return 0;
}

/* The addresses of one port of the router port's switch. */
static int push_port(struct compile_ctx *ctx, struct neigh_list *l, uint32_t rtr_key,
		     const struct xovn_lsp *p)
{
	const struct xovn_lrp *peer = compile_router_peer(ctx, p);
	struct xovn_lport_addr addr;

	if (peer)
		return compile_lrp_address(peer, &addr) < 0 ? 0 : push_address(ctx, l, rtr_key, &addr);
	for (size_t i = 0; i < p->addresses.n; i++) {
		int rc = compile_lsp_address(ctx, p, p->addresses.v[i], &addr);

		if (rc < 0)
			return -1;
		if (rc == 1 && push_address(ctx, l, rtr_key, &addr) < 0)
			return -1;
	}
	return 0;
}

static int push_lrp(struct compile_ctx *ctx, struct neigh_list *l, uint32_t rtr_key,
		    const struct xovn_lrp *lrp, const struct xovn_lsp *lsp)
{
	struct xovn_lport_addr own;

	if (compile_lrp_address(lrp, &own) < 0)
		return 0;   /* router.c reports it */
	l->n_nets = own.n_ips;
	l->ls_dp_key = (uint32_t)lsp->ls->tunnel_key;
	memcpy(l->nets, own.ips, sizeof(own.ips[0]) * (size_t)own.n_ips);
	for (size_t i = 0; i < lsp->ls->n_ports; i++) {
		const struct xovn_lsp *p = &lsp->ls->ports[i];

		if (p != lsp && push_port(ctx, l, rtr_key, p) < 0)
			return -1;
	}
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct neigh_item *x = a, *y = b;
	int c = memcmp(&x->key, &y->key, sizeof(x->key));

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int emit_first_of_each(struct compile_ctx *ctx, struct neigh_list *l)
{
	if (l->n)  /* an empty list has no array: qsort must not see NULL */
		qsort(l->v, l->n, sizeof(*l->v), item_cmp);
	for (size_t i = 0; i < l->n; i++) {
		struct xovn_neigh_fdb_val v;

		if (i && memcmp(&l->v[i].key, &l->v[i - 1].key, sizeof(l->v[i].key)) == 0)
			continue;
		memset(&v, 0, sizeof(v));
		memcpy(v.mac, l->v[i].mac, sizeof(v.mac));
		v.ls_dp_key = l->v[i].ls_dp_key;
		if (compile_emit(ctx, XOVN_MAP_NEIGH, &l->v[i].key, sizeof(l->v[i].key), &v,
				 sizeof(v)) < 0)
			return -1;
	}
	return 0;
}

int compile_router_neigh(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key,
			 const struct name_index *lsp_by_lrp)
{
	struct neigh_list l;
	int rc = 0;

	memset(&l, 0, sizeof(l));
	for (size_t j = 0; j < r->n_ports && rc == 0; j++) {
		const struct xovn_lrp *lrp = &r->ports[j];
		const struct xovn_lsp *lsp = lrp->name ? name_index_get(lsp_by_lrp, lrp->name) : NULL;

		if (lsp && compile_lrp_enabled(lrp))
			rc = push_lrp(ctx, &l, rtr_key, lrp, lsp);
	}
	if (rc == 0)
		rc = emit_first_of_each(ctx, &l);
	free(l.v);
	return rc;
}

void compile_neigh_fdb(struct xovn_mapset *s)
{
	struct xovn_neigh_key zero;
	size_t i;

	memset(&zero, 0, sizeof(zero));
	for (i = xovn_mapset_lower_bound(s, XOVN_MAP_NEIGH, &zero, sizeof(zero));
	     i < s->n && s->v[i].map == XOVN_MAP_NEIGH; i++) {
		struct xovn_map_entry *e = &s->v[i];
		struct xovn_neigh_fdb_val *v = (struct xovn_neigh_fdb_val *)e->val;
		const struct xovn_map_entry *f;
		struct xovn_fdb_key fk;

		if (e->val_len != sizeof(*v))
			continue;
		memset(&fk, 0, sizeof(fk));
		fk.dp_key = v->ls_dp_key;
		memcpy(fk.mac, v->mac, sizeof(fk.mac));
		f = xovn_mapset_find(s, XOVN_MAP_FDB, &fk, sizeof(fk));
		if (f && f->val_len == sizeof(v->fdb))
			memcpy(&v->fdb, f->val, sizeof(v->fdb));
		else
			memset(&v->fdb, 0, sizeof(v->fdb));
	}
}
