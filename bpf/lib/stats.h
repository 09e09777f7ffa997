/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * stats.h - per logical port packet counters (xovn_port_stats).
 *
 * Per-CPU, so the fast path needs no atomics; live traffic only, a traced
 * frame never counts.  The map is an array indexed by the port's counter
 * slot, which every value that leads to a port carries (ingress, fdb, ports,
 * flood members): the verifier inlines the lookup into a bounds check and
 * an address computation, so counting costs no hash lookup.
 */
#ifndef XOVN_BPF_STATS_H
#define XOVN_BPF_STATS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "maps.h"

/*
 * This CPU's counters of (dp_key, port_key) in slot; NULL for slot 0 (not
 * counted).  A copy last written for another port (the slot was handed
 * over) restarts from zero, so counts never move from one port to another.
 */
static __always_inline struct xovn_port_stats *xovn_stats_slot(__u32 slot, __u32 dp_key,
							       __u16 port_key)
{
	struct xovn_port_stats *st;

	if (!slot)
		return NULL;
	st = xovn_lookup(&xovn_port_stats, &slot);
	if (!st)
		return NULL;
	if (st->owner.dp_key != dp_key || st->owner.port_key != port_key) {
		st->rx_packets = 0;
		st->rx_bytes = 0;
		st->tx_packets = 0;
		st->tx_bytes = 0;
		st->owner.dp_key = dp_key;
		st->owner.port_key = port_key;
		st->owner.pad = 0;
	}
	return st;
}

static __always_inline void xovn_stats_rx(struct __sk_buff *skb, const struct xovn_ctx *ctx)
{
	struct xovn_port_stats *st;

	if (ctx->trace)
		return;
	st = xovn_stats_slot(ctx->in_slot, ctx->dp_key, ctx->in_port);
	if (st) {
		st->rx_packets++;
		st->rx_bytes += skb->len;
	}
}

static __always_inline void xovn_stats_tx(struct __sk_buff *skb, const struct xovn_ctx *ctx,
					  __u16 port_key, __u32 slot)
{
	struct xovn_port_stats *st;

	if (ctx->trace)
		return;
	st = xovn_stats_slot(slot, ctx->dp_key, port_key);
	if (st) {
		st->tx_packets++;
		st->tx_bytes += skb->len;
	}
}

#endif /* XOVN_BPF_STATS_H */
