// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_router_icmp.c - what a router sends itself, byte for byte: ICMP and
 * ICMPv6 time exceeded, echo replies, ARP replies and neighbour
 * advertisements for its addresses, ARP requests and neighbour
 * solicitations for unknown next hops, and the neighbours it learns from
 * the answers.  Topology: router_topo.h.
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

TestSuite(router_icmp, .init = setup, .fini = teardown);

#define FROM_VM1 "eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1 " "
#define UDP " udp.src=40000 udp.dst=9 payload.len=30"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static size_t put_eth(uint8_t *p, const char *dst, const char *src, uint16_t type)
{
	xh_mac(dst, p);
	xh_mac(src, p + 6);
	put16(p + 12, type);
	return 14;
}

static void put_ip(const char *s, uint8_t *p)
{
	cr_assert(inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, p) == 1, "bad IP %s", s);
}

/* IPv6 header + ICMPv6 checksum at msg + csum_off over the pseudo-header. */
static void put_ip6(uint8_t *p, const char *src, const char *dst, size_t msg_len, size_t csum_off)
{
	uint8_t pseudo[8] = { 0, 0, (uint8_t)(msg_len >> 8), (uint8_t)msg_len, 0, 0, 0, 58 };
	uint32_t sum;

	memset(p, 0, 40);
	p[0] = 0x60;
	put16(p + 4, (uint16_t)msg_len);
	p[6] = 58;
	p[7] = 255;
	put_ip(src, p + 8);
	put_ip(dst, p + 24);
	sum = xovn_csum_add(0, p + 8, 32);
	sum = xovn_csum_add(sum, pseudo, sizeof(pseudo));
	sum = xovn_csum_add(sum, p + 40, msg_len);
	put16(p + 40 + csum_off, xovn_csum_fold(sum));
}

/* Runs the trace program; the frame it left must be want[0..want_len). */
static struct xovn_trace expect_out(uint32_t ifindex, const uint8_t *f, size_t len,
				    const uint8_t *want, size_t want_len, const char *what)
{
	uint8_t out[XH_FRAME_MAX + 64];
	size_t out_len = 0;
	struct xovn_trace tr = rt_trace(&h, ifindex, f, len, out, &out_len, NULL);

	cr_assert_eq(out_len, want_len, "%s: %zu bytes, want %zu", what, out_len, want_len);
	cr_assert_arr_eq(out, want, want_len, "%s: bytes differ", what);
	return tr;
}

/* ---- time exceeded ------------------------------------------------------------- */

Test(router_icmp, ttl_1_gives_icmp_time_exceeded_from_the_ingress_port)
{
	uint8_t f[XH_FRAME_MAX], want[128], *ip = want + 14, *icmp = ip + 20;
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=1" UDP);
	struct xovn_trace tr;

	put_eth(want, RT_VM1_MAC, RT_R1_LS1, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, 56);
	ip[8] = 255;
	ip[9] = 1;
	put_ip("10.0.1.254", ip + 12);
	put_ip("10.0.1.1", ip + 16);
	put16(ip + 10, xovn_csum_fold(xovn_csum_add(0, ip, 20)));
	memset(icmp, 0, 8);
	icmp[0] = 11;
	memcpy(icmp + 8, f + 14, 28);  /* the original header and 8 bytes of UDP */
	put16(icmp + 2, xovn_csum_fold(xovn_csum_add(0, icmp, 36)));
	tr = expect_out(RT_IF_T1, f, len, want, 14 + 56, "time exceeded");
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T1, "not sent back to the sender");
	cr_assert_eq(tr.drop_reason, XOVN_DROP_TTL_EXCEEDED);
	cr_assert(tr.hops[0].flags & XOVN_HOP_TTL);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_TTL_EXCEEDED), 1);
}

