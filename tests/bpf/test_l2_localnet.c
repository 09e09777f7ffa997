// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_localnet.c - switches that reach other chassis through the
 * physical network: localnet egress instead of tunnels, no reflection of
 * fabric frames, provider VLAN tags pushed and required.
 */
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>

#include "l2_provider_model.h"

TestSuite(l2_localnet, .init = provider_setup, .fini = provider_teardown);

static size_t udp_frame(uint8_t *f, uint8_t sw, uint8_t from, uint8_t to)
{
	return provider_udp(f, sw, from, to, "10.5.0.100", "10.5.0.101");
}

static size_t arp_frame(uint8_t *f, uint8_t sw, uint8_t from)
{
	uint8_t src[6];

	provider_mac(src, sw, from);
	return xh_arp_request(f, src, "10.5.0.100", "10.5.0.101");
}

static void expect_live(uint32_t ifindex, const uint8_t *f, size_t len, int verdict,
			enum xovn_drop_reason reason)
{
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, ifindex, f, len), verdict);
	if (reason == XOVN_DROP_NONE) {
		cr_assert_eq(xh_drops_total(&provider_dp), 0);
		return;
	}
	cr_assert_eq(xh_drops(&provider_dp, reason), 1, "reason %d not counted", reason);
	cr_assert_eq(xh_drops_total(&provider_dp), 1);
}

Test(l2_localnet, remote_vif_on_a_localnet_switch_goes_out_localnet_not_a_tunnel)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, P_VM1, P_VM3);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	xh_expect_one_out(&tr, XOVN_ACT_LOCALNET, P_VM3, XOVN_OUT_LOCALNET, IF_BR0);
	cr_assert_eq(tr.out[0].port_key, P_LN);
	cr_assert_eq(tr.out[0].vid, 0);
	expect_live(IF_TAP1, f, len, TC_ACT_REDIRECT, XOVN_DROP_NONE);
}

Test(l2_localnet, fabric_frame_for_a_vif_on_another_chassis_is_dropped_not_reflected)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, 0x99, P_VM3);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.in_port, P_LN);
	cr_assert(tr.flags & XOVN_TF_FROM_LOCALNET);
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_LOCALNET_REFLECT);
	expect_live(IF_BR0, f, len, TC_ACT_SHOT, XOVN_DROP_LOCALNET_REFLECT);
}

Test(l2_localnet, fabric_frame_for_a_local_vif_is_delivered)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, 0x99, P_VM1);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, DP_LSN);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_TAP1);
	expect_live(IF_BR0, f, len, TC_ACT_REDIRECT, XOVN_DROP_NONE);
}

Test(l2_localnet, fabric_broadcast_reaches_local_vifs_only)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = arp_frame(f, DP_LSN, 0x99);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	provider_expect_flood_to_vm1_only(&tr);
}

Test(l2_localnet, fabric_unknown_unicast_never_goes_back_to_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, 0x99, 0x98);
	int verdict;
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, &verdict);

	cr_assert_eq(verdict, TC_ACT_SHOT);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.out_port, XOVN_MC_UNKNOWN);
	cr_assert_eq(tr.n_out, 0);
	/* Nothing was wrong with the frame: it is not counted as a drop. */
	expect_live(IF_BR0, f, len, TC_ACT_SHOT, XOVN_DROP_NONE);
}

Test(l2_localnet, fabric_frame_for_an_external_port_is_not_reflected)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, 0x99, P_EXT1);

	expect_live(IF_BR0, f, len, TC_ACT_SHOT, XOVN_DROP_LOCALNET_REFLECT);
}

Test(l2_localnet, vif_broadcast_goes_to_localnet_and_local_ports_but_no_tunnel)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = arp_frame(f, DP_LSN, P_VM1);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	const struct xovn_trace_out *ln = xh_trace_find(&tr, P_LN);

	cr_assert_not_null(ln);
	cr_assert_eq(ln->kind, XOVN_OUT_LOCALNET);
	cr_assert_eq(ln->ifindex, IF_BR0);
	cr_assert_eq(ln->vid, 0);
	cr_assert_not_null(xh_trace_find(&tr, P_LP), "the localport missed a local broadcast");
	cr_assert_null(xh_trace_find(&tr, P_VM1));
	cr_assert_eq(provider_count_kind(&tr, XOVN_OUT_TUNNEL), 0, "tunnel copy on a localnet switch");
	cr_assert_eq(tr.n_out, 2);
}

Test(l2_localnet, vif_unknown_unicast_goes_out_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, P_VM1, 0x98);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	xh_expect_one_out(&tr, XOVN_ACT_FLOOD, XOVN_MC_UNKNOWN, XOVN_OUT_LOCALNET, IF_BR0);
}

Test(l2_localnet, vif_to_an_external_port_leaves_through_localnet_whoever_holds_it)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, P_VM1, P_EXT2);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_LOCALNET);
	cr_assert_eq(tr.out_port, P_EXT2);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_BR0);
}

Test(l2_localnet, tagged_localnet_frame_is_accepted_by_its_vlan_and_delivered_untagged)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = udp_frame(f, DP_LST, 0x99, P_VMT), out_len = 0;
	struct xovn_trace tr;

	len = xh_vlan_insert(f, len, ETH_P_8021Q, LNT_VLAN);
	tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);
	cr_assert_eq(tr.dp_key, DP_LST);
	cr_assert_eq(tr.in_port, P_LNT);
	cr_assert_eq(tr.in_vid, LNT_VLAN);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, IF_TAPT);
	cr_assert_eq(tr.out[0].vid, 0);

	cr_assert_eq(xh_run_out(&provider_dp, XH_VIF_LIVE, IF_BR0, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, len - 4);
	cr_assert_eq(xh_frame_vid(out, out_len), -1);
}

Test(l2_localnet, tagged_localnet_egress_pushes_the_provider_vlan)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LST, P_VMT, P_VMT3);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPT, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_LOCALNET);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_BR0);
	cr_assert_eq(tr.out[0].vid, LNT_VLAN);

	len = arp_frame(f, DP_LST, P_VMT);
	tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPT, f, len, NULL);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCALNET);
	cr_assert_eq(tr.out[0].vid, LNT_VLAN);
}

Test(l2_localnet, untagged_bridge_frame_belongs_to_the_untagged_network_only)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LST, 0x99, P_VMT);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	/* vmt's MAC means nothing on lsn: it is unknown there, and stays off lst. */
	cr_assert_eq(tr.dp_key, DP_LSN);
	cr_assert_eq(tr.in_port, P_LN);
	cr_assert_eq(tr.n_out, 0);
}

Test(l2_localnet, bridge_frame_with_an_unmapped_vlan_is_dropped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LST, 0x99, P_VMT);

	len = xh_vlan_insert(f, len, ETH_P_8021Q, LNT_VLAN + 1);
	expect_live(IF_BR0, f, len, TC_ACT_SHOT, XOVN_DROP_VLAN_NOT_ALLOWED);
}

Test(l2_localnet, priority_tagged_frame_is_accepted_on_an_untagged_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, DP_LSN, 0x99, P_VM1);
	struct xovn_trace tr;

	len = xh_vlan_insert(f, len, ETH_P_8021Q, 0);
	tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);
	cr_assert_eq(tr.in_port, P_LN);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, IF_TAP1);
	expect_live(IF_BR0, f, len, TC_ACT_REDIRECT, XOVN_DROP_NONE);
}
