// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_addr.c - MAC, IPv4, IPv6 and "MAC IP..." parsing of lib/util/addr.c. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/addr.h"

static uint32_t v4(const char *s)
{
	struct in_addr a;

	cr_assert_eq(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

Test(addr, mac_good)
{
	static const uint8_t want[6] = { 0x0a, 0xbc, 0xde, 0xf0, 0x12, 0x34 };
	uint8_t mac[6];

	cr_assert_eq(xovn_parse_mac("0a:bc:de:f0:12:34", mac), 0);
	cr_assert_arr_eq(mac, want, 6);
	cr_assert_eq(xovn_parse_mac("0A:BC:DE:F0:12:34", mac), 0, "upper case is fine");
	cr_assert_arr_eq(mac, want, 6);
	cr_assert_eq(xovn_parse_mac("ff:ff:ff:ff:ff:ff", mac), 0);
	cr_assert_eq(mac[0], 0xff);
}

Test(addr, mac_bad)
{
	static const char *const bad[] = {
		"", "0a:bc:de:f0:12", "0a:bc:de:f0:12:34:56", "0a-bc-de-f0-12-34",
		"a:bc:de:f0:12:34", "0a:bc:de:f0:12:3", "0g:bc:de:f0:12:34", "0a:bc:de:f0:12:34 ",
		" 0a:bc:de:f0:12:34", "0abc.def0.1234", "0a:bc:de:f0:12:345",
	};
	uint8_t mac[6];

	cr_assert_eq(xovn_parse_mac(NULL, mac), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(xovn_parse_mac(bad[i], mac), -1, "\"%s\" accepted", bad[i]);
}

Test(addr, ipv4_good)
{
	static const char *const good[] = {
		"0.0.0.0", "10.0.0.1", "192.168.100.254", "255.255.255.255", "1.20.199.250",
	};
	struct in_addr a;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_expect_eq(xovn_parse_ipv4(good[i], &a), 0, "\"%s\" rejected", good[i]);
		cr_expect_eq(a.s_addr, v4(good[i]), "\"%s\" parsed wrong", good[i]);
	}
}

Test(addr, ipv4_bad)
{
	static const char *const bad[] = {
		"", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1", "10.0.0.01", "10.0.0.",
		".10.0.0.1", "10..0.1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.-1", "0x0a.0.0.1",
		"1e1.0.0.1", "10.0.0.1/24", "1000.0.0.1", "::1",
	};
	struct in_addr a;

	cr_assert_eq(xovn_parse_ipv4(NULL, &a), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(xovn_parse_ipv4(bad[i], &a), -1, "\"%s\" accepted", bad[i]);
}

Test(addr, ipv6_good_and_bad)
{
	static const char *const good[] = {
		"::", "::1", "fe80::1", "fd00:1::11", "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1",
	};
	static const char *const bad[] = {
		"", "fd00::zz", "1:2:3:4:5:6:7:8:9", "fe80:::1", "10.0.0.1", "fe80::1%eth0",
		"fd00::/64", "12345::1",
	};
	struct in6_addr a, want;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_expect_eq(xovn_parse_ipv6(good[i], &a), 0, "\"%s\" rejected", good[i]);
		inet_pton(AF_INET6, good[i], &want);
		cr_expect_arr_eq(&a, &want, sizeof(a), "\"%s\" parsed wrong", good[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(xovn_parse_ipv6(bad[i], &a), -1, "\"%s\" accepted", bad[i]);
}

Test(addr, lport_mac_and_ips)
{
	struct xovn_lport_addr a;
	char err[128];

	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:01 10.0.0.1 fd00::1", 0, &a, err,
					   sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.mac[5], 0x01);
	cr_assert_eq(a.n_ips, 2);
	cr_assert_eq(a.ips[0].family, AF_INET);
	cr_assert_eq(a.ips[0].plen, 32);
	cr_assert_eq(a.ips[0].v4.s_addr, v4("10.0.0.1"));
	cr_assert_eq(a.ips[1].family, AF_INET6);
	cr_assert_eq(a.ips[1].plen, 128);
	cr_assert_eq(a.ips[1].v6.s6_addr[15], 1);
}

Test(addr, lport_mac_only_and_extra_blanks)
{
	struct xovn_lport_addr a;
	char err[128];

	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:02", 0, &a, err, sizeof(err)), 0);
	cr_assert_eq(a.n_ips, 0);
	cr_assert_eq(xovn_parse_lport_addr("  0a:00:00:00:00:02 \t 10.0.0.2  ", 0, &a, err,
					   sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.n_ips, 1);
}

Test(addr, lport_masks_only_in_port_security)
{
	struct xovn_lport_addr a;
	char err[128];

	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:01 10.0.0.0/24", 0, &a, err,
					   sizeof(err)), -1);
	cr_assert(strstr(err, "prefix"), "reason: %s", err);
	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:01 10.0.0.0/24 fd00::/64", 1, &a, err,
					   sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.ips[0].plen, 24);
	cr_assert_eq(a.ips[1].plen, 64);
	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:01 10.0.0.0/255.255.255.0", 1, &a,
					   err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.ips[0].plen, 24, "dotted netmask");
	cr_assert_eq(xovn_parse_lport_addr("0a:00:00:00:00:01 10.0.0.1/0", 1, &a, err,
					   sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.ips[0].plen, 0);
}

Test(addr, lport_bad_entries_say_why)
{
	static const struct { const char *s; int mask; const char *why; } bad[] = {
		{ "", 0, "empty" },
		{ "   ", 0, "empty" },
		{ "unknown", 0, "MAC" },
		{ "0a:00:00:00:00 10.0.0.1", 0, "MAC" },
		{ "0a:00:00:00:00:01 10.0.0.256", 0, "10.0.0.256" },
		{ "0a:00:00:00:00:01 10.0.0.1/33", 1, "prefix" },
		{ "0a:00:00:00:00:01 10.0.0.1/255.0.255.0", 1, "prefix" },
		{ "0a:00:00:00:00:01 fd00::1/129", 1, "prefix" },
		{ "0a:00:00:00:00:01 10.0.0.1/", 1, "prefix" },
		{ "0a:00:00:00:00:01 10.0.0.1/2a", 1, "prefix" },
		{ "0a:00:00:00:00:01 host", 0, "host" },
	};
	struct xovn_lport_addr a;
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		cr_expect_eq(xovn_parse_lport_addr(bad[i].s, bad[i].mask, &a, err, sizeof(err)), -1,
			     "\"%s\" accepted", bad[i].s);
		cr_expect(strstr(err, bad[i].why), "\"%s\": reason \"%s\" lacks \"%s\"", bad[i].s,
			  err, bad[i].why);
	}
	cr_assert_eq(xovn_parse_lport_addr(NULL, 0, &a, err, sizeof(err)), -1);
}

Test(addr, lport_ip_limit)
{
	char entry[1024] = "0a:00:00:00:00:01";
	struct xovn_lport_addr a;
	char err[128];

	for (int i = 1; i <= XOVN_ADDR_MAX_IPS; i++)
		snprintf(entry + strlen(entry), sizeof(entry) - strlen(entry), " 10.0.0.%d", i);
	cr_assert_eq(xovn_parse_lport_addr(entry, 0, &a, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(a.n_ips, XOVN_ADDR_MAX_IPS);
	strcat(entry, " 10.0.1.1");
	cr_assert_eq(xovn_parse_lport_addr(entry, 0, &a, err, sizeof(err)), -1);
	cr_assert(strstr(err, "more than"), "reason: %s", err);
}
