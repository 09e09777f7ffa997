// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * tc.c - clsact ingress filters through libbpf's bpf_tc_* (libbpf 1.1 has
 * no tcx links, so the filter itself is what keeps a program running after
 * xovnd exits).
 */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "compile/compile.h"
#include "tc.h"

/*
 * Fixed slots: the underlay filter runs before the VIF filter on an
 * interface that has both roles, so Geneve is decapsulated first.
 */
#define XOVN_TC_HANDLE_BASE 0x58f0

static uint32_t role_priority(int role)
{
	return role == XOVN_ATTACH_UNDERLAY ? 1 : 2;
}

static uint32_t role_handle(int role)
{
	return XOVN_TC_HANDLE_BASE + (uint32_t)role;
}

int tc_attach(int ifindex, int role, int prog_fd, int *created_hook)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = role_handle(role),
		    .priority = role_priority(role), .prog_fd = prog_fd,
		    .flags = BPF_TC_F_REPLACE);
	int err;

	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST) {
		errno = -err;
		return -1;
	}
	*created_hook = err == 0;
	err = bpf_tc_attach(&hook, &opts);
	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}

int tc_query(int ifindex, int role, uint32_t *prog_id)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = role_handle(role),
		    .priority = role_priority(role));
	int err = bpf_tc_query(&hook, &opts);

	*prog_id = 0;
	if (err == -ENOENT || err == -EINVAL)
		return 0; /* no clsact qdisc, or no filter in our slot */
	if (err) {
		errno = -err;
		return -1;
	}
	*prog_id = opts.prog_id;
	return 0;
}

int tc_detach(int ifindex, int role, int destroy_hook)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = role_handle(role),
		    .priority = role_priority(role));
	int err = bpf_tc_detach(&hook, &opts);

	if (err && err != -ENOENT && err != -EINVAL) {
		errno = -err;
		return -1;
	}
	if (destroy_hook) {
		/* Ingress and egress together is what removes the clsact qdisc. */
		hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		bpf_tc_hook_destroy(&hook);
	}
	return 0;
}