Test(router_icmp, hop_limit_1_gives_icmpv6_time_exceeded)
{
	uint8_t f[XH_FRAME_MAX], want[160], *msg = want + 14 + 40;
	size_t len = rt_frame(f, FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::1 ip.ttl=1" UDP);
	struct xovn_trace tr;

	put_eth(want, RT_VM1_MAC, RT_R1_LS1, 0x86dd);
	memset(msg, 0, 8);
	msg[0] = 3;
	memcpy(msg + 8, f + 14, 48);
	put_ip6(want + 14, "fd01::fe", "fd01::1", 56, 2);
	tr = expect_out(RT_IF_T1, f, len, want, 14 + 40 + 56, "ICMPv6 time exceeded");
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T1);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_TTL_EXCEEDED);
}

/* ---- echo ------------------------------------------------------------------------ */

struct echo_case {
	const char *what;
	const char *request;   /* from vm1 */
	const char *reply;     /* what vm1 must get back */
	uint32_t hops;
};

static const struct echo_case echo_cases[] = {
	{ "IPv4, the port's own address",
	  FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.1.254 ip.ttl=64 icmp.type=8 payload.len=24",
	  "eth.src=" RT_R1_LS1 " eth.dst=" RT_VM1_MAC
	  " ip4.src=10.0.1.254 ip4.dst=10.0.1.1 ip.ttl=255 icmp.type=0 payload.len=24", 1 },
	{ "IPv4, another port of the same router",
	  FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.254 ip.ttl=64 icmp.type=8 payload.len=24",
	  "eth.src=" RT_R1_LS1 " eth.dst=" RT_VM1_MAC
	  " ip4.src=10.0.2.254 ip4.dst=10.0.1.1 ip.ttl=255 icmp.type=0 payload.len=24", 1 },
	{ "IPv4, the second router, answered back through the first",
	  FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.4.254 ip.ttl=64 icmp.type=8 payload.len=24",
	  "eth.src=" RT_R1_LS1 " eth.dst=" RT_VM1_MAC
	  " ip4.src=10.0.4.254 ip4.dst=10.0.1.1 ip.ttl=254 icmp.type=0 payload.len=24", 3 },
	{ "IPv6",
	  FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd01::fe ip.ttl=64 icmp.type=128 payload.len=24",
	  "eth.src=" RT_R1_LS1 " eth.dst=" RT_VM1_MAC
	  " ip6.src=fd01::fe ip6.dst=fd01::1 ip.ttl=255 icmp.type=129 payload.len=24", 1 },
};

Test(router_icmp, echo_to_a_router_address_is_answered)
{
	for (size_t i = 0; i < sizeof(echo_cases) / sizeof(echo_cases[0]); i++) {
		const struct echo_case *c = &echo_cases[i];
		uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX];
		size_t len = rt_frame(f, c->request), want_len = rt_frame(want, c->reply);
		struct xovn_trace tr = expect_out(RT_IF_T1, f, len, want, want_len, c->what);

		cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "%s", c->what);
		cr_assert_eq(tr.out[0].ifindex, RT_IF_T1, "%s", c->what);
		cr_assert_eq(tr.n_hops, c->hops, "%s: %u routers", c->what, tr.n_hops);
		cr_assert(tr.hops[c->hops == 3 ? 1 : 0].flags & XOVN_HOP_LOCAL, "%s", c->what);
	}
}

Test(router_icmp, other_traffic_to_a_router_address_is_dropped)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.1.254 ip.ttl=64" UDP);

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_ROUTER_LOCAL), 1);
}

/* ---- ARP and ND for the router's addresses -------------------------------------- */

#define ARP_REPLY_TO_VM1 \
	"eth.src=" RT_R1_LS1 " eth.dst=" RT_VM1_MAC " arp.op=reply arp.sha=" RT_R1_LS1 \
	" arp.spa=10.0.1.254 arp.tha=" RT_VM1_MAC " arp.tpa=10.0.1.1"

