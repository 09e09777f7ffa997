/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * floor_grow.h - bench/floor_grow.bpf.c loaded on the maps of one model
 * size's datapath: the routed and switched paths' lookups, one at a time
 * and together, on maps filled like xovn's at that size.
 */
#ifndef XOVN_BENCH_FLOOR_GROW_H
#define XOVN_BENCH_FLOOR_GROW_H

#include "datapath.h"
#include "floor.h"

#define BFG_N 7

struct bfg {
	struct floor_grow *skel;
	struct bfl_path paths[BFG_N];
};

/* Loads the programs on dp's maps (dp holds the bench model); 0, or -1 with a message. */
int bfg_open(struct bfg *g, const struct bd *dp, const struct bd_iface *ifaces);
void bfg_close(struct bfg *g);

#endif /* XOVN_BENCH_FLOOR_GROW_H */
