/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * router.h - OVN's distributed logical routers, on the ingress chassis in
 * the same pass as the switching (ovn-architecture(7), "Logical Routers and
 * Logical Patch Ports").
 *
 * A unicast frame whose L2 lookup lands on a switch's LSP of type "router"
 * enters that router by the peer router port (both from the xovn_lsp_router
 * copy in the fdb value, no second lookup), and one hop (xovn_router_pass) is:
 *
 *   enter:   the router and port; ARP / NS / NA for the router -> answered
 *            or learned (router_neigh.h)
 *   NAT in:  with NAT here, destination translation (nat.h)
 *   decide:  multicast / broadcast destinations are not routed; longest
 *            prefix over destination and src-ip routes (route.h)
 *     to the router itself -> echo answered, sent back (icmp.h, icmp6.h)
 *     TTL <= 1             -> ICMP time exceeded, sent back (not about an error)
 *     next hop MAC unknown -> ARP request / NS from the out port, flooded
 *     else                 -> NAT out: source translation (nat.h), then
 *                             TTL - 1, eth.src = out port, eth.dst = next hop
 *   the frame then enters the out port's switch from its router LSP, where
 *   a compiled neighbour's entry already carried the next hop's fdb value
 *   (xovn_router_next_fdb: no L2 lookup); a learned one is looked up
 *
 * (out a distributed gateway port active on another chassis: tunneled
 * there as it entered the router, to be routed there, redirect.h), after
 * which the switch pipeline's L2 lookup in that switch decides what
 * follows: a port (local delivery, Geneve with that switch's VNI and the
 * port's key, localnet, with the switch's egress rules), a flood, or the
 * next router (through a join switch), at most XOVN_MAX_ROUTER_HOPS.
 *
 * The steps are functions of their own, sharing state through
 * router_scratch.h, because of the BPF stack limit; entering and deciding
 * are one (xovn_router_route), so that a plain hop makes one call.  Steps
 * return a TC verdict (>= 0) or one of the XOVN_STEP_* codes below.
 */
#ifndef XOVN_BPF_ROUTER_H
#define XOVN_BPF_ROUTER_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "eth.h"
#include "gateway.h"
#include "icmp.h"
#include "icmp6.h"
#include "l2.h"
#include "l3.h"
#include "maps.h"
#include "nat.h"
#include "neigh.h"
#include "neigh_solicit.h"
#include "redirect.h"
#include "route.h"
#include "router_neigh.h"
#include "router_scratch.h"
#include "router_trace.h"
#include "trace.h"

/* A branch off the common path: its code is placed after the common path's. */
#define XOVN_COLD(cond) __builtin_expect(!!(cond), 0)

#define XOVN_STEP_SWITCH  (-1)  /* in switch ctx->dp_key now, for eth.dst hop->dst_mac */
#define XOVN_STEP_NEIGH   (-3)  /* ARP, or ICMPv6 that may be ND, for the router */
#define XOVN_STEP_IP      (-4)  /* an IP packet to route */
#define XOVN_STEP_LOCAL   (-5)  /* to one of the router's own addresses */
#define XOVN_STEP_TTL     (-6)  /* TTL / hop limit ran out */
#define XOVN_STEP_MISS    (-7)  /* the next hop's MAC is unknown */
#define XOVN_STEP_REDIRECT (-8) /* out a gateway port active on another chassis */
#define XOVN_STEP_NAT_OUT (-9)  /* routed by a router with NAT here: source translation next */

struct xovn_router_hop {
	struct xovn_lsp_router_val router;  /* the router LSP's, from its fdb entry */
	__u16 lsp_key;           /* the router LSP of ctx->dp_key the frame is addressed to */
	__u8 dst_mac[ETH_ALEN];  /* after the hop: the frame's eth.dst */
};

/* Writes the Ethernet addresses of the frame; 0 or -1. */
static __always_inline int xovn_router_set_macs(struct __sk_buff *skb, const __u8 *dst,
						const __u8 *src)
{
	__u8 macs[2 * ETH_ALEN];

	__builtin_memcpy(macs, dst, ETH_ALEN);
	__builtin_memcpy(macs + ETH_ALEN, src, ETH_ALEN);
	return bpf_skb_store_bytes(skb, 0, macs, sizeof(macs), 0) < 0 ? -1 : 0;
}

/*
 * What the router answers itself goes back where the frame came from:
 * into the same switch, from the router's LSP, to the previous hop's MAC.
 */
static __always_inline int xovn_router_send_back(struct __sk_buff *skb, struct xovn_ctx *ctx,
						 struct xovn_router_hop *hop,
						 const struct ethhdr *eth, const __u8 *src_mac)
{
	if (xovn_router_set_macs(skb, eth->h_source, src_mac))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	__builtin_memcpy(hop->dst_mac, eth->h_source, ETH_ALEN);
	ctx->in_port = hop->lsp_key;
	return XOVN_STEP_SWITCH;
}

/* ---- enter ---------------------------------------------------------------- */

static __always_inline int xovn_router_enter(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     struct xovn_router_hop *hop,
					     struct xovn_router_scratch *s)
{
	const struct xovn_lsp_router_val *lr = &hop->router;
	__u16 proto;

	if (XOVN_COLD(!lr->rtr_key))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	s->out_fdb_dp = 0;
	s->in.rtr_key = lr->rtr_key;
	s->in.lrp_key = lr->lrp_key;
	s->in.flags = lr->flags;
	xovn_gateway_adopt(ctx);
	xovn_trace_hop_begin(ctx, lr->rtr_key, lr->lrp_key);
	if (XOVN_COLD(xovn_pkt_copy(skb, 0, &s->eth, sizeof(s->eth))))
		return xovn_drop(skb, ctx, XOVN_DROP_MALFORMED);
	xovn_router_note_first(ctx, s);
	proto = bpf_ntohs(s->eth.h_proto);
	if (XOVN_COLD(proto == ETH_P_ARP))
		return XOVN_STEP_NEIGH;
	if (XOVN_COLD(xovn_l3_load(skb, proto, &s->l3)))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
	if (s->l3.family == XOVN_AF_IPV6) {
		xovn_trace_hop_flag(ctx, XOVN_HOP_IPV6);
		if (s->l3.proto == IPPROTO_ICMPV6)
			return XOVN_STEP_NEIGH;
	}
	return XOVN_STEP_IP;
}

/* ARP, or ICMPv6: answered or learned, else (XOVN_NOT_ND) routed as IP. */
static __noinline int xovn_router_neigh_input(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (s->eth.h_proto == bpf_htons(ETH_P_ARP))
		return xovn_router_arp(skb, ctx, &s->in, &s->eth);
	return xovn_router_nd(skb, ctx, &s->in, &s->eth, &s->l3);
}

/* ---- decide --------------------------------------------------------------- */

/*
 * What a hop rewrites lies in the frame's first bytes: the MACs, then the
 * IPv6 hop limit (IP offset 7) or the IPv4 TTL and header checksum (IP
 * offsets 8 and 10-11).  They are read, changed on the stack and written
 * back with one helper call.  Not written in place: a direct packet write
 * anywhere in the program makes the verifier unclone every frame on entry,
 * also the switched ones (TCP's are clones).
 */
#define XOVN_ROUTER_HDR_LEN    (ETH_HLEN + 12)
#define XOVN_ROUTER_TTL4_OFF   (ETH_HLEN + 8)
#define XOVN_ROUTER_CSUM4_OFF  (ETH_HLEN + 10)
#define XOVN_ROUTER_HLIM6_OFF  (ETH_HLEN + 7)

/*
 * The IPv4 checksum after the TTL (the high byte of its 16-bit word) went
 * down by one: + 0x0100 in one's complement (RFC 1624), as the kernel's
 * ip_decrease_ttl; c is the checksum's two bytes in network order.
 */
static __always_inline void xovn_csum_ttl_dec(__u8 *c)
{
	__u32 sum = ((__u32)c[0] << 8 | c[1]) + 0x0100;

	sum += sum >= 0xffff;
	c[0] = (__u8)(sum >> 8);
	c[1] = (__u8)sum;
}

/* TTL / hop limit - 1 (with the IPv4 checksum) and the new Ethernet addresses. */
static __always_inline int xovn_router_rewrite(struct __sk_buff *skb, const struct xovn_l3 *l3,
					       const __u8 *src_mac, const __u8 *dst_mac)
{
	__u8 h[XOVN_ROUTER_HDR_LEN] __attribute__((aligned(8)));  /* word copies (pkt.h) */

	if (xovn_pkt_copy(skb, 0, h, sizeof(h)))
		return -1;
	__builtin_memcpy(h, dst_mac, ETH_ALEN);
	__builtin_memcpy(h + ETH_ALEN, src_mac, ETH_ALEN);
	if (l3->family == XOVN_AF_IPV4) {
		h[XOVN_ROUTER_TTL4_OFF]--;
		xovn_csum_ttl_dec(h + XOVN_ROUTER_CSUM4_OFF);
	} else {
		h[XOVN_ROUTER_HLIM6_OFF]--;
	}
	return bpf_skb_store_bytes(skb, 0, h, sizeof(h), 0) < 0 ? -1 : 0;
}

/* Out of a gateway port active elsewhere as a distributed floating IP of this chassis? */
static __always_inline int xovn_router_fip_here(struct xovn_router_scratch *s, __u16 out_lrp)
{
	return (s->in.flags & XOVN_LR_NAT) &&
	       xovn_nat_distributed_out(out_lrp, s->fip_mac, &s->fip_ip);
}

/* The out port's delivery data from the path: no port lookup on the way out. */
static __always_inline void xovn_router_out_of(struct xovn_router_scratch *s,
					       const struct xovn_route_path *p)
{
	__builtin_memcpy(s->out.mac, p->mac, ETH_ALEN);
	s->out.ls_dp_key = p->ls_dp_key;
	s->out.ls_port_key = p->ls_port_key;
	s->out_lrp = p->lrp_key;
	s->out_fip = 0;
	if (s->redirect_ip) {
		/* A distributed floating IP leaves here, from its own MAC and IP. */
		__builtin_memcpy(s->out.mac, s->fip_mac, ETH_ALEN);
		s->out_fip = 1;
		s->redirect_ip = 0;
	}
}

/* Along the picked route into the out port's switch (or XOVN_STEP_MISS). */
static __always_inline int xovn_router_forward(struct __sk_buff *skb, struct xovn_ctx *ctx,
					       struct xovn_router_hop *hop,
					       struct xovn_router_scratch *s,
					       struct xovn_route_pick *pick)
{
	const struct xovn_route_path *p;
	int reason;

	if (XOVN_COLD(xovn_route_pick_path(skb, pick)))
		return xovn_drop(skb, ctx, XOVN_DROP_NO_ROUTE);
	p = xovn_route_path_of(pick);
	xovn_trace_hop_route(ctx, pick, p);
	reason = xovn_redirect_route_out(s, p);
	if (XOVN_COLD(reason))
		return xovn_drop(skb, ctx, reason);
	if (XOVN_COLD(s->redirect_ip && !xovn_router_fip_here(s, p->lrp_key)))
		return XOVN_STEP_REDIRECT;
	if (XOVN_COLD(!p->ls_dp_key))
		return xovn_drop(skb, ctx, XOVN_DROP_NO_ROUTE);
	xovn_router_out_of(s, p);
	xovn_route_nexthop(p, &s->l3, s->nh);
	xovn_trace_hop_next(ctx, p->ls_dp_key, s->nh);
	ctx->dp_key = p->ls_dp_key;
	ctx->in_port = p->ls_port_key;
	switch (xovn_neigh_lookup(s->in.rtr_key, s->l3.family, s->nh, p->ls_dp_key, hop->dst_mac,
				  &s->out_fdb)) {
	case 1:
		s->out_fdb_dp = p->ls_dp_key;
		break;
	case 0:
		break;
	default:
		return XOVN_STEP_MISS;
	}
	if (XOVN_COLD(s->in.flags & XOVN_LR_NAT))
		return XOVN_STEP_NAT_OUT;
	if (XOVN_COLD(xovn_router_rewrite(skb, &s->l3, s->out.mac, hop->dst_mac)))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return XOVN_STEP_SWITCH;
}

static __always_inline int xovn_router_decide(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      struct xovn_router_hop *hop,
					      struct xovn_router_scratch *s)
{
	struct xovn_route_pick pick;

	if (XOVN_COLD(xovn_l3_dst_is_group(&s->l3)))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_UNHANDLED);
	if (XOVN_COLD(xovn_route_lookup(s->in.rtr_key, s->in.flags, &s->l3, &pick)))
		return xovn_drop(skb, ctx, XOVN_DROP_NO_ROUTE);
	if (XOVN_COLD(pick.rt->flags & XOVN_RT_LOCAL))
		return XOVN_STEP_LOCAL;
	if (XOVN_COLD(s->l3.ttl <= 1))
		return XOVN_STEP_TTL;
	if (XOVN_COLD(pick.rt->flags & XOVN_RT_DISCARD))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTE_DISCARD);
	return xovn_router_forward(skb, ctx, hop, s, &pick);
}