Test(router_icmp, arp_for_a_router_address_is_answered_broadcast_or_unicast)
{
	static const char *const requests[] = {
		"eth.src=" RT_VM1_MAC " eth.dst=ff:ff:ff:ff:ff:ff arp.op=request arp.sha="
		RT_VM1_MAC " arp.spa=10.0.1.1 arp.tpa=10.0.1.254",
		"eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1 " arp.op=request arp.sha="
		RT_VM1_MAC " arp.spa=10.0.1.1 arp.tpa=10.0.1.254",
	};
	uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX];
	size_t want_len = rt_frame(want, ARP_REPLY_TO_VM1);

	for (size_t i = 0; i < 2; i++) {
		size_t len = rt_frame(f, requests[i]);
		struct xovn_trace tr = expect_out(RT_IF_T1, f, len, want, want_len, requests[i]);

		cr_assert_eq(tr.action, XOVN_ACT_ARP_REPLY, "%s", requests[i]);
		cr_assert_eq(tr.out[0].ifindex, RT_IF_T1);
	}
}

/* The NA "fd01::fe is at R1's ls1 MAC", router flag set, to vm1. */
static size_t na_from_router(uint8_t *want)
{
	uint8_t *msg = want + 14 + 40;

	put_eth(want, RT_VM1_MAC, RT_R1_LS1, 0x86dd);
	memset(msg, 0, 32);
	msg[0] = 136;
	msg[4] = 0xe0;                 /* router, solicited, override */
	put_ip("fd01::fe", msg + 8);
	msg[24] = 2;                   /* target link-layer address */
	msg[25] = 1;
	xh_mac(RT_R1_LS1, msg + 26);
	put_ip6(want + 14, "fd01::fe", "fd01::1", 32, 2);
	return 14 + 40 + 32;
}

Test(router_icmp, ns_for_a_router_address_gets_an_na_with_the_router_flag)
{
	static const char *const requests[] = {
		"eth.src=" RT_VM1_MAC " ip6.src=fd01::1 nd.target=fd01::fe ip.ttl=255",
		"eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1
		" ip6.src=fd01::1 ip6.dst=fd01::fe nd.target=fd01::fe ip.ttl=255",
	};
	uint8_t f[XH_FRAME_MAX], want[128];
	size_t want_len = na_from_router(want);

	for (size_t i = 0; i < 2; i++) {
		size_t len = rt_frame(f, requests[i]);
		struct xovn_trace tr = expect_out(RT_IF_T1, f, len, want, want_len, requests[i]);

		cr_assert_eq(tr.action, XOVN_ACT_ARP_REPLY, "%s", requests[i]);
	}
}

/* ---- unknown next hops ------------------------------------------------------------ */

#define TO_VM6 FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.77 ip.ttl=64" UDP

Test(router_icmp, unknown_next_hop_sends_an_arp_request_and_counts_the_drop)
{
	uint8_t f[XH_FRAME_MAX], want[64], *arp = want + 14;
	size_t len = rt_frame(f, TO_VM6);
	struct xovn_trace tr;

	put_eth(want, "ff:ff:ff:ff:ff:ff", RT_R1_LS2, 0x0806);
	put16(arp, 1);
	put16(arp + 2, 0x0800);
	arp[4] = 6;
	arp[5] = 4;
	put16(arp + 6, 1);
	xh_mac(RT_R1_LS2, arp + 8);
	put_ip("10.0.2.254", arp + 14);
	memset(arp + 18, 0, 6);
	put_ip("10.0.2.77", arp + 24);
	tr = expect_out(RT_IF_T1, f, len, want, 42, "ARP request");
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_NO_NEIGH);
	cr_assert(tr.hops[0].flags & XOVN_HOP_NEIGH_MISS);
	cr_assert_not_null(xh_trace_find(&tr, 4), "the request does not reach vm6");
	cr_assert_not_null(xh_trace_find(&tr, 1), "the request does not reach vm2");
	xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_NO_NEIGH), 1);
}

