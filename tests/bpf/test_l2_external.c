// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_external.c - an external port's host and the localport: its
 * frames from the physical network reach the localport instance, and its
 * ARP requests for the localport are answered, only on the chassis that
 * holds the external port.
 */
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>

#include "l2_provider_model.h"

TestSuite(l2_external, .init = provider_setup, .fini = provider_teardown);

/* A UDP frame from MAC 00:00:00:00:05:from to the localport, as the fabric delivers it. */
static size_t to_localport(uint8_t *f, uint8_t from)
{
	return provider_udp(f, DP_LSN, from, P_LP, "10.5.0.20", "10.5.0.6");
}

static void expect_dropped_as_localport(const uint8_t *f, size_t len)
{
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_LOCALPORT, "reason %d", tr.drop_reason);
	cr_assert_eq(tr.n_out, 0);
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, IF_BR0, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&provider_dp, XOVN_DROP_LOCALPORT), 1);
	cr_assert_eq(xh_drops_total(&provider_dp), 1);
}

Test(l2_external, held_external_port_reaches_the_localport_from_the_fabric)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = to_localport(f, P_EXT1);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert(tr.flags & XOVN_TF_FROM_LOCALNET);
	xh_expect_one_out(&tr, XOVN_ACT_DELIVER, P_LP, XOVN_OUT_LOCAL, IF_TAPL);
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, IF_BR0, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&provider_dp), 0);
}

Test(l2_external, external_port_held_elsewhere_does_not_reach_this_localport)
{
	uint8_t f[XH_FRAME_MAX];

	expect_dropped_as_localport(f, to_localport(f, P_EXT2));
}

Test(l2_external, fabric_host_that_is_no_external_port_does_not_reach_the_localport)
{
	uint8_t f[XH_FRAME_MAX];

	expect_dropped_as_localport(f, to_localport(f, 0x77));
}

Test(l2_external, vif_mac_from_the_fabric_does_not_reach_the_localport)
{
	uint8_t f[XH_FRAME_MAX];

	/* vm3 lives on hv2: its MAC is a port of the switch, but no external one. */
	expect_dropped_as_localport(f, to_localport(f, P_VM3));
}

Test(l2_external, held_external_port_broadcast_still_skips_the_localport)
{
	uint8_t f[XH_FRAME_MAX], src[6];
	size_t len;
	struct xovn_trace tr;

	provider_mac(src, DP_LSN, P_EXT1);
	len = xh_arp_request(f, src, "10.5.0.20", "10.5.0.99");
	tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);
	cr_assert_eq(tr.out_port, XOVN_MC_FLOOD);
	cr_assert_null(xh_trace_find(&tr, P_LP), "a fabric flood reached the localport");
	cr_assert_not_null(xh_trace_find(&tr, P_VM1));
}

/* Broadcast ARP request from MAC 00:00:00:00:05:from for the localport's IP. */
static size_t arp_for_localport(uint8_t *f, uint8_t from)
{
	uint8_t src[6];

	provider_mac(src, DP_LSN, from);
	return xh_arp_request(f, src, "10.5.0.20", "10.5.0.6");
}

Test(l2_external, holder_answers_its_external_port_asking_for_the_localport)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX], lp[6];
	size_t len = arp_for_localport(f, P_EXT1), out_len = 0;
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_ARP_REPLY, "action %d reason %d", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_BR0, "the answer goes back to the fabric");
	cr_assert_eq(xh_run_out(&provider_dp, XH_VIF_LIVE, IF_BR0, f, len, out, sizeof(out), &out_len), TC_ACT_REDIRECT);
	provider_mac(lp, DP_LSN, P_LP);
	cr_assert_eq(out_len, len);
	cr_assert_arr_eq(out + ETH_ALEN, lp, ETH_ALEN, "reply not sent from the localport's MAC");
	cr_assert_arr_eq(out + 22, lp, ETH_ALEN, "ARP sender is not the localport");
	cr_assert_eq(xh_drops_total(&provider_dp), 0);
}

Test(l2_external, non_holder_drops_an_external_port_asking_for_the_localport)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = arp_for_localport(f, P_EXT2);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_EXTERNAL_NOT_HELD, "reason %d", tr.drop_reason);
	cr_assert_eq(xh_run(&provider_dp, XH_VIF_LIVE, IF_BR0, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&provider_dp, XOVN_DROP_EXTERNAL_NOT_HELD), 1);
}

Test(l2_external, other_fabric_hosts_asking_for_the_localport_get_no_answer)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = arp_for_localport(f, 0x77);
	struct xovn_trace tr = xh_trace(&provider_dp, XH_VIF_TRACE, IF_BR0, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_FLOOD, "action %d", tr.action);
	cr_assert_null(xh_trace_find(&tr, P_LP));
}
