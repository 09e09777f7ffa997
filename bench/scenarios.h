/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * scenarios.h - the datapath paths whose per-packet cost is measured, each
 * with the decision the pipeline must take.  A benchmark that times a frame
 * the datapath mishandles measures nothing, so each path is first run
 * through the trace program and checked.
 */
#ifndef XOVN_BENCH_SCENARIOS_H
#define XOVN_BENCH_SCENARIOS_H

#include <stddef.h>
#include <stdint.h>

#include "xovn_maps.h"

/* What a path through a NAT router needs besides its frame. */
struct bs_nat {
	uint16_t hop_flags;        /* XOVN_HOP_* the trace's first router hop must show */
	/* sent through the live program before the trace and before timing: the connection */
	size_t (*warm)(uint8_t *buf);
	const char *warm_iface;
	/* a new connection per run: run n sends frame_nth(n) into an empty xovn_nat_ct */
	size_t (*frame_nth)(uint8_t *buf, uint32_t n);
};

struct bs_scenario {
	const char *name;
	const char *label;
	int underlay;              /* runs on the underlay program */
	const char *in_iface;      /* the interface it arrives on */
	int repeatable;            /* leaves its frame unchanged: repeat mode is valid */
	uint8_t action;            /* enum xovn_action the trace must show */
	uint16_t out_port;         /* for DELIVER: the port; for FLOOD: copies (n_out) */
	uint8_t drop_reason;       /* for DROP: the reason (also the only counter that may grow) */
	int verdict;               /* live TC verdict, -1 when it depends on the copies */
	size_t (*build)(uint8_t *buf);
	const struct bs_nat *nat;  /* NAT paths only */
};

extern const struct bs_scenario bs_scenarios[];
extern const size_t bs_n_scenarios;

/* 0 when tr is what s expects; -1 with the difference on stderr. */
int bs_check_trace(const struct bs_scenario *s, const struct xovn_trace *tr);

#endif /* XOVN_BENCH_SCENARIOS_H */
