// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ra.c - ipv6_ra_configs: parsing (for the validator, the compiler and
 * xovnd) and the router advertisement they make (RFC 4861 4.2, RFC 4191,
 * RFC 8106).
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "model/dhcp.h"
#include "model/ra.h"
#include "util/addr.h"
#include "util/num.h"
#include "util/prefix.h"

#define RA_TYPE          134
#define RA_HOP_LIMIT     255
#define RA_FLAG_MANAGED  0x80
#define RA_FLAG_OTHER    0x40
#define RA_PRF_HIGH      0x08
#define RA_PRF_LOW       0x18
#define RA_LIFETIME      0xffff
#define OPT_SLL          1
#define OPT_PREFIX       3
#define OPT_MTU          5
#define OPT_RDNSS        25
#define OPT_DNSSL        31
#define PREFIX_ON_LINK   0x80
#define PREFIX_AUTO      0x40
#define INFINITE         0xffffffffu

_Static_assert(XOVN_RA_MAX_NAME == XOVN_DHCP_MAX_NAME, "one size of domain name");

static int fail(char *err, size_t errlen, const char *fmt, const char *value)
{
	snprintf(err, errlen, fmt, value);
	return -1;
}

static int parse_mode(const char *v, enum xovn_ra_mode *mode)
{
	static const char *const names[] = { "slaac", "dhcpv6_stateful", "dhcpv6_stateless" };
	static const enum xovn_ra_mode modes[] = { XOVN_RA_SLAAC, XOVN_RA_DHCPV6_STATEFUL,
						   XOVN_RA_DHCPV6_STATELESS };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(v, names[i])) {
			*mode = modes[i];
			return 0;
		}
	return -1;
}

static int parse_prf(const char *v, uint8_t *prf)
{
	if (!strcmp(v, "HIGH"))
		*prf = RA_PRF_HIGH;
	else if (!strcmp(v, "LOW"))
		*prf = RA_PRF_LOW;
	else if (!strcmp(v, "MEDIUM"))
		*prf = 0;
	else
		return -1;
	return 0;
}

/* "a.example, b.example": names separated by commas and spaces. */
static int parse_dnssl(const char *v, struct xovn_ra_config *out)
{
	char name[XOVN_RA_MAX_NAME];

	out->n_dnssl = 0;
	while (*v) {
		size_t len;

		v += strspn(v, ", ");
		len = strcspn(v, ", ");
		if (!len)
			break;
		if (len >= sizeof(name) || out->n_dnssl == XOVN_RA_MAX_DNSSL)
			return -1;
		memcpy(name, v, len);
		name[len] = '\0';
		if (xovn_dns_parse_domain(name, out->dnssl[out->n_dnssl]) < 0)
			return -1;
		out->n_dnssl++;
		v += len;
	}
	return out->n_dnssl ? 0 : -1;
}

/* One key into out; 0 ok, -1 with the reason in err. */
static int set_key(struct xovn_ra_config *out, const char *key, const char *v, char *err,
		   size_t errlen)
{
	if (!strcmp(key, "address_mode") && parse_mode(v, &out->mode) < 0)
		return fail(err, errlen, "address_mode \"%s\" is none of slaac, "
			    "dhcpv6_stateful, dhcpv6_stateless", v);
	if (!strcmp(key, "mtu") && xovn_parse_u32_range(v, XOVN_RA_MTU_MIN, 65535, &out->mtu) < 0)
		return fail(err, errlen, "mtu \"%s\" is not an integer in 1280..65535", v);
	if (!strcmp(key, "send_periodic")) {
		if (strcmp(v, "true") && strcmp(v, "false"))
			return fail(err, errlen, "send_periodic \"%s\" is neither true nor false", v);
		out->send_periodic = v[0] == 't';
	}
	if (!strcmp(key, "max_interval") &&
	    xovn_parse_u32_range(v, XOVN_RA_MAX_INTERVAL_MIN, XOVN_RA_MAX_INTERVAL_MAX, &out->max_interval) < 0)
		return fail(err, errlen, "max_interval \"%s\" is not a number of seconds in 4..1800",
			    v);
	if (!strcmp(key, "min_interval") &&
	    xovn_parse_u32_range(v, XOVN_RA_MIN_INTERVAL_MIN, 1350, &out->min_interval) < 0)
		return fail(err, errlen, "min_interval \"%s\" is not a number of seconds in 3..1350",
			    v);
	if (!strcmp(key, "router_preference") && parse_prf(v, &out->prf) < 0)
		return fail(err, errlen, "router_preference \"%s\" is none of HIGH, MEDIUM, LOW", v);
	if (!strcmp(key, "rdnss")) {
		if (xovn_parse_ipv6(v, &out->rdnss) < 0)
			return fail(err, errlen, "rdnss \"%s\" is not an IPv6 address", v);
		out->has_rdnss = 1;
	}
	if (!strcmp(key, "dnssl") && parse_dnssl(v, out) < 0)
		return fail(err, errlen, "dnssl \"%s\" is not up to 4 domain names separated by "
			    "commas", v);
	return 0;
}

