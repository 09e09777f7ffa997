/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * floor.h - the floor programs of bench/floor.bpf.c, loaded with map
 * entries that the measured paths' own frames hit, ready to time.
 */
#ifndef XOVN_BENCH_FLOOR_H
#define XOVN_BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "datapath.h"
#include "frames.h"
#include "timing.h"

#define BFL_N 4

struct bfl_path {
	const char *name;        /* row name: floor_unicast, ... */
	int repeatable;          /* leaves its frame unchanged: repeat mode is valid */
	struct bt_input in;
	uint8_t frame[BF_MAX];
};

struct bfl {
	struct floor *skel;
	struct bfl_path paths[BFL_N];
};

/* Loads and fills the floors; 0, or -1 with a message on stderr. */
int bfl_open(struct bfl *f, const struct bd_iface *ifaces);
void bfl_close(struct bfl *f);

#endif /* XOVN_BENCH_FLOOR_H */
