// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * dhcp_encode.c - the DHCPv4 options of a reply (RFC 2132, RFC 3442) as the
 * bytes that follow the magic cookie, encoded once by the compiler so the
 * datapath only copies them (include/xovn_maps.h, struct xovn_dhcp_val).
 *
 * Order: message type (value 0, filled per reply), server identifier,
 * lease time, T1, T2, subnet mask (from the cidr), router, DNS servers,
 * domain name, MTU, classless static routes, end; then zero padding.
 */
#include <string.h>
#include <sys/socket.h>

#include "model/dhcp.h"

struct buf {
	uint8_t *p;
	size_t n, cap;
	int overflow;
};

static void put(struct buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		b->overflow = 1;
		return;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void put_opt(struct buf *b, uint8_t code, const void *data, size_t len)
{
	uint8_t hdr[2] = { code, (uint8_t)len };

	put(b, hdr, 2);
	put(b, data, len);
}

static void put_u32(struct buf *b, uint8_t code, uint32_t host)
{
	uint8_t v[4] = { host >> 24, host >> 16, host >> 8, host };

	put_opt(b, code, v, 4);
}

/* RFC 3442: prefix length, its significant octets, the router. */
static void put_routes(struct buf *b, const struct xovn_dhcp_options *o)
{
	uint8_t v[255];
	size_t n = 0;

	for (int i = 0; i < o->n_routes; i++) {
		const struct xovn_dhcp_route *r = &o->routes[i];
		size_t sig = (r->plen + 7u) / 8u;

		v[n++] = r->plen;
		memcpy(v + n, &r->dst.s_addr, sig);
		n += sig;
		memcpy(v + n, &r->via.s_addr, 4);
		n += 4;
	}
	put_opt(b, 121, v, n);
}

static void put_dns(struct buf *b, const struct xovn_dhcp_options *o)
{
	uint8_t v[4 * XOVN_DHCP_MAX_DNS];

	for (int i = 0; i < o->n_dns4; i++)
		memcpy(v + 4 * i, &o->dns4[i].s_addr, 4);
	put_opt(b, 6, v, 4 * (size_t)o->n_dns4);
}

int xovn_dhcp_encode(const struct xovn_dhcp_options *o, uint8_t *out, size_t cap)
{
	struct buf b = { out, 0, cap, 0 };
	uint8_t type = 0, end = 255;
	uint32_t mask = o->plen ? 0xffffffffu << (32 - o->plen) : 0;

	memset(out, 0, cap);
	put_opt(&b, 53, &type, 1);
	put_opt(&b, 54, &o->server_id4.s_addr, 4);
	put_u32(&b, 51, o->lease_time);
	if (o->present & XOVN_DHCP_T1)
		put_u32(&b, 58, o->t1);
	if (o->present & XOVN_DHCP_T2)
		put_u32(&b, 59, o->t2);
	put_u32(&b, 1, mask);
	if (o->present & XOVN_DHCP_ROUTER)
		put_opt(&b, 3, &o->router.s_addr, 4);
	if (o->present & XOVN_DHCP_DNS)
		put_dns(&b, o);
	if (o->present & XOVN_DHCP_DOMAIN_NAME)
		put_opt(&b, 15, o->domain_name, strlen(o->domain_name));
	if (o->present & XOVN_DHCP_MTU) {
		uint8_t v[2] = { o->mtu >> 8, o->mtu };

		put_opt(&b, 26, v, 2);
	}
	if (o->present & XOVN_DHCP_ROUTES)
		put_routes(&b, o);
	put(&b, &end, 1);
	/* zero padding (the pad option): whole 4-byte words, a 300-byte message */
	b.n = (b.n + 3) & ~(size_t)3;
	if (b.n < XOVN_DHCP_OPTS_MIN)
		b.n = XOVN_DHCP_OPTS_MIN;
	if (b.overflow || b.n > cap)
		return -1;
	return (int)b.n;
}
