/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * lookup.h - single lookups in a loaded datapath's own maps
 * (bench/lookup.bpf.c), one copy per model size, ready to time.
 */
#ifndef XOVN_BENCH_LOOKUP_H
#define XOVN_BENCH_LOOKUP_H

#include <stdint.h>

#include "datapath.h"
#include "frames.h"
#include "timing.h"

#define BLK_N 5

struct blk {
	struct lookup *skel;
	const char *names[BLK_N];   /* row names: lookup_ports, ... */
	struct bt_input in[BLK_N];
	uint8_t frame[BF_MAX];
};

/*
 * Loads the lookups on dp's maps, their keys those of the measured paths,
 * frames from ingress ifindex in_ifindex, redirected to out_ifindex.
 * 0, or -1 with a message on stderr.
 */
int blk_open(struct blk *l, struct bd *dp, uint32_t in_ifindex, uint32_t out_ifindex);

/* Takes a connection of dp's NAT table as lookup_nat_ct's key: 0, or -1 when it has none. */
int blk_take_conn(struct blk *l, struct bd *dp);

void blk_close(struct blk *l);

#endif /* XOVN_BENCH_LOOKUP_H */
