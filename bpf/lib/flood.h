/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * flood.h - copies of one frame to every member of a multicast group
 * (XOVN_MC_FLOOD: all ports; XOVN_MC_UNKNOWN: the "unknown" ports).
 *
 * Local members get one clone each, with their own tag; remote chassis get
 * one Geneve copy each, last, because the tunnel path consumes the skb.
 * Who may get a copy depends on the origin (docs/ARCHITECTURE.md):
 *   - nothing goes back to the ingress port (by logical port: a container
 *     and its parent share an interface and still see each other's frames);
 *   - the localnet port only gets frames from local, non-localport ports;
 *   - a localport only gets frames that started on this chassis;
 *   - tunnels only carry frames that started on this chassis, not from a
 *     localport, and only on switches that do not use a localnet here.
 *
 * The entry point is xovn_flood_group(); xovn_flood(skb, ctx, group) is the
 * same call under the name the decap path uses.  It has to be a
 * function-like macro because xovn_flood is also the map's (pinned) name,
 * and a macro with parameters leaves the plain identifier alone.
 */
#ifndef XOVN_BPF_FLOOD_H
#define XOVN_BPF_FLOOD_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "deliver.h"
#include "drop.h"
#include "maps.h"
#include "stats.h"
#include "trace.h"
#include "tunnel.h"
#include "vlan.h"

struct xovn_flood_walk {
	struct __sk_buff *skb;
	struct xovn_ctx *ctx;
	const struct xovn_flood_val *fl;
};

static __always_inline int xovn_flood_wants(const struct xovn_ctx *ctx,
					    const struct xovn_flood_member *m)
{
	if (m->port_key == ctx->in_port || !m->ifindex)
		return 0;
	if (m->port_type == XOVN_PT_LOCALNET)
		return ctx->origin == XOVN_ORIGIN_LOCAL && ctx->in_type != XOVN_PT_LOCALPORT;
	if (m->port_type == XOVN_PT_LOCALPORT)
		return ctx->origin == XOVN_ORIGIN_LOCAL;
	return 1;
}

/* One clone out of m's interface, tagged for m; the original stays untagged. */
static __always_inline void xovn_flood_send(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    const struct xovn_flood_member *m)
{
	__u8 kind = m->port_type == XOVN_PT_LOCALNET ? XOVN_OUT_LOCALNET : XOVN_OUT_LOCAL;

	xovn_trace_out(ctx, kind, m->ifindex, 0, m->port_key, m->vid);
	if (ctx->trace)
		return;
	if (xovn_vlan_push(skb, m->vid)) {
		xovn_count_drop(skb, XOVN_DROP_REDIRECT_FAILED);
		return;
	}
	if (bpf_clone_redirect(skb, m->ifindex, 0))
		xovn_count_drop(skb, XOVN_DROP_REDIRECT_FAILED);
	else
		xovn_stats_tx(skb, ctx, m->port_key, m->slot);
	xovn_vlan_unpush(skb, m->vid);
}

/* bpf_loop body: member i of the group. */
static long xovn_flood_copy(__u32 i, void *data)
{
	struct xovn_flood_walk *w = data;
	const struct xovn_flood_member *m;
	int reason;

	if (i >= XOVN_MAX_FLOOD_LOCAL)
		return 1;
	m = &w->fl->local[i];
	if (!xovn_flood_wants(w->ctx, m))
		return 0;
	/* Unknown unicast may not reach a port whose port security refuses it. */
	reason = xovn_psec_egress(w->skb, w->ctx->dp_key, m->port_key, m->flags);
	if (!reason)
		xovn_flood_send(w->skb, w->ctx, m);
	else if (!w->ctx->trace)
		xovn_count_drop(w->skb, reason);
	return 0;
}

static __always_inline int xovn_flood_tunnels_allowed(const struct xovn_ctx *ctx,
						      const struct xovn_flood_val *fl)
{
	struct xovn_dp_val *dp;

	if (ctx->origin != XOVN_ORIGIN_LOCAL || ctx->in_type == XOVN_PT_LOCALPORT ||
	    !fl->n_remote)
		return 0;
	dp = bpf_map_lookup_elem(&xovn_datapaths, &ctx->dp_key);
	return !(dp && (dp->flags & XOVN_DPF_LOCALNET));
}

/* Floods to group of ctx->dp_key; returns the TC verdict. */
static __always_inline int xovn_flood_group(struct __sk_buff *skb, struct xovn_ctx *ctx, __u16 group)
{
	struct xovn_flood_key key = { .dp_key = ctx->dp_key, .group = group };
	struct xovn_flood_val *fl = bpf_map_lookup_elem(&xovn_flood, &key);
	struct xovn_flood_walk walk = { .skb = skb, .ctx = ctx };
	__u32 n_local;

	if (group == XOVN_MC_UNKNOWN && (!fl || (!fl->n_local && !fl->n_remote)))
		return xovn_drop(skb, ctx, XOVN_DROP_NO_UNKNOWN_PORT);
	xovn_trace_action(ctx, XOVN_ACT_FLOOD, group);
	if (!fl)
		return TC_ACT_SHOT;
	walk.fl = fl;
	n_local = fl->n_local;
	if (n_local > XOVN_MAX_FLOOD_LOCAL)
		n_local = XOVN_MAX_FLOOD_LOCAL;
	bpf_loop(n_local, xovn_flood_copy, &walk, 0);
	if (xovn_flood_tunnels_allowed(ctx, fl))
		return xovn_tunnel_flood(skb, ctx, group, fl);
	/* Every copy is out; the original has nowhere left to go (not a drop). */
	return TC_ACT_SHOT;
}

#define xovn_flood(skb, ctx, group) xovn_flood_group(skb, ctx, group)

#endif /* XOVN_BPF_FLOOD_H */
