/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * router_neigh.h - ARP and neighbour discovery addressed to a router port's
 * MAC: replies and advertisements teach the router its neighbours
 * (xovn_mac_binding), requests and solicitations for its own addresses are
 * answered (NA with R=1).  Broadcast requests and NS to the solicited-node
 * group never get here: the switch's responder answers them (the compiler
 * lists router port addresses in xovn_arp_resp / xovn_nd_resp).
 *
 * A sender is learned only when its address lies in a connected network of
 * the port the frame came in by, as OVN does.
 */
#ifndef XOVN_BPF_ROUTER_NEIGH_H
#define XOVN_BPF_ROUTER_NEIGH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "arp.h"
#include "context.h"
#include "l3.h"
#include "nd.h"
#include "neigh.h"
#include "responder.h"
#include "route.h"
#include "trace.h"

#define XOVN_NOT_ND (-2)   /* an IPv6 packet that is no NS/NA for the router: route it */

/* The router port a frame entered by, as the neighbour code needs it. */
struct xovn_router_in {
	__u32 rtr_key;
	__u16 lrp_key;
	__u16 flags;       /* XOVN_LR_* of the entry */
};

/* Is ip on a network of port in->lrp_key (a connected route through it)? */
static __always_inline int xovn_router_on_link(const struct xovn_router_in *in, __u32 family,
					       const __u8 *ip)
{
	const struct xovn_route_val *rt = xovn_route_dst(in->rtr_key, family, ip);

	return rt && (rt->flags & XOVN_RT_CONNECTED) && rt->paths[0].lrp_key == in->lrp_key;
}

/* Is ip one of the router's own addresses? */
static __always_inline int xovn_router_owns(const struct xovn_router_in *in, __u32 family,
					    const __u8 *ip)
{
	const struct xovn_route_val *rt = xovn_route_dst(in->rtr_key, family, ip);

	return rt && (rt->flags & XOVN_RT_LOCAL);
}

/* Learns ip -> mac (never in trace mode, which changes nothing) and consumes the frame. */
static __always_inline int xovn_router_learn(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     const struct xovn_router_in *in, __u32 family,
					     const __u8 *ip, const __u8 *mac)
{
	if (!xovn_router_on_link(in, family, ip))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
	if (!ctx->trace)
		xovn_neigh_learn(in->rtr_key, family, ip, mac, in->lrp_key);
	xovn_trace_action(ctx, XOVN_ACT_NEIGH_LEARN, ctx->in_port);
	return TC_ACT_SHOT;
}

static __always_inline int xovn_router_arp(struct __sk_buff *skb, struct xovn_ctx *ctx,
					   const struct xovn_router_in *in, const struct ethhdr *eth)
{
	__u8 spa[16] = {}, tpa[16] = {};
	struct xovn_arp arp;

	if (xovn_arp_load(skb, &arp) != XOVN_ARP_OK)
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
	__builtin_memcpy(spa, arp.spa, 4);
	__builtin_memcpy(tpa, arp.tpa, 4);
	if (arp.op == bpf_htons(XOVN_ARP_REPLY))
		return xovn_router_learn(skb, ctx, in, XOVN_AF_IPV4, spa, arp.sha);
	if (arp.op != bpf_htons(XOVN_ARP_REQUEST) || !xovn_router_owns(in, XOVN_AF_IPV4, tpa))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
	return xovn_resp_finish(skb, ctx, XOVN_RESP_ANSWER,
				xovn_arp_write_reply(skb, &arp, eth->h_source, eth->h_dest));
}

/*
 * An NA to the router is learned (its target link-layer option, else the
 * sender's MAC); an NS for one of its addresses answered.  Anything else
 * is XOVN_NOT_ND.
 */
static __always_inline int xovn_router_nd(struct __sk_buff *skb, struct xovn_ctx *ctx,
					  const struct xovn_router_in *in, const struct ethhdr *eth,
					  const struct xovn_l3 *l3)
{
	struct xovn_l4 l4 = { .off = l3->l4_off, .end = l3->l4_end, .proto = l3->proto };
	__u8 mac[ETH_ALEN];
	struct in6_addr src;
	struct xovn_nd nd;
	int ll;

	if (l3->proto != IPPROTO_ICMPV6 || l3->ttl != 255 ||
	    xovn_pkt_copy(skb, l3->l4_off, &nd, sizeof(nd)) || nd.code != 0)
		return XOVN_NOT_ND;
	if (nd.type == XOVN_ICMP6_NA) {
		ll = xovn_nd_find_ll(skb, &l4, XOVN_ND_OPT_TLL, mac);
		if (ll == XOVN_ND_LL_BAD)
			return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
		if (ll == XOVN_ND_LL_ABSENT)
			__builtin_memcpy(mac, eth->h_source, ETH_ALEN);
		return xovn_router_learn(skb, ctx, in, XOVN_AF_IPV6, nd.target, mac);
	}
	if (nd.type != XOVN_ICMP6_NS || !xovn_router_owns(in, XOVN_AF_IPV6, nd.target))
		return XOVN_NOT_ND;
	__builtin_memcpy(src.in6_u.u6_addr8, l3->src, 16);
	return xovn_resp_finish(skb, ctx, XOVN_RESP_ANSWER,
				xovn_nd_write_na(skb, eth->h_source, &src, eth->h_dest, nd.target,
						 XOVN_NA_ROUTER | XOVN_NA_SOLICITED |
						 XOVN_NA_OVERRIDE));
}

#endif /* XOVN_BPF_ROUTER_NEIGH_H */
