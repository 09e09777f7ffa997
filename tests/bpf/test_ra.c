// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ra.c - IPv6 router advertisements on the real programs: a router
 * solicitation gets the advertisement of its switch's router port, byte
 * for byte (the expected bytes and checksum are built here, from
 * RFC 4861 and ovn-northd's put_nd_ra_opts, not from the compiler's code),
 * for each address mode; a switch whose router port has no configuration
 * does not answer; the port's link-local address answers NS and echo.
 *
 *   ls1 (1): vm1 (1, t1) 00:00:00:00:01:01, rp1 (9) -> lr lrp1 (1)
 *            00:00:00:00:ff:01 10.0.1.254/24 fd01::fe/64 fd11::fe/64, with
 *            ipv6_ra_configs (the case's)
 *   ls2 (2): vm2 (1, t2) 00:00:00:00:02:01, rp2 (9) -> lr lrp2 (2)
 *            00:00:00:00:ff:02 fd02::fe/64, no ipv6_ra_configs
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <string.h>

#include "frame/headers.h"
#include "harness.h"

#define VM1_MAC "00:00:00:00:01:01"
#define VM1_LLA "fe80::200:ff:fe00:101"
#define LRP1_MAC "00:00:00:00:ff:01"
#define LRP1_LLA "fe80::200:ff:fe00:ff01"

enum { IF_T1 = 201, IF_T2 = 202 };
static const struct xh_iface ifaces[] = { { "t1", IF_T1, 1 }, { "t2", IF_T2, 1 } };
#define VIFS "\"vifs\":[{\"iface\":\"t1\",\"port\":\"vm1\"},{\"iface\":\"t2\",\"port\":\"vm2\"}]"

static const char *model_fmt =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"" VM1_MAC "\"]},"
	"  {\"name\":\"rp1\",\"tunnel_key\":9,\"type\":\"router\",\"addresses\":[\"router\"],"
	"   \"options\":{\"router-port\":\"lrp1\"}}]},"
	" {\"name\":\"ls2\",\"tunnel_key\":2,\"ports\":["
	"  {\"name\":\"vm2\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:02:01\"]},"
	"  {\"name\":\"rp2\",\"tunnel_key\":9,\"type\":\"router\",\"addresses\":[\"router\"],"
	"   \"options\":{\"router-port\":\"lrp2\"}}]}],"
	"\"logical_routers\":[{\"name\":\"lr\",\"tunnel_key\":100,\"ports\":["
	" {\"name\":\"lrp1\",\"tunnel_key\":1,\"mac\":\"" LRP1_MAC "\","
	"  \"networks\":[\"10.0.1.254/24\",\"fd01::fe/64\",\"fd11::fe/64\"],"
	"  \"ipv6_ra_configs\":{%s}},"
	" {\"name\":\"lrp2\",\"tunnel_key\":2,\"mac\":\"00:00:00:00:ff:02\","
	"  \"networks\":[\"fd02::fe/64\"]}]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	VIFS "}]}";
static struct xh h;

static void open_with(const char *ra_configs)
{
	char model[4096];

	cr_assert_lt(snprintf(model, sizeof(model), model_fmt, ra_configs), (int)sizeof(model));
	xh_open_model(&h, model, "hv1", ifaces, XH_LEN(ifaces));
}

static void put_ip6(const char *s, uint8_t *p)
{
	cr_assert_eq(inet_pton(AF_INET6, s, p), 1, "bad IPv6 %s", s);
}

/* Ethernet and IPv6 headers of the ICMPv6 message of msg_len bytes at f + 54, and its checksum. */
static size_t icmp6_frame(uint8_t *f, const char *dst_mac, const char *src_mac,
			  const char *src, const char *dst, size_t msg_len)
{
	struct xovn_ip6 ip6 = { .next = 58, .hops = 255 };
	uint8_t macs[2][6];
	size_t off;

	xh_mac(dst_mac, macs[0]);
	xh_mac(src_mac, macs[1]);
	put_ip6(src, ip6.src.s6_addr);
	put_ip6(dst, ip6.dst.s6_addr);
	off = xovn_put_eth(f, macs[0], macs[1], 0x86dd);
	off += xovn_put_ipv6(f + off, &ip6, msg_len);
	xovn_put16(f + off + 2, 0);
	xovn_put16(f + off + 2, xovn_csum_pseudo(f + 22, 32, 58, f + off, msg_len));
	return off + msg_len;
}

