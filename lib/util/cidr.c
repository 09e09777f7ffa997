// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cidr.c - IPv4/IPv6 prefixes: parsing, host bits, containment, order.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/cidr.h"

static const uint8_t *ip_bytes(const struct xovn_ip *ip)
{
	return ip->family == AF_INET ? (const uint8_t *)&ip->v4 : ip->v6.s6_addr;
}

static int ip_bits(const struct xovn_ip *ip)
{
	return ip->family == AF_INET ? 32 : 128;
}

int xovn_parse_ip(const char *s, struct xovn_ip *out)
{
	memset(out, 0, sizeof(*out));
	if (xovn_parse_ipv4(s, &out->v4) == 0) {
		out->family = AF_INET;
		out->plen = 32;
		return 0;
	}
	if (xovn_parse_ipv6(s, &out->v6) == 0) {
		out->family = AF_INET6;
		out->plen = 128;
		return 0;
	}
	return -1;
}

int xovn_parse_cidr(const char *s, int allow_bare, struct xovn_ip *out)
{
	char buf[64], *slash, *end;
	long plen;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return allow_bare ? xovn_parse_ip(buf, out) : -1;
	*slash = '\0';
	if (!isdigit((unsigned char)slash[1]) || xovn_parse_ip(buf, out) < 0)
		return -1;
	errno = 0;
	plen = strtol(slash + 1, &end, 10);
	if (*end || errno || plen > ip_bits(out))
		return -1;
	out->plen = (int)plen;
	return 0;
}

/* Bit i (from the most significant) of the address. */
static int bit_at(const uint8_t *b, int i)
{
	return (b[i / 8] >> (7 - i % 8)) & 1;
}

int xovn_cidr_host_bits(const struct xovn_ip *p)
{
	const uint8_t *b = ip_bytes(p);
	int zeros = 0, ones = 0;

	for (int i = p->plen; i < ip_bits(p); i++) {
		if (bit_at(b, i))
			ones++;
		else
			zeros++;
	}
	return ones == 0 ? 0 : zeros == 0 ? 1 : -1;
}

int xovn_cidr_contains(const struct xovn_ip *p, const struct xovn_ip *addr)
{
	const uint8_t *a = ip_bytes(p), *b = ip_bytes(addr);
	int full = p->plen / 8, rest = p->plen % 8;

	if (p->family != addr->family || memcmp(a, b, (size_t)full) != 0)
		return 0;
	return !rest || ((a[full] ^ b[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

int xovn_cidr_cmp(const struct xovn_ip *a, const struct xovn_ip *b)
{
	const uint8_t *x = ip_bytes(a), *y = ip_bytes(b);

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	/* the network addresses, bit by bit up to the shorter prefix, then the lengths */
	for (int i = 0; i < (a->plen < b->plen ? a->plen : b->plen); i++)
		if (bit_at(x, i) != bit_at(y, i))
			return bit_at(x, i) < bit_at(y, i) ? -1 : 1;
	return a->plen < b->plen ? -1 : a->plen > b->plen;
}
