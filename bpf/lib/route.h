/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * route.h - a router's routing decision: longest prefix over its
 * destination routes and its src-ip policy routes (two LPM lookups, however
 * many routes it has), then one ECMP member chosen by the flow hash.
 */
#ifndef XOVN_BPF_ROUTE_H
#define XOVN_BPF_ROUTE_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "l3.h"
#include "maps.h"

/* The chosen route and path of one routing decision. */
struct xovn_route_pick {
	const struct xovn_route_val *rt;
	__u32 path;        /* index into rt->paths */
	__u8 by_src;       /* the route came from xovn_src_routes_v2 */
};

static __always_inline void xovn_route_key_fill(struct xovn_route_key *k, __u32 rtr_key,
						__u32 family, const __u8 *ip)
{
	k->prefixlen = XOVN_ROUTE_FIXED_BITS + 128;
	k->rtr_key = rtr_key;
	k->family = family;
	__builtin_memcpy(k->ip, ip, 16);
}

/* The destination route for ip (LOCAL routes included), NULL when none. */
static __always_inline const struct xovn_route_val *xovn_route_dst(__u32 rtr_key, __u32 family,
								   const __u8 *ip)
{
	struct xovn_route_key k;

	xovn_route_key_fill(&k, rtr_key, family, ip);
	return xovn_lookup(&xovn_routes_v2, &k);
}

/*
 * The route for l3 on router rtr_key: a LOCAL destination route outright,
 * else the longer of the destination and src-ip matches, the destination
 * one on equal length.  The src-ip trie only for a router that has such
 * routes (XOVN_LR_SRC_ROUTES in lr_flags).  0, or -1 when neither matches.
 */
static __always_inline int xovn_route_lookup(__u32 rtr_key, __u16 lr_flags,
					     const struct xovn_l3 *l3,
					     struct xovn_route_pick *pick)
{
	const struct xovn_route_val *dst, *src;
	struct xovn_route_key k;

	pick->by_src = 0;
	pick->path = 0;
	dst = xovn_route_dst(rtr_key, l3->family, l3->dst);
	pick->rt = dst;
	if ((dst && (dst->flags & XOVN_RT_LOCAL)) || !(lr_flags & XOVN_LR_SRC_ROUTES))
		return dst ? 0 : -1;
	xovn_route_key_fill(&k, rtr_key, l3->family, l3->src);
	src = xovn_lookup(&xovn_src_routes_v2, &k);
	if (src && (!dst || src->plen > dst->plen)) {
		pick->rt = src;
		pick->by_src = 1;
	}
	return pick->rt ? 0 : -1;
}

/*
 * One member of the picked route for this flow: the flow hash modulo the
 * member count, so every packet of a flow takes the same path.  0, or -1
 * for a route without members.
 */
static __always_inline int xovn_route_pick_path(struct __sk_buff *skb,
						struct xovn_route_pick *pick)
{
	__u32 n = pick->rt->n_paths;

	if (!n || n > XOVN_MAX_ECMP)
		return -1;
	pick->path = n == 1 ? 0 : bpf_get_hash_recalc(skb) % n;
	if (pick->path >= XOVN_MAX_ECMP)
		return -1;
	return 0;
}

static __always_inline const struct xovn_route_path *xovn_route_path_of(
	const struct xovn_route_pick *pick)
{
	__u32 i = pick->path;

	if (i >= XOVN_MAX_ECMP)
		i = 0;
	return &pick->rt->paths[i];
}

static __always_inline int xovn_ip_is_zero(const __u8 *ip)
{
	__u32 w[4];

	__builtin_memcpy(w, ip, 16);
	return (w[0] | w[1] | w[2] | w[3]) == 0;
}

/* The address to resolve: the path's next hop, or the destination on a connected network. */
static __always_inline void xovn_route_nexthop(const struct xovn_route_path *p,
					       const struct xovn_l3 *l3, __u8 nh[16])
{
	if (xovn_ip_is_zero(p->nexthop))
		__builtin_memcpy(nh, l3->dst, 16);
	else
		__builtin_memcpy(nh, p->nexthop, 16);
}

#endif /* XOVN_BPF_ROUTE_H */
