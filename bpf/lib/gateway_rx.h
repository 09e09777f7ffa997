/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gateway_rx.h - decapsulated frames that a router resident here takes:
 *
 *   to a gateway router's port (VNI = the port's switch, egress key = its
 *   router LSP, ROUTER_EDGE here): the L2 lookup in that switch enters the
 *   router, as for a frame from a local port;
 *   redirected out of a distributed gateway port (VNI = a router's key,
 *   egress key = the gateway port, active here: xovn_gw_ports): routed on
 *   the other chassis already, so it enters the port's switch from the
 *   port's peer LSP.
 */
#ifndef XOVN_BPF_GATEWAY_RX_H
#define XOVN_BPF_GATEWAY_RX_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "eth.h"
#include "gateway.h"
#include "l2_switch.h"

/* The decapsulated frame into the L2 lookup of switch ctx->dp_key. */
static __always_inline int xovn_gateway_switch(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	struct xovn_eth eth;

	if (xovn_eth_load(skb, &eth))
		return xovn_drop(skb, ctx, XOVN_DROP_MALFORMED);
	return xovn_l2_switch(skb, ctx, &eth);
}

/*
 * The active gateway chassis' half of a redirect: the frame leaves the
 * router by gateway port lrp_key of rtr_key into its switch, as the
 * chassis that routed it would have sent it had the port been there.  The
 * port's egress stage (NAT) belongs here, before the switch.
 */
static __always_inline int xovn_redirect_receive(struct __sk_buff *skb, struct xovn_ctx *ctx,
						 __u32 rtr_key, __u16 lrp_key)
{
	const struct xovn_gw_port_val *gw = xovn_gw_port_here(rtr_key, lrp_key);

	if (!gw)
		return xovn_drop(skb, ctx, XOVN_DROP_GENEVE_PORT);
	xovn_gateway_adopt(ctx);
	ctx->in_type = XOVN_PT_ROUTER;
	ctx->dp_key = gw->ls_dp_key;
	ctx->in_port = gw->ls_port_key;
	return xovn_gateway_switch(skb, ctx);
}

#endif /* XOVN_BPF_GATEWAY_RX_H */
