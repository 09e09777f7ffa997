// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_gateway.c - gateway routers and distributed gateway ports on the
 * real programs of chassis hv1 (topology: gateway_topo.h): where a router
 * runs, what is tunneled to the chassis where it does (exact bytes), what
 * the physical network and tunnels may enter, who answers ARP for a
 * gateway port, and failover when the active gateway chassis goes down.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <string.h>

#include "gateway_topo.h"
#include "geneve_fixture.h"
#include "router_topo.h"

static struct xh h;

/* GW on hv2; r1-ext active on hv2 (20) with hv1 (10) as backup. */
static const struct gt_variant elsewhere = { "hv2", 10, 20, NULL };
/* GW on hv1; r1-ext active on hv1 (30) with hv2 (20) as backup. */
static const struct gt_variant here = { "hv1", 30, 20, NULL };
/* As elsewhere, with hv2 marked down: hv1 takes over r1-ext. */
static const struct gt_variant hv2_down = { "hv2", 10, 20, "down" };

static void open_elsewhere(void)
{
	gt_open(&h, &elsewhere);
}

static void open_here(void)
{
	gt_open(&h, &here);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(gateway_elsewhere, .init = open_elsewhere, .fini = teardown);
TestSuite(gateway_here, .init = open_here, .fini = teardown);
TestSuite(gateway_failover, .fini = teardown);

#define FROM_VM1 "eth.src=" GT_VM1_MAC " eth.dst=" GT_R1_LS1 " ip4.src=10.0.1.1 "
#define UDP " udp.src=40000 udp.dst=9 payload.len=30"

static struct xovn_trace trace_vif(uint32_t ifindex, const char *fields)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, fields);

	return xh_trace(&h, XH_VIF_TRACE, ifindex, f, len, NULL);
}

/* A Geneve frame from hv2 carrying inner_fields, run through hv1's underlay trace. */
static struct xovn_trace trace_tunnel(uint32_t vni, uint16_t in, uint16_t out,
				      const char *inner_fields)
{
	uint8_t inner[XH_FRAME_MAX], f[XH_FRAME_MAX + 64];
	size_t inner_len = rt_frame(inner, inner_fields);
	size_t len = gn_geneve(f, GT_HV2_IP, GT_HV1_IP, vni, in, out, inner, inner_len);

	return xh_trace(&h, XH_UNDERLAY_TRACE, GT_IF_UL0, f, len, NULL);
}

/* The live VIF program on fields must send exactly inner_fields in Geneve (vni, in -> out) to hv2. */
static void expect_tunneled(const char *fields, uint32_t vni, uint16_t in, uint16_t out,
			    const char *inner_fields)
{
	uint8_t f[XH_FRAME_MAX], inner[XH_FRAME_MAX], got[XH_FRAME_MAX + 64];
	size_t len = rt_frame(f, fields), inner_len = rt_frame(inner, inner_fields), got_len = 0;

	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, GT_IF_T1, f, len, got, sizeof(got), &got_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&h), 0, "the live run counted a drop");
	gn_expect_encap(got, got_len, GT_HV2_IP, vni, in, out, inner, inner_len);
}

static int goes_out(const struct xovn_trace *tr, uint32_t ifindex)
{
	for (unsigned i = 0; i < tr->n_out && i < XOVN_MAX_TRACE_OUT; i++) {
		if (tr->out[i].ifindex == ifindex && tr->out[i].kind == XOVN_OUT_LOCALNET)
			return 1;
	}
	return 0;
}

/* ---- a gateway router on another chassis -------------------------------------- */

Test(gateway_elsewhere, a_gateway_router_elsewhere_is_tunneled_to_its_chassis)
{
	struct xovn_trace tr = trace_vif(GT_IF_T1, FROM_VM1 "ip4.dst=10.9.0.5 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL, "action %u reason %u", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_hops, 1, "only R1 runs here");
	cr_assert_eq(tr.hops[0].rtr_key, GT_R1);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr(GT_HV2_IP));
	cr_assert_eq(tr.out[0].port_key, 2, "to GW's port on the join switch");
	expect_tunneled(FROM_VM1 "ip4.dst=10.9.0.5 ip.ttl=64" UDP, GT_JOIN, 1, 2,
			"eth.src=" GT_R1_JOIN " eth.dst=" GT_GW_JOIN
			" ip4.src=10.0.1.1 ip4.dst=10.9.0.5 ip.ttl=63" UDP);
}