/* Source translation (nat.h), then the rewrite along the route forward() picked. */
static __noinline int xovn_router_nat_out(struct __sk_buff *skb, struct xovn_ctx *ctx,
					  struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	int rc;

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	rc = xovn_nat_egress(skb, ctx, s->out_lrp, s->out.mac);
	if (rc == XOVN_NAT_GO && xovn_router_rewrite(skb, &s->l3, s->out.mac, hop->dst_mac))
		rc = xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return rc == XOVN_NAT_GO ? XOVN_STEP_SWITCH : rc;
}

/* ---- what the router sends itself ----------------------------------------- */

/* To one of the router's own addresses: echo requests are answered, the rest dropped. */
static __noinline int xovn_router_local(struct __sk_buff *skb, struct xovn_ctx *ctx,
					struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	struct xovn_icmp_hdr icmp;
	int rc;

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	xovn_trace_hop_flag(ctx, XOVN_HOP_LOCAL);
	if (s->l3.family == XOVN_AF_IPV4) {
		if (!xovn_icmp4_is_echo(skb, &s->l3, &icmp))
			return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_LOCAL);
		rc = xovn_icmp4_echo_reply(skb, &s->l3);
	} else {
		if (!xovn_icmp6_is_echo(skb, &s->l3, &icmp))
			return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_LOCAL);
		rc = xovn_icmp6_echo_reply(skb, &s->l3);
	}
	if (rc)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return xovn_router_send_back(skb, ctx, hop, &s->eth, s->eth.h_dest);
}

