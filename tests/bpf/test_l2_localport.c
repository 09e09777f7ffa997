// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_localport.c - a localport is reached only on its own chassis and
 * speaks only to its own chassis; the physical network hears it only for an
 * external port this chassis holds.
 */
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>

#include "l2_provider_model.h"

TestSuite(l2_localport, .init = provider_setup, .fini = provider_teardown);

static size_t udp_frame(uint8_t *f, uint8_t from, uint8_t to)
{
	return provider_udp(f, DP_LSN, from, to, "10.5.0.6", "10.5.0.1");
}

static void expect_drop(struct xh *x, uint32_t ifindex, const uint8_t *f, size_t len,
			enum xovn_drop_reason reason)
{
	struct xovn_trace tr = xh_trace(x, XH_VIF_TRACE, ifindex, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, reason, "reason %d, wanted %d", tr.drop_reason, reason);
	cr_assert_eq(tr.n_out, 0);
	cr_assert_eq(xh_run(x, XH_VIF_LIVE, ifindex, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(x, reason), 1);
	cr_assert_eq(xh_drops_total(x), 1);
}

Test(l2_localport, vif_reaches_the_localport_instance_on_its_own_chassis)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_VM1, P_LP);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	xh_expect_one_out(&tr, XOVN_ACT_DELIVER, P_LP, XOVN_OUT_LOCAL, IF_TAPL);
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, IF_TAP1, f, len), TC_ACT_REDIRECT);
}

Test(l2_localport, chassis_without_a_localport_instance_never_tunnels_to_one)
{
	struct xh hv2;
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_VM3, P_LP);

	xh_open(&hv2);
	xh_load_model(&hv2, provider_model, "hv2", hv2_ifaces, N_IFACES(hv2_ifaces));
	expect_drop(&hv2, IF_TAP3, f, len, XOVN_DROP_PORT_ABSENT);
	xh_close(&hv2);
}

Test(l2_localport, localport_broadcast_reaches_local_ports_but_not_localnet)
{
	uint8_t f[XH_FRAME_MAX], lp[6];
	size_t len;
	struct xovn_trace tr;

	provider_mac(lp, DP_LSN, P_LP);
	len = xh_arp_request(f, lp, "10.5.0.6", "10.5.0.99");
	tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPL, f, len, NULL);
	cr_assert_eq(tr.in_port, P_LP);
	provider_expect_flood_to_vm1_only(&tr);
}

Test(l2_localport, localport_unknown_unicast_does_not_leak_to_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_LP, 0x98);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPL, f, len, NULL);

	cr_assert_eq(tr.out_port, XOVN_MC_UNKNOWN);
	cr_assert_eq(tr.n_out, 0);
}

Test(l2_localport, localport_unicast_to_a_vif_on_another_chassis_is_dropped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_LP, P_VM3);

	expect_drop(&provider_dp, IF_TAPL, f, len, XOVN_DROP_LOCALPORT);
}

Test(l2_localport, localport_unicast_to_a_local_vif_is_delivered)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_LP, P_VM1);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPL, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, IF_TAP1);
}

Test(l2_localport, localport_unicast_to_an_external_port_held_here_goes_out_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_LP, P_EXT1);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_TAPL, f, len, NULL);

	xh_expect_one_out(&tr, XOVN_ACT_LOCALNET, P_EXT1, XOVN_OUT_LOCALNET, IF_BR0);
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, IF_TAPL, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&provider_dp), 0);
}

Test(l2_localport, localport_unicast_to_an_external_port_held_elsewhere_is_dropped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, P_LP, P_EXT2);

	expect_drop(&provider_dp, IF_TAPL, f, len, XOVN_DROP_LOCALPORT);
}

Test(l2_localport, fabric_frame_to_the_localport_is_dropped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = udp_frame(f, 0x99, P_LP);

	expect_drop(&provider_dp, IF_BR0, f, len, XOVN_DROP_LOCALPORT);
}