Test(gateway_elsewhere, the_physical_network_does_not_enter_a_gateway_router_elsewhere)
{
	struct xovn_trace tr = trace_vif(GT_IF_PHYS, "eth.src=" GT_CLIENT " eth.dst=" GT_GW_OUT
					 " ip4.src=10.9.0.5 ip4.dst=10.0.1.1 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_LOCALNET_REFLECT);
	cr_assert_eq(tr.n_hops, 0);
}

Test(gateway_elsewhere, a_tunneled_frame_for_a_gateway_router_elsewhere_is_refused)
{
	struct xovn_trace tr = trace_tunnel(GT_JOIN, 1, 2, "eth.src=" GT_R1_JOIN " eth.dst="
					    GT_GW_JOIN " ip4.src=10.0.1.2 ip4.dst=10.9.0.5"
					    " ip.ttl=63" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_GENEVE_PORT);
}

/* ---- a distributed gateway port active on another chassis ---------------------- */

Test(gateway_elsewhere, out_the_gateway_port_is_redirected_to_the_active_chassis_exactly)
{
	struct xovn_trace tr = trace_vif(GT_IF_T1, FROM_VM1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL, "action %u reason %u", tr.action,
		     tr.drop_reason);
	cr_assert(tr.hops[0].flags & XOVN_HOP_REDIRECT);
	cr_assert_eq(tr.hops[0].flags & XOVN_HOP_NEIGH_MISS, 0, "the active chassis resolves it");
	cr_assert_eq(tr.hops[0].out_lrp, GT_R1_EXT_LRP);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr(GT_HV2_IP));
	/* Not routed here: the frame goes as it entered R1, by r1-ls1 (1), to r1-ext. */
	expect_tunneled(FROM_VM1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP, GT_R1, 1, GT_R1_EXT_LRP,
			FROM_VM1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP);
}

