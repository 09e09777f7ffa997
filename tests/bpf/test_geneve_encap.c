// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_encap.c - what the live VIF program puts on the wire for a
 * port on another chassis: every byte of the Geneve encapsulation, for an
 * IPv4, an IPv6 and an ARP inner frame, and the MTU rule.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "geneve_fixture.h"

TestSuite(geneve_encap, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_encap_net, .init = gn_setup_private, .fini = gn_teardown);

/* Runs the live VIF program; returns the verdict, out holds the frame it left. */
static int run_live(uint32_t ifindex, const uint8_t *f, size_t len, uint8_t *out, size_t *out_len)
{
	return xh_run_out(&gn_dp.h, XH_VIF_LIVE, ifindex, f, len, out, XH_FRAME_MAX + 64, out_len);
}

Test(geneve_encap, ipv4_unicast_to_a_remote_vif_is_encapsulated_exactly)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 100), out_len = 0;

	cr_assert_eq(run_live(GN_IF_A1, f, len, out, &out_len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	gn_expect_encap(out, out_len, GN_HV2_IP, GN_VNI1, 1, 3, f, len);
	/* Unresolved here: the kernel writes the MACs in bpf_redirect_neigh. */
	cr_assert_eq(out[0] & 1, 0, "outer destination MAC must not be a group address");
	cr_assert_eq(xh_port_stats(&gn_dp.h, GN_VNI1, 3).tx_packets, 1);
}

Test(geneve_encap, ipv6_inner_frame_gets_an_ipv4_outer_header)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], src[6], dst[6];
	size_t len, out_len = 0;

	gn_mac(src, GN_VNI2, 1);
	gn_mac(dst, GN_VNI2, 4);
	len = xh_eth(f, dst, src, ETH_P_IPV6, 80);
	f[ETH_HLEN] = 0x60;
	cr_assert_eq(run_live(GN_IF_B1, f, len, out, &out_len), TC_ACT_REDIRECT);
	gn_expect_encap(out, out_len, GN_HV3_IP, GN_VNI2, 1, 4, f, len);
}

Test(geneve_encap, trace_records_the_tunnel_without_touching_the_frame)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 100);
	int verdict;
	struct xovn_trace tr = xh_trace(&gn_dp.h, XH_VIF_TRACE, GN_IF_A1, f, len, &verdict);

	cr_assert_eq(verdict, TC_ACT_REDIRECT);
	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_TUNNEL);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr(GN_HV2_IP));
	cr_assert_eq(tr.out[0].port_key, 3);
	cr_assert_eq(tr.out[0].ifindex, GN_IF_UL0_FAKE);
	cr_assert_eq(xh_port_stats(&gn_dp.h, GN_VNI1, 3).tx_packets, 0, "a trace counted");
}

Test(geneve_encap, source_port_follows_the_inner_flow)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 64), out_len;
	uint16_t first, again, other = 0;
	int flow;

	run_live(GN_IF_A1, f, len, out, &out_len);
	first = xovn_get16(out + GN_OFF_UDP);
	run_live(GN_IF_A1, f, len, out, &out_len);
	again = xovn_get16(out + GN_OFF_UDP);
	cr_assert_eq(first, again, "one flow, two source ports");
	/* Other inner UDP source ports: the outer source port must move too. */
	for (flow = 1; flow <= 8 && (!other || other == first); flow++) {
		f[ETH_HLEN + 20] = (uint8_t)(0x10 + flow);
		run_live(GN_IF_A1, f, len, out, &out_len);
		other = xovn_get16(out + GN_OFF_UDP);
		cr_assert_geq(other, 49152);
	}
	cr_assert_neq(other, first, "8 different flows all got source port %u", first);
}