/* A router solicitation from vm1 (source src) with its source link-layer option. */
static size_t solicitation(uint8_t *f, const char *src_mac, const char *src)
{
	uint8_t *msg = f + 54;

	memset(msg, 0, 16);
	msg[0] = 133;
	msg[8] = 1;
	msg[9] = 1;
	xh_mac(src_mac, msg + 10);
	return icmp6_frame(f, "33:33:00:00:00:02", src_mac, src, "ff02::2", 16);
}

struct ra_case {
	const char *what;
	const char *configs;   /* ipv6_ra_configs of lrp1, JSON members */
	const char *rs_src;    /* the solicitation's source */
	const char *ra_dst;    /* the advertisement's destination */
	uint8_t flags;         /* M, O and preference */
	uint8_t prefix_flags;  /* L, A */
	uint32_t mtu;          /* 0: no MTU option */
	const char *rdnss;     /* NULL: no RDNSS option */
	int dnssl;             /* the DNSSL option with example.org */
};

static const struct ra_case cases[] = {
	{ "slaac", "\"address_mode\":\"slaac\"", VM1_LLA, VM1_LLA, 0, 0xc0, 0, NULL, 0 },
	{ "dhcpv6_stateful with an MTU", "\"address_mode\":\"dhcpv6_stateful\",\"mtu\":\"1400\"",
	  VM1_LLA, VM1_LLA, 0x80, 0x80, 1400, NULL, 0 },
	{ "dhcpv6_stateless, high preference, RDNSS, DNSSL",
	  "\"address_mode\":\"dhcpv6_stateless\",\"router_preference\":\"HIGH\","
	  "\"rdnss\":\"fd00::53\",\"dnssl\":\"example.org\"",
	  VM1_LLA, VM1_LLA, 0x48, 0xc0, 0, "fd00::53", 1 },
	{ "slaac, low preference, solicited from ::",
	  "\"address_mode\":\"slaac\",\"router_preference\":\"LOW\",\"send_periodic\":\"true\"",
	  "::", "ff02::1", 0x18, 0xc0, 0, NULL, 0 },
};

static size_t put_prefix(uint8_t *o, const char *prefix, uint8_t flags)
{
	memset(o, 0, 32);
	o[0] = 3;
	o[1] = 4;
	o[2] = 64;
	o[3] = flags;
	xovn_put32(o + 4, 0xffffffff);
	xovn_put32(o + 8, 0xffffffff);
	put_ip6(prefix, o + 16);
	return 32;
}

/* The advertisement of case c, as RFC 4861 and OVN lay it out. */
static size_t advertisement(uint8_t *w, const struct ra_case *c)
{
	uint8_t *msg = w + 54;
	size_t n = 16;

	memset(msg, 0, 16);
	msg[0] = 134;
	msg[4] = 255;
	msg[5] = c->flags;
	xovn_put16(msg + 6, 0xffff);
	msg[n] = 1;
	msg[n + 1] = 1;
	xh_mac(LRP1_MAC, msg + n + 2);
	n += 8;
	if (c->mtu) {
		memset(msg + n, 0, 8);
		msg[n] = 5;
		msg[n + 1] = 1;
		xovn_put32(msg + n + 4, c->mtu);
		n += 8;
	}
	if (c->rdnss) {
		memset(msg + n, 0, 8);
		msg[n] = 25;
		msg[n + 1] = 3;
		xovn_put32(msg + n + 4, 0xffffffff);
		put_ip6(c->rdnss, msg + n + 8);
		n += 24;
	}
	if (c->dnssl) {
		static const uint8_t name[] = "\7example\3org";  /* and its terminating 0 */

		memset(msg + n, 0, 24);
		msg[n] = 31;
		msg[n + 1] = 3;   /* 8 + 13 bytes, padded to 24 */
		xovn_put32(msg + n + 4, 0xffffffff);
		memcpy(msg + n + 8, name, sizeof(name));
		n += 24;
	}
	n += put_prefix(msg + n, "fd01::", c->prefix_flags);
	n += put_prefix(msg + n, "fd11::", c->prefix_flags);
	return icmp6_frame(w, VM1_MAC, LRP1_MAC, LRP1_LLA, c->ra_dst, n);
}

