/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * responder.h - answering ARP requests and neighbour solicitations for
 * known addresses on the ingress chassis, instead of flooding them.
 *
 * Only a broadcast ARP request, or an NS sent to the target's
 * solicited-node group, is answered; the reply goes back out the interface
 * the request came in on, to the requester only, with the requester's own
 * VLAN tag (container port, tagged provider network).  Which addresses are
 * answered at all is the compiler's decision (xovn_arp_resp, xovn_nd_resp).
 */
#ifndef XOVN_BPF_RESPONDER_H
#define XOVN_BPF_RESPONDER_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "arp.h"
#include "context.h"
#include "eth.h"
#include "external.h"
#include "maps.h"
#include "nd.h"
#include "stats.h"
#include "trace.h"
#include "vlan.h"

/* Returned when the frame is not answered here: switch it as usual. */
#define XOVN_NOT_ANSWERED (-1)

enum xovn_resp_verdict {
	XOVN_RESP_SKIP = 0,    /* let the request flood */
	XOVN_RESP_ANSWER = 1,
	XOVN_RESP_DROP = 2,    /* an external port's request on a non-holder */
};

static __always_inline int xovn_mac_is_broadcast(const __u8 *mac)
{
	return (mac[0] & mac[1] & mac[2] & mac[3] & mac[4] & mac[5]) == 0xff;
}

static __always_inline int xovn_resp_is_localport(__u32 dp_key, __u16 port_key)
{
	struct xovn_port_key pk = { .dp_key = dp_key, .port_key = port_key };
	struct xovn_port_val *pv = bpf_map_lookup_elem(&xovn_ports, &pk);

	return pv && pv->port_type == XOVN_PT_LOCALPORT;
}

/*
 * Every chassis on a physical network sees a request from it.  Only the
 * chassis where the target lives answers.  A router address or the
 * localport (present on every chassis) is answered only to an external
 * port, and only by the chassis holding it; the others drop the request,
 * so it is answered exactly once.
 */
static __always_inline int xovn_resp_decide(const struct xovn_ctx *ctx,
					    const struct xovn_resp_val *rv, const __u8 *src)
{
	int is_ext, held;

	if (!rv)
		return XOVN_RESP_SKIP; /* no answer known here */
	if (rv->port_key == ctx->in_port)
		return XOVN_RESP_SKIP; /* the owner asking about itself */
	if (ctx->origin != XOVN_ORIGIN_LOCALNET || (rv->flags & XOVN_RESP_RESIDENT))
		return XOVN_RESP_ANSWER;
	if (!(rv->flags & XOVN_RESP_ROUTER) && !xovn_resp_is_localport(ctx->dp_key, rv->port_key))
		return XOVN_RESP_SKIP;
	held = xovn_external_src_held(ctx->dp_key, src, &is_ext);
	if (!is_ext)
		return XOVN_RESP_SKIP;
	return held ? XOVN_RESP_ANSWER : XOVN_RESP_DROP;
}

/*
 * Sends a reply written over the request back out the port the request
 * came in on, with its own tag; action names it in a trace, and count_tx
 * counts it as sent to that port.
 */
static __always_inline int xovn_send_back(struct __sk_buff *skb, struct xovn_ctx *ctx, __u8 action,
					  int count_tx)
{
	__u32 ifindex = skb->ingress_ifindex;

	xovn_trace_action(ctx, action, ctx->in_port);
	xovn_trace_out(ctx, XOVN_OUT_LOCAL, ifindex, 0, ctx->in_port, ctx->in_vid);
	if (ctx->trace)
		return TC_ACT_REDIRECT;
	if (xovn_vlan_push(skb, ctx->in_vid))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (count_tx)
		xovn_stats_tx(skb, ctx, ctx->in_port, ctx->in_slot);
	return bpf_redirect(ifindex, 0);
}

/* A request not answered: switched on (skip), or dropped on a non-holder. */
static __always_inline int xovn_resp_refuse(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    int decision)
{
	if (decision == XOVN_RESP_DROP)
		return xovn_drop(skb, ctx, XOVN_DROP_EXTERNAL_NOT_HELD);
	return XOVN_NOT_ANSWERED;
}

