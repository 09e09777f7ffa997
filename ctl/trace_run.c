// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * trace_run.c - running a chassis' pinned trace program on one frame.
 *
 * Only lookups and BPF_PROG_TEST_RUN: no map is ever written from here.
 * The trace record is per-CPU, so the thread is pinned to one CPU for the
 * run and that CPU's slot is read; the record's sequence number must have
 * moved by exactly one, proving the slot holds this frame's decision.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dataplane/counters.h"
#include "ctl.h"
#include "trace.h"

static int open_pin(const char *pin_dir, const char *name)
{
	char err[512];
	int fd = xovn_pin_open(pin_dir, name, err, sizeof(err));

	if (fd < 0)
		ctl_fail("%s", err);
	return fd;
}

/* Lowest (ifindex, vid) first, so the same port always enters the same way. */
static int ingress_before(const struct xovn_ingress_key *a, const struct xovn_ingress_key *b)
{
	return a->ifindex < b->ifindex || (a->ifindex == b->ifindex && a->vid < b->vid);
}

int trace_find_ingress(const char *pin_dir, uint32_t dp_key, uint16_t port_key,
		       struct trace_ingress *in)
{
	struct xovn_ingress_key key, next, best = { 0 };
	struct xovn_ingress_val val;
	int fd = open_pin(pin_dir, xovn_map_names[XOVN_MAP_INGRESS]), found = 0;
	void *prev = NULL;

	if (fd < 0)
		return -1;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &val) || val.dp_key != dp_key ||
		    val.port_key != port_key)
			continue;
		if (!found || ingress_before(&key, &best)) {
			best = key;
			in->flags = val.flags;
		}
		found = 1;
	}
	close(fd);
	if (!found)
		return -1;
	in->ifindex = best.ifindex;
	in->vid = best.vid;
	return 0;
}

int trace_underlay_ingress(const char *pin_dir, struct trace_ingress *in)
{
	struct xovn_config cfg;
	uint32_t zero = 0;
	int fd = open_pin(pin_dir, xovn_map_names[XOVN_MAP_CONFIG]), rc;

	if (fd < 0)
		return -1;
	rc = bpf_map_lookup_elem(fd, &zero, &cfg);
	close(fd);
	if (rc)
		return ctl_fail("cannot read xovn_config: %s", strerror(errno));
	if (!cfg.underlay_ifindex)
		return ctl_fail("this chassis has no underlay interface (chassis-set-encap-iface)");
	memset(in, 0, sizeof(*in));
	in->ifindex = cfg.underlay_ifindex;
	return 0;
}

/* Keeps the run and the record read on one CPU: the one we are on. */
static int pin_to_current_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		cpu = 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return ctl_fail("sched_setaffinity: %s", strerror(errno));
	return cpu;
}

static int read_record(int fd, int cpu, struct xovn_trace *rec)
{
	int n = libbpf_num_possible_cpus();
	struct xovn_trace *per_cpu;
	uint32_t zero = 0;
	int rc = -1;

	if (n <= cpu)
		return ctl_fail("cannot count CPUs");
	per_cpu = calloc((size_t)n, sizeof(*per_cpu));
	if (!per_cpu)
		return ctl_fail("out of memory");
	if (bpf_map_lookup_elem(fd, &zero, per_cpu) == 0) {
		*rec = per_cpu[cpu];
		rc = 0;
	} else {
		ctl_fail("cannot read xovn_trace: %s", strerror(errno));
	}
	free(per_cpu);
	return rc;
}

static int test_run(int prog_fd, const struct trace_request *req, struct trace_result *res)
{
	struct __sk_buff skb_ctx = { .ingress_ifindex = res->in.ifindex };
	LIBBPF_OPTS(bpf_test_run_opts, opts,
		    .data_in = req->frame,
		    .data_size_in = (uint32_t)req->len,
		    .data_out = res->out_frame,
		    .data_size_out = sizeof(res->out_frame),
		    .ctx_in = &skb_ctx,
		    .ctx_size_in = sizeof(skb_ctx),
		    .repeat = 1);

	if (bpf_prog_test_run_opts(prog_fd, &opts))
		return ctl_fail("BPF_PROG_TEST_RUN: %s", strerror(errno));
	res->verdict = (int)opts.retval;
	res->out_len = opts.data_size_out;
	return 0;
}

static int run_pinned(const char *pin_dir, const struct trace_request *req,
		      struct trace_result *res)
{
	const char *prog = req->underlay ? "xovn_underlay_trace" : "xovn_vif_trace";
	int prog_fd = open_pin(pin_dir, prog);
	int trace_fd = prog_fd < 0 ? -1 : open_pin(pin_dir, xovn_map_names[XOVN_MAP_TRACE]);
	struct xovn_trace before;
	int rc = -1;

	if (trace_fd >= 0 && read_record(trace_fd, res->cpu, &before) == 0 &&
	    test_run(prog_fd, req, res) == 0 && read_record(trace_fd, res->cpu, &res->rec) == 0)
		rc = 0;
	if (rc == 0 && res->rec.seq != before.seq + 1)
		rc = ctl_fail("%s wrote no trace record on CPU %d", prog, res->cpu);
	if (trace_fd >= 0)
		close(trace_fd);
	if (prog_fd >= 0)
		close(prog_fd);
	return rc;
}

int trace_run(struct trace_request *req, struct trace_result *res)
{
	/* A port that expects a tag on its interface (container, tagged localnet) gets it. */
	if (!req->underlay && res->in.vid && !req->frame_from_user_tag) {
		req->len = xovn_frame_push_vlan(req->frame, req->len, sizeof(req->frame),
						res->in.vid);
		if (!req->len)
			return ctl_fail("frame too large to add the port's tag");
	}
	res->cpu = pin_to_current_cpu();
	if (res->cpu < 0)
		return -1;
	return run_pinned(req->pin_dir, req, res);
}
