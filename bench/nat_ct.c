// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat_ct.c - what a NAT connection costs per packet: the kernel's
 * conntrack through its kfuncs against a BPF hash of our own
 * (bench/nat_ct.bpf.c), in one run with BPF_PROG_TEST_RUN.  Run it in a
 * network namespace of its own (bench/run.sh does): the conntrack entries
 * it adds go with the namespace.
 *
 *   nat_ct [REPEAT]    prints one line per case: name, ns per packet
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

int main(int argc, char **argv)
{
	unsigned repeat = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100000;
	struct nat_ct *skel = nat_ct__open_and_load();

	if (!skel) {
		fprintf(stderr, "nat_ct: cannot load bench/nat_ct.bpf.c (nf_conntrack kfuncs?)\n");
		return 1;
	}
	if (repeat == 0 || repeat > 120000)
		repeat = 100000;
	/* New connections first: the lookups then find the first one. */
	printf("conntrack kfuncs, new connection\t%.1f\n", run_ns(skel->progs.new_kfunc, repeat));
	printf("  added %u of %u\n", skel->bss->added, repeat);
	skel->bss->next_port = 0;
	skel->bss->added = 0;
	printf("own hash map, new connection\t%.1f\n", run_ns(skel->progs.new_map, repeat));
	printf("  added %u of %u\n", skel->bss->added, repeat);
	skel->bss->found = 0;
	printf("conntrack kfuncs, lookup\t%.1f\n", run_ns(skel->progs.lookup_kfunc, repeat));
	printf("  found %u of %u\n", skel->bss->found, repeat);
	skel->bss->found = 0;
	printf("own hash map, lookup + stamp\t%.1f\n", run_ns(skel->progs.lookup_map, repeat));
	printf("  found %u of %u\n", skel->bss->found, repeat);
	nat_ct__destroy(skel);
	return 0;
}