Test(geneve_encap, frame_too_big_for_the_underlay_is_dropped_as_mtu)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	/* Underlay MTU 1500: inner frames up to 1500 - 44 = 1456 bytes fit. */
	size_t fits = gn_inner_udp(f, GN_VNI1, 1, 3, 1456 - 42), out_len = 0;

	cr_assert_eq(fits, 1456);
	cr_assert_eq(run_live(GN_IF_A1, f, fits, out, &out_len), TC_ACT_REDIRECT);
	cr_assert_eq(out_len, 1456 + 58);
	cr_assert_eq(xovn_get16(out + GN_OFF_IP + 2), 1500, "outer IPv4 length");
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);

	gn_inner_udp(f, GN_VNI1, 1, 3, 1457 - 42);
	cr_assert_eq(run_live(GN_IF_A1, f, 1457, out, &out_len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&gn_dp.h, XOVN_DROP_MTU), 1);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 1);
	cr_assert_eq(xh_trace(&gn_dp.h, XH_VIF_TRACE, GN_IF_A1, f, 1457, NULL).drop_reason,
		     XOVN_DROP_MTU);
}

Test(geneve_encap, localport_traffic_is_never_encapsulated)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = gn_inner_udp(f, GN_VNI3, GN_LOCALPORT, 3, 32), out_len = 0;

	cr_assert_eq(run_live(GN_IF_LP3, f, len, out, &out_len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&gn_dp.h, XOVN_DROP_LOCALPORT), 1);
	cr_assert_arr_eq(out, f, len, "a dropped frame was rewritten");
}

/* ---- with a real underlay: MACs from the kernel's neighbour table --------- */

Test(geneve_encap_net, arp_inner_frame_is_pushed_behind_resolved_outer_macs)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], src[6], dst[6], hv2[6];
	size_t len, out_len = 0;

	/* A unicast ARP reply from a1 to a3 (on hv2). */
	gn_mac(src, GN_VNI1, 1);
	gn_mac(dst, GN_VNI1, 3);
	len = xh_arp_request(f, src, "10.11.0.1", "10.11.0.3");
	memcpy(f, dst, 6);
	f[ETH_HLEN + 7] = 2;
	cr_assert_eq(run_live(gn_ifindex("tap11"), f, len, out, &out_len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	gn_expect_encap(out, out_len, GN_HV2_IP, GN_VNI1, 1, 3, f, len);
	xh_mac(GN_HV2_MAC, hv2);
	cr_assert_arr_eq(out, hv2, 6, "outer destination is not hv2's neighbour entry");
	cr_assert_arr_eq(out + 6, gn_dp.ul_mac, 6, "outer source is not ul0's MAC");
}

Test(geneve_encap_net, non_ip_frame_to_an_unresolved_chassis_is_counted_not_sent)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], src[6], dst[6];
	size_t len, out_len = 0;

	/* c5 lives on hv4, which has no neighbour entry on the underlay. */
	gn_mac(src, GN_VNI3, 1);
	gn_mac(dst, GN_VNI3, 5);
	len = xh_arp_request(f, src, "10.13.0.1", "10.13.0.5");
	memcpy(f, dst, 6);
	cr_assert_eq(run_live(gn_ifindex("tap13"), f, len, out, &out_len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&gn_dp.h, XOVN_DROP_NO_REMOTE), 1);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 1);
}

/*
 * Without skb->hash the outer source port hashes the inner addresses and
 * ports; a later fragment has no ports, so every fragment of a datagram,
 * the first included, must hash without them and keep one source port.
 */
Test(geneve_encap, fragments_of_one_datagram_share_the_outer_source_port)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 64), out_len;
	uint8_t *ip = f + ETH_HLEN;
	uint16_t first, later;

	ip[6] = 0x20;  /* MF, offset 0 */
	ip[7] = 0;
	cr_assert_eq(run_live(GN_IF_A1, f, len, out, &out_len), TC_ACT_REDIRECT);
	first = xovn_get16(out + GN_OFF_UDP);
	ip[6] = 0;     /* last fragment, offset 185 * 8: where the ports were is payload */
	ip[7] = 185;
	ip[20] ^= 0x5a;
	ip[22] ^= 0xa5;
	cr_assert_eq(run_live(GN_IF_A1, f, len, out, &out_len), TC_ACT_REDIRECT);
	later = xovn_get16(out + GN_OFF_UDP);
	cr_assert_eq(later, first, "first fragment port %u, later fragment %u", first, later);
	cr_assert_geq(first, 49152);
}
