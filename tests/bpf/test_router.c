// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_router.c - logical routers on the real programs: what a routed frame
 * looks like byte for byte, which route and ECMP member is taken, what the
 * router sends itself (ICMP, ARP, NS, NA) and where the frame goes after the
 * last router.  Topology: router_topo.h.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <string.h>

#include "frame/frame.h"
#include "router_topo.h"

static struct xh h;

static void setup(void)
{
	rt_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(router, .init = setup, .fini = teardown);

#define FROM_VM1 "eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1 " "
#define UDP " udp.src=40000 udp.dst=9 payload.len=30"

/* The frame of fields, after the routers, must be exactly expected_fields' frame. */
static struct xovn_trace expect_routed(uint32_t ifindex, const char *fields,
				       const char *expected_fields)
{
	uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = rt_frame(f, fields), want_len = rt_frame(want, expected_fields), out_len = 0;
	struct xovn_trace tr = rt_trace(&h, ifindex, f, len, out, &out_len, NULL);

	cr_assert_eq(out_len, want_len, "routed frame is %zu bytes, want %zu", out_len, want_len);
	cr_assert_arr_eq(out, want, want_len, "routed frame differs from: %s", expected_fields);
	return tr;
}

Test(router, routed_ipv4_frame_gets_router_mac_next_hop_mac_ttl_and_checksum)
{
	struct xovn_trace tr = expect_routed(
		RT_IF_T1, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=64" UDP,
		"eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC
		" ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=63" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T2);
	cr_assert_eq(tr.n_hops, 1);
	cr_assert_eq(tr.hops[0].rtr_key, RT_R1);
	cr_assert_eq(tr.hops[0].in_lrp, 1);
	cr_assert_eq(tr.hops[0].out_lrp, 2);
	cr_assert_eq(tr.hops[0].out_dp_key, RT_LS2);
	cr_assert_eq(tr.hops[0].plen, 24);
	cr_assert(tr.hops[0].flags & XOVN_HOP_CONNECTED);
}

Test(router, routed_ipv6_frame_gets_its_hop_limit_decremented)
{
	struct xovn_trace tr = expect_routed(
		RT_IF_T1, FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=64" UDP,
		"eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC
		" ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=63" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T2);
	cr_assert(tr.hops[0].flags & XOVN_HOP_IPV6);
	cr_assert_eq(tr.hops[0].plen, 64);
}

/*
 * Each way into the routing decision, live and traced, gives the same
 * frame: a plain IP packet is decided in the router's first step; an
 * ICMPv6 one first goes through the ND step (it is no NS/NA for the
 * router) and is decided after it.
 */
struct entry_case {
	const char *what, *in, *out;
};

static const struct entry_case entry_cases[] = {
	{ "IPv4 UDP", FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=64" UDP,
	  "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC " ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=63"
	  UDP },
	{ "IPv4 echo", FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=9 icmp.type=8 payload.len=24",
	  "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC
	  " ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=8 icmp.type=8 payload.len=24" },
	{ "IPv6 UDP", FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=2" UDP,
	  "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC " ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=1"
	  UDP },
	{ "IPv6 echo (through the ND step)",
	  FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=255 icmp.type=128 payload.len=24",
	  "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM2_MAC
	  " ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=254 icmp.type=128 payload.len=24" },
};

Test(router, every_way_into_the_routing_decision_routes_alike_live_and_traced)
{
	for (size_t i = 0; i < sizeof(entry_cases) / sizeof(entry_cases[0]); i++) {
		const struct entry_case *c = &entry_cases[i];
		uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
		size_t len = rt_frame(f, c->in), want_len = rt_frame(want, c->out), out_len = 0;
		uint64_t drops = xh_drops_total(&h);
		struct xovn_trace tr;
		int verdict;

		verdict = xh_run_out(&h, XH_VIF_LIVE, RT_IF_T1, f, len, out, sizeof(out), &out_len);
		cr_assert_eq(verdict, TC_ACT_REDIRECT, "%s: live verdict %d", c->what, verdict);
		cr_assert_eq(out_len, want_len, "%s: live frame is %zu bytes", c->what, out_len);
		cr_assert_arr_eq(out, want, want_len, "%s: live frame differs", c->what);
		cr_assert_eq(xh_drops_total(&h), drops, "%s: counted as a drop", c->what);

		out_len = 0;
		tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "%s: action %u reason %u", c->what,
			     tr.action, tr.drop_reason);
		cr_assert_eq(tr.out[0].ifindex, RT_IF_T2, "%s: out %u", c->what, tr.out[0].ifindex);
		cr_assert_eq(tr.n_hops, 1, "%s: %u hops", c->what, tr.n_hops);
		cr_assert_eq(out_len, want_len, "%s: traced frame is %zu bytes", c->what, out_len);
		cr_assert_arr_eq(out, want, want_len, "%s: traced frame differs", c->what);
	}
}

