/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * stats.h - per logical port packet counters (xovn_port_stats).
 *
 * Per-CPU, so the fast path needs no atomics; live traffic only, a traced
 * frame never counts.
 */
#ifndef XOVN_BPF_STATS_H
#define XOVN_BPF_STATS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "maps.h"

static __always_inline struct xovn_port_stats *
xovn_stats_slot(__u32 dp_key, __u16 port_key)
{
	struct xovn_port_key key = { .dp_key = dp_key, .port_key = port_key };
	struct xovn_port_stats zero = {};
	struct xovn_port_stats *st;

	st = bpf_map_lookup_elem(&xovn_port_stats, &key);
	if (st)
		return st;
	/* First packet of this port on this CPU: losing the race to a peer is fine. */
	bpf_map_update_elem(&xovn_port_stats, &key, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&xovn_port_stats, &key);
}

static __always_inline void xovn_stats_rx(struct __sk_buff *skb, const struct xovn_ctx *ctx)
{
	struct xovn_port_stats *st;

	if (ctx->trace)
		return;
	st = xovn_stats_slot(ctx->dp_key, ctx->in_port);
	if (st) {
		st->rx_packets++;
		st->rx_bytes += skb->len;
	}
}

static __always_inline void xovn_stats_tx(struct __sk_buff *skb, const struct xovn_ctx *ctx,
					  __u16 port_key)
{
	struct xovn_port_stats *st;

	if (ctx->trace)
		return;
	st = xovn_stats_slot(ctx->dp_key, port_key);
	if (st) {
		st->tx_packets++;
		st->tx_bytes += skb->len;
	}
}

#endif /* XOVN_BPF_STATS_H */
