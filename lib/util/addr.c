// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * addr.c - parsing of MAC/IPv4/IPv6 address strings from the model.
 *
 * The syntax is deliberately strict (two hex digits per MAC octet, no
 * leading zeros in IPv4 octets) so that the C validator and the JSON
 * Schema's ipv4 pattern accept exactly the same strings.
 */
#include "util/addr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define MAC_STR_LEN 17 /* "aa:bb:cc:dd:ee:ff" */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int xovn_parse_mac(const char *s, uint8_t mac[6])
{
	int i;

	if (!s || strlen(s) != MAC_STR_LEN)
		return -1;
	for (i = 0; i < 6; i++) {
		const char *p = s + i * 3;
		int hi = hex_value(p[0]), lo = hex_value(p[1]);

		if (hi < 0 || lo < 0 || (i < 5 && p[2] != ':'))
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* One decimal octet 0..255 without leading zeros; advances *sp past it. */
static int parse_v4_octet(const char **sp, unsigned *out)
{
	const char *s = *sp;
	unsigned v = 0;
	int digits = 0;

	while (isdigit((unsigned char)s[digits]) && digits < 4) {
		v = v * 10 + (unsigned)(s[digits] - '0');
		digits++;
	}
	if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s[0] == '0'))
		return -1;
	*sp = s + digits;
	*out = v;
	return 0;
}

int xovn_parse_ipv4(const char *s, struct in_addr *out)
{
	uint32_t host = 0;
	unsigned octet;
	int i;

	if (!s)
		return -1;
	for (i = 0; i < 4; i++) {
		if (parse_v4_octet(&s, &octet) < 0)
			return -1;
		host = host << 8 | octet;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	if (*s != '\0')
		return -1;
	out->s_addr = htonl(host);
	return 0;
}

int xovn_parse_ipv6(const char *s, struct in6_addr *out)
{
	/* inet_pton also takes an embedded dotted quad ("::ffff:1.2.3.4"). */
	if (!s || !strchr(s, ':'))
		return -1;
	return inet_pton(AF_INET6, s, out) == 1 ? 0 : -1;
}

/* Decimal prefix length 0..max, digits only. */
static int parse_plen(const char *s, int max)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]) || strlen(s) > 3)
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v > max)
		return -1;
	return (int)v;
}

/* A dotted netmask with contiguous ones, e.g. 255.255.255.0 -> 24. */
static int netmask_to_plen(const char *s)
{
	struct in_addr m;
	uint32_t host, inverted;

	if (xovn_parse_ipv4(s, &m) < 0)
		return -1;
	host = ntohl(m.s_addr);
	inverted = ~host;
	/* Contiguous ones means the inverted mask is 2^k - 1. */
	if (inverted & (inverted + 1))
		return -1;
	return 32 - __builtin_popcount(inverted);
}

static int parse_v4_mask(const char *mask)
{
	return strchr(mask, '.') ? netmask_to_plen(mask) : parse_plen(mask, 32);
}

/* "IP" or, when allow_mask, "IP/MASK"; fills ip. */
static int parse_ip_token(char *tok, int allow_mask, struct xovn_ip *ip,
			  char *err, size_t errlen)
{
	char *slash = strchr(tok, '/');
	const char *mask = NULL;

	memset(ip, 0, sizeof(*ip));
	if (slash) {
		if (!allow_mask) {
			snprintf(err, errlen, "\"%s\": a prefix is not allowed here", tok);
			return -1;
		}
		*slash = '\0';
		mask = slash + 1;
	}
	if (xovn_parse_ipv4(tok, &ip->v4) == 0) {
		ip->family = AF_INET;
		ip->plen = mask ? parse_v4_mask(mask) : 32;
	} else if (xovn_parse_ipv6(tok, &ip->v6) == 0) {
		ip->family = AF_INET6;
		ip->plen = mask ? parse_plen(mask, 128) : 128;
	} else {
		snprintf(err, errlen, "\"%s\" is not an IPv4 or IPv6 address", tok);
		return -1;
	}
	if (ip->plen < 0) {
		snprintf(err, errlen, "\"%s\" has an invalid prefix \"%s\"", tok, mask);
		return -1;
	}
	return 0;
}

static int parse_tokens(char *buf, int allow_mask, struct xovn_lport_addr *out,
			char *err, size_t errlen)
{
	char *save = NULL;
	char *tok = strtok_r(buf, " \t", &save);

	if (!tok) {
		snprintf(err, errlen, "empty address");
		return -1;
	}
	if (xovn_parse_mac(tok, out->mac) < 0) {
		snprintf(err, errlen, "\"%s\" is not a MAC address (aa:bb:cc:dd:ee:ff)", tok);
		return -1;
	}
	while ((tok = strtok_r(NULL, " \t", &save))) {
		if (out->n_ips == XOVN_ADDR_MAX_IPS) {
			snprintf(err, errlen, "more than %d IP addresses", XOVN_ADDR_MAX_IPS);
			return -1;
		}
		if (parse_ip_token(tok, allow_mask, &out->ips[out->n_ips], err, errlen) < 0)
			return -1;
		out->n_ips++;
	}
	return 0;
}

/* Entries up to this long are parsed in a stack copy: no malloc per address. */
#define SHORT_ENTRY 256

int xovn_parse_lport_addr(const char *s, int allow_mask,
			  struct xovn_lport_addr *out, char *err, size_t errlen)
{
	char short_copy[SHORT_ENTRY];
	size_t len;
	char *buf;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!s) {
		snprintf(err, errlen, "missing address");
		return -1;
	}
	/* strtok_r writes into its input: parse a copy. */
	len = strlen(s);
	buf = len < sizeof(short_copy) ? memcpy(short_copy, s, len + 1) : strdup(s);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = parse_tokens(buf, allow_mask, out, err, errlen);
	if (buf != short_copy)
		free(buf);
	return rc;
}
