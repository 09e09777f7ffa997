// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* timing.c - BPF_PROG_TEST_RUN timers and sample summaries. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>

#include "timing.h"

static int run_once(const struct bt_input *in, uint32_t repeat, uint32_t *retval,
		    uint32_t *duration)
{
	struct __sk_buff skb_ctx = { .ingress_ifindex = in->ingress_ifindex };
	uint8_t out[2048];
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = in->frame, .data_size_in = in->len,
		    .repeat = repeat);

	if (in->xdp_live) {
		/* Live frames: no output buffer, the frames go where the program sends them. */
		opts.flags = BPF_F_TEST_XDP_LIVE_FRAMES;
	} else {
		opts.data_out = out;
		opts.data_size_out = sizeof(out);
	}
	if (!in->xdp) {
		opts.ctx_in = &skb_ctx;
		opts.ctx_size_in = sizeof(skb_ctx);
	}
	if (bpf_prog_test_run_opts(in->prog_fd, &opts)) {
		fprintf(stderr, "bench: BPF_PROG_TEST_RUN: %s\n", strerror(errno));
		return -1;
	}
	*retval = opts.retval;
	*duration = opts.duration;
	return 0;
}

static int verdict_ok(uint32_t got, int want)
{
	if (want < 0 || got == (uint32_t)want)
		return 1;
	fprintf(stderr, "bench: verdict %u, expected %d\n", got, want);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Mean of the middle half of v[0..n), sorted. */
static double interquartile_mean(const double *v, size_t n)
{
	size_t lo = n / 4, hi = n - n / 4, i;
	double sum = 0;

	if (hi <= lo)
		return n ? v[n / 2] : 0;
	for (i = lo; i < hi; i++)
		sum += v[i];
	return sum / (double)(hi - lo);
}

/* Median of v[0..n) (sorts v). */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int bt_repeat(const struct bt_input *in, uint32_t repeat, int want_retval, double *ns)
{
	uint32_t retval, duration, chunk = repeat / BT_CHUNKS ? repeat / BT_CHUNKS : 1;
	double means[BT_CHUNKS];
	int i;

	/* Untimed warm-up: the frame's map entries and code paths in cache. */
	if (run_once(in, chunk / 10 + 1, &retval, &duration) || !verdict_ok(retval, want_retval))
		return -1;
	for (i = 0; i < BT_CHUNKS; i++) {
		if (run_once(in, chunk, &retval, &duration) || !verdict_ok(retval, want_retval))
			return -1;
		means[i] = duration;
	}
	*ns = median(means, BT_CHUNKS);
	return 0;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Call n's input: in itself, or in with frame_nth(n) built into buf. */
static const struct bt_input *nth_input(const struct bt_input *in, uint32_t n, uint8_t *buf,
					struct bt_input *tmp)
{
	if (!in->frame_nth)
		return in;
	*tmp = *in;
	tmp->frame = buf;
	tmp->len = in->frame_nth(buf, n);
	return tmp;
}

uint32_t bt_single_calls(uint32_t runs)
{
	return runs / 10 + 1 + runs;
}

int bt_single(const struct bt_input *in, uint32_t runs, int want_retval, struct bt_single *out)
{
	uint32_t i, retval, duration, warm = bt_single_calls(runs) - runs;
	double *kernel = calloc(runs, sizeof(double)), *wall = calloc(runs, sizeof(double));
	uint8_t buf[2048];
	struct bt_input tmp;
	const struct bt_input *cur;
	double start;
	int rc = -1;

	if (!kernel || !wall)
		goto out;
	/* Untimed warm-up: caches, page faults and the first skb allocations. */
	for (i = 0; i < warm; i++)
		if (run_once(nth_input(in, i, buf, &tmp), 1, &retval, &duration) ||
		    !verdict_ok(retval, want_retval))
			goto out;
	for (i = 0; i < runs; i++) {
		cur = nth_input(in, warm + i, buf, &tmp);
		start = now_ns();
		if (run_once(cur, 1, &retval, &duration) || !verdict_ok(retval, want_retval))
			goto out;
		wall[i] = now_ns() - start;
		kernel[i] = duration;
	}
	/* Medians: a run preempted by another process does not move them. */
	out->kernel_ns = median(kernel, runs);
	out->kernel_iqm_ns = interquartile_mean(kernel, runs);   /* sorted by median() */
	out->wall_ns = median(wall, runs);
	rc = 0;
out:
	free(kernel);
	free(wall);
	return rc;
}

int bt_pin_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "bench: sched_setaffinity: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}
