/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * pipeline_underlay.h - frames arriving on the underlay interface.
 *
 *   classify: IPv4/UDP to our encap IP, port 6081?  no -> pass to the host
 *             BFD between chassis inside Geneve (bfd.h) -> pass to xovnd
 *   validate: Geneve header, options, OVN option, VNI, egress key
 *   decap:    strip outer Ethernet/IPv4/UDP/Geneve, keep the inner frame
 *   output:   unicast -> xovn_output_port, group -> xovn_flood_group,
 *             both with origin TUNNEL (local ports only, never re-tunneled);
 *             a gateway router's port or a redirect to a gateway port
 *             active here -> the router's side (gateway_rx.h)
 *
 * Classification and validation are geneve_rx.h's, shared with the XDP
 * guard.  Everything that is not Geneve for this chassis (ARP, ssh, other
 * UDP, fragments) is the host's and is passed untouched.  Geneve for us that
 * is malformed, or names a switch or port we do not have, is dropped and
 * counted by reason before any byte of it is changed.
 */
#ifndef XOVN_BPF_PIPELINE_UNDERLAY_H
#define XOVN_BPF_PIPELINE_UNDERLAY_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bfd.h"
#include "context.h"
#include "deliver.h"
#include "flood.h"
#include "gateway_rx.h"
#include "geneve.h"
#include "geneve_rx.h"
#include "maps.h"
#include "trace.h"
#include "tunnel.h"

/*
 * Removes everything in front of the inner frame: the inner Ethernet
 * header is saved, the outer IPv4..inner Ethernet bytes are cut right
 * after the outer Ethernet header, and the saved header overwrites the
 * outer one in place.  0 or -1.
 *
 * skb->protocol still names the outer IPv4 afterwards, which is right for
 * an inner IPv4 frame; for an inner IPv6 one the DECAP_L3_IPV6 flag makes
 * the kernel switch it.  *proto_ok says whether it now names the inner
 * frame, so that delivery can hand the skb straight to a veth peer
 * (deliver.h) without reading the header again.  A kernel without the
 * flag (before 6.3) refuses it: then the cut is made without it and the
 * frame takes the ordinary egress path, which sets the protocol itself.
 */
static __always_inline int xovn_geneve_decap(struct __sk_buff *skb, const struct xovn_geneve_rx *rx,
					     __u8 *proto_ok)
{
	struct ethhdr inner;
	__s32 cut = rx->inner_off;   /* (inner_off + ETH_HLEN) - ETH_HLEN */
	__u64 flags = 0;

	if (xovn_pkt_copy(skb, rx->inner_off, &inner, sizeof(inner)))
		return -1;
	*proto_ok = inner.h_proto == bpf_htons(ETH_P_IP);
	if (inner.h_proto == bpf_htons(ETH_P_IPV6))
		flags = XOVN_ADJ_ROOM_DECAP_L3_IPV6;
	if (!bpf_skb_adjust_room(skb, -cut, BPF_ADJ_ROOM_MAC, flags))
		*proto_ok |= flags != 0;
	else if (!flags || bpf_skb_adjust_room(skb, -cut, BPF_ADJ_ROOM_MAC, 0))
		return -1;
	return xovn_pkt_store_front(skb, &inner, sizeof(inner));
}

static __always_inline int xovn_underlay_pass(struct xovn_ctx *ctx)
{
	xovn_trace_action(ctx, XOVN_ACT_PASS, 0);
	return TC_ACT_OK;
}

/* xovn_underlay_rx's "into a router resident here": ctx is set for its switch. */
#define XOVN_UNDERLAY_TO_ROUTER (-20)

/*
 * Everything before a router: a TC verdict, or XOVN_UNDERLAY_TO_ROUTER.
 * Not inlined, so that its stack frame is gone when the router pipeline's
 * begins: that one is a global function (gateway_rx.h), and the two frames
 * would not fit in the BPF stack together.
 */
static __noinline int xovn_underlay_rx(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	const struct xovn_config *cfg = xovn_config_get();
	const struct xovn_port_val *target;
	struct xovn_pkt pkt = xovn_pkt_of_skb(skb);
	struct xovn_geneve_rx rx = {};
	int off, reason;

	xovn_trace_begin(ctx);
	off = xovn_geneve_classify(&pkt, cfg ? cfg->encap_ip : 0);
	if (off == XOVN_NOT_GENEVE || xovn_geneve_is_bfd(&pkt, off))
		return xovn_underlay_pass(ctx);
	rx.gnv_off = off;
	reason = xovn_geneve_rx_validate(&pkt, &rx);
	if (reason)
		return xovn_drop(skb, ctx, reason);

	ctx->origin = XOVN_ORIGIN_TUNNEL;
	ctx->dp_key = rx.vni;
	ctx->in_port = rx.keys.in_port;
	/* The sender switched the frame already; its ingress type no longer matters. */
	ctx->in_type = XOVN_PT_VIF;
	xovn_trace_ingress(ctx);

	reason = xovn_geneve_rx_lookup(&rx, &target);
	if (reason)
		return xovn_drop(skb, ctx, reason);
	if (xovn_geneve_decap(skb, &rx, &ctx->proto_ok))
		return xovn_drop(skb, ctx, XOVN_DROP_ENCAP_FAILED);
	if (rx.redirect) {
		reason = xovn_redirect_enter(ctx, rx.vni, rx.keys.in_port, rx.keys.out_key);
		if (reason)
			return xovn_drop(skb, ctx, reason);
		return XOVN_UNDERLAY_TO_ROUTER;
	}
	if (rx.keys.out_key > XOVN_PORT_KEY_MAX)
		return xovn_flood_group(skb, ctx, rx.keys.out_key);
	if (target && target->port_type == XOVN_PT_ROUTER)
		return XOVN_UNDERLAY_TO_ROUTER;
	return xovn_output_port(skb, ctx, rx.keys.out_key, target);
}

static __always_inline int xovn_underlay_pipeline(struct __sk_buff *skb, int trace)
{
	struct xovn_ctx ctx = { .trace = trace };
	int rc = xovn_underlay_rx(skb, &ctx);

	if (rc != XOVN_UNDERLAY_TO_ROUTER)
		return rc;
	return trace ? xovn_gateway_enter_trace(skb, &ctx) : xovn_gateway_enter_live(skb, &ctx);
}

#endif /* XOVN_BPF_PIPELINE_UNDERLAY_H */
