/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * learned.h - routes learned from the fabric (what a routing daemon
 * installed in a router's exchange table) as routes of the logical router,
 * the way OVN's Learned_Route rows are.
 *
 * They join the typed model as static routes with `learned` set, so the
 * compiler takes them by the path static routes take (next hop = the
 * peer, leaving by the port named by dynamic-routing-port-name for the
 * route's interface, else by the port whose network holds the next hop).
 * They are never written to the document: they exist where they were
 * learned, for as long as the kernel table holds them.
 */
#ifndef XOVN_ROUTEEXCH_LEARNED_H
#define XOVN_ROUTEEXCH_LEARNED_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "util/prefix.h"

struct xovn_learned_route {
	uint32_t table;
	char prefix[XOVN_PREFIX_STRLEN];   /* canonical, as xovn_prefix_str spells it */
	char nexthop[XOVN_PREFIX_STRLEN];
	char ifname[IF_NAMESIZE];          /* the route's interface, "" when unknown */
};

struct xovn_learned_set {
	struct xovn_learned_route *v;
	size_t n, cap;
};

void xovn_learned_init(struct xovn_learned_set *l);
void xovn_learned_free(struct xovn_learned_set *l);
/* Appends one.  0 ok, -1 out of memory. */
int xovn_learned_add(struct xovn_learned_set *l, uint32_t table, const struct xovn_ip *prefix,
		     const struct xovn_ip *nexthop, const char *ifname);
/* Sorts l, so that two sets compare with xovn_learned_equal. */
void xovn_learned_sort(struct xovn_learned_set *l);
int xovn_learned_equal(const struct xovn_learned_set *a, const struct xovn_learned_set *b);

/*
 * Appends l's routes to the routers of m whose dynamic routing table they
 * were learned in.  m then borrows l's strings: keep l unchanged while m
 * lives.  0 ok, -1 out of memory (the router it failed on keeps its own routes only).
 */
int xovn_learned_merge(struct xovn_model *m, const struct xovn_learned_set *l);

#endif /* XOVN_ROUTEEXCH_LEARNED_H */
