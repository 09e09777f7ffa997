// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * xdp_tc_attach.c - attach the programs of xdp_tc.bpf.c in the current network
 * namespace, then exit: the TC filters and XDP links are netlink attachments
 * and stay until they are removed or the namespace goes away.
 *
 *   xdp_tc_attach tc   IF_A IF_B   TC ingress redirect_peer on both
 *   xdp_tc_attach xdp  IF_A IF_B   native XDP redirect on both
 *   xdp_tc_attach pass IF          native XDP_PASS (a VM's eth0)
 *   xdp_tc_attach sink IF          TC ingress drop (a VM's eth0: forwarding-only rows)
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include "xdp_tc.skel.h"

static int ifindex_of(const char *name)
{
	int ifindex = (int)if_nametoindex(name);

	if (!ifindex)
		fprintf(stderr, "xdp_tc_attach: no interface %s\n", name);
	return ifindex;
}

static int attach_tc(struct bpf_program *prog, int ifindex)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .prog_fd = bpf_program__fd(prog));
	int err = bpf_tc_hook_create(&hook);

	if (err && err != -EEXIST)
		return err;
	return bpf_tc_attach(&hook, &opts);
}

static int attach_xdp(struct bpf_program *prog, int ifindex)
{
	return bpf_xdp_attach(ifindex, bpf_program__fd(prog), XDP_FLAGS_DRV_MODE, NULL);
}

static int load(struct xdp_tc **skel, int port_a, int port_b)
{
	*skel = xdp_tc__open();
	if (!*skel)
		return -errno;
	(*skel)->rodata->port_a_ifindex = port_a;
	(*skel)->rodata->port_b_ifindex = port_b;
	return xdp_tc__load(*skel);
}

static int run(const char *mode, int argc, char **argv)
{
	struct xdp_tc *skel = NULL;
	int a = ifindex_of(argv[0]);
	int b = argc > 1 ? ifindex_of(argv[1]) : a;
	int err;

	if (!a || !b)
		return -ENODEV;
	err = load(&skel, a, b);
	if (!err && strcmp(mode, "tc") == 0)
		err = attach_tc(skel->progs.xt_tc_redirect_peer, a) ?:
		      attach_tc(skel->progs.xt_tc_redirect_peer, b);
	else if (!err && strcmp(mode, "xdp") == 0)
		err = attach_xdp(skel->progs.xt_xdp_redirect, a) ?:
		      attach_xdp(skel->progs.xt_xdp_redirect, b);
	else if (!err && strcmp(mode, "sink") == 0)
		err = attach_tc(skel->progs.xt_tc_sink, a);
	else if (!err)
		err = attach_xdp(skel->progs.xt_xdp_pass, a);
	xdp_tc__destroy(skel);
	return err;
}

int main(int argc, char **argv)
{
	int err, want;

	if (argc < 3) {
		fprintf(stderr, "usage: xdp_tc_attach tc|xdp IF_A IF_B | pass|sink IF\n");
		return 2;
	}
	want = strcmp(argv[1], "pass") == 0 || strcmp(argv[1], "sink") == 0 ? 3 : 4;
	if ((strcmp(argv[1], "tc") && strcmp(argv[1], "xdp") && strcmp(argv[1], "pass") &&
	     strcmp(argv[1], "sink")) ||
	    argc != want) {
		fprintf(stderr, "xdp_tc_attach: unknown mode or wrong arguments: %s\n", argv[1]);
		return 2;
	}
	err = run(argv[1], argc - 2, argv + 2);
	if (err)
		fprintf(stderr, "xdp_tc_attach %s: %s\n", argv[1], strerror(-err));
	return err ? 1 : 0;
}
