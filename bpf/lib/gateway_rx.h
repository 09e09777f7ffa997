/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gateway_rx.h - decapsulated frames that a router resident here takes:
 *
 *   to a gateway router's port (VNI = the port's switch, egress key = its
 *   router LSP, ROUTER_EDGE here): the L2 lookup in that switch enters the
 *   router, as for a frame from a local port;
 *   redirected to a distributed gateway port (VNI = a router's key,
 *   ingress key = the port it entered that router by, egress key = the
 *   gateway port, active here: xovn_gw_ports): it enters the router again
 *   here, from the switch of the port it entered by, and is routed here.
 */
#ifndef XOVN_BPF_GATEWAY_RX_H
#define XOVN_BPF_GATEWAY_RX_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "eth.h"
#include "gateway.h"
#include "l2_switch.h"

/*
 * The decapsulated frame into the L2 lookup of switch ctx->dp_key.  A frame
 * from a tunnel enters at most two routers here (a gateway router, then the
 * distributed router behind its join switch): the bound keeps the underlay
 * program within the verifier's budget.
 */
#define XOVN_MAX_ROUTER_HOPS_RX 2

static __always_inline int xovn_gateway_switch(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	struct xovn_eth eth;

	if (xovn_eth_load(skb, &eth))
		return xovn_drop(skb, ctx, XOVN_DROP_MALFORMED);
	return xovn_l2_switch(skb, ctx, &eth, XOVN_MAX_ROUTER_HOPS_RX);
}

/*
 * A frame from the underlay enters a router resident here: the same switch
 * and router pipeline as from a local port, behind a global function,
 * which the verifier checks once, from a state of its own.  Inlined, it
 * was checked again for every state the Geneve checks reach it in: the
 * underlay program took 906k of the 1M processed instructions allowed,
 * 180k so.  The context is copied in (every field of struct xovn_ctx but
 * tr) and the trace record looked up again, as no pointer crosses a global
 * function's arguments; one function per mode, so each program checks
 * only its own.
 */
static __always_inline int xovn_gateway_enter(struct __sk_buff *skb, const struct xovn_ctx *in,
					      int trace)
{
	struct xovn_ctx ctx = { .trace = trace };
	__u32 zero = 0;

	if (!skb || !in)
		return TC_ACT_SHOT;
	ctx.dp_key = in->dp_key;
	ctx.in_port = in->in_port;
	ctx.in_vid = in->in_vid;
	ctx.in_type = in->in_type;
	ctx.origin = in->origin;
	ctx.in_flags = in->in_flags;
	ctx.in_slot = in->in_slot;
	ctx.proto_ok = in->proto_ok;
	ctx.routed = in->routed;
	if (trace)
		ctx.tr = bpf_map_lookup_elem(&xovn_trace, &zero);
	return xovn_gateway_switch(skb, &ctx);
}

__attribute__((noinline)) int xovn_gateway_enter_live(struct __sk_buff *skb,
						      const struct xovn_ctx *in)
{
	return xovn_gateway_enter(skb, in, 0);
}

__attribute__((noinline)) int xovn_gateway_enter_trace(struct __sk_buff *skb,
						       const struct xovn_ctx *in)
{
	return xovn_gateway_enter(skb, in, 1);
}

/*
 * The active gateway chassis' half of a redirect: the frame left the other
 * chassis as it entered router rtr_key by port in_lrp; it goes through the
 * L2 lookup of that port's switch again (xovn_gateway_switch), which enters
 * the router here.  0, or the drop reason.
 */
static __always_inline int xovn_redirect_enter(struct xovn_ctx *ctx, __u32 rtr_key, __u16 in_lrp,
					       __u16 gw_lrp)
{
	struct xovn_rport_key k = { .rtr_key = rtr_key, .lrp_key = in_lrp };
	const struct xovn_rport_val *in;

	if (!xovn_gw_port_here(rtr_key, gw_lrp))
		return XOVN_DROP_GENEVE_PORT;
	in = bpf_map_lookup_elem(&xovn_rports, &k);
	if (!in)
		return XOVN_DROP_GENEVE_PORT;
	xovn_gateway_adopt(ctx);
	ctx->in_type = XOVN_PT_ROUTER;
	ctx->dp_key = in->ls_dp_key;
	ctx->in_port = 0;  /* from no port of that switch: the router's LSP may be entered */
	return 0;
}

#endif /* XOVN_BPF_GATEWAY_RX_H */
