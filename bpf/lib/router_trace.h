/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * router_trace.h - recording, in trace mode, each router a frame passes:
 * the router and the port it entered by, the route and ECMP member chosen,
 * the next hop and the switch the frame went on in, so that a trace reads
 * switch -> router -> switch.
 */
#ifndef XOVN_BPF_ROUTER_TRACE_H
#define XOVN_BPF_ROUTER_TRACE_H

#include <linux/bpf.h>
#include "context.h"
#include "drop.h"
#include "route.h"
#include "xovn_maps.h"

/* The record of the router being passed (the last one begun), or NULL. */
static __always_inline struct xovn_trace_hop *xovn_trace_hop_cur(const struct xovn_ctx *ctx)
{
	struct xovn_trace *tr = ctx->tr;
	__u32 i;

	if (!tr || !tr->n_hops)
		return NULL;
	i = tr->n_hops - 1;
	if (i >= XOVN_MAX_ROUTER_HOPS)
		return NULL;
	return &tr->hops[i];
}

static __always_inline void xovn_trace_hop_begin(const struct xovn_ctx *ctx, __u32 rtr_key,
						 __u16 in_lrp)
{
	struct xovn_trace *tr = ctx->tr;
	struct xovn_trace_hop *h;
	__u32 i;

	if (!tr)
		return;
	i = tr->n_hops;
	if (i >= XOVN_MAX_ROUTER_HOPS)
		return;
	h = &tr->hops[i];
	__builtin_memset(h, 0, sizeof(*h));
	h->rtr_key = rtr_key;
	h->in_lrp = in_lrp;
	tr->n_hops = i + 1;
}

static __always_inline void xovn_trace_hop_flag(const struct xovn_ctx *ctx, __u16 flag)
{
	struct xovn_trace_hop *h = xovn_trace_hop_cur(ctx);

	if (h)
		h->flags |= flag;
}

static __always_inline void xovn_trace_hop_route(const struct xovn_ctx *ctx,
						 const struct xovn_route_pick *pick,
						 const struct xovn_route_path *p)
{
	struct xovn_trace_hop *h = xovn_trace_hop_cur(ctx);

	if (!h)
		return;
	h->plen = pick->rt->plen;
	h->n_paths = pick->rt->n_paths;
	h->path = pick->path;
	h->out_lrp = p->lrp_key;
	if (pick->by_src)
		h->flags |= XOVN_HOP_SRC_ROUTE;
	if (pick->rt->flags & XOVN_RT_CONNECTED)
		h->flags |= XOVN_HOP_CONNECTED;
}

static __always_inline void xovn_trace_hop_next(const struct xovn_ctx *ctx, __u32 out_dp_key,
						const __u8 *nexthop)
{
	struct xovn_trace_hop *h = xovn_trace_hop_cur(ctx);

	if (!h)
		return;
	h->out_dp_key = out_dp_key;
	__builtin_memcpy(h->nexthop, nexthop, 16);
}

/*
 * The frame is replaced by what the router sends instead (ICMP error, ARP
 * request / NS), which goes on: counted as a drop for reason when live,
 * noted when traced without ending the trace.  len is the original frame's.
 */
static __always_inline void xovn_router_count_replaced(const struct xovn_ctx *ctx, __u32 reason,
						       __u32 len)
{
	if (ctx->tr)
		ctx->tr->drop_reason = reason;
	else if (!ctx->trace)
		xovn_count_drop_len(reason, len);
}

#endif /* XOVN_BPF_ROUTER_TRACE_H */
