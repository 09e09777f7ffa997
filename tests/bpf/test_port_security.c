// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_port_security.c - port_security on the real programs: what a port
 * may send (ingress) and receive (egress), including masks, families, DHCP,
 * DAD/MLD from "::" and neighbour discovery link-layer addresses.
 *
 * One switch (key 1) on hv1; every port has its own tap (ifindex 100 + key).
 *   p1  "…:01 10.0.0.1 fd00::1"   (addresses also list a second MAC …:11)
 *   p2  "…:02"                     MAC only
 *   p3  "…:03 10.0.1.0/24"         host part zero: the whole subnet
 *   p4  "…:04 10.0.2.5/24"         host part non-zero: that host (+ broadcast out)
 *   p5  "…:05 10.0.0.5"            IPv4 only
 *   p6  "…:06 fd00::6"             IPv6 only
 *   p7  no port security (the peer that sends to the others)
 *   u   "unknown" + port security "…:08 10.0.0.8"
 *   p9  "…:09 fd00:9::/64"         IPv6 subnet
 *   u2  "unknown", no port security
 */
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "harness.h"
#include "port_security_frames.h"

#define MAC(n) "00:00:00:00:00:" #n

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	" {\"name\":\"p1\",\"tunnel_key\":1,"
	"  \"addresses\":[\"" MAC(01) " 10.0.0.1 fd00::1\",\"" MAC(11) "\"],"
	"  \"port_security\":[\"" MAC(01) " 10.0.0.1 fd00::1\"]},"
	" {\"name\":\"p2\",\"tunnel_key\":2,\"addresses\":[\"" MAC(02) "\"],"
	"  \"port_security\":[\"" MAC(02) "\"]},"
	" {\"name\":\"p3\",\"tunnel_key\":3,\"addresses\":[\"" MAC(03) "\"],"
	"  \"port_security\":[\"" MAC(03) " 10.0.1.0/24\"]},"
	" {\"name\":\"p4\",\"tunnel_key\":4,\"addresses\":[\"" MAC(04) "\"],"
	"  \"port_security\":[\"" MAC(04) " 10.0.2.5/24\"]},"
	" {\"name\":\"p5\",\"tunnel_key\":5,\"addresses\":[\"" MAC(05) " 10.0.0.5\"],"
	"  \"port_security\":[\"" MAC(05) " 10.0.0.5\"]},"
	" {\"name\":\"p6\",\"tunnel_key\":6,\"addresses\":[\"" MAC(06) " fd00::6\"],"
	"  \"port_security\":[\"" MAC(06) " fd00::6\"]},"
	" {\"name\":\"p7\",\"tunnel_key\":7,\"addresses\":[\"" MAC(07) " 10.0.0.7 fd00::7\"]},"
	" {\"name\":\"u\",\"tunnel_key\":8,\"addresses\":[\"unknown\"],"
	"  \"port_security\":[\"" MAC(08) " 10.0.0.8\"]},"
	" {\"name\":\"p9\",\"tunnel_key\":9,\"addresses\":[\"" MAC(09) "\"],"
	"  \"port_security\":[\"" MAC(09) " fd00:9::/64\"]},"
	" {\"name\":\"u2\",\"tunnel_key\":10,\"addresses\":[\"unknown\"]}]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	" \"vifs\":[{\"iface\":\"t1\",\"port\":\"p1\"},{\"iface\":\"t2\",\"port\":\"p2\"},"
	"  {\"iface\":\"t3\",\"port\":\"p3\"},{\"iface\":\"t4\",\"port\":\"p4\"},"
	"  {\"iface\":\"t5\",\"port\":\"p5\"},{\"iface\":\"t6\",\"port\":\"p6\"},"
	"  {\"iface\":\"t7\",\"port\":\"p7\"},{\"iface\":\"t8\",\"port\":\"u\"},"
	"  {\"iface\":\"t9\",\"port\":\"p9\"},{\"iface\":\"t10\",\"port\":\"u2\"}]}]}";

static const struct xh_iface ifaces[] = {
	{ "t1", 101, 1 }, { "t2", 102, 1 }, { "t3", 103, 1 }, { "t4", 104, 1 },
	{ "t5", 105, 1 }, { "t6", 106, 1 }, { "t7", 107, 1 }, { "t8", 108, 1 },
	{ "t9", 109, 1 }, { "t10", 110, 1 },
};

static struct xh h;
static uint8_t f[XH_FRAME_MAX];
static uint8_t m1[6], m2[6], m3[6], m4[6], m5[6], m6[6], m7[6], m8[6], m9[6], m11[6],
	stranger[6];

static uint32_t ifx(uint16_t port_key)
{
	return 100u + port_key;
}

