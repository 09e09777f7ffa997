// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_neigh.c - loader/neigh.c on a real underlay: a remote encap
 * IP is resolved and kept resolved by the kernel, after which the
 * datapath's flood copies reach that chassis too.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../loader/neigh.h"
#include "geneve_fixture.h"

static struct gn g;

static void setup(void)
{
	gn_open_private_underlay(&g);
	/* hv4's encap IP answers on ul1 (accept_local: the same namespace owns both ends). */
	cr_assert_eq(system("ip addr add " GN_HV4_IP "/24 dev ul1 && "
			    "sysctl -qw net.ipv4.conf.ul1.accept_local=1"), 0);
}

static void teardown(void)
{
	gn_close(&g);
}

TestSuite(geneve_neigh, .init = setup, .fini = teardown);

/* `ip -d neigh show` for ip on ul0, into out. */
static void neigh_show(const char *ip, char *out, size_t cap)
{
	char cmd[128];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "ip -d neigh show %s dev ul0 nud all", ip);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, cap - 1, p);
	out[n] = '\0';
	pclose(p);
}

/* Waits (at most 3 s) until the entry for ip has a link-layer address. */
static int wait_resolved(const char *ip, char *out, size_t cap)
{
	int i;

	for (i = 0; i < 60; i++) {
		neigh_show(ip, out, cap);
		if (strstr(out, "lladdr"))
			return 1;
		usleep(50 * 1000);
	}
	return 0;
}

Test(geneve_neigh, a_remote_encap_ip_becomes_a_managed_resolved_entry)
{
	char show[512];

	cr_assert_eq(xovn_neigh_keep_resolved((int)g.ul_ifindex, inet_addr(GN_HV4_IP)), 0);
	cr_assert(wait_resolved(GN_HV4_IP, show, sizeof(show)), "never resolved: %s", show);
	cr_assert_not_null(strstr(show, "managed"), "not a managed entry: %s", show);
	/* Asking again (every model reload does) is harmless. */
	cr_assert_eq(xovn_neigh_keep_resolved((int)g.ul_ifindex, inet_addr(GN_HV4_IP)), 0);
	cr_assert_eq(xovn_neigh_release((int)g.ul_ifindex, inet_addr(GN_HV4_IP)), 0);
	neigh_show(GN_HV4_IP, show, sizeof(show));
	cr_assert_null(strstr(show, "managed"), "released entry still managed: %s", show);
}

Test(geneve_neigh, once_resolved_the_flood_copy_to_that_chassis_is_sent)
{
	int ul1 = gn_packet_socket("ul1");
	static uint8_t seen[8][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], src[6];
	size_t len, lens[8];
	char show[512];
	int n, i, to_hv4 = 0;

	cr_assert_eq(xovn_neigh_keep_resolved((int)g.ul_ifindex, inet_addr(GN_HV4_IP)), 0);
	cr_assert(wait_resolved(GN_HV4_IP, show, sizeof(show)), "never resolved: %s", show);
	gn_mac(src, GN_VNI3, 1);
	len = xh_arp_request(f, src, "10.13.0.1", "10.13.0.99");
	cr_assert_eq(xh_run(&g.h, XH_VIF_LIVE, gn_ifindex("tap13"), f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&g.h), 0, "a copy was lost");
	n = gn_collect(ul1, 1, NULL, seen, lens, 8);
	cr_assert_eq(n, 3, "%d Geneve copies, want one per remote chassis", n);
	for (i = 0; i < n && i < 8; i++)
		to_hv4 += seen[i][GN_OFF_IP + 19] == 4;
	cr_assert_eq(to_hv4, 1);
	close(ul1);
}

Test(geneve_neigh, a_permanent_entry_is_left_as_the_administrator_set_it)
{
	char show[512];

	cr_assert_eq(xovn_neigh_keep_resolved((int)g.ul_ifindex, inet_addr(GN_HV2_IP)), 0);
	neigh_show(GN_HV2_IP, show, sizeof(show));
	cr_assert_not_null(strstr(show, GN_HV2_MAC), "%s", show);
	cr_assert_not_null(strstr(show, "PERMANENT"), "%s", show);
	cr_assert_null(strstr(show, "managed"), "%s", show);
	cr_assert_eq(xovn_neigh_release((int)g.ul_ifindex, inet_addr(GN_HV2_IP)), 0);
	neigh_show(GN_HV2_IP, show, sizeof(show));
	cr_assert_not_null(strstr(show, "PERMANENT"), "released an administrator's entry: %s", show);
}

Test(geneve_neigh, bad_arguments_are_refused)
{
	cr_assert_eq(xovn_neigh_keep_resolved(0, inet_addr(GN_HV4_IP)), -EINVAL);
	cr_assert_eq(xovn_neigh_keep_resolved((int)g.ul_ifindex, 0), -EINVAL);
	cr_assert_lt(xovn_neigh_keep_resolved(99999, inet_addr(GN_HV4_IP)), 0);
	cr_assert_eq(xovn_neigh_enable_fib_lookup(""), -EINVAL);
	cr_assert_eq(xovn_neigh_enable_fib_lookup("../all"), -EINVAL);
	cr_assert_eq(xovn_neigh_enable_fib_lookup("nosuchif0"), -ENOENT);
}

Test(geneve_neigh, fib_lookup_needs_forwarding_on_the_underlay)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], src[6], dst[6];
	size_t len, out_len;

	cr_assert_eq(system("sysctl -qw net.ipv4.conf.ul0.forwarding=0"), 0);
	gn_mac(src, GN_VNI1, 1);
	gn_mac(dst, GN_VNI1, 3);
	len = xh_arp_request(f, src, "10.11.0.1", "10.11.0.3");
	memcpy(f, dst, 6);
	cr_assert_eq(xh_run_out(&g.h, XH_VIF_LIVE, gn_ifindex("tap11"), f, len, out, sizeof(out),
				&out_len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&g.h, XOVN_DROP_NO_REMOTE), 1);
	cr_assert_eq(xovn_neigh_enable_fib_lookup("ul0"), 0);
	cr_assert_eq(xh_run_out(&g.h, XH_VIF_LIVE, gn_ifindex("tap11"), f, len, out, sizeof(out),
				&out_len), TC_ACT_REDIRECT);
}