Test(gateway_elsewhere, a_redirect_for_a_port_active_elsewhere_is_refused)
{
	struct xovn_trace tr = trace_tunnel(GT_R1, 1, GT_R1_EXT_LRP, "eth.src=00:00:00:00:01:02"
					    " eth.dst=" GT_R1_LS1 " ip4.src=10.0.1.2"
					    " ip4.dst=8.8.8.8 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_GENEVE_VNI);
}

/* ---- the gateway chassis itself ------------------------------------------------ */

Test(gateway_here, a_tunneled_frame_enters_the_gateway_router_on_its_chassis)
{
	struct xovn_trace tr;

	gt_learn(&h, GT_GW, 2, "10.9.0.5", GT_CLIENT);
	tr = trace_tunnel(GT_JOIN, 1, 2, "eth.src=" GT_R1_JOIN " eth.dst=" GT_GW_JOIN
			  " ip4.src=10.0.1.2 ip4.dst=10.9.0.5 ip.ttl=63" UDP);
	cr_assert_eq(tr.n_hops, 1, "action %u reason %u", tr.action, tr.drop_reason);
	cr_assert_eq(tr.hops[0].rtr_key, GT_GW);
	cr_assert_eq(tr.hops[0].out_dp_key, GT_OUTSIDE);
	cr_assert(goes_out(&tr, GT_IF_PHYS), "not sent to the physical network");
}

Test(gateway_here, the_physical_network_enters_the_gateway_router)
{
	uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = rt_frame(f, "eth.src=" GT_CLIENT " eth.dst=" GT_GW_OUT
			      " ip4.src=10.9.0.5 ip4.dst=10.0.1.1 ip.ttl=64" UDP);
	size_t want_len = rt_frame(want, "eth.src=" GT_R1_LS1 " eth.dst=" GT_VM1_MAC
				   " ip4.src=10.9.0.5 ip4.dst=10.0.1.1 ip.ttl=62" UDP);
	size_t out_len = 0;
	struct xovn_trace tr = rt_trace(&h, GT_IF_PHYS, f, len, out, &out_len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "action %u reason %u", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_hops, 2);
	cr_assert_eq(tr.hops[0].rtr_key, GT_GW);
	cr_assert_eq(tr.hops[1].rtr_key, GT_R1);
	cr_assert_eq(tr.out[0].ifindex, GT_IF_T1);
	cr_assert_eq(out_len, want_len);
	cr_assert_arr_eq(out, want, want_len);
}

Test(gateway_here, what_the_gateway_router_routes_may_leave_by_tunnel)
{
	struct xovn_trace tr = trace_vif(GT_IF_PHYS, "eth.src=" GT_CLIENT " eth.dst=" GT_GW_OUT
					 " ip4.src=10.9.0.5 ip4.dst=10.0.1.2 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL, "action %u reason %u", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr(GT_HV2_IP));
	cr_assert_eq(tr.out[0].port_key, 2);
}

#define FROM_VM2_TO_R1 "eth.src=00:00:00:00:01:02 eth.dst=" GT_R1_LS1 " ip4.src=10.0.1.2 "

Test(gateway_here, a_redirected_frame_is_routed_out_of_the_gateway_port_here)
{
	struct xovn_trace tr;

	tr = trace_tunnel(GT_R1, 1, GT_R1_EXT_LRP, FROM_VM2_TO_R1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP);
	cr_assert_eq(tr.n_hops, 1, "action %u reason %u", tr.action, tr.drop_reason);
	cr_assert_eq(tr.hops[0].rtr_key, GT_R1);
	cr_assert_eq(tr.hops[0].in_lrp, 1);
	cr_assert_eq(tr.hops[0].flags & (XOVN_HOP_REDIRECT | XOVN_HOP_NEIGH_MISS),
		     XOVN_HOP_NEIGH_MISS, "its ARP request for 172.16.0.254 leaves from here");
	cr_assert(goes_out(&tr, GT_IF_EXT), "the ARP request is not on the external network");

	gt_learn(&h, GT_R1, GT_R1_EXT_LRP, "172.16.0.254", GT_UPSTREAM);
	tr = trace_tunnel(GT_R1, 1, GT_R1_EXT_LRP, FROM_VM2_TO_R1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP);
	cr_assert_eq(tr.hops[0].flags & (XOVN_HOP_REDIRECT | XOVN_HOP_NEIGH_MISS), 0);
	cr_assert(goes_out(&tr, GT_IF_EXT), "action %u reason %u", tr.action, tr.drop_reason);
}

/* Who answers ARP from the physical network for a router address, by variant. */
struct arp_case {
	const char *what;
	const struct gt_variant *v;
	uint32_t ifindex;
	const char *tpa;
	int answered;
};

static const struct arp_case arp_cases[] = {
	{ "gateway port, active here", &here, GT_IF_EXT, "172.16.0.1", 1 },
	{ "gateway port, active on hv2", &elsewhere, GT_IF_EXT, "172.16.0.1", 0 },
	{ "gateway port, hv2 down", &hv2_down, GT_IF_EXT, "172.16.0.1", 1 },
	{ "gateway router here", &here, GT_IF_PHYS, "10.9.0.1", 1 },
	{ "gateway router on hv2", &elsewhere, GT_IF_PHYS, "10.9.0.1", 0 },
};

Test(gateway_failover, arp_for_router_addresses_is_answered_where_they_are_active)
{
	uint8_t f[XH_FRAME_MAX], sha[6];

	xh_mac(GT_CLIENT, sha);
	for (size_t i = 0; i < XH_LEN(arp_cases); i++) {
		const struct arp_case *c = &arp_cases[i];
		size_t len = xh_arp_request(f, sha, "10.9.0.5", c->tpa);
		struct xovn_trace tr;

		gt_open(&h, c->v);
		tr = xh_trace(&h, XH_VIF_TRACE, c->ifindex, f, len, NULL);
		cr_expect_eq(tr.action == XOVN_ACT_ARP_REPLY, c->answered, "%s: action %u",
			     c->what, tr.action);
		xh_close(&h);
	}
	gt_open(&h, &here);  /* for the suite's teardown */
}

/* Where vm1's traffic out the gateway port goes, by variant. */
struct out_case {
	const char *what;
	const struct gt_variant *v;
	int redirected;
};

static const struct out_case out_cases[] = {
	{ "active here", &here, 0 },
	{ "active on hv2", &elsewhere, 1 },
	{ "hv2 marked down: hv1 takes over", &hv2_down, 0 },
};

Test(gateway_failover, the_gateway_port_follows_the_live_chassis)
{
	for (size_t i = 0; i < XH_LEN(out_cases); i++) {
		const struct out_case *c = &out_cases[i];
		struct xovn_trace tr;

		gt_open(&h, c->v);
		gt_learn(&h, GT_R1, GT_R1_EXT_LRP, "172.16.0.254", GT_UPSTREAM);
		tr = trace_vif(GT_IF_T1, FROM_VM1 "ip4.dst=8.8.8.8 ip.ttl=64" UDP);
		cr_expect_eq(!!(tr.hops[0].flags & XOVN_HOP_REDIRECT), c->redirected, "%s",
			     c->what);
		if (c->redirected)
			cr_expect_eq(tr.out[0].remote_ip, inet_addr(GT_HV2_IP), "%s", c->what);
		else
			cr_expect(goes_out(&tr, GT_IF_EXT), "%s: not out the external network",
				  c->what);
		xh_close(&h);
	}
	gt_open(&h, &here);
}