/* TTL ran out: time exceeded from the port the packet came in by, back to its sender. */
static __noinline int xovn_router_ttl(struct __sk_buff *skb, struct xovn_ctx *ctx,
				      struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	struct xovn_rport_key rk = {};
	const struct xovn_rport_val *rp;
	__u32 len = skb->len;
	int rc = -1;

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	xovn_trace_hop_flag(ctx, XOVN_HOP_TTL);
	rk.rtr_key = s->in.rtr_key;
	rk.lrp_key = s->in.lrp_key;
	rp = xovn_lookup(&xovn_rports, &rk);
	if (!rp || xovn_icmp_is_error(skb, &s->l3))
		return xovn_drop(skb, ctx, XOVN_DROP_TTL_EXCEEDED);
	if (s->l3.family == XOVN_AF_IPV4 && rp->ip4)
		rc = xovn_icmp4_time_exceeded(skb, &s->l3, rp->ip4);
	else if (s->l3.family == XOVN_AF_IPV6 && !xovn_ip_is_zero(rp->ip6))
		rc = xovn_icmp6_time_exceeded(skb, &s->l3, rp->ip6);
	if (rc)
		return xovn_drop(skb, ctx, XOVN_DROP_TTL_EXCEEDED);
	xovn_router_count_replaced(ctx, XOVN_DROP_TTL_EXCEEDED, len);
	return xovn_router_send_back(skb, ctx, hop, &s->eth, rp->mac);
}

