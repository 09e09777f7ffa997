// SPDX-License-Identifier: GPL-2.0-only
/*
 * xovn.bpf.c - the entry points of the xovn datapath.
 *
 * One object holds every program so they share one set of maps:
 *   xovn_vif_ingress       TC ingress of VIFs, localnet bridges, l2gateway NICs
 *   xovn_underlay_ingress  TC ingress of the underlay: Geneve decapsulation
 *   xovn_underlay_xdp      XDP on the underlay (opt-in): drops the Geneve
 *                          that xovn_underlay_ingress would drop, earlier
 * and their trace twins, which run the same pipeline in trace mode (decide
 * and record in xovn_trace, never transmit or count) for `xovnctl trace`
 * and the packet tests.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "lib/pipeline_vif.h"
#include "lib/pipeline_underlay.h"
#include "lib/underlay_guard.h"

SEC("tc")
int xovn_vif_ingress(struct __sk_buff *skb)
{
	return xovn_vif_pipeline(skb, 0);
}

SEC("tc")
int xovn_vif_trace(struct __sk_buff *skb)
{
	return xovn_vif_pipeline(skb, 1);
}

SEC("tc")
int xovn_underlay_ingress(struct __sk_buff *skb)
{
	return xovn_underlay_pipeline(skb, 0);
}

SEC("tc")
int xovn_underlay_trace(struct __sk_buff *skb)
{
	return xovn_underlay_pipeline(skb, 1);
}

SEC("xdp")
int xovn_underlay_xdp(struct xdp_md *ctx)
{
	return xovn_underlay_guard(ctx);
}

char LICENSE[] SEC("license") = "GPL";