int xovn_ra_config_parse(const struct xovn_smap *m, struct xovn_ra_config *out,
			 const char **bad_key, char *err, size_t errlen)
{
	const char *min = xovn_smap_get(m, "min_interval");

	memset(out, 0, sizeof(*out));
	out->max_interval = XOVN_RA_MAX_INTERVAL_DEFAULT;
	*bad_key = NULL;
	for (size_t i = 0; i < m->n; i++)
		if (set_key(out, m->v[i].key, m->v[i].value, err, errlen) < 0) {
			*bad_key = m->v[i].key;
			return -1;
		}
	/* RFC 4861 6.2.1: MinRtrAdvInterval defaults to a third of the max, at most 3/4 of it. */
	if (!min)
		out->min_interval = out->max_interval / 3 < XOVN_RA_MIN_INTERVAL_MIN
				    ? XOVN_RA_MIN_INTERVAL_MIN : out->max_interval / 3;
	if (out->min_interval > out->max_interval * 3 / 4) {
		*bad_key = min ? "min_interval" : "max_interval";
		snprintf(err, errlen, "min_interval %u is more than 3/4 of max_interval %u",
			 out->min_interval, out->max_interval);
		return -1;
	}
	return 0;
}

/* ---- the advertisement ---------------------------------------------------- */

struct ra_buf {
	uint8_t *p;
	size_t len, cap;
	int full;
};

static uint8_t *reserve(struct ra_buf *b, size_t len)
{
	uint8_t *at;

	if (b->full || b->len + len > b->cap) {
		b->full = 1;
		return NULL;
	}
	at = b->p + b->len;
	memset(at, 0, len);
	b->len += len;
	return at;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* An option of len8 units of 8 bytes, type and length filled: its first byte. */
static uint8_t *put_opt(struct ra_buf *b, uint8_t type, uint8_t len8)
{
	uint8_t *o = reserve(b, (size_t)len8 * 8);

	if (o) {
		o[0] = type;
		o[1] = len8;
	}
	return o;
}

static void put_header(struct ra_buf *b, const struct xovn_ra_config *cfg)
{
	uint8_t *h = reserve(b, 16);

	if (!h)
		return;
	h[0] = RA_TYPE;
	h[4] = RA_HOP_LIMIT;
	h[5] = cfg->prf;
	if (cfg->mode == XOVN_RA_DHCPV6_STATEFUL)
		h[5] |= RA_FLAG_MANAGED;
	else if (cfg->mode == XOVN_RA_DHCPV6_STATELESS)
		h[5] |= RA_FLAG_OTHER;
	h[6] = RA_LIFETIME >> 8;
	h[7] = RA_LIFETIME & 0xff;
}

static void put_prefix(struct ra_buf *b, const struct xovn_ra_config *cfg, struct xovn_ip net)
{
	uint8_t *o = put_opt(b, OPT_PREFIX, 4);

	if (!o)
		return;
	xovn_prefix_mask(&net);
	o[2] = (uint8_t)net.plen;
	o[3] = PREFIX_ON_LINK;
	if (cfg->mode != XOVN_RA_DHCPV6_STATEFUL)
		o[3] |= PREFIX_AUTO;
	put32(o + 4, INFINITE);
	put32(o + 8, INFINITE);
	memcpy(o + 16, net.v6.s6_addr, 16);
}

/* The search list: the names in DNS wire format, zero padded to 8-byte units. */
static void put_dnssl(struct ra_buf *b, const struct xovn_ra_config *cfg)
{
	uint8_t names[XOVN_RA_MAX_DNSSL * (XOVN_RA_MAX_NAME + 2)], *o;
	size_t len = 0;

	for (int i = 0; i < cfg->n_dnssl; i++)
		len += xovn_dns_name_wire(cfg->dnssl[i], names + len);
	o = put_opt(b, OPT_DNSSL, (uint8_t)((8 + len + 7) / 8));
	if (!o)
		return;
	put32(o + 4, INFINITE);
	memcpy(o + 8, names, len);
}

/* The port's IPv6 networks that are not link-local; how many were put. */
static int put_prefixes(struct ra_buf *b, const struct xovn_ra_config *cfg,
			const struct xovn_lrp *lrp)
{
	int n = 0;

	for (size_t i = 0; i < lrp->networks.n; i++) {
		struct xovn_ip net;

		if (!lrp->networks.v[i] ||
		    xovn_parse_prefix(lrp->networks.v[i], XOVN_PLEN_REQUIRED, &net) < 0 ||
		    net.family != AF_INET6 ||
		    (net.v6.s6_addr[0] == 0xfe && (net.v6.s6_addr[1] & 0xc0) == 0x80))
			continue;
		put_prefix(b, cfg, net);
		n++;
	}
	return n;
}

int xovn_ra_encode(const struct xovn_ra_config *cfg, const struct xovn_lrp *lrp, uint8_t *out,
		   size_t cap)
{
	struct ra_buf b = { .p = out, .cap = cap };
	uint8_t mac[6], *o;
	int n;

	if (!lrp->mac || xovn_parse_mac(lrp->mac, mac) < 0)
		return 0;
	put_header(&b, cfg);
	o = put_opt(&b, OPT_SLL, 1);
	if (o)
		memcpy(o + 2, mac, 6);
	if (cfg->mtu && (o = put_opt(&b, OPT_MTU, 1)))
		put32(o + 4, cfg->mtu);
	if (cfg->has_rdnss && (o = put_opt(&b, OPT_RDNSS, 3))) {
		put32(o + 4, INFINITE);
		memcpy(o + 8, cfg->rdnss.s6_addr, 16);
	}
	if (cfg->n_dnssl)
		put_dnssl(&b, cfg);
	n = put_prefixes(&b, cfg, lrp);
	if (b.full)
		return -1;
	return n ? (int)b.len : 0;
}