/*
 * Next hop unknown: the frame becomes an ARP request / NS for it from the
 * out port (its addresses from xovn_rports: a miss is rare, the route path
 * does not carry them).
 */
static __noinline int xovn_router_solicit(struct __sk_buff *skb, struct xovn_ctx *ctx,
					  struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	struct xovn_rport_key rk = {};
	const struct xovn_rport_val *rp;
	struct in6_addr group;
	__u32 len = skb->len;
	__u32 ip4;
	int rc = -1;

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	xovn_trace_hop_flag(ctx, XOVN_HOP_NEIGH_MISS);
	rk.rtr_key = s->in.rtr_key;
	rk.lrp_key = s->out_lrp;
	rp = xovn_lookup(&xovn_rports, &rk);
	if (!rp)
		return xovn_drop(skb, ctx, XOVN_DROP_NO_NEIGH);
	ip4 = s->out_fip ? s->fip_ip : rp->ip4;
	if (s->l3.family == XOVN_AF_IPV4 && ip4) {
		rc = xovn_arp_write_request(skb, s->out.mac, ip4, s->nh);
		__builtin_memset(hop->dst_mac, 0xff, ETH_ALEN);
	} else if (s->l3.family == XOVN_AF_IPV6 && !xovn_ip_is_zero(rp->ip6)) {
		rc = xovn_nd_write_ns(skb, s->out.mac, rp->ip6, s->nh);
		xovn_solicited_node(s->nh, &group, hop->dst_mac);
	}
	if (rc)
		return xovn_drop(skb, ctx, XOVN_DROP_NO_NEIGH);
	xovn_router_count_replaced(ctx, XOVN_DROP_NO_NEIGH, len);
	return XOVN_STEP_SWITCH;
}

