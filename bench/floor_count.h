/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * floor_count.h - a port's rx or tx counters in its slot of a
 * xovn_port_stats-shaped per-CPU array, as the datapath counts them
 * (bpf/lib/stats.h, without the owner check): for the floor programs.
 */
#ifndef XOVN_BENCH_FLOOR_COUNT_H
#define XOVN_BENCH_FLOOR_COUNT_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "xovn_maps.h"

static __always_inline void floor_count_in(void *stats, __u32 slot, __u32 len, int tx)
{
	struct xovn_port_stats *st = bpf_map_lookup_elem(stats, &slot);

	if (!st)
		return;
	if (tx) {
		st->tx_packets++;
		st->tx_bytes += len;
	} else {
		st->rx_packets++;
		st->rx_bytes += len;
	}
}

#endif /* XOVN_BENCH_FLOOR_COUNT_H */
