/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * tunnel.h - sending frames to other chassis over Geneve.
 *
 * Interim version: encapsulation is not written yet, so every frame that
 * needs a tunnel is recorded (trace) and dropped as XOVN_DROP_NO_REMOTE.
 */
#ifndef XOVN_BPF_TUNNEL_H
#define XOVN_BPF_TUNNEL_H

#include <linux/bpf.h>
#include "context.h"
#include "trace.h"

static __always_inline int xovn_tunnel_unicast(struct __sk_buff *skb, struct xovn_ctx *ctx,
					       __u16 out_port, __u32 remote_ip)
{
	xovn_trace_out(ctx, XOVN_OUT_TUNNEL, 0, remote_ip, out_port, 0);
	return xovn_drop(skb, ctx, XOVN_DROP_NO_REMOTE);
}

static __always_inline int xovn_tunnel_flood(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     __u16 group, const struct xovn_flood_val *fl)
{
	__u32 i;

	for (i = 0; i < XOVN_MAX_FLOOD_REMOTE && i < fl->n_remote; i++)
		xovn_trace_out(ctx, XOVN_OUT_TUNNEL, 0, fl->remote_ip[i], group, 0);
	return xovn_drop(skb, ctx, XOVN_DROP_NO_REMOTE);
}

#endif /* XOVN_BPF_TUNNEL_H */
