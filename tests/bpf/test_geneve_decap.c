// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_decap.c - the underlay program: Geneve for this chassis is
 * validated, stripped and delivered to local ports only; malformed Geneve
 * is dropped by reason and left untouched; everything else is the host's.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>
#include <unistd.h>

#include "geneve_underlay_frames.h"
#include "geneve_fixture.h"

TestSuite(geneve_decap, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_decap_bad, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_decap_pass, .init = gn_setup_fake, .fini = gn_teardown);
TestSuite(geneve_decap_net, .init = gn_setup_private, .fini = gn_teardown);

static uint8_t inner[XH_FRAME_MAX];
static size_t inner_len;

/* A Geneve frame from hv2 carrying c3 -> out_key of ls3 (or another VNI). */
static size_t from_hv2(uint8_t *f, uint32_t vni, uint16_t in_port, uint16_t out_key)
{
	inner_len = gn_inner_udp(inner, GN_VNI3, 3, 1, 64);
	return gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, vni, in_port, out_key, inner, inner_len);
}


/* ---- delivery ------------------------------------------------------------- */

Test(geneve_decap, unicast_is_stripped_to_the_exact_inner_frame_and_delivered)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = from_hv2(f, GN_VNI3, 3, 1), out_len = 0;
	struct xovn_trace tr;
	int verdict;

	cr_assert_eq(xh_run_out(&gn_dp.h, XH_UNDERLAY_LIVE, GN_IF_UL0_FAKE, f, len, out, sizeof(out),
				&out_len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	cr_assert_eq(out_len, inner_len, "decapsulated length %zu, inner %zu", out_len, inner_len);
	cr_assert_arr_eq(out, inner, inner_len, "the inner frame changed");
	cr_assert_eq(xh_port_stats(&gn_dp.h, GN_VNI3, 1).tx_packets, 1);

	tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, &verdict);
	cr_assert_eq(verdict, TC_ACT_REDIRECT);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, GN_VNI3);
	cr_assert_eq(tr.in_port, 3);
	cr_assert_eq(tr.out_port, 1);
	cr_assert(tr.flags & XOVN_TF_FROM_TUNNEL);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(tr.out[0].ifindex, GN_IF_C1);
}

Test(geneve_decap, the_same_keys_on_another_vni_reach_that_switchs_port)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = from_hv2(f, GN_VNI4, 3, 2);
	struct xovn_trace tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, GN_VNI4);
	cr_assert_eq(tr.out[0].ifindex, GN_IF_D2);
}

Test(geneve_decap, a_non_critical_unknown_option_is_skipped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = gn_add_option(f, from_hv2(f, GN_VNI3, 3, 2), 0x0200, 0x01, 2);
	struct xovn_trace tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "action %d reason %d", tr.action, tr.drop_reason);
	cr_assert_eq(tr.out[0].ifindex, GN_IF_C2);
}

static int has_out(const struct xovn_trace *tr, uint16_t port)
{
	return xh_trace_find(tr, port) != NULL;
}

Test(geneve_decap, flood_group_reaches_local_vifs_minus_ingress_never_localport_or_localnet)
{
	uint8_t f[XH_FRAME_MAX], bcast[XH_FRAME_MAX], src[6];
	size_t blen, len;
	struct xovn_trace tr;
	int verdict;

	gn_mac(src, GN_VNI4, 3);
	blen = xh_arp_request(bcast, src, "10.14.0.3", "10.14.0.99");
	len = gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI4, 3, XOVN_MC_FLOOD, bcast, blen);
	tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, &verdict);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.out_port, XOVN_MC_FLOOD);
	cr_assert_eq(tr.n_out, 2, "%d copies", tr.n_out);
	cr_assert(has_out(&tr, 1));
	cr_assert(has_out(&tr, 2));
	cr_assert_not(has_out(&tr, GN_LOCALPORT), "a tunnel flood reached the localport");
	cr_assert_not(has_out(&tr, GN_LOCALNET), "a tunnel flood went back to the fabric");
	cr_assert_eq(xh_trace_find(&tr, 1)->kind, XOVN_OUT_LOCAL);

	/* The logical ingress port named in the option gets nothing back. */
	len = gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI4, 2, XOVN_MC_FLOOD, bcast, blen);
	tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, NULL);
	cr_assert_eq(tr.n_out, 1);
	cr_assert(has_out(&tr, 1));
}

Test(geneve_decap, unknown_group_from_a_tunnel_never_goes_to_localnet)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = from_hv2(f, GN_VNI4, 3, XOVN_MC_UNKNOWN);
	struct xovn_trace tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, NULL);

	cr_assert_eq(tr.out_port, XOVN_MC_UNKNOWN);
	cr_assert_not(has_out(&tr, GN_LOCALNET));
	cr_assert_eq(tr.n_out, 0);
}