/* ---- route choice ------------------------------------------------------------ */

struct route_case {
	const char *what;
	const char *src, *dst;
	uint32_t out_dp;        /* the switch the frame ends in */
	uint16_t out_port;      /* the port it is delivered to there */
	uint8_t plen;
	uint8_t flags;          /* XOVN_HOP_* expected on the first router */
};

static const struct route_case route_cases[] = {
	{ "a /24 static route beats the default", "10.0.1.1", "198.51.100.7", RT_LS5, 1, 24, 0 },
	{ "a connected network beats the default", "10.0.1.1", "10.0.5.2", RT_LS5, 2, 24,
	  XOVN_HOP_CONNECTED },
	{ "src-ip /25 beats the default", "10.0.1.200", "198.18.0.1", RT_LS5, 2, 25,
	  XOVN_HOP_SRC_ROUTE },
	{ "src-ip /25 beats a dst-ip /24", "10.0.1.200", "198.51.100.7", RT_LS5, 2, 25,
	  XOVN_HOP_SRC_ROUTE },
	{ "a /24 via the join switch to the second router", "10.0.1.1", "10.0.4.1", RT_LS4, 1,
	  24, 0 },
};

Test(router, longest_prefix_over_destination_and_source_routes)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	char fields[256];

	for (size_t i = 0; i < sizeof(route_cases) / sizeof(route_cases[0]); i++) {
		const struct route_case *c = &route_cases[i];
		const struct xovn_trace_hop *last;
		struct xovn_trace tr;
		size_t len, out_len;

		snprintf(fields, sizeof(fields), FROM_VM1 "ip4.src=%s ip4.dst=%s ip.ttl=64" UDP,
			 c->src, c->dst);
		len = rt_frame(f, fields);
		tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "%s: action %u reason %u", c->what,
			     tr.action, tr.drop_reason);
		cr_assert_geq(tr.n_hops, 1, "%s", c->what);
		last = &tr.hops[tr.n_hops - 1];
		cr_assert_eq(last->out_dp_key, c->out_dp, "%s: ended in switch %u", c->what,
			     last->out_dp_key);
		cr_assert_eq(tr.out_port, c->out_port, "%s: delivered to port %u", c->what,
			     tr.out_port);
		cr_assert_eq(tr.hops[0].plen, c->plen, "%s: prefix /%u", c->what, tr.hops[0].plen);
		cr_assert_eq(tr.hops[0].flags & (XOVN_HOP_SRC_ROUTE | XOVN_HOP_CONNECTED), c->flags,
			     "%s: flags %#x", c->what, tr.hops[0].flags);
	}
}

/* The gateway (1 or 2 on ls5) a flow from udp source port sport takes. */
static uint16_t ecmp_member(uint16_t sport, uint8_t *path)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	struct xovn_trace tr;
	char fields[256];
	size_t len, out_len;

	snprintf(fields, sizeof(fields),
		 FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=198.18.0.1 ip.ttl=64 udp.src=%u udp.dst=80",
		 sport);
	len = rt_frame(f, fields);
	tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.hops[0].n_paths, 2);
	cr_assert_eq(tr.hops[0].plen, 0);
	*path = tr.hops[0].path;
	/* The member's next hop MAC is the frame's destination. */
	cr_assert_eq(out[5], tr.out_port, "eth.dst %02x does not match port %u", out[5],
		     tr.out_port);
	return tr.out_port;
}

Test(router, ecmp_spreads_flows_and_keeps_each_flow_on_one_path)
{
	unsigned used[3] = { 0 };
	uint8_t path, again_path;

	for (uint16_t sport = 1000; sport < 1032; sport++) {
		uint16_t port = ecmp_member(sport, &path);

		cr_assert(port == 1 || port == 2, "port %u is no member", port);
		cr_assert_eq(path, port - 1, "path index %u for member %u", path, port);
		used[port]++;
		for (int again = 0; again < 3; again++)
			cr_assert_eq(ecmp_member(sport, &again_path), port,
				     "flow %u changed path", sport);
	}
	cr_assert_gt(used[1], 0, "no flow took the first member");
	cr_assert_gt(used[2], 0, "no flow took the second member");
}