static void setup(void)
{
	const struct xh_mac_row macs[] = {
		{ MAC(01), m1 }, { MAC(02), m2 }, { MAC(03), m3 }, { MAC(04), m4 },
		{ MAC(05), m5 }, { MAC(06), m6 }, { MAC(07), m7 }, { MAC(08), m8 },
		{ MAC(09), m9 }, { MAC(11), m11 }, { "00:00:00:00:99:99", stranger },
	};

	xh_open_model(&h, model, "hv1", ifaces, XH_LEN(ifaces));
	xh_macs(macs, XH_LEN(macs));
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(portsec, .init = setup, .fini = teardown);

/* The trace twin lets the frame through port security (any non-drop decision). */
static struct xovn_trace expect_allowed(uint16_t from, size_t len)
{
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, ifx(from), f, len, &verdict);

	cr_assert_neq(tr.action, XOVN_ACT_DROP, "dropped with reason %d", tr.drop_reason);
	cr_assert_eq(tr.in_port, from);
	return tr;
}

/* Refused for reason by the trace twin, and counted once by the live program. */
static void expect_refused(uint16_t from, size_t len, enum xovn_drop_reason reason)
{
	uint64_t before = xh_drops(&h, reason);
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, ifx(from), f, len, &verdict);

	cr_assert_eq(tr.action, XOVN_ACT_DROP, "not dropped: action %d", tr.action);
	cr_assert_eq(tr.drop_reason, reason, "reason %d, wanted %d", tr.drop_reason, reason);
	cr_assert_eq(tr.n_out, 0, "a copy left before the drop");
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, ifx(from), f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, reason), before + 1, "the drop was not counted");
}

/* From port from to dst_port: switched to it and not refused on the way out. */
static void expect_delivered(uint16_t from, size_t len, uint16_t dst_port)
{
	struct xovn_trace tr = expect_allowed(from, len);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "action %d", tr.action);
	cr_assert_eq(tr.out_port, dst_port);
}

/* ---- ingress: eth.src ------------------------------------------------------ */

