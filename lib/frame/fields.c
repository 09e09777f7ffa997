// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * frame_fields.c - "eth.src=... ip4.dst=..." into a frame description.
 *
 * Every field is checked on its own (syntax, range), then the combination
 * (one frame kind only, addresses each kind needs), so a typo is reported
 * by name instead of producing a frame the user did not mean.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/addr.h"
#include "frame/frame.h"
#include "util/errbuf.h"

enum value_kind { V_MAC, V_IP4, V_IP6, V_U8, V_U16, V_VID, V_ARP_OP, V_LEN };

struct field_def {
	const char *name;
	enum xovn_frame_field id;
	enum value_kind kind;
};

static const struct field_def field_defs[] = {
	{ "eth.src", XF_ETH_SRC, V_MAC },      { "eth.dst", XF_ETH_DST, V_MAC },
	{ "eth.type", XF_ETH_TYPE, V_U16 },    { "vlan", XF_VLAN, V_VID },
	{ "arp.op", XF_ARP_OP, V_ARP_OP },     { "arp.sha", XF_ARP_SHA, V_MAC },
	{ "arp.spa", XF_ARP_SPA, V_IP4 },      { "arp.tha", XF_ARP_THA, V_MAC },
	{ "arp.tpa", XF_ARP_TPA, V_IP4 },      { "ip4.src", XF_IP4_SRC, V_IP4 },
	{ "ip4.dst", XF_IP4_DST, V_IP4 },      { "ip.ttl", XF_IP_TTL, V_U8 },
	{ "ip6.src", XF_IP6_SRC, V_IP6 },      { "ip6.dst", XF_IP6_DST, V_IP6 },
	{ "nd.target", XF_ND_TARGET, V_IP6 },  { "udp.src", XF_UDP_SRC, V_U16 },
	{ "udp.dst", XF_UDP_DST, V_U16 },      { "icmp.type", XF_ICMP_TYPE, V_U8 },
	{ "icmp.code", XF_ICMP_CODE, V_U8 },   { "payload.len", XF_PAYLOAD_LEN, V_LEN },
};

#define N_FIELD_DEFS (sizeof(field_defs) / sizeof(field_defs[0]))
#define BIT(f) (1u << (f))
#define ARP_FIELDS (BIT(XF_ARP_OP) | BIT(XF_ARP_SHA) | BIT(XF_ARP_SPA) | BIT(XF_ARP_THA) | \
		    BIT(XF_ARP_TPA))
#define IP4_FIELDS (BIT(XF_IP4_SRC) | BIT(XF_IP4_DST))
#define IP6_FIELDS (BIT(XF_IP6_SRC) | BIT(XF_IP6_DST) | BIT(XF_ND_TARGET))
#define L4_FIELDS (BIT(XF_UDP_SRC) | BIT(XF_UDP_DST) | BIT(XF_ICMP_TYPE) | BIT(XF_ICMP_CODE) | \
		   BIT(XF_IP_TTL))

static const struct field_def *find_field(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_FIELD_DEFS; i++)
		if (strlen(field_defs[i].name) == len && strncmp(field_defs[i].name, name, len) == 0)
			return &field_defs[i];
	return NULL;
}

/* Decimal or 0x-hex, within [0, max]. */
static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 0);
	return (errno || *end || *out > max) ? -1 : 0;
}

static int parse_arp_op(const char *s, uint16_t *op)
{
	unsigned long v;

	if (strcmp(s, "request") == 0)
		v = 1;
	else if (strcmp(s, "reply") == 0)
		v = 2;
	else if (parse_uint(s, 0xffff, &v))
		return -1;
	*op = (uint16_t)v;
	return 0;
}

static int parse_vid(struct xovn_frame_spec *spec, const char *s)
{
	unsigned long v;

	if (spec->n_tags >= XOVN_FRAME_MAX_TAGS || parse_uint(s, 4095, &v))
		return -1;
	spec->vids[spec->n_tags++] = (uint16_t)v;
	return 0;
}