Test(router, two_routers_through_a_join_switch_in_one_pass)
{
	struct xovn_trace tr = expect_routed(
		RT_IF_T1, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.4.1 ip.ttl=64" UDP,
		"eth.src=" RT_R2_LS4 " eth.dst=" RT_VM5_MAC
		" ip4.src=10.0.1.1 ip4.dst=10.0.4.1 ip.ttl=62" UDP);
	uint8_t nh[4];

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T5);
	cr_assert_eq(tr.n_hops, 2);
	cr_assert_eq(tr.hops[0].rtr_key, RT_R1);
	cr_assert_eq(tr.hops[0].out_dp_key, RT_JOIN);
	inet_pton(AF_INET, "100.64.0.2", nh);
	cr_assert_arr_eq(tr.hops[0].nexthop, nh, 4);
	cr_assert_eq(tr.hops[1].rtr_key, RT_R2);
	cr_assert_eq(tr.hops[1].in_lrp, 1);
	cr_assert_eq(tr.hops[1].out_dp_key, RT_LS4);
}

Test(router, a_routing_loop_stops_after_the_hop_limit_and_is_counted)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=203.0.113.9 ip.ttl=64" UDP);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_ROUTER_HOPS);
	cr_assert_eq(tr.n_hops, XOVN_MAX_ROUTER_HOPS);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_ROUTER_HOPS), 1);
}

Test(router, a_discard_route_drops_and_counts)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=192.0.2.200 ip.ttl=64" UDP);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_ROUTE_DISCARD);
	cr_assert_eq(tr.n_hops, 1);
	cr_assert_eq(tr.hops[0].rtr_key, RT_R1);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_ROUTE_DISCARD), 1);
}

Test(router, frames_to_a_router_mac_not_on_this_switch_are_not_routed)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, "eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS2
				 " ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=64" UDP);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);

	cr_assert_eq(tr.n_hops, 0, "the frame entered a router");
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_NO_UNKNOWN_PORT);
}

/* ---- to a remote chassis ----------------------------------------------------- */

Test(router, routed_to_a_remote_port_is_geneve_with_the_destination_switch_keys)
{
	uint8_t f[XH_FRAME_MAX], inner[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], hv2[4];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 ip.ttl=64" UDP);
	size_t inner_len = rt_frame(inner, "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM3_MAC
					   " ip4.src=10.0.1.1 ip4.dst=10.0.2.2 ip.ttl=63" UDP);
	size_t out_len = 0;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_TUNNEL);
	inet_pton(AF_INET, "192.0.2.2", hv2);
	cr_assert_arr_eq(&tr.out[0].remote_ip, hv2, 4);
	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, RT_IF_T1, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, inner_len + XOVN_ENCAP_OVERHEAD);
	cr_assert_arr_eq(out + 30, hv2, 4, "outer destination is not hv2");
	/* VNI = ls2, OVN option: ingress = ls2's router LSP, egress = vm3. */
	cr_assert_eq(out[46] << 16 | out[47] << 8 | out[48], RT_LS2);
	cr_assert_eq(out[54] << 8 | out[55], RT_LSP);
	cr_assert_eq(out[56] << 8 | out[57], 2);
	cr_assert_arr_eq(out + 58, inner, inner_len, "the routed inner frame differs");
	cr_assert_eq(xh_drops_total(&h), 0);
}

Test(router, multicast_and_broadcast_destinations_are_not_routed)
{
	static const char *const frames[] = {
		FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=255.255.255.255 ip.ttl=64" UDP,
		FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=239.1.2.3 ip.ttl=64" UDP,
		FROM_VM1 "ip6.src=fd01::1 ip6.dst=ff0e::1 ip.ttl=64" UDP,
	};
	uint8_t f[XH_FRAME_MAX];

	for (size_t i = 0; i < 3; i++) {
		size_t len = rt_frame(f, frames[i]);

		cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_SHOT, "%s",
			     frames[i]);
	}
	cr_assert_eq(xh_drops(&h, XOVN_DROP_ROUTER_UNHANDLED), 3);
}