/* The answer written over the request (write_rc 0) goes back where it came from. */
static __always_inline int xovn_resp_finish(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    int decision, int write_rc)
{
	if (decision != XOVN_RESP_ANSWER)
		return xovn_resp_refuse(skb, ctx, decision);
	if (write_rc < 0)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return xovn_send_back(skb, ctx, XOVN_ACT_ARP_REPLY, 0);
}

static __always_inline int xovn_arp_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    const struct xovn_eth *eth)
{
	struct xovn_arp_resp_key key = { .dp_key = ctx->dp_key };
	struct xovn_resp_val *rv;
	struct xovn_arp arp;
	int decision;

	if (!xovn_mac_is_broadcast(eth->dst) || xovn_arp_load(skb, &arp) != XOVN_ARP_OK ||
	    arp.op != bpf_htons(XOVN_ARP_REQUEST))
		return XOVN_NOT_ANSWERED;
	key.ip = xovn_arp_ip(arp.tpa);
	/* A host announcing or probing its own address must be heard by all. */
	if (key.ip == xovn_arp_ip(arp.spa))
		return XOVN_NOT_ANSWERED;
	rv = bpf_map_lookup_elem(&xovn_arp_resp, &key);
	decision = xovn_resp_decide(ctx, rv, eth->src);
	if (decision != XOVN_RESP_ANSWER || !rv)
		return xovn_resp_refuse(skb, ctx, decision);
	return xovn_resp_finish(skb, ctx, decision,
				xovn_arp_write_reply(skb, &arp, eth->src, rv->mac));
}

/* A well-formed NS to the target's solicited-node group, from a real address. */
static __always_inline int xovn_ns_load(struct __sk_buff *skb, struct ipv6hdr *ip6,
					struct xovn_nd *ns)
{
	struct xovn_l4 l4;

	if (bpf_skb_load_bytes(skb, ETH_HLEN, ip6, sizeof(*ip6)) < 0 ||
	    ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255 ||
	    xovn_ip6_l4(skb, ip6, &l4) < 0 ||
	    bpf_skb_load_bytes(skb, l4.off, ns, sizeof(*ns)) < 0)
		return -1;
	if (ns->type != XOVN_ICMP6_NS || ns->code != 0)
		return -1;
	/* Duplicate address detection (from ::) is for the owner to see. */
	if (xovn_ip6_is_unspecified(&ip6->saddr))
		return -1;
	return xovn_ip6_is_solicited_node(&ip6->daddr, ns->target) ? 0 : -1;
}

static __always_inline int xovn_nd_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					   const struct xovn_eth *eth)
{
	struct xovn_nd_resp_key key = { .dp_key = ctx->dp_key };
	struct xovn_resp_val *rv;
	struct ipv6hdr ip6;
	struct xovn_nd ns;
	__u32 flags;
	int decision;

	if (!xovn_mac_is_group(eth->dst) || xovn_ns_load(skb, &ip6, &ns) < 0)
		return XOVN_NOT_ANSWERED;
	if (xovn_ip6_equal(ip6.saddr.in6_u.u6_addr8, ns.target))
		return XOVN_NOT_ANSWERED;
	__builtin_memcpy(key.ip, ns.target, 16);
	rv = bpf_map_lookup_elem(&xovn_nd_resp, &key);
	decision = xovn_resp_decide(ctx, rv, eth->src);
	if (decision != XOVN_RESP_ANSWER || !rv)
		return xovn_resp_refuse(skb, ctx, decision);
	flags = XOVN_NA_SOLICITED | XOVN_NA_OVERRIDE;
	if (rv->flags & XOVN_RESP_ROUTER)
		flags |= XOVN_NA_ROUTER;
	return xovn_resp_finish(skb, ctx, decision,
				xovn_nd_write_na(skb, eth->src, &ip6.saddr, rv->mac, ns.target, flags));
}

/*
 * Answers the frame if it is a request this chassis answers: returns the TC
 * verdict then, or XOVN_NOT_ANSWERED to go on switching it.
 */
static __always_inline int xovn_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					const struct xovn_eth *eth)
{
	if (eth->proto == ETH_P_ARP)
		return xovn_arp_respond(skb, ctx, eth);
	if (eth->proto == ETH_P_IPV6)
		return xovn_nd_respond(skb, ctx, eth);
	return XOVN_NOT_ANSWERED;
}

#endif /* XOVN_BPF_RESPONDER_H */
