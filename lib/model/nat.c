// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat.c - NAT row rules shared by lr-nat-add and the validator (nat.h).
 */
#include <stdlib.h>
#include <string.h>

#include "model/nat.h"

int xovn_nat_type_ok(const char *type)
{
	return type && (strcmp(type, "snat") == 0 || strcmp(type, "dnat") == 0 ||
			strcmp(type, "dnat_and_snat") == 0);
}

int xovn_nat_is_snat(const char *type)
{
	return type && strcmp(type, "snat") == 0;
}

int xovn_nat_external_ip(const char *s, struct xovn_ip *ip)
{
	return s ? xovn_parse_prefix(s, XOVN_PLEN_NONE, ip) : -1;
}

int xovn_nat_logical_ip(const char *type, int family, const char *s, struct xovn_ip *ip,
			char canon[XOVN_PREFIX_STRLEN])
{
	enum xovn_plen_rule rule = xovn_nat_is_snat(type) ? XOVN_PLEN_OPTIONAL : XOVN_PLEN_NONE;

	if (!s || xovn_parse_prefix(s, rule, ip) < 0 || ip->family != family)
		return -1;
	xovn_prefix_mask(ip);
	xovn_prefix_str(ip, canon);
	return 0;
}

/* A decimal number of 1 to 9 digits; -1 otherwise.  *end gets what follows. */
static long port_number(const char *s, const char **end)
{
	long v = 0;
	int n = 0;

	while (s[n] >= '0' && s[n] <= '9' && n < 10)
		v = v * 10 + (s[n++] - '0');
	*end = s + n;
	return n >= 1 && n <= 9 ? v : -1;
}

int xovn_nat_port_range_syntax_ok(const char *s)
{
	const char *end;

	if (!s || port_number(s, &end) < 0)
		return 0;
	return !*end || (*end == '-' && port_number(end + 1, &end) >= 0 && !*end);
}

int xovn_nat_port_range_ok(const char *s)
{
	const char *end;
	long low, high;

	if (!s)
		return 0;
	low = port_number(s, &end);
	if (!*end)
		return low > 0;
	if (*end != '-')
		return 0;
	high = port_number(end + 1, &end);
	return !*end && low >= 1 && high <= 65535 && low < high;
}
