// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_flood.c - a flood from a local port gets one Geneve copy per
 * remote chassis of the switch (egress key = the group), traced with 1, 2
 * and 3 remote chassis and watched on a real underlay.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>
#include <unistd.h>

#include "geneve_fixture.h"

TestSuite(geneve_flood, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_flood_net, .init = gn_setup_private, .fini = gn_teardown);

static int count_tunnels(const struct xovn_trace *tr)
{
	int i, n = 0;

	for (i = 0; i < tr->n_out && i < XOVN_MAX_TRACE_OUT; i++)
		n += tr->out[i].kind == XOVN_OUT_TUNNEL;
	return n;
}

/* The tunnel copy to ip: exactly one, carrying the flood group. */
static void expect_one_tunnel_to(const struct xovn_trace *tr, const char *ip)
{
	int i, n = 0;

	for (i = 0; i < tr->n_out && i < XOVN_MAX_TRACE_OUT; i++) {
		if (tr->out[i].kind != XOVN_OUT_TUNNEL || tr->out[i].remote_ip != inet_addr(ip))
			continue;
		cr_assert_eq(tr->out[i].port_key, XOVN_MC_FLOOD, "copy to %s has key %u", ip,
			     tr->out[i].port_key);
		n++;
	}
	cr_assert_eq(n, 1, "%d tunnel copies to %s", n, ip);
}

static struct xovn_trace trace_broadcast(uint32_t vni, uint16_t from, uint32_t ifindex)
{
	uint8_t f[XH_FRAME_MAX], src[6];
	size_t len;
	int verdict;
	struct xovn_trace tr;

	gn_mac(src, vni, from);
	len = xh_arp_request(f, src, "10.0.0.1", "10.0.0.99");
	tr = xh_trace(&gn_dp.h, XH_VIF_TRACE, ifindex, f, len, &verdict);
	cr_assert_eq(verdict, TC_ACT_SHOT, "the original of a flood must be consumed");
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_NONE);
	return tr;
}

Test(geneve_flood, one_remote_chassis_gets_one_copy)
{
	struct xovn_trace tr = trace_broadcast(GN_VNI1, 1, GN_IF_A1);

	cr_assert_eq(count_tunnels(&tr), 1);
	expect_one_tunnel_to(&tr, GN_HV2_IP);
	cr_assert_eq(tr.n_out, 1);
}

Test(geneve_flood, two_remote_chassis_get_one_copy_each)
{
	struct xovn_trace tr = trace_broadcast(GN_VNI2, 1, GN_IF_B1);

	cr_assert_eq(count_tunnels(&tr), 2);
	expect_one_tunnel_to(&tr, GN_HV2_IP);
	expect_one_tunnel_to(&tr, GN_HV3_IP);
}

Test(geneve_flood, three_remote_chassis_get_one_copy_each_after_the_local_copies)
{
	struct xovn_trace tr = trace_broadcast(GN_VNI3, 1, GN_IF_C1);
	int i;

	cr_assert_eq(count_tunnels(&tr), 3);
	expect_one_tunnel_to(&tr, GN_HV2_IP);
	expect_one_tunnel_to(&tr, GN_HV3_IP);
	expect_one_tunnel_to(&tr, GN_HV4_IP);
	cr_assert_eq(tr.n_out, 5, "c2, lp3 and three chassis");
	/* Tunnel copies consume the frame: they come last. */
	for (i = 0; i < 2; i++)
		cr_assert_eq(tr.out[i].kind, XOVN_OUT_LOCAL);
}

Test(geneve_flood, a_broadcast_from_a_localport_is_never_tunneled)
{
	struct xovn_trace tr = trace_broadcast(GN_VNI3, GN_LOCALPORT, GN_IF_LP3);

	cr_assert_eq(count_tunnels(&tr), 0);
	cr_assert_eq(tr.n_out, 2, "c1 and c2 only");
}

Test(geneve_flood, a_flood_too_big_for_the_underlay_keeps_its_local_copies)
{
	uint8_t f[XH_FRAME_MAX], src[6];
	size_t len;
	struct xovn_trace tr;

	gn_mac(src, GN_VNI3, 1);
	len = xh_eth(f, XH_BROADCAST, src, ETH_P_IP, 1500);
	tr = xh_trace(&gn_dp.h, XH_VIF_TRACE, GN_IF_C1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_MTU);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0, "tracing counted a drop");
	cr_assert_eq(xh_run(&gn_dp.h, XH_VIF_LIVE, GN_IF_C1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&gn_dp.h, XOVN_DROP_MTU), 1);
}

/* ---- on a real underlay ------------------------------------------------------ */

Test(geneve_flood_net, copies_reach_the_wire_with_resolved_macs_and_unresolved_ones_count)
{
	int ul1 = gn_packet_socket("ul1"), c2 = gn_packet_socket("tap13bp");
	uint8_t f[XH_FRAME_MAX], src[6], mac2[6], mac3[6];
	static uint8_t seen[8][XH_FRAME_MAX + 64];
	size_t len, lens[8];
	int n, i, to_hv2 = 0, to_hv3 = 0;

	gn_mac(src, GN_VNI3, 1);
	len = xh_arp_request(f, src, "10.13.0.1", "10.13.0.99");
	cr_assert_eq(xh_run(&gn_dp.h, XH_VIF_LIVE, gn_ifindex("tap13"), f, len), TC_ACT_SHOT);
	/* hv4 has no neighbour entry: its copy is counted, not sent. */
	cr_assert_eq(xh_drops(&gn_dp.h, XOVN_DROP_NO_REMOTE), 1);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 1);

	n = gn_collect(ul1, 1, NULL, seen, lens, 8);
	cr_assert_eq(n, 2, "%d Geneve frames on the underlay, want 2", n);
	xh_mac(GN_HV2_MAC, mac2);
	xh_mac(GN_HV3_MAC, mac3);
	for (i = 0; i < n; i++) {
		const char *to = seen[i][GN_OFF_IP + 19] == 2 ? GN_HV2_IP : GN_HV3_IP;

		gn_expect_encap(seen[i], lens[i], to, GN_VNI3, 1, XOVN_MC_FLOOD, f, len);
		cr_assert_arr_eq(seen[i] + 6, gn_dp.ul_mac, 6);
		if (to[8] == '2') {
			cr_assert_arr_eq(seen[i], mac2, 6);
			to_hv2++;
		} else {
			cr_assert_arr_eq(seen[i], mac3, 6);
			to_hv3++;
		}
	}
	cr_assert_eq(to_hv2, 1);
	cr_assert_eq(to_hv3, 1);
	/* The local copy left before encapsulation, as the plain frame. */
	n = gn_collect(c2, 0, src, seen, lens, 8);
	cr_assert_eq(n, 1);
	cr_assert_eq(lens[0], len);
	cr_assert_arr_eq(seen[0], f, len);
	close(ul1);
	close(c2);
}
