// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prefix.c - "IP[/PLEN]" strings of logical routers: parsing, masking and
 * the one spelling routes are compared and printed in.
 */
#include "util/prefix.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* Decimal 0..max without sign or leading zeros; -1 when not. */
static int parse_plen(const char *s, int max)
{
	int v = 0;
	size_t i;

	if (!s[0] || strlen(s) > 3 || (s[0] == '0' && s[1]))
		return -1;
	for (i = 0; s[i]; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

int xovn_parse_prefix(const char *s, enum xovn_plen_rule rule, struct xovn_ip *out)
{
	char addr[XOVN_PREFIX_STRLEN];
	const char *slash = s ? strchr(s, '/') : NULL;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!s || (slash && rule == XOVN_PLEN_NONE) || (!slash && rule == XOVN_PLEN_REQUIRED))
		return -1;
	len = slash ? (size_t)(slash - s) : strlen(s);
	if (len >= sizeof(addr))
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	if (xovn_parse_ipv4(addr, &out->v4) == 0) {
		out->family = AF_INET;
		out->plen = slash ? parse_plen(slash + 1, 32) : 32;
	} else if (xovn_parse_ipv6(addr, &out->v6) == 0) {
		out->family = AF_INET6;
		out->plen = slash ? parse_plen(slash + 1, 128) : 128;
	} else {
		return -1;
	}
	return out->plen < 0 ? -1 : 0;
}

void xovn_prefix_mask(struct xovn_ip *ip)
{
	int i;

	if (ip->family == AF_INET) {
		uint32_t mask = ip->plen ? ~0u << (32 - ip->plen) : 0;

		ip->v4.s_addr &= htonl(mask);
		return;
	}
	for (i = 0; i < 16; i++) {
		int bits = ip->plen - i * 8;

		if (bits <= 0)
			ip->v6.s6_addr[i] = 0;
		else if (bits < 8)
			ip->v6.s6_addr[i] &= (uint8_t)(0xff << (8 - bits));
	}
}

void xovn_prefix_str(const struct xovn_ip *ip, char out[XOVN_PREFIX_STRLEN])
{
	int host = ip->plen == (ip->family == AF_INET ? 32 : 128);
	size_t len;

	inet_ntop(ip->family, ip->family == AF_INET ? (const void *)&ip->v4 : (const void *)&ip->v6,
		  out, XOVN_PREFIX_STRLEN);
	len = strlen(out);
	if (!host)
		snprintf(out + len, XOVN_PREFIX_STRLEN - len, "/%d", ip->plen);
}