Test(portsec, ingress_eth_src_not_listed_is_dropped)
{
	expect_refused(2, xh_ipv4_udp(f, m7, stranger, "10.0.0.2", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
	expect_delivered(2, xh_ipv4_udp(f, m7, m2, "10.0.0.2", "10.0.0.7", 10), 7);
}

Test(portsec, ingress_mac_only_entry_allows_any_ip_source)
{
	expect_delivered(2, xh_ipv4_udp(f, m7, m2, "198.51.100.9", "10.0.0.7", 10), 7);
	expect_delivered(2, pf_ipv6_udp(f, m7, m2, "2001:db8::77", "fd00::7"), 7);
}

Test(portsec, ingress_spoofed_broadcast_is_dropped_before_flooding)
{
	uint8_t sha[6];

	memcpy(sha, stranger, 6);
	expect_refused(1, xh_arp_request(f, sha, "10.0.0.1", "10.0.0.7"), XOVN_DROP_PORT_SEC_SRC);
	/* the same broadcast from the real MAC floods */
	cr_assert_eq(expect_allowed(1, xh_arp_request(f, m1, "10.0.0.1", "10.0.0.99")).action,
		     XOVN_ACT_FLOOD);
}

/* ---- ingress: IPv4 ---------------------------------------------------------- */

Test(portsec, ingress_ipv4_source_must_be_listed)
{
	expect_delivered(1, xh_ipv4_udp(f, m7, m1, "10.0.0.1", "10.0.0.7", 10), 7);
	expect_refused(1, xh_ipv4_udp(f, m7, m1, "10.0.0.99", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_dhcp_discover_from_zero_is_allowed)
{
	size_t len = pf_dhcp_discover(f, m1);

	cr_assert_eq(expect_allowed(1, len).action, XOVN_ACT_FLOOD);
	/* 0.0.0.0 to anything but the DHCP server port is not a discover */
	f[ETH_HLEN + 20 + 3] = 99;
	expect_refused(1, len, XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_arp_sha_must_be_eth_src)
{
	expect_refused(1, pf_arp(f, XH_BROADCAST, m1, stranger, "10.0.0.1", "10.0.0.7"),
		       XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_arp_spa_must_be_listed)
{
	expect_refused(1, xh_arp_request(f, m1, "10.0.0.42", "10.0.0.99"), XOVN_DROP_PORT_SEC_SRC);
	expect_allowed(1, xh_arp_request(f, m1, "10.0.0.1", "10.0.0.99"));
}

Test(portsec, ingress_mask_with_zero_host_part_allows_the_whole_subnet)
{
	expect_delivered(3, xh_ipv4_udp(f, m7, m3, "10.0.1.77", "10.0.0.7", 10), 7);
	expect_delivered(3, xh_ipv4_udp(f, m7, m3, "10.0.1.254", "10.0.0.7", 10), 7);
	expect_refused(3, xh_ipv4_udp(f, m7, m3, "10.0.2.1", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_mask_with_host_part_allows_only_that_host)
{
	expect_delivered(4, xh_ipv4_udp(f, m7, m4, "10.0.2.5", "10.0.0.7", 10), 7);
	expect_refused(4, xh_ipv4_udp(f, m7, m4, "10.0.2.6", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
	/* the subnet broadcast is receivable, never a valid source */
	expect_refused(4, xh_ipv4_udp(f, m7, m4, "10.0.2.255", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_ipv4_only_entry_forbids_ipv6)
{
	expect_refused(5, pf_ipv6_udp(f, m7, m5, "fe80::205:ff:fe00:5", "fd00::7"),
		       XOVN_DROP_PORT_SEC_SRC);
	expect_delivered(5, xh_ipv4_udp(f, m7, m5, "10.0.0.5", "10.0.0.7", 10), 7);
}

Test(portsec, ingress_ipv6_only_entry_forbids_ipv4_and_arp)
{
	expect_refused(6, xh_ipv4_udp(f, m7, m6, "10.0.0.6", "10.0.0.7", 10),
		       XOVN_DROP_PORT_SEC_SRC);
	expect_refused(6, xh_arp_request(f, m6, "10.0.0.6", "10.0.0.7"), XOVN_DROP_PORT_SEC_SRC);
	expect_delivered(6, pf_ipv6_udp(f, m7, m6, "fd00::6", "fd00::7"), 7);
}

Test(portsec, ingress_truncated_arp_is_malformed_not_passed)
{
	xh_arp_request(f, m1, "10.0.0.1", "10.0.0.7");
	expect_refused(1, ETH_HLEN + 20, XOVN_DROP_MALFORMED);
}

/* ---- ingress: IPv6 and neighbour discovery ------------------------------- */

Test(portsec, ingress_ipv6_source_listed_or_eui64_link_local)
{
	expect_delivered(1, pf_ipv6_udp(f, m7, m1, "fd00::1", "fd00::7"), 7);
	/* 00:00:00:00:00:01 -> fe80::200:ff:fe00:1 */
	expect_delivered(1, pf_ipv6_udp(f, m7, m1, "fe80::200:ff:fe00:1", "fd00::7"), 7);
	expect_refused(1, pf_ipv6_udp(f, m7, m1, "fe80::200:ff:fe00:2", "fd00::7"),
		       XOVN_DROP_PORT_SEC_SRC);
	expect_refused(1, pf_ipv6_udp(f, m7, m1, "fd00::99", "fd00::7"), XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_ipv6_subnet_with_zero_host_part)
{
	expect_delivered(9, pf_ipv6_udp(f, m7, m9, "fd00:9::abcd", "fd00::7"), 7);
	expect_refused(9, pf_ipv6_udp(f, m7, m9, "fd00:10::1", "fd00::7"), XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_unspecified_source_only_for_dad_and_mld)
{
	/* DAD: NS from :: without a link-layer option */
	cr_assert_eq(expect_allowed(1, pf_ns(f, m1, "::", "fd00::1", NULL)).action,
		     XOVN_ACT_FLOOD);
	cr_assert_eq(expect_allowed(1, pf_mld2_report(f, m1, "::")).action, XOVN_ACT_FLOOD);
	expect_refused(1, pf_ipv6_udp(f, m7, m1, "::", "fd00::7"), XOVN_DROP_PORT_SEC_SRC);
	/* an NS from :: to a global (not ff02::/16) destination */
	expect_refused(1, pf_ns_to(f, m7, m1, "::", "fd00::7", "fd00::7", NULL),
		       XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_ns_source_link_layer_must_be_port_mac)
{
	expect_refused(1, pf_ns(f, m1, "fd00::1", "fd00::7", stranger), XOVN_DROP_PORT_SEC_SRC);
	expect_allowed(1, pf_ns(f, m1, "fd00::1", "fd00::99", m1));
}

Test(portsec, ingress_na_target_link_layer_and_target_must_be_listed)
{
	expect_allowed(1, pf_na(f, m1, "fd00::1", "fd00::1", m1));
	expect_refused(1, pf_na(f, m1, "fd00::1", "fd00::1", stranger), XOVN_DROP_PORT_SEC_SRC);
	expect_refused(1, pf_na(f, m1, "fd00::1", "fd00::99", m1), XOVN_DROP_PORT_SEC_SRC);
}

Test(portsec, ingress_nd_link_layer_checked_even_for_mac_only_entries)
{
	expect_refused(2, pf_ns(f, m2, "fd00::2", "fd00::7", stranger), XOVN_DROP_PORT_SEC_SRC);
	expect_allowed(2, pf_ns(f, m2, "fd00::2", "fd00::7", m2));
}

/* ---- egress ------------------------------------------------------------------ */

Test(portsec, egress_ip_destination_must_be_listed)
{
	expect_delivered(7, xh_ipv4_udp(f, m1, m7, "10.0.0.7", "10.0.0.1", 10), 1);
	expect_refused(7, xh_ipv4_udp(f, m1, m7, "10.0.0.7", "10.0.0.50", 10),
		       XOVN_DROP_PORT_SEC_DST);
	expect_delivered(7, pf_ipv6_udp(f, m1, m7, "fd00::7", "fd00::1"), 1);
	expect_delivered(7, pf_ipv6_udp(f, m1, m7, "fd00::7", "fe80::200:ff:fe00:1"), 1);
	expect_refused(7, pf_ipv6_udp(f, m1, m7, "fd00::7", "fd00::50"), XOVN_DROP_PORT_SEC_DST);
}

Test(portsec, egress_ip_broadcast_and_multicast_are_receivable)
{
	expect_delivered(7, xh_ipv4_udp(f, m1, m7, "10.0.0.7", "255.255.255.255", 10), 1);
	expect_delivered(7, xh_ipv4_udp(f, m1, m7, "10.0.0.7", "224.0.0.251", 10), 1);
	expect_delivered(7, pf_ipv6_udp(f, m1, m7, "fd00::7", "ff02::fb"), 1);
}

Test(portsec, egress_unicast_eth_dst_must_be_a_listed_mac)
{
	/* …:11 is in p1's addresses (the fdb sends it there) but not in its port security */
	expect_refused(7, xh_ipv4_udp(f, m11, m7, "10.0.0.7", "10.0.0.1", 10),
		       XOVN_DROP_PORT_SEC_DST);
}

Test(portsec, egress_mask_with_zero_host_part_allows_the_whole_subnet)
{
	expect_delivered(7, xh_ipv4_udp(f, m3, m7, "10.0.0.7", "10.0.1.200", 10), 3);
	expect_delivered(7, xh_ipv4_udp(f, m3, m7, "10.0.0.7", "10.0.1.255", 10), 3);
	expect_refused(7, xh_ipv4_udp(f, m3, m7, "10.0.0.7", "10.0.3.1", 10),
		       XOVN_DROP_PORT_SEC_DST);
}

Test(portsec, egress_mask_with_host_part_allows_host_and_subnet_broadcast)
{
	expect_delivered(7, xh_ipv4_udp(f, m4, m7, "10.0.0.7", "10.0.2.5", 10), 4);
	expect_delivered(7, xh_ipv4_udp(f, m4, m7, "10.0.0.7", "10.0.2.255", 10), 4);
	expect_refused(7, xh_ipv4_udp(f, m4, m7, "10.0.0.7", "10.0.2.6", 10),
		       XOVN_DROP_PORT_SEC_DST);
}

Test(portsec, egress_family_not_listed_is_refused)
{
	expect_refused(7, pf_ipv6_udp(f, m5, m7, "fd00::7", "fe80::205:ff:fe00:5"),
		       XOVN_DROP_PORT_SEC_DST);
	expect_refused(7, xh_ipv4_udp(f, m6, m7, "10.0.0.7", "10.0.0.6", 10),
		       XOVN_DROP_PORT_SEC_DST);
	expect_delivered(7, pf_ipv6_udp(f, m9, m7, "fd00::7", "fd00:9::1:2"), 9);
}

Test(portsec, egress_ethernet_broadcast_is_always_receivable)
{
	struct xovn_trace tr = expect_allowed(7, xh_ipv4_udp(f, XH_BROADCAST, m7, "10.0.0.7",
							     "10.9.9.9", 10));

	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	for (uint16_t port = 1; port <= 6; port++)
		cr_assert_not_null(xh_trace_find(&tr, port), "port %u got no copy", port);
}

Test(portsec, egress_unknown_unicast_copy_skips_a_port_that_refuses_it)
{
	struct xovn_trace tr = expect_allowed(7, xh_ipv4_udp(f, stranger, m7, "10.0.0.7",
							     "10.0.0.8", 10));

	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_null(xh_trace_find(&tr, 8), "u's port security lets only …:08 in");
	cr_assert_not_null(xh_trace_find(&tr, 10), "u2 has no port security");

	tr = expect_allowed(7, xh_ipv4_udp(f, m8, m7, "10.0.0.7", "10.0.0.8", 10));
	cr_assert_not_null(xh_trace_find(&tr, 8), "…:08 to 10.0.0.8 is u's own traffic");
}
