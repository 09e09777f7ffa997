/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_prefix.c - "IP[/PLEN]" parsing, masking and the canonical spelling
 * that routes are stored, compared and printed in (lib/util/prefix.c).
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>

#include "util/prefix.h"

Test(prefix, canonical_forms)
{
	static const struct {
		const char *in;
		enum xovn_plen_rule rule;
		const char *out;        /* masked and spelled; NULL: refused */
	} cases[] = {
		{ "10.1.2.3/16", XOVN_PLEN_OPTIONAL, "10.1.0.0/16" },
		{ "10.1.2.3/32", XOVN_PLEN_OPTIONAL, "10.1.2.3" },
		{ "10.1.2.3", XOVN_PLEN_OPTIONAL, "10.1.2.3" },
		{ "10.1.2.3/0", XOVN_PLEN_OPTIONAL, "0.0.0.0/0" },
		{ "255.255.255.255/31", XOVN_PLEN_OPTIONAL, "255.255.255.254/31" },
		{ "2001:DB8:2::5/48", XOVN_PLEN_OPTIONAL, "2001:db8:2::/48" },
		{ "2001:db8::ff/121", XOVN_PLEN_OPTIONAL, "2001:db8::80/121" },
		{ "2001:db8::1/128", XOVN_PLEN_OPTIONAL, "2001:db8::1" },
		{ "::/0", XOVN_PLEN_OPTIONAL, "::/0" },
		{ "10.0.0.1/24", XOVN_PLEN_REQUIRED, "10.0.0.0/24" },
		{ "10.0.0.1", XOVN_PLEN_REQUIRED, NULL },
		{ "10.0.0.1", XOVN_PLEN_NONE, "10.0.0.1" },
		{ "10.0.0.1/32", XOVN_PLEN_NONE, NULL },
		{ "10.0.0.1/33", XOVN_PLEN_OPTIONAL, NULL },
		{ "10.0.0.1/024", XOVN_PLEN_OPTIONAL, NULL },
		{ "10.0.0.1/", XOVN_PLEN_OPTIONAL, NULL },
		{ "10.0.0.1/-1", XOVN_PLEN_OPTIONAL, NULL },
		{ "10.0.0.256/24", XOVN_PLEN_OPTIONAL, NULL },
		{ "10.0.0/24", XOVN_PLEN_OPTIONAL, NULL },
		{ "2001:db8::1/129", XOVN_PLEN_OPTIONAL, NULL },
		{ "2001:db8:::1/64", XOVN_PLEN_OPTIONAL, NULL },
		{ "discard", XOVN_PLEN_NONE, NULL },
		{ "", XOVN_PLEN_OPTIONAL, NULL },
	};
	char out[XOVN_PREFIX_STRLEN];
	struct xovn_ip ip;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = xovn_parse_prefix(cases[i].in, cases[i].rule, &ip);

		if (!cases[i].out) {
			cr_expect_eq(rc, -1, "\"%s\" accepted", cases[i].in);
			continue;
		}
		cr_assert_eq(rc, 0, "\"%s\" refused", cases[i].in);
		xovn_prefix_mask(&ip);
		xovn_prefix_str(&ip, out);
		cr_expect_str_eq(out, cases[i].out, "\"%s\"", cases[i].in);
	}
}

Test(prefix, parse_keeps_host_bits_and_family)
{
	struct xovn_ip ip;

	cr_assert_eq(xovn_parse_prefix("10.1.2.3/16", XOVN_PLEN_REQUIRED, &ip), 0);
	cr_assert_eq(ip.family, AF_INET);
	cr_assert_eq(ip.plen, 16);
	cr_assert_eq(ip.v4.s_addr, htonl(0x0a010203));
	cr_assert_eq(xovn_parse_prefix("fd00::1", XOVN_PLEN_OPTIONAL, &ip), 0);
	cr_assert_eq(ip.family, AF_INET6);
	cr_assert_eq(ip.plen, 128);
	cr_assert_eq(ip.v6.s6_addr[15], 1);
}
