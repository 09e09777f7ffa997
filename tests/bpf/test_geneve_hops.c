// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_hops.c - the next hops xovnd keeps per remote chassis
 * (xovn_remote_hops): an entry gives the outer MACs and the egress
 * interface without a FIB lookup, even where the FIB would answer
 * otherwise or not at all; an entry that does not apply falls back to the
 * FIB.  On a real underlay: loader/remote_hops.c reads entries from the
 * kernel's route and neighbour tables and follows their changes.
 */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../loader/remote_hops.h"
#include "geneve_fixture.h"
#include "xovn.skel.h"

TestSuite(geneve_hops, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_hops_net, .init = gn_setup_private, .fini = gn_teardown);

#define HOP_DMAC "0a:00:00:00:00:d2"
#define HOP_SMAC "0a:00:00:00:00:51"
#define HOP_IFINDEX 4242

static int hops_fd(void)
{
	return bpf_map__fd(gn_dp.h.skel->maps.xovn_remote_hops);
}

static void put_hop(const char *ip, uint32_t ifindex, uint32_t mtu)
{
	struct xovn_remote_hop hop = { .ifindex = ifindex, .mtu = mtu };
	uint32_t key = inet_addr(ip);

	xh_mac(HOP_DMAC, hop.dmac);
	xh_mac(HOP_SMAC, hop.smac);
	cr_assert_eq(bpf_map_update_elem(hops_fd(), &key, &hop, BPF_ANY), 0);
}

/* a1 -> a3 (on hv2), payload bytes of UDP: encapsulated into out. */
static int send_a1_to_a3(uint32_t a1_ifindex, size_t payload, uint8_t *f, size_t *len,
			 uint8_t *out, size_t *out_len)
{
	*len = gn_inner_udp(f, GN_VNI1, 1, 3, payload);
	return xh_run_out(&gn_dp.h, XH_VIF_LIVE, a1_ifindex, f, *len, out, XH_FRAME_MAX + 64,
			  out_len);
}

static void expect_outer_macs(const uint8_t *out, const char *dmac, const char *smac)
{
	uint8_t d[6], s[6];

	xh_mac(dmac, d);
	xh_mac(smac, s);
	cr_assert_arr_eq(out, d, 6, "outer destination MAC");
	cr_assert_arr_eq(out + 6, s, 6, "outer source MAC");
}

/* Which entry for hv2 the datapath takes, and which it leaves to the FIB. */
static const struct hop_case {
	const char *name;
	uint32_t ifindex;
	uint32_t mtu;
	size_t payload;
	int taken;
} hop_cases[] = {
	{ "a resolved entry", HOP_IFINDEX, 1500, 100, 1 },
	{ "an outer packet of exactly the route's MTU", HOP_IFINDEX, 100 + 8 + 20 + 14 + 8 + 8 + 8 + 20, 100, 1 },
	{ "an outer packet one byte over the route's MTU", HOP_IFINDEX, 100 + 8 + 20 + 14 + 8 + 8 + 8 + 20 - 1, 100, 0 },
	{ "an entry without interface", 0, 1500, 100, 0 },
};

Test(geneve_hops, the_entry_gives_the_outer_macs_and_interface_where_the_fib_has_none)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], zero[12] = { 0 };
	size_t len, out_len;

	for (size_t i = 0; i < XH_LEN(hop_cases); i++) {
		const struct hop_case *c = &hop_cases[i];
		int verdict;

		put_hop(GN_HV2_IP, c->ifindex, c->mtu);
		verdict = send_a1_to_a3(GN_IF_A1, c->payload, f, &len, out, &out_len);
		/* Both ways redirect: to the entry's interface, or through bpf_redirect_neigh. */
		cr_assert_eq(verdict, TC_ACT_REDIRECT, "%s", c->name);
		gn_expect_encap(out, out_len, GN_HV2_IP, GN_VNI1, 1, 3, f, len);
		if (c->taken)
			expect_outer_macs(out, HOP_DMAC, HOP_SMAC);
		else
			cr_assert_arr_eq(out, zero, 12, "%s: taken, not left to the FIB", c->name);
	}
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
}

Test(geneve_hops, an_entry_for_another_chassis_changes_nothing)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], zero[12] = { 0 };
	size_t len, out_len;

	put_hop(GN_HV3_IP, HOP_IFINDEX, 1500);
	cr_assert_eq(send_a1_to_a3(GN_IF_A1, 64, f, &len, out, &out_len), TC_ACT_REDIRECT);
	cr_assert_arr_eq(out, zero, 12);
}

/* ---- on a real underlay: the FIB answers GN_HV2_MAC ----------------------- */

Test(geneve_hops_net, the_entry_wins_over_what_the_fib_would_answer)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len, out_len;
	char ul_mac[18];

	snprintf(ul_mac, sizeof(ul_mac), "%02x:%02x:%02x:%02x:%02x:%02x", gn_dp.ul_mac[0],
		 gn_dp.ul_mac[1], gn_dp.ul_mac[2], gn_dp.ul_mac[3], gn_dp.ul_mac[4], gn_dp.ul_mac[5]);
	cr_assert_eq(send_a1_to_a3(gn_ifindex("tap11"), 64, f, &len, out, &out_len),
		     TC_ACT_REDIRECT);
	expect_outer_macs(out, GN_HV2_MAC, ul_mac);
	put_hop(GN_HV2_IP, gn_dp.ul_ifindex, 1500);
	cr_assert_eq(send_a1_to_a3(gn_ifindex("tap11"), 64, f, &len, out, &out_len),
		     TC_ACT_REDIRECT);
	expect_outer_macs(out, HOP_DMAC, HOP_SMAC);
	gn_expect_encap(out, out_len, GN_HV2_IP, GN_VNI1, 1, 3, f, len);
}