static void *mac_slot(struct xovn_frame_spec *spec, enum xovn_frame_field id)
{
	switch (id) {
	case XF_ETH_SRC: return spec->eth_src;
	case XF_ETH_DST: return spec->eth_dst;
	case XF_ARP_SHA: return spec->arp_sha;
	default: return spec->arp_tha;
	}
}

static struct in_addr *ip4_slot(struct xovn_frame_spec *spec, enum xovn_frame_field id)
{
	switch (id) {
	case XF_ARP_SPA: return &spec->arp_spa;
	case XF_ARP_TPA: return &spec->arp_tpa;
	case XF_IP4_SRC: return &spec->ip4_src;
	default: return &spec->ip4_dst;
	}
}

static struct in6_addr *ip6_slot(struct xovn_frame_spec *spec, enum xovn_frame_field id)
{
	switch (id) {
	case XF_IP6_SRC: return &spec->ip6_src;
	case XF_IP6_DST: return &spec->ip6_dst;
	default: return &spec->nd_target;
	}
}

/* Numeric fields of at most 16 bits; 0 ok, -1 out of range. */
static int store_number(struct xovn_frame_spec *spec, const struct field_def *d, const char *v)
{
	unsigned long n;
	unsigned long max = d->kind == V_U8 ? 0xff : d->kind == V_LEN ? XOVN_FRAME_MAX : 0xffff;

	if (parse_uint(v, max, &n))
		return -1;
	switch (d->id) {
	case XF_ETH_TYPE: spec->eth_type = (uint16_t)n; break;
	case XF_IP_TTL: spec->ttl = (uint8_t)n; break;
	case XF_UDP_SRC: spec->udp_src = (uint16_t)n; break;
	case XF_UDP_DST: spec->udp_dst = (uint16_t)n; break;
	case XF_ICMP_TYPE: spec->icmp_type = (uint8_t)n; break;
	case XF_ICMP_CODE: spec->icmp_code = (uint8_t)n; break;
	default: spec->payload_len = (uint16_t)n; break;
	}
	return 0;
}

static int store_value(struct xovn_frame_spec *spec, const struct field_def *d, const char *v)
{
	switch (d->kind) {
	case V_MAC:
		return xovn_parse_mac(v, mac_slot(spec, d->id));
	case V_IP4:
		return xovn_parse_ipv4(v, ip4_slot(spec, d->id));
	case V_IP6:
		return xovn_parse_ipv6(v, ip6_slot(spec, d->id));
	case V_VID:
		return parse_vid(spec, v);
	case V_ARP_OP:
		return parse_arp_op(v, &spec->arp_op);
	default:
		return store_number(spec, d, v);
	}
}

/* One "name=value" (or "name==value") token. */
static int parse_token(struct xovn_frame_spec *spec, const char *tok, char *err, size_t errlen)
{
	const char *eq = strchr(tok, '=');
	const struct field_def *d;
	const char *value;

	if (!eq || eq == tok)
		return xovn_errf(err, errlen, "\"%s\": expected NAME=VALUE", tok);
	d = find_field(tok, (size_t)(eq - tok));
	if (!d)
		return xovn_errf(err, errlen, "unknown field \"%.*s\" (known: eth.src eth.dst eth.type "
			    "vlan arp.op arp.sha arp.spa arp.tha arp.tpa ip4.src ip4.dst ip.ttl "
			    "ip6.src ip6.dst nd.target udp.src udp.dst icmp.type icmp.code "
			    "payload.len)", (int)(eq - tok), tok);
	value = eq[1] == '=' ? eq + 2 : eq + 1;
	if ((spec->given & BIT(d->id)) && d->id != XF_VLAN)
		return xovn_errf(err, errlen, "field %s given twice", d->name);
	if (store_value(spec, d, value))
		return xovn_errf(err, errlen, "bad value for %s: \"%s\"", d->name, value);
	spec->given |= BIT(d->id);
	return 0;
}

static int tokenize(struct xovn_frame_spec *spec, const char *fields, char *err, size_t errlen)
{
	char *copy = strdup(fields), *save = NULL, *tok;
	int rc = 0;

	if (!copy)
		return xovn_errf(err, errlen, "out of memory");
	for (tok = strtok_r(copy, " \t\n", &save); tok && !rc; tok = strtok_r(NULL, " \t\n", &save))
		if (strcmp(tok, "&&") != 0)
			rc = parse_token(spec, tok, err, errlen);
	free(copy);
	return rc;
}

