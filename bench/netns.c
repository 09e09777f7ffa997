// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* netns.c - the benchmark's own network namespace and its interfaces. */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_gen.h"
#include "netns.h"

static const char *const names[BN_N_IFACES] = {
	"bv0", "bv1", "bv2", "bv3", "bv4", "blp", "bps", "bw", "bul", "bs0", "bd0",
	"bn0", "bn1", "bc0",
};

static int sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: failed: %s\n", cmd);
		return -1;
	}
	return 0;
}

/* name <-> namep, both up, no IPv6 (no router solicitations in the way). */
static int veth_pair(const char *name, unsigned mtu)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
		 "ip link add %s mtu %u type veth peer name %sp mtu %u && "
		 "sysctl -qw net.ipv6.conf.%s.disable_ipv6=1 net.ipv6.conf.%sp.disable_ipv6=1 && "
		 "ip link set %s up && ip link set %sp up",
		 name, mtu, name, mtu, name, name, name, name);
	return sh(cmd);
}

int bn_setup(struct bd_iface ifaces[BN_N_IFACES])
{
	size_t i;

	if (unshare(CLONE_NEWNET)) {
		fprintf(stderr, "bench: unshare(CLONE_NEWNET): %s\n", strerror(errno));
		return -1;
	}
	if (sh("ip link set lo up"))
		return -1;
	for (i = 0; i < BN_N_IFACES; i++) {
		unsigned mtu = strcmp(names[i], "bul") == 0 ? 1600 : 1500;

		if (veth_pair(names[i], mtu))
			return -1;
		ifaces[i].name = names[i];
		ifaces[i].ifindex = if_nametoindex(names[i]);
		ifaces[i].mtu = mtu;
		ifaces[i].is_veth = strcmp(names[i], "bul") != 0;
		if (!ifaces[i].ifindex)
			return -1;
	}
	/* bpf_fib_lookup() answers only for interfaces with forwarding on. */
	if (sh("sysctl -qw net.ipv4.conf.bul.forwarding=1 && "
	       "ip addr add " BM_HV1_IP "/24 dev bul && "
	       "ip neigh replace " BM_HV2_IP " lladdr 02:00:00:00:00:02 dev bul nud permanent && "
	       "ip neigh replace " BM_HV3_IP " lladdr 02:00:00:00:00:03 dev bul nud permanent"))
		return -1;
	return veth_pair("bx0", 1500);
}

unsigned bn_ifindex(const struct bd_iface *ifaces, const char *name)
{
	size_t i;

	for (i = 0; i < BN_N_IFACES; i++)
		if (strcmp(ifaces[i].name, name) == 0)
			return ifaces[i].ifindex;
	return 0;
}