Test(geneve_hops_net, flood_copies_take_the_entry_too)
{
	int ul1 = gn_packet_socket("ul1");
	static uint8_t seen[8][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], src[6], dmac[6], hv3[6];
	size_t len, lens[8];
	int n, i, with_entry = 0, with_fib = 0;

	put_hop(GN_HV2_IP, gn_dp.ul_ifindex, 1500);
	xh_mac(HOP_DMAC, dmac);
	xh_mac(GN_HV3_MAC, hv3);
	gn_mac(src, GN_VNI2, 1);
	len = xh_arp_request(f, src, "10.12.0.1", "10.12.0.99");
	cr_assert_eq(xh_run(&gn_dp.h, XH_VIF_LIVE, gn_ifindex("tap12"), f, len), TC_ACT_SHOT);
	n = gn_collect(ul1, 1, NULL, seen, lens, 8);
	cr_assert_eq(n, 2, "%d Geneve copies, want one to hv2 and one to hv3", n);
	for (i = 0; i < n; i++) {
		with_entry += seen[i][GN_OFF_IP + 19] == 2 && memcmp(seen[i], dmac, 6) == 0;
		with_fib += seen[i][GN_OFF_IP + 19] == 3 && memcmp(seen[i], hv3, 6) == 0;
	}
	cr_assert_eq(with_entry, 1, "the copy to hv2 does not carry the entry's MAC");
	cr_assert_eq(with_fib, 1, "the copy to hv3 does not carry the FIB's MAC");
	close(ul1);
}

static void sh(const char *cmd)
{
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
}

Test(geneve_hops_net, entries_are_read_from_the_kernel_and_follow_its_changes)
{
	uint32_t ips[3] = { inet_addr(GN_HV2_IP), inet_addr(GN_HV3_IP), inet_addr(GN_HV4_IP) };
	int sub = remote_hops_subscribe();
	struct xovn_remote_hop hop;
	uint8_t mac[6];

	cr_assert_geq(sub, 0);
	put_hop("192.0.2.77", HOP_IFINDEX, 1500);   /* no such chassis (any more) */
	/* hv4 has no neighbour entry: no entry, the FIB decides. */
	cr_assert_eq(remote_hops_refresh(hops_fd(), gn_dp.ul_ifindex, inet_addr(GN_LOCAL_IP),
					 ips, 3), 2);
	cr_assert_eq(bpf_map_lookup_elem(hops_fd(), &ips[0], &hop), 0);
	cr_assert_eq(hop.ifindex, gn_dp.ul_ifindex);
	cr_assert_eq(hop.mtu, 1500);
	xh_mac(GN_HV2_MAC, mac);
	cr_assert_arr_eq(hop.dmac, mac, 6);
	cr_assert_arr_eq(hop.smac, gn_dp.ul_mac, 6);
	cr_assert_neq(bpf_map_lookup_elem(hops_fd(), &ips[2], &hop), 0);
	ips[0] = inet_addr("192.0.2.77");
	cr_assert_neq(bpf_map_lookup_elem(hops_fd(), &ips[0], &hop), 0, "a gone chassis kept");
	ips[0] = inet_addr(GN_HV2_IP);

	/* hv2 moves to another MAC: the change is seen and the entry follows. */
	remote_hops_drain(sub, gn_dp.ul_ifindex);
	sh("ip neigh replace " GN_HV2_IP " lladdr 02:00:00:00:00:22 dev ul0 nud permanent");
	cr_assert_eq(remote_hops_drain(sub, gn_dp.ul_ifindex), REMOTE_HOPS_CHANGED);
	remote_hops_refresh(hops_fd(), gn_dp.ul_ifindex, inet_addr(GN_LOCAL_IP), ips, 3);
	cr_assert_eq(bpf_map_lookup_elem(hops_fd(), &ips[0], &hop), 0);
	xh_mac("02:00:00:00:00:22", mac);
	cr_assert_arr_eq(hop.dmac, mac, 6);

	/* Two next hops: which one a frame takes depends on its flow, so no entry. */
	sh("ip addr add 198.51.100.1/24 dev ul0 && "
	   "ip neigh replace 198.51.100.2 lladdr 02:00:00:00:00:31 dev ul0 nud permanent && "
	   "ip neigh replace 198.51.100.3 lladdr 02:00:00:00:00:32 dev ul0 nud permanent && "
	   "ip route add 203.0.113.0/24 nexthop via 198.51.100.2 dev ul0 "
	   "nexthop via 198.51.100.3 dev ul0");
	ips[1] = inet_addr("203.0.113.9");
	cr_assert_eq(remote_hop_resolve(gn_dp.ul_ifindex, inet_addr(GN_LOCAL_IP), ips[1], &hop),
		     -1);
	/* One next hop through a gateway: the gateway's MAC. */
	sh("ip route replace 203.0.113.0/24 via 198.51.100.3 dev ul0 mtu 1400");
	cr_assert_eq(remote_hop_resolve(gn_dp.ul_ifindex, inet_addr(GN_LOCAL_IP), ips[1], &hop), 0);
	xh_mac("02:00:00:00:00:32", mac);
	cr_assert_arr_eq(hop.dmac, mac, 6);
	cr_assert_eq(hop.mtu, 1400);

	remote_hops_clear(hops_fd());
	cr_assert_neq(bpf_map_lookup_elem(hops_fd(), &ips[0], &hop), 0);
	close(sub);
}
