/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * trace.h - recording the pipeline's decision in trace mode, and the one
 * place where a verdict is turned into "record it" (trace) or "count it"
 * (live).
 */
#ifndef XOVN_BPF_TRACE_H
#define XOVN_BPF_TRACE_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include "context.h"
#include "drop.h"
#include "maps.h"

/* Starts a trace record for this frame; ctx->tr stays NULL when live. */
static __always_inline void xovn_trace_begin(struct xovn_ctx *ctx)
{
	__u32 zero = 0;
	struct xovn_trace *tr;

	if (!ctx->trace)
		return;
	tr = bpf_map_lookup_elem(&xovn_trace, &zero);
	if (!tr)
		return;
	tr->seq++;
	tr->dp_key = 0;
	tr->in_port = 0;
	tr->out_port = 0;
	tr->action = XOVN_ACT_NONE;
	tr->drop_reason = XOVN_DROP_NONE;
	tr->n_out = 0;
	tr->in_vid = 0;
	tr->flags = 0;
	tr->n_hops = 0;
	ctx->tr = tr;
}

/* Records where the frame came from once the ingress port is known. */
static __always_inline void xovn_trace_ingress(struct xovn_ctx *ctx)
{
	struct xovn_trace *tr = ctx->tr;

	if (!tr)
		return;
	tr->dp_key = ctx->dp_key;
	tr->in_port = ctx->in_port;
	tr->in_vid = ctx->in_vid;
	if (ctx->origin == XOVN_ORIGIN_TUNNEL)
		tr->flags |= XOVN_TF_FROM_TUNNEL;
	if (ctx->origin == XOVN_ORIGIN_LOCALNET)
		tr->flags |= XOVN_TF_FROM_LOCALNET;
}

/* Records one output copy (local interface, tunnel or localnet). */
static __always_inline void xovn_trace_out(struct xovn_ctx *ctx, __u8 kind,
					   __u32 ifindex, __u32 remote_ip,
					   __u16 port_key, __u16 vid)
{
	struct xovn_trace *tr = ctx->tr;
	__u32 i;

	if (!tr)
		return;
	i = tr->n_out;
	if (i >= XOVN_MAX_TRACE_OUT)
		return;
	tr->out[i].kind = kind;
	tr->out[i].ifindex = ifindex;
	tr->out[i].remote_ip = remote_ip;
	tr->out[i].port_key = port_key;
	tr->out[i].vid = vid;
	tr->n_out = i + 1;
}

static __always_inline void xovn_trace_action(struct xovn_ctx *ctx, __u8 action,
					      __u16 out_port)
{
	if (ctx->tr) {
		ctx->tr->action = action;
		ctx->tr->out_port = out_port;
	}
}

/*
 * Drops the frame for reason: counted when live, recorded when traced.
 * Returns the TC verdict so callers can `return xovn_drop(...)`.
 */
static __always_inline int xovn_drop(struct __sk_buff *skb, struct xovn_ctx *ctx,
				     __u32 reason)
{
	if (ctx->tr) {
		ctx->tr->action = XOVN_ACT_DROP;
		ctx->tr->drop_reason = reason;
	} else if (!ctx->trace) {
		xovn_count_drop(skb, reason);
	}
	return TC_ACT_SHOT;
}

#endif /* XOVN_BPF_TRACE_H */
