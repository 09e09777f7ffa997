// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_trace_frame.c - the frames `xovnctl trace` builds from fields. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include "frame/frame.h"

static uint8_t buf[XOVN_FRAME_MAX];
static char err[512];

static size_t build(const char *fields)
{
	size_t len = 0;

	cr_assert_eq(xovn_frame_from_fields(fields, buf, sizeof(buf), &len, err, sizeof(err)), 0,
		     "%s: %s", fields, err);
	return len;
}

static void build_fails(const char *fields, const char *why)
{
	size_t len = 0;

	err[0] = '\0';
	cr_assert_eq(xovn_frame_from_fields(fields, buf, sizeof(buf), &len, err, sizeof(err)), -1,
		     "accepted: %s", fields);
	cr_assert(strstr(err, why), "\"%s\": error \"%s\" does not mention \"%s\"", fields, err, why);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Independent one's-complement sum: a valid checksummed block sums to 0xffff. */
static uint16_t ones_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i < len; i += 2)
		sum += (uint32_t)(p[i] << 8) | (i + 1 < len ? p[i + 1] : 0);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

Test(trace_frame, arp_request_defaults)
{
	static const uint8_t src[6] = { 0, 0, 0, 0, 0, 1 }, bcast[6] = { 255, 255, 255, 255, 255, 255 };
	size_t len = build("eth.src=00:00:00:00:00:01 arp.spa=10.0.0.1 arp.tpa=10.0.0.2");
	uint8_t *arp = buf + 14;

	cr_assert_eq(len, 60, "padded to the Ethernet minimum");
	cr_assert_arr_eq(buf, bcast, 6);
	cr_assert_arr_eq(buf + 6, src, 6);
	cr_assert_eq(get16(buf + 12), 0x0806);
	cr_assert_eq(get16(arp + 6), 1, "request by default");
	cr_assert_arr_eq(arp + 8, src, 6, "sender MAC defaults to eth.src");
	cr_assert_eq(memcmp(arp + 14, "\x0a\x00\x00\x01", 4), 0);
	cr_assert_eq(memcmp(arp + 24, "\x0a\x00\x00\x02", 4), 0);
}

Test(trace_frame, ipv4_udp_has_valid_header)
{
	size_t len = build("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 "
			   "ip4.src=10.0.0.1 ip4.dst=10.0.0.2 udp.dst=53 payload.len=100");
	uint8_t *ip = buf + 14;

	cr_assert_eq(len, 14 + 20 + 8 + 100);
	cr_assert_eq(get16(buf + 12), 0x0800);
	cr_assert_eq(ip[0], 0x45);
	cr_assert_eq(get16(ip + 2), 128);
	cr_assert_eq(ip[8], 64);
	cr_assert_eq(ip[9], 17);
	cr_assert_eq(ones_sum(ip, 20, 0), 0xffff, "IPv4 header checksum");
	cr_assert_eq(get16(ip + 22), 53);
	cr_assert_eq(get16(ip + 24), 108);
}

Test(trace_frame, icmp_echo_checksum)
{
	size_t len = build("eth.src=00:00:00:00:00:01 && eth.dst==00:00:00:00:00:02 && "
			   "ip4.src=10.0.0.1 && ip4.dst=10.0.0.2 && icmp.type=8 && ip.ttl=3");
	uint8_t *ip = buf + 14;

	cr_assert_eq(len, 60);
	cr_assert_eq(ip[9], 1);
	cr_assert_eq(ip[8], 3);
	cr_assert_eq(ip[20], 8);
	cr_assert_eq(ones_sum(ip + 20, 8, 0), 0xffff, "ICMP checksum");
}

