// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_frame_na.c - the unsolicited neighbour advertisement a gateway
 * chassis sends on takeover: every byte, untagged and tagged, with the
 * ICMPv6 checksum verified by an independent sum.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include "frame/na.h"

static const uint8_t mac[6] = { 0x02, 0xac, 0x10, 0xff, 0x00, 0x05 };

/* The untagged frame for fd21::1 from mac, checksum bytes (56, 57) zero. */
static const uint8_t expected[86] = {
	0x33, 0x33, 0, 0, 0, 1, 0x02, 0xac, 0x10, 0xff, 0x00, 0x05, 0x86, 0xdd,
	/* IPv6: version 6, payload 32, ICMPv6, hop limit 255, fd21::1 -> ff02::1 */
	0x60, 0, 0, 0, 0, 32, 58, 255,
	0xfd, 0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	/* NA: type 136, code 0, checksum, override flag, target fd21::1 */
	136, 0, 0, 0, 0x20, 0, 0, 0,
	0xfd, 0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	/* target link-layer address option */
	2, 1, 0x02, 0xac, 0x10, 0xff, 0x00, 0x05,
};

/* One's-complement sum of len bytes, continuing from sum. */
static uint32_t ones_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)(p[i] << 8) | (i + 1 < len ? p[i + 1] : 0);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* The ICMPv6 message at ip6 + 40 sums to 0xffff with its pseudo-header. */
static int checksum_ok(const uint8_t *ip6, size_t msg_len)
{
	uint8_t pseudo[40] = { 0 };

	memcpy(pseudo, ip6 + 8, 32);
	pseudo[35] = (uint8_t)msg_len;
	pseudo[39] = 58;
	return ones_sum(ip6 + 40, msg_len, ones_sum(pseudo, 40, 0)) == 0xffff;
}

struct na_case {
	const char *what;
	uint16_t vid;
	size_t tag;        /* bytes of 802.1Q tag after the MACs */
};

static const struct na_case cases[] = {
	{ "untagged", 0, 0 },
	{ "on VLAN 100", 100, 4 },
};

Test(frame_na, every_byte_of_the_advertisement)
{
	struct in6_addr target;

	cr_assert_eq(inet_pton(AF_INET6, "fd21::1", &target), 1);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct na_case *t = &cases[c];
		uint8_t buf[128], got[128];
		size_t len = xovn_frame_unsolicited_na(buf, sizeof(buf), mac, t->vid, &target);

		cr_assert_eq(len, sizeof(expected) + t->tag, "%s: length %zu", t->what, len);
		if (t->tag) {
			cr_expect_eq(buf[12], 0x81, "%s: TPID", t->what);
			cr_expect_eq(buf[13], 0x00, "%s: TPID", t->what);
			cr_expect_eq(buf[14] << 8 | buf[15], t->vid, "%s: VID", t->what);
		}
		cr_expect(checksum_ok(buf + 14 + t->tag, 32), "%s: ICMPv6 checksum", t->what);
		memcpy(got, buf, 12);
		memcpy(got + 12, buf + 12 + t->tag, len - 12 - t->tag);
		got[56] = got[57] = 0;
		cr_expect_arr_eq(got, expected, sizeof(expected), "%s: the frame's bytes", t->what);
	}
}

Test(frame_na, too_small_a_buffer_gives_nothing)
{
	struct in6_addr target;
	uint8_t buf[89];

	cr_assert_eq(inet_pton(AF_INET6, "fd21::1", &target), 1);
	cr_expect_eq(xovn_frame_unsolicited_na(buf, 85, mac, 0, &target), 0);
	cr_expect_eq(xovn_frame_unsolicited_na(buf, 86, mac, 0, &target), 86);
	cr_expect_eq(xovn_frame_unsolicited_na(buf, 89, mac, 100, &target), 0, "no room for the tag");
}