/* The kind follows from the fields: mixing two kinds is a mistake worth reporting. */
static int pick_kind(struct xovn_frame_spec *spec, char *err, size_t errlen)
{
	int arp = !!(spec->given & ARP_FIELDS), ip4 = !!(spec->given & IP4_FIELDS);
	int ip6 = !!(spec->given & IP6_FIELDS);

	if (arp + ip4 + ip6 > 1)
		return xovn_errf(err, errlen, "fields of more than one protocol (arp.*, ip4.*, ip6.*) given");
	if ((spec->given & BIT(XF_ETH_TYPE)) && arp + ip4 + ip6)
		return xovn_errf(err, errlen, "eth.type is only for frames without arp/ip fields");
	if ((spec->given & L4_FIELDS) && !ip4 && !ip6)
		return xovn_errf(err, errlen, "udp.*, icmp.* and ip.ttl need ip4.* or ip6.* fields");
	if ((spec->given & BIT(XF_ND_TARGET)) && (spec->given & (BIT(XF_UDP_SRC) | BIT(XF_UDP_DST))))
		return xovn_errf(err, errlen, "nd.target builds a neighbour solicitation: no udp.*");
	if (arp)
		spec->kind = XOVN_FRAME_ARP;
	else if (spec->given & BIT(XF_ND_TARGET))
		spec->kind = XOVN_FRAME_ND_NS;
	else if (ip4)
		spec->kind = XOVN_FRAME_IP4;
	else if (ip6)
		spec->kind = XOVN_FRAME_IP6;
	else
		spec->kind = XOVN_FRAME_ETH;
	return 0;
}

static int check_required(const struct xovn_frame_spec *spec, char *err, size_t errlen)
{
	if (!(spec->given & BIT(XF_ETH_SRC)))
		return xovn_errf(err, errlen, "eth.src is required");
	switch (spec->kind) {
	case XOVN_FRAME_ARP:
		if (!(spec->given & BIT(XF_ARP_TPA)))
			return xovn_errf(err, errlen, "an ARP frame needs arp.tpa");
		return 0;
	case XOVN_FRAME_ETH:
	case XOVN_FRAME_IP4:
	case XOVN_FRAME_IP6:
		if (!(spec->given & BIT(XF_ETH_DST)))
			return xovn_errf(err, errlen, "eth.dst is required (only ARP and ND default "
				    "to a broadcast/multicast destination)");
		return 0;
	default:
		return 0;
	}
}

/* What a host would put where the user said nothing. */
static void fill_defaults(struct xovn_frame_spec *spec)
{
	if (!(spec->given & BIT(XF_ARP_OP)))
		spec->arp_op = 1;
	if (!(spec->given & BIT(XF_ARP_SHA)))
		memcpy(spec->arp_sha, spec->eth_src, 6);
	if (!(spec->given & BIT(XF_IP_TTL)))
		spec->ttl = spec->kind == XOVN_FRAME_ND_NS ? 255 : 64;
	if (!(spec->given & BIT(XF_UDP_SRC)))
		spec->udp_src = 40000;
	if (!(spec->given & BIT(XF_UDP_DST)))
		spec->udp_dst = 9;  /* discard */
	if (!(spec->given & BIT(XF_ETH_TYPE)))
		spec->eth_type = 0x88b5;  /* IEEE local experimental */
	if (!(spec->given & BIT(XF_ETH_DST)) && spec->kind == XOVN_FRAME_ARP)
		memset(spec->eth_dst, 0xff, 6);
}

int xovn_frame_parse(const char *fields, struct xovn_frame_spec *spec, char *err, size_t errlen)
{
	memset(spec, 0, sizeof(*spec));
	if (!fields)
		return xovn_errf(err, errlen, "no fields given");
	if (tokenize(spec, fields, err, errlen) || pick_kind(spec, err, errlen) ||
	    check_required(spec, err, errlen))
		return -1;
	fill_defaults(spec);
	return 0;
}
