/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * pipeline_vif.h - frames from local interfaces: VIFs, container parents,
 * localports, localnet bridges and l2gateway NICs.
 *
 *   parse -> ingress port -> admission -> [port security, ARP responder]
 *         -> L2 lookup -> unicast egress (deliver.h) or flood (flood.h)
 *                         or a router port: routed (router.h)
 */
#ifndef XOVN_BPF_PIPELINE_VIF_H
#define XOVN_BPF_PIPELINE_VIF_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "deliver.h"
#include "dhcp.h"
#include "dhcp6.h"
#include "eth.h"
#include "flood.h"
#include "l2_switch.h"
#include "maps.h"
#include "port_security.h"
#include "ra.h"
#include "responder.h"
#include "stats.h"
#include "trace.h"
#include "vlan.h"

/*
 * The port an (interface, outer VID) belongs to.  An untagged frame on an
 * interface the array covers finds it there (an inlined bounds check and
 * address computation, no hash): the array holds every such entry, so an
 * empty slot means no port.  Tagged frames and larger ifindexes take the
 * hash.
 */
static __always_inline const struct xovn_ingress_val *
xovn_ingress_lookup(__u32 ifindex, const struct xovn_eth *eth)
{
	struct xovn_ingress_key key = { .ifindex = ifindex, .vid = eth->vid };
	const struct xovn_ingress_val *in;

	if (eth->tagged || ifindex >= XOVN_MAX_INGRESS_IFINDEX)
		return xovn_lookup(&xovn_ingress, &key);
	in = xovn_lookup(&xovn_ingress_idx, &ifindex);
	return in && in->dp_key ? in : NULL;
}

/*
 * Maps (interface, outer VID) to the logical port and removes the tag:
 * tags are local to the port they name and never travel further.
 * 0 or a drop reason.
 */
static __always_inline int xovn_vif_ingress_port(struct __sk_buff *skb, struct xovn_ctx *ctx,
						 const struct xovn_eth *eth)
{
	const struct xovn_ingress_val *in = xovn_ingress_lookup(skb->ingress_ifindex, eth);

	if (!in)
		return eth->tagged ? XOVN_DROP_VLAN_NOT_ALLOWED : XOVN_DROP_NO_PORT;
	/* A priority tag (VID 0) is a tag: only an untagged localnet takes it. */
	if (eth->tagged && !eth->vid && !(in->flags & XOVN_IN_ACCEPT_PRIO_TAG))
		return XOVN_DROP_VLAN_NOT_ALLOWED;
	ctx->dp_key = in->dp_key;
	ctx->in_port = in->port_key;
	ctx->in_type = in->port_type;
	ctx->in_flags = in->flags;
	ctx->in_dp_key = in->dp_key;
	ctx->in_slot = in->slot;
	ctx->in_vid = eth->vid;
	ctx->origin = in->port_type == XOVN_PT_LOCALNET ? XOVN_ORIGIN_LOCALNET
							: XOVN_ORIGIN_LOCAL;
	if (eth->tagged && xovn_vlan_pop(skb))
		return XOVN_DROP_MALFORMED;
	return 0;
}

static __always_inline int xovn_vif_pipeline(struct __sk_buff *skb, int trace)
{
	struct xovn_ctx ctx = { .trace = trace };
	struct xovn_eth eth;
	int reason;

	xovn_trace_begin(&ctx);
	reason = xovn_eth_load(skb, &eth);
	if (!reason)
		reason = xovn_vlan_parse(skb, &eth);
	if (reason)
		return xovn_drop(skb, &ctx, reason);
	reason = xovn_vif_ingress_port(skb, &ctx, &eth);
	if (reason)
		return xovn_drop(skb, &ctx, reason);
	xovn_trace_ingress(&ctx);
	xovn_stats_rx(skb, &ctx);

	if (xovn_mac_is_group(eth.src))
		return xovn_drop(skb, &ctx, XOVN_DROP_SRC_MULTICAST);

	/*
	 * Port security (eth.src / IP source of the ingress port) and the
	 * ARP/ND responder are applied here, between admission and the L2
	 * lookup, so neither a spoofed frame nor an answered request floods.
	 */
	reason = xovn_psec_ingress(skb, &ctx, &eth);
	if (reason)
		return xovn_drop(skb, &ctx, reason);
	reason = xovn_respond(skb, &ctx, &eth);
	if (reason != XOVN_NOT_ANSWERED)
		return reason;
	reason = xovn_dhcp_respond(skb, &ctx, &eth);
	if (reason != XOVN_NOT_ANSWERED)
		return reason;
	reason = xovn_dhcp6_respond(skb, &ctx, &eth);
	if (reason != XOVN_NOT_ANSWERED)
		return reason;
	reason = xovn_ra_respond(skb, &ctx, &eth);
	if (reason != XOVN_NOT_ANSWERED)
		return reason;

	return xovn_l2_switch(skb, &ctx, &eth, XOVN_MAX_ROUTER_HOPS);
}

#endif /* XOVN_BPF_PIPELINE_VIF_H */
