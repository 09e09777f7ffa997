// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_router_mtu.c - a routed packet too big for the tunnel (underlay MTU
 * 1500, so 1442 bytes of inner IP) gets ICMP "fragmentation needed" /
 * ICMPv6 "packet too big" from the port it entered the router by, byte for
 * byte: the expected error is built here from the routed packet (TTL - 1,
 * header checksum redone) and checksummed independently.  Topology:
 * router_topo.h (vm1 on ls1 here, vm3 on ls2 on hv2).
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "frame/frame.h"
#include "frame/headers.h"
#include "router_topo.h"

#define TUNNEL_MTU 1442  /* 1500 - 58 of Geneve */
#define FROM_VM1 "eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1 " ip.ttl=64 "

static struct xh h;

static void setup(void)
{
	rt_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(router_mtu, .init = setup, .fini = teardown);

static void ip4_csum(uint8_t *ip)
{
	xovn_put16(ip + 10, 0);
	xovn_put16(ip + 10, xovn_csum(ip, 20));
}

/* The packet as the router forwards it: TTL / hop limit - 1. */
static void routed(uint8_t *ip, int v6)
{
	if (v6) {
		ip[7]--;
		return;
	}
	ip[8]--;
	ip4_csum(ip);
}

/* The error's ICMP header and quote at msg: type, code, the MTU field, q[0..qlen). */
static void put_msg(uint8_t *msg, uint8_t type, uint8_t code, const uint8_t *q, size_t qlen)
{
	memset(msg, 0, 8);
	msg[0] = type;
	msg[1] = code;
	xovn_put32(msg + 4, TUNNEL_MTU);  /* IPv4: unused 16 bits, then the MTU */
	memcpy(msg + 8, q, qlen);
}

/* ICMP "fragmentation needed" from 10.0.1.254 to 10.0.1.1 quoting q[0..qlen). */
static size_t want_frag_needed(uint8_t *w, const uint8_t *q, size_t qlen)
{
	struct xovn_ip4 ip = { .src = xh_ip4("10.0.1.254"), .dst = xh_ip4("10.0.1.1"),
			       .proto = 1, .ttl = 255 };
	uint8_t vm1[6], r1[6];
	size_t off;

	xh_mac(RT_VM1_MAC, vm1);
	xh_mac(RT_R1_LS1, r1);
	off = xovn_put_eth(w, vm1, r1, 0x0800);
	off += xovn_put_ipv4(w + off, &ip, 8 + qlen);
	put_msg(w + off, 3, 4, q, qlen);
	xovn_put16(w + off + 2, xovn_csum(w + off, 8 + qlen));
	return off + 8 + qlen;
}

/* ICMPv6 "packet too big" from fd01::fe to fd01::1 quoting q[0..qlen). */
static size_t want_too_big(uint8_t *w, const uint8_t *q, size_t qlen)
{
	struct xovn_ip6 ip6 = { .next = 58, .hops = 255 };
	uint8_t vm1[6], r1[6];
	size_t off;

	xh_mac(RT_VM1_MAC, vm1);
	xh_mac(RT_R1_LS1, r1);
	cr_assert_eq(inet_pton(AF_INET6, "fd01::fe", &ip6.src), 1);
	cr_assert_eq(inet_pton(AF_INET6, "fd01::1", &ip6.dst), 1);
	off = xovn_put_eth(w, vm1, r1, 0x86dd);
	off += xovn_put_ipv6(w + off, &ip6, 8 + qlen);
	put_msg(w + off, 2, 0, q, qlen);
	xovn_put16(w + off + 2, xovn_csum_pseudo(w + 22, 32, 58, w + off, 8 + qlen));
	return off + 8 + qlen;
}

struct mtu_case {
	const char *what;
	const char *fields;   /* from vm1 to vm3 (on hv2, through the tunnel) */
	int v6;
	int df;               /* DF set in the request */
	size_t quote;         /* bytes of the routed packet the error carries */
};

static const struct mtu_case cases[] = {
	{ "IPv4 with DF, one byte over", FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 "
	  "udp.src=40000 udp.dst=9 payload.len=1415", 0, 1, 548 },
	{ "IPv4 without DF (as OVN: the sender learns the MTU all the same)",
	  FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 udp.src=40000 udp.dst=9 payload.len=1500",
	  0, 0, 548 },
	{ "IPv6, one byte over", FROM_VM1 "ip6.src=fd01::1 ip6.dst=fd02::2 "
	  "udp.src=40000 udp.dst=9 payload.len=1395", 1, 0, 1232 },
	{ "ICMP echo over IPv4", FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 "
	  "icmp.type=8 payload.len=1500", 0, 1, 548 },
};

static size_t request(const struct mtu_case *c, uint8_t *f)
{
	size_t len = rt_frame(f, c->fields);

	if (c->df) {
		f[14 + 6] |= 0x40;
		ip4_csum(f + 14);
	}
	return len;
}

Test(router_mtu, too_big_for_the_tunnel_gives_the_icmp_error_byte_for_byte)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mtu_case *c = &cases[i];
		uint8_t f[XH_FRAME_MAX], q[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
		size_t len = request(c, f), want_len, out_len = 0;
		struct xovn_trace tr;
		int verdict;

		cr_assert_gt(len - 14 + 58, 1500, "%s: the request fits the tunnel", c->what);
		memcpy(q, f + 14, len - 14);
		routed(q, c->v6);
		want_len = c->v6 ? want_too_big(want, q, c->quote)
				 : want_frag_needed(want, q, c->quote);
		tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, &verdict);
		cr_assert_eq(verdict, TC_ACT_REDIRECT, "%s", c->what);
		cr_assert_eq(out_len, want_len, "%s: %zu bytes, want %zu", c->what, out_len, want_len);
		cr_assert_arr_eq(out, want, want_len, "%s: bytes differ", c->what);
		cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "%s", c->what);
		cr_assert_eq(tr.n_out, 1, "%s", c->what);
		cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL, "%s", c->what);
		cr_assert_eq(tr.out[0].ifindex, RT_IF_T1, "%s: not sent back to the sender", c->what);
		cr_assert_eq(tr.drop_reason, XOVN_DROP_MTU_ICMP, "%s", c->what);
		cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_REDIRECT, "%s", c->what);
		cr_assert_eq(xh_drops(&h, XOVN_DROP_MTU_ICMP), i + 1, "%s: not counted", c->what);
	}
	cr_assert_eq(xh_drops(&h, XOVN_DROP_MTU), 0);
}

Test(router_mtu, a_packet_that_fits_is_tunneled)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 "
			      "udp.src=40000 udp.dst=9 payload.len=1414"), out_len = 0;
	struct xovn_trace tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);

	cr_assert_eq(len - 14, TUNNEL_MTU);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_TUNNEL);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_NONE);
}

Test(router_mtu, no_error_about_an_icmp_error)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, FROM_VM1 "ip4.src=10.0.1.1 ip4.dst=10.0.2.2 "
			      "icmp.type=3 icmp.code=1 payload.len=1500");

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, RT_IF_T1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_MTU), 1);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_MTU_ICMP), 0);
}