Test(ra, a_solicitation_gets_the_advertisement_byte_for_byte)
{
	for (size_t i = 0; i < XH_LEN(cases); i++) {
		const struct ra_case *c = &cases[i];
		uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
		size_t len, want_len, out_len = 0;
		struct xovn_trace tr;

		open_with(c->configs);
		len = solicitation(f, VM1_MAC, c->rs_src);
		want_len = advertisement(want, c);
		cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_T1, f, len, out, sizeof(out), &out_len),
			     TC_ACT_REDIRECT, "%s", c->what);
		cr_assert_eq(out_len, want_len, "%s: %zu bytes, want %zu", c->what, out_len, want_len);
		cr_assert_arr_eq(out, want, want_len, "%s: bytes differ", c->what);
		tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_ARP_REPLY, "%s: answered by the responder", c->what);
		cr_assert_eq(tr.n_out, 1, "%s: never flooded", c->what);
		cr_assert_eq(tr.out[0].ifindex, IF_T1, "%s: back to the sender", c->what);
		cr_assert_eq(xh_drops_total(&h), 0, "%s", c->what);
		xh_close(&h);
	}
}

Test(ra, no_advertisement_without_an_address_mode_or_on_another_switch)
{
	static const char *const configs[] = { "", "\"mtu\":\"1400\"" };
	uint8_t f[XH_FRAME_MAX];

	for (size_t i = 0; i < XH_LEN(configs); i++) {
		struct xovn_trace tr;
		size_t len;

		open_with(configs[i]);
		len = solicitation(f, VM1_MAC, VM1_LLA);
		tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_FLOOD, "config {%s}: switched as multicast",
			     configs[i]);
		xh_close(&h);
	}
	open_with("\"address_mode\":\"slaac\"");
	cr_assert_eq(xh_trace(&h, XH_VIF_TRACE, IF_T2,
			      f, solicitation(f, "00:00:00:00:02:01", "fe80::200:ff:fe00:201"),
			      NULL).action,
		     XOVN_ACT_FLOOD, "ls2's router port has no ipv6_ra_configs");
	xh_close(&h);
}

/* A neighbour solicitation from vm1 for target, to dst (IP and MAC). */
static size_t ns_frame(uint8_t *f, const char *dst_mac, const char *dst, const char *target)
{
	struct in6_addr t;
	uint8_t mac[6];

	put_ip6(target, t.s6_addr);
	xh_mac(VM1_MAC, mac);
	return icmp6_frame(f, dst_mac, VM1_MAC, VM1_LLA, dst,
			   xovn_put_nd(f + 54, 135, 0, &t, 1, mac));
}

Test(ra, the_link_local_address_answers_ns_multicast_or_unicast)
{
	static const char *const to[][2] = {
		{ "33:33:ff:00:ff:01", "ff02::1:ff00:ff01" },  /* solicited-node group */
		{ LRP1_MAC, LRP1_LLA },                        /* unicast to the router */
	};
	uint8_t f[XH_FRAME_MAX], want[XH_FRAME_MAX], out[XH_FRAME_MAX + 64], mac[6];
	struct in6_addr lla;

	put_ip6(LRP1_LLA, lla.s6_addr);
	xh_mac(LRP1_MAC, mac);
	/* router, solicited, override */
	icmp6_frame(want, VM1_MAC, LRP1_MAC, LRP1_LLA, VM1_LLA,
		    xovn_put_nd(want + 54, 136, 0xe0, &lla, 2, mac));
	open_with("\"address_mode\":\"slaac\"");
	for (size_t i = 0; i < XH_LEN(to); i++) {
		size_t len = ns_frame(f, to[i][0], to[i][1], LRP1_LLA), out_len = 0;

		cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_T1, f, len, out, sizeof(out), &out_len),
			     TC_ACT_REDIRECT, "NS to %s", to[i][1]);
		cr_assert_eq(out_len, 54 + 32, "NS to %s", to[i][1]);
		cr_assert_arr_eq(out, want, 54 + 32, "NS to %s: NA bytes differ", to[i][1]);
	}
	xh_close(&h);
}

Test(ra, echo_to_the_link_local_address_is_answered)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len, out_len = 0;

	memset(f + 54, 0, 16);
	f[54] = 128;
	len = icmp6_frame(f, LRP1_MAC, VM1_MAC, VM1_LLA, LRP1_LLA, 16);
	open_with("\"address_mode\":\"slaac\"");
	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_T1, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, len);
	cr_assert_eq(out[54], 129, "an echo reply");
	cr_assert_arr_eq(out + 22, f + 38, 16, "from the link-local address");
	xh_close(&h);
}
