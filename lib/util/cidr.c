// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cidr.c - how IPv4/IPv6 prefixes relate: host bits, containment, order.
 */
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
