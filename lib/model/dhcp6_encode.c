// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * dhcp6_encode.c - the DHCPv6 options (RFC 8415, RFC 3646) every reply of
 * a row carries, as bytes, encoded once by the compiler so the datapath
 * only copies them (include/xovn_maps.h, struct xovn_dhcp6_val).
 *
 * Order: server identifier (DUID-LL: type 3, hardware type 1, server_id),
 * DNS recursive name servers (23), domain search list (24, one name in DNS
 * wire format).  The client identifier and IA_NA depend on the request and
 * are written by the datapath.
 */
#include <string.h>

#include "model/dhcp.h"

enum {
	OPT_SERVERID = 2,
	OPT_DNS_SERVERS = 23,
	OPT_DOMAIN_LIST = 24,
	DUID_LL = 3,
	HW_ETHERNET = 1,
};

struct buf6 {
	uint8_t *p;
	size_t n, cap;
	int overflow;
};

static uint8_t *reserve(struct buf6 *b, size_t len)
{
	uint8_t *at = b->p + b->n;

	if (b->n + len > b->cap) {
		b->overflow = 1;
		return NULL;
	}
	b->n += len;
	return at;
}

/* The option header; the space for its len bytes of data, NULL on overflow. */
static uint8_t *put_opt(struct buf6 *b, uint16_t code, size_t len)
{
	uint8_t *at = reserve(b, 4 + len);

	if (!at)
		return NULL;
	at[0] = code >> 8;
	at[1] = (uint8_t)code;
	at[2] = (uint8_t)(len >> 8);
	at[3] = (uint8_t)len;
	return at + 4;
}

/* "example.org" -> 7 example 3 org 0; its length (at most strlen + 2). */
size_t xovn_dns_name_wire(const char *name, uint8_t *out)
{
	size_t n = 0;

	while (*name) {
		size_t label = strcspn(name, ".");

		out[n++] = (uint8_t)label;
		memcpy(out + n, name, label);
		n += label;
		name += label;
		if (*name == '.')
			name++;
	}
	out[n++] = 0;
	return n;
}

int xovn_dhcp6_encode(const struct xovn_dhcp_options *o, uint8_t *out, size_t cap)
{
	struct buf6 b = { out, 0, cap, 0 };
	uint8_t *v;

	memset(out, 0, cap);
	v = put_opt(&b, OPT_SERVERID, 10);
	if (v) {
		v[1] = DUID_LL;
		v[3] = HW_ETHERNET;
		memcpy(v + 4, o->server_id6, 6);
	}
	if (o->present & XOVN_DHCP_DNS) {
		v = put_opt(&b, OPT_DNS_SERVERS, 16 * (size_t)o->n_dns6);
		for (int i = 0; v && i < o->n_dns6; i++)
			memcpy(v + 16 * i, o->dns6[i].s6_addr, 16);
	}
	if (o->present & XOVN_DHCP_DOMAIN_SEARCH) {
		uint8_t name[XOVN_DHCP_MAX_NAME + 2];
		size_t len = xovn_dns_name_wire(o->domain_search, name);

		v = put_opt(&b, OPT_DOMAIN_LIST, len);
		if (v)
			memcpy(v, name, len);
	}
	if (b.overflow)
		return -1;
	return (int)b.n;
}
