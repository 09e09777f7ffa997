/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * timing.h - measuring one BPF program with BPF_PROG_TEST_RUN.
 *
 * Two ways, because a program that rewrites its frame (encap, decap, the
 * ARP responder) cannot be timed with repeat > 1: the kernel reruns it on
 * the same, already rewritten buffer.
 *   repeat: after an untimed warm-up call, BT_CHUNKS calls in which the
 *           kernel runs the program repeat / BT_CHUNKS times on one buffer;
 *           the median of their means (only for programs that leave the
 *           frame as it was);
 *   single: after runs / 10 untimed warm-up calls, `runs` calls with
 *           repeat = 1, each on a fresh copy of the frame; the median of
 *           the kernel's time per run (program plus its timer read) and the
 *           median of the caller's wall time per call (plus syscall and skb
 *           set-up).  Medians, because on a shared machine some calls are
 *           preempted: a mean moves with them, a median does not.  With
 *           frame_nth, call n (warm-ups counted) sends frame_nth(n) instead,
 *           built before the clock starts: a new connection per run.
 */
#ifndef XOVN_BENCH_TIMING_H
#define XOVN_BENCH_TIMING_H

#include <stddef.h>
#include <stdint.h>

#define BT_CHUNKS 5  /* timed calls per repeat measurement */

struct bt_input {
	int prog_fd;
	int xdp;                 /* XDP program (else TC) */
	int xdp_live;            /* XDP live frames: redirects really happen */
	uint32_t ingress_ifindex;
	const void *frame;
	size_t len;
	/* single mode only: a different frame for every call, n from 0 (NULL: frame) */
	size_t (*frame_nth)(uint8_t *buf, uint32_t n);
};

struct bt_single {
	double kernel_ns;        /* mean kernel-measured time of one run */
	double wall_ns;          /* mean wall time of one BPF_PROG_TEST_RUN call */
	/*
	 * Mean of the middle half of the kernel times (interquartile mean):
	 * the kernel's timer steps by about 10 ns here, so a median only moves
	 * in whole steps; the mean of the central runs resolves less than a
	 * step and still ignores preempted runs.
	 */
	double kernel_iqm_ns;
};

/* ns per run over repeat runs (median of chunk means); every verdict must be want_retval (-1: any). */
int bt_repeat(const struct bt_input *in, uint32_t repeat, int want_retval, double *ns);
/* runs separate calls; every verdict must be want_retval (-1: any). */
int bt_single(const struct bt_input *in, uint32_t runs, int want_retval, struct bt_single *out);

/* BPF_PROG_TEST_RUN calls bt_single makes for runs timed runs (its warm-ups included). */
uint32_t bt_single_calls(uint32_t runs);

/* Keeps this thread (and the per-CPU slots it reads) on cpu. */
int bt_pin_cpu(int cpu);

#endif /* XOVN_BENCH_TIMING_H */
