/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * l2_switch.h - the L2 lookup and what follows it, for a frame in a switch:
 * a port, a flood, or a router resident here (router.h) and then the
 * switch that router leaves it in.  Frames from local ports come here from
 * the VIF pipeline; frames from tunnels for a router resident here, and
 * frames redirected to this gateway chassis, from the underlay
 * (gateway_rx.h).
 */
#ifndef XOVN_BPF_L2_SWITCH_H
#define XOVN_BPF_L2_SWITCH_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "deliver.h"
#include "eth.h"
#include "flood.h"
#include "l2.h"
#include "router.h"

/*
 * A frame for a router port goes through that router (and any router it
 * reaches next, at most max_hops) and then on in the switch it
 * ends in, to the destination MAC the last router gave it: the output
 * below is the same for switched and routed frames.
 */
static __always_inline int xovn_l2_switch(struct __sk_buff *skb, struct xovn_ctx *ctx,
					  const struct xovn_eth *eth, int max_hops)
{
	const struct xovn_fdb_val *fdb = NULL;
	struct xovn_router_hop hop;
	const __u8 *dst = hop.dst_mac;
	int i, rc;

	/* One buffer for the destination, routed or not: one verifier state after the loop. */
	__builtin_memcpy(hop.dst_mac, eth->dst, ETH_ALEN);
	if (!xovn_mac_is_group(dst))
		fdb = xovn_fdb_lookup(ctx->dp_key, dst);
	for (i = 0; i < max_hops && xovn_router_entry(ctx, fdb); i++) {
		hop.lsp_key = fdb->port_key;
		hop.router = fdb->router;
		rc = xovn_router_pass(skb, ctx, &hop);
		if (rc != XOVN_STEP_SWITCH)
			return rc;
		fdb = xovn_mac_is_group(dst) ? NULL : xovn_router_next_fdb(ctx, dst);
	}
	if (xovn_router_entry(ctx, fdb))
		return xovn_drop(skb, ctx, XOVN_DROP_ROUTER_HOPS);
	if (xovn_mac_is_group(dst))
		return xovn_flood(skb, ctx, XOVN_MC_FLOOD);
	if (!fdb || !fdb->port_key)
		return xovn_flood(skb, ctx, XOVN_MC_UNKNOWN);
	if (fdb->port_key == ctx->in_port)
		return xovn_drop(skb, ctx, XOVN_DROP_HAIRPIN);
	return xovn_output_port(skb, ctx, fdb->port_key, &fdb->port);
}

#endif /* XOVN_BPF_L2_SWITCH_H */