Test(trace_frame, vlan_tags)
{
	build("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 vlan=10 eth.type=0x1234");
	cr_assert_eq(get16(buf + 12), 0x8100);
	cr_assert_eq(get16(buf + 14), 10);
	cr_assert_eq(get16(buf + 16), 0x1234);
	cr_assert_eq(xovn_frame_vid(buf, 60), 10);

	build("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 vlan=100 vlan=200");
	cr_assert_eq(get16(buf + 12), 0x88a8, "outer tag of a stack is 802.1ad");
	cr_assert_eq(get16(buf + 14), 100);
	cr_assert_eq(get16(buf + 16), 0x8100);
	cr_assert_eq(get16(buf + 18), 200);
}

Test(trace_frame, neighbour_solicitation)
{
	size_t len = build("eth.src=00:00:00:00:00:01 ip6.src=fd00::1 nd.target=fd00::2:3:4");
	uint8_t *ip6 = buf + 14, *ns = ip6 + 40;
	uint8_t pseudo[40] = { 0 };
	uint32_t sum;

	cr_assert_eq(len, 14 + 40 + 32);
	cr_assert_eq(memcmp(buf, "\x33\x33\xff\x03\x00\x04", 6), 0, "solicited-node MAC");
	cr_assert_eq(get16(buf + 12), 0x86dd);
	cr_assert_eq(ip6[6], 58);
	cr_assert_eq(ip6[7], 255, "hop limit 255 as RFC 4861 requires");
	cr_assert_eq(memcmp(ip6 + 24, "\xff\x02\0\0\0\0\0\0\0\0\0\x01\xff\x03\x00\x04", 16), 0);
	cr_assert_eq(ns[0], 135);
	cr_assert_eq(ns[24], 1, "source link-layer option");
	cr_assert_eq(memcmp(ns + 26, buf + 6, 6), 0);
	memcpy(pseudo, ip6 + 8, 32);
	pseudo[35] = 32;
	pseudo[39] = 58;
	sum = ones_sum(pseudo, 40, 0);
	cr_assert_eq(ones_sum(ns, 32, sum), 0xffff, "ICMPv6 checksum over the pseudo-header");
}

Test(trace_frame, bad_fields_are_named)
{
	build_fails("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 ip4.sorc=1.2.3.4",
		    "unknown field \"ip4.sorc\"");
	build_fails("eth.src=00:00:00:00:00:0g eth.dst=00:00:00:00:00:02", "eth.src");
	build_fails("eth.src=00:00:00:00:00:01 eth.src=00:00:00:00:00:02", "twice");
	build_fails("eth.src=00:00:00:00:00:01 arp.tpa=10.0.0.1 ip4.dst=10.0.0.2",
		    "more than one protocol");
	build_fails("eth.dst=00:00:00:00:00:01", "eth.src is required");
	build_fails("eth.src=00:00:00:00:00:01 ip4.dst=10.0.0.2", "eth.dst is required");
	build_fails("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 vlan=4096", "vlan");
	build_fails("eth.src=00:00:00:00:00:01 eth.dst=00:00:00:00:00:02 udp.dst=53", "need ip4");
	build_fails("eth.src=00:00:00:00:00:01 arp.spa=10.0.0.1", "arp.tpa");
	build_fails("eth.src", "NAME=VALUE");
	build_fails("", "eth.src is required");
}

Test(trace_frame, push_vlan_and_describe)
{
	char line[256];
	size_t len = build("eth.src=00:00:00:00:00:01 arp.spa=10.0.0.1 arp.tpa=10.0.0.2");

	cr_assert_eq(xovn_frame_vid(buf, len), -1);
	len = xovn_frame_push_vlan(buf, len, sizeof(buf), 42);
	cr_assert_eq(len, 64);
	cr_assert_eq(xovn_frame_vid(buf, len), 42);
	xovn_frame_describe(buf, len, line, sizeof(line));
	cr_assert(strstr(line, "00:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, vlan 42, "
			       "ARP who-has 10.0.0.2 tell 10.0.0.1"), "%s", line);
	cr_assert_eq(xovn_frame_push_vlan(buf, len, len + 3, 1), 0, "no room: refused");
}