/* ---- one hop ---------------------------------------------------------------- */

/*
 * Into the router and, on the common path, its routing decision in the
 * same call: enter, then decide.  ARP / ICMPv6 for the router
 * (XOVN_STEP_NEIGH) and a router with NAT here (XOVN_STEP_IP: the NAT
 * stage's ingress half first) go back to xovn_router_pass, which calls
 * those steps and xovn_router_decide_step: nested here, their frames would
 * not fit the BPF stack.
 */
static __noinline int xovn_router_route(struct __sk_buff *skb, struct xovn_ctx *ctx,
					struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	int rc;

	if (XOVN_COLD(!s))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	rc = xovn_router_enter(skb, ctx, hop, s);
	if (XOVN_COLD(rc != XOVN_STEP_IP || (s->in.flags & XOVN_LR_NAT)))
		return rc;
	return xovn_router_decide(skb, ctx, hop, s);
}

/* The routing decision after ARP / ND or the NAT stage's ingress half. */
static __noinline int xovn_router_decide_step(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      struct xovn_router_hop *hop)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return xovn_router_decide(skb, ctx, hop, s);
}

/* The NAT stage's ingress half (nat.h), for a router with XOVN_LR_NAT here. */
static __always_inline int xovn_router_nat_ingress(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (!(s->in.flags & XOVN_LR_NAT))
		return XOVN_NAT_GO;
	return xovn_nat_ingress(skb, ctx, &s->l3, s->in.rtr_key);
}

/*
 * The frame addressed to router LSP hop->lsp_key of switch ctx->dp_key
 * through that router: XOVN_STEP_SWITCH when it goes on in switch
 * ctx->dp_key to hop->dst_mac, else the TC verdict.
 */
static __always_inline int xovn_router_pass(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    struct xovn_router_hop *hop)
{
	int rc = xovn_router_route(skb, ctx, hop);

	if (rc == XOVN_STEP_NEIGH) {
		rc = xovn_router_neigh_input(skb, ctx);
		if (rc != XOVN_NOT_ND)
			return rc;
		rc = XOVN_STEP_IP;
	}
	if (rc == XOVN_STEP_IP) {
		rc = xovn_router_nat_ingress(skb, ctx);
		if (rc != XOVN_NAT_GO)
			return rc;
		rc = xovn_router_decide_step(skb, ctx, hop);
	}
	if (rc == XOVN_STEP_REDIRECT) {
		rc = xovn_redirect_send(skb, ctx);
		return rc == XOVN_TUNNEL_TOO_BIG ? xovn_redirect_too_big(skb, ctx) : rc;
	}
	if (rc == XOVN_STEP_LOCAL)
		return xovn_router_local(skb, ctx, hop);
	if (rc == XOVN_STEP_TTL)
		return xovn_router_ttl(skb, ctx, hop);
	if (rc == XOVN_STEP_MISS)
		return xovn_router_solicit(skb, ctx, hop);
	if (rc == XOVN_STEP_NAT_OUT)
		return xovn_router_nat_out(skb, ctx, hop);
	return rc;
}

/*
 * The L2 lookup of dst in switch ctx->dp_key after a hop: the fdb value
 * the next hop's neighbour entry carried when the hop resolved dst there
 * (router_forward), else the lookup's, copied to the same place.  One
 * place for both keeps the verifier's states after a hop of one kind.
 */
static __always_inline const struct xovn_fdb_val *xovn_router_next_fdb(const struct xovn_ctx *ctx,
								      const __u8 *dst)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	const struct xovn_fdb_val *f;

	if (!s)
		return NULL;
	if (!s->out_fdb_dp || s->out_fdb_dp != ctx->dp_key) {
		f = xovn_fdb_lookup(ctx->dp_key, dst);
		if (!f)
			return NULL;
		__builtin_memcpy(&s->out_fdb, f, sizeof(*f));
	}
	return &s->out_fdb;
}

/* Is the L2 lookup's result a router this frame may enter? */
static __always_inline int xovn_router_entry(const struct xovn_ctx *ctx,
					     const struct xovn_fdb_val *fdb)
{
	return fdb && fdb->port.port_type == XOVN_PT_ROUTER && fdb->port_key &&
	       fdb->port_key != ctx->in_port && xovn_router_resident(ctx, fdb->port.flags);
}

#endif /* XOVN_BPF_ROUTER_H */