/* ---- malformed or not ours: dropped by reason, untouched ------------------ */

/* TC drops the case's frame under its reason, leaves it as it was, and its trace twin agrees. */
static void expect_drop(const struct gn_frame_case *c)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = c->build(f), out_len = 0;
	struct xovn_trace tr;
	int verdict;

	cr_assert_eq(xh_run_out(&gn_dp.h, XH_UNDERLAY_LIVE, GN_IF_UL0_FAKE, f, len, out, sizeof(out),
				&out_len), TC_ACT_SHOT, "%s: not dropped", c->name);
	cr_assert_eq(xh_drops(&gn_dp.h, c->reason), 1, "%s: reason %d not counted (total %lu)",
		     c->name, c->reason, (unsigned long)xh_drops_total(&gn_dp.h));
	cr_assert_eq(xh_drops_total(&gn_dp.h), 1, "%s: another reason was counted too", c->name);
	cr_assert_eq(out_len, len);
	cr_assert_arr_eq(out, f, len, "%s: a dropped frame was modified", c->name);
	tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, &verdict);
	cr_assert_eq(verdict, TC_ACT_SHOT);
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, c->reason, "%s: trace says %d", c->name, tr.drop_reason);
	cr_assert_eq(tr.n_out, 0);
}

ParameterizedTestParameters(geneve_decap_bad, dropped_by_reason_and_untouched)
{
	return gn_bad_frame_params();
}

ParameterizedTest(size_t *index, geneve_decap_bad, dropped_by_reason_and_untouched)
{
	expect_drop(gn_bad_frame(*index));
}

/* ---- underlay traffic that is not Geneve for us ---------------------------- */

/* TC passes the case's frame to the host as it was, counts nothing, and its trace twin agrees. */
static void expect_pass(const struct gn_frame_case *c)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = c->build(f), out_len = 0;
	struct xovn_trace tr;
	int verdict;

	cr_assert_eq(xh_run_out(&gn_dp.h, XH_UNDERLAY_LIVE, GN_IF_UL0_FAKE, f, len, out, sizeof(out),
				&out_len), TC_ACT_OK, "%s: not passed", c->name);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0, "%s: counted as a drop", c->name);
	cr_assert_eq(out_len, len);
	cr_assert_arr_eq(out, f, len, "%s: a passed frame was modified", c->name);
	tr = xh_trace(&gn_dp.h, XH_UNDERLAY_TRACE, GN_IF_UL0_FAKE, f, len, &verdict);
	cr_assert_eq(verdict, TC_ACT_OK);
	cr_assert_eq(tr.action, XOVN_ACT_PASS, "%s: trace action %d", c->name, tr.action);
}

ParameterizedTestParameters(geneve_decap_pass, passed_to_the_host_untouched)
{
	return gn_host_frame_params();
}

ParameterizedTest(size_t *index, geneve_decap_pass, passed_to_the_host_untouched)
{
	expect_pass(gn_host_frame(*index));
}

/* ---- live flood from a tunnel on real interfaces ----------------------------- */

Test(geneve_decap_net, tunnel_broadcast_reaches_local_vifs_only_as_the_plain_frame)
{
	int d1 = gn_packet_socket("tap14p"), d2 = gn_packet_socket("tap14bp");
	int lp = gn_packet_socket("tapl4p"), ln = gn_packet_socket("br0p");
	static uint8_t seen[4][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], bcast[XH_FRAME_MAX], src[6];
	size_t blen, len, lens[4];

	gn_mac(src, GN_VNI4, 3);
	blen = xh_arp_request(bcast, src, "10.14.0.3", "10.14.0.99");
	len = gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI4, 3, XOVN_MC_FLOOD, bcast, blen);
	cr_assert_eq(xh_run(&gn_dp.h, XH_UNDERLAY_LIVE, gn_dp.ul_ifindex, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	cr_assert_eq(gn_collect(d1, 0, src, seen, lens, 4), 1);
	cr_assert_eq(lens[0], blen);
	cr_assert_arr_eq(seen[0], bcast, blen, "d1 did not get the inner frame as sent");
	cr_assert_eq(gn_collect(d2, 0, src, seen, lens, 4), 1);
	cr_assert_arr_eq(seen[0], bcast, blen);
	cr_assert_eq(gn_collect(lp, 0, src, seen, lens, 4), 0, "the localport got a copy");
	cr_assert_eq(gn_collect(ln, 0, src, seen, lens, 4), 0, "the fabric got a copy");
	close(d1);
	close(d2);
	close(lp);
	close(ln);
}
