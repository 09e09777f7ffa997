// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat_ct.c - what a NAT connection costs per packet: the kernel's
 * conntrack through its kfuncs against a BPF hash of our own
 * (bench/nat_ct.bpf.c), in one run with BPF_PROG_TEST_RUN.  Run it in a
 * network namespace of its own (bench/run.sh does): the conntrack entries
 * it adds go with the namespace.
 *
 *   nat_ct [REPEAT [REPS]]
 *
 * prints one row per case and repetition for bench/report.py:
 *   natct CASE REP NS_PER_PACKET
 * CASE is new_kfunc, new_map, lookup_kfunc, lookup_map.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "nat_ct.skel.h"

/* Runs prog repeat times on a small TCP frame; the mean nanoseconds per run. */
static double run_ns(struct bpf_program *prog, unsigned repeat)
{
	unsigned char frame[64] = { [12] = 0x08, [13] = 0x00, [14] = 0x45 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = sizeof(frame),
		    .repeat = repeat);

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) < 0) {
		fprintf(stderr, "nat_ct: %s: %s\n", bpf_program__name(prog), strerror(errno));
		exit(1);
	}
	return opts.duration;
}

/* One repetition of the four cases; a case that missed its work is an error. */
static void run_all(struct nat_ct *skel, unsigned repeat, unsigned rep)
{
	static const char *const names[] = { "new_kfunc", "new_map", "lookup_kfunc", "lookup_map" };
	struct bpf_program *progs[] = { skel->progs.new_kfunc, skel->progs.new_map,
					skel->progs.lookup_kfunc, skel->progs.lookup_map };

	for (unsigned i = 0; i < 4; i++) {
		double ns;
		unsigned done;

		skel->bss->next_port = rep * repeat;   /* fresh connections on every repetition */
		skel->bss->added = skel->bss->found = 0;
		ns = run_ns(progs[i], repeat);
		done = i < 2 ? skel->bss->added : skel->bss->found;
		if (done != repeat) {
			fprintf(stderr, "nat_ct: %s did its work %u times of %u\n", names[i], done,
				repeat);
			exit(1);
		}
		printf("natct\t%s\t%u\t%.1f\n", names[i], rep, ns);
	}
}

int main(int argc, char **argv)
{
	unsigned repeat = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20000;
	unsigned reps = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 5;
	struct nat_ct *skel;

	/* Every connection of the run must fit both tables (60000 ports per address pair). */
	if (repeat == 0 || reps == 0 || (unsigned long)repeat * reps > 60000) {
		fprintf(stderr, "nat_ct: REPEAT x REPS must be 1..60000\n");
		return 1;
	}
	skel = nat_ct__open_and_load();
	if (!skel) {
		fprintf(stderr, "nat_ct: cannot load bench/nat_ct.bpf.c (nf_conntrack kfuncs?)\n");
		return 1;
	}
	for (unsigned rep = 0; rep < reps; rep++)
		run_all(skel, repeat, rep);
	nat_ct__destroy(skel);
	return 0;
}