#define ARP_REPLY_FROM_VM6(spa) \
	"eth.src=" RT_VM6_MAC " eth.dst=" RT_R1_LS2 " arp.op=reply arp.sha=" RT_VM6_MAC \
	" arp.spa=" spa " arp.tha=" RT_R1_LS2 " arp.tpa=10.0.2.254"

Test(router_icmp, an_arp_reply_to_the_router_is_learned_and_used)
{
	uint8_t f[XH_FRAME_MAX], mac[6], vm6[6];
	size_t len = rt_frame(f, ARP_REPLY_FROM_VM6("10.0.2.77"));
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T8, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_NEIGH_LEARN);
	cr_assert_eq(rt_learned(&h, RT_R1, "10.0.2.77", mac), -1, "a trace learned");
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T8, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&h), 0, "learning is no drop");
	cr_assert_eq(rt_learned(&h, RT_R1, "10.0.2.77", mac), 0, "not learned");
	xh_mac(RT_VM6_MAC, vm6);
	cr_assert_arr_eq(mac, vm6, 6);

	{
		uint8_t want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
		size_t out_len = 0, want_len = rt_frame(
			want, "eth.src=" RT_R1_LS2 " eth.dst=" RT_VM6_MAC
			      " ip4.src=10.0.1.1 ip4.dst=10.0.2.77 ip.ttl=63" UDP);

		len = rt_frame(f, TO_VM6);
		tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
		cr_assert_eq(tr.out[0].ifindex, RT_IF_T8);
		cr_assert_eq(out_len, want_len);
		cr_assert_arr_eq(out, want, want_len);
	}
}

Test(router_icmp, an_arp_reply_from_off_link_is_not_learned)
{
	uint8_t f[XH_FRAME_MAX], mac[6];
	size_t len = rt_frame(f, ARP_REPLY_FROM_VM6("10.9.9.9"));

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T8, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_ROUTER_UNHANDLED), 1);
	cr_assert_eq(rt_learned(&h, RT_R1, "10.9.9.9", mac), -1);
}

Test(router_icmp, unknown_ipv6_next_hop_sends_a_neighbour_solicitation)
{
	uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::77 ip.ttl=64" UDP);
	size_t want_len = rt_frame(want, "eth.src=" RT_R1_LS2
				   " ip6.src=fd02::fe nd.target=fd02::77 ip.ttl=255");
	struct xovn_trace tr = expect_out(RT_IF_T1, f, len, want, want_len, "NS");

	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_NO_NEIGH);
}

/* vm6's NA "fd02::77 is at vm6" to the router. */
static size_t na_from_vm6(uint8_t *f)
{
	uint8_t *msg = f + 14 + 40;

	put_eth(f, RT_R1_LS2, RT_VM6_MAC, 0x86dd);
	memset(msg, 0, 32);
	msg[0] = 136;
	msg[4] = 0x60;                 /* solicited, override */
	put_ip("fd02::77", msg + 8);
	msg[24] = 2;
	msg[25] = 1;
	xh_mac(RT_VM6_MAC, msg + 26);
	put_ip6(f + 14, "fd02::77", "fd02::fe", 32, 2);
	return 14 + 40 + 32;
}

Test(router_icmp, an_na_to_the_router_is_learned_and_used)
{
	uint8_t f[XH_FRAME_MAX], mac[6], vm6[6];
	size_t len = na_from_vm6(f);
	struct xovn_trace tr;

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T8, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&h), 0);
	cr_assert_eq(rt_learned(&h, RT_R1, "fd02::77", mac), 0, "not learned");
	xh_mac(RT_VM6_MAC, vm6);
	cr_assert_arr_eq(mac, vm6, 6);
	len = rt_frame(f, FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::77 ip.ttl=64" UDP);
	tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, RT_IF_T8);
}

Test(router_icmp, no_time_exceeded_is_sent_about_an_icmp_error)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=1 "
				 "icmp.type=3 icmp.code=1 payload.len=28");
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, RT_IF_T1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_TTL_EXCEEDED);
	cr_assert_eq(tr.n_out, 0);
}
