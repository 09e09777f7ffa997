// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * frame_build.c - the bytes of a frame described by struct xovn_frame_spec.
 *
 * Checksums are real (IPv4 header, ICMP, UDP over IPv6, ICMPv6 with its
 * pseudo-header) so that a traced frame is one a host could have sent.
 */
#include <stdio.h>
#include <string.h>

#include "frame/frame.h"

#define ETH_HLEN 14
#define TAG_LEN 4
#define IP4_HLEN 20
#define IP6_HLEN 40
#define UDP_HLEN 8
#define ICMP_HLEN 8
#define NS_LEN 32          /* NS message 24 + source link-layer option 8 */
#define PROTO_ICMP 1
#define PROTO_UDP 17
#define PROTO_ICMP6 58

static size_t build_arp(const struct xovn_frame_spec *s, uint8_t *p)
{
	return xovn_put_arp(p, s->arp_op, s->arp_sha, s->arp_spa, s->arp_tha, s->arp_tpa);
}

static int is_icmp(const struct xovn_frame_spec *s)
{
	return (s->given & ((1u << XF_ICMP_TYPE) | (1u << XF_ICMP_CODE))) != 0;
}

/* UDP or ICMP header + payload at p; returns its length. */
static size_t build_l4(const struct xovn_frame_spec *s, uint8_t *p)
{
	size_t len;

	if (is_icmp(s)) {
		len = ICMP_HLEN + s->payload_len;
		memset(p, 0, ICMP_HLEN);
		p[0] = s->icmp_type;
		p[1] = s->icmp_code;
		xovn_fill_pattern(p + ICMP_HLEN, s->payload_len);
		return len;
	}
	len = xovn_put_udp(p, s->udp_src, s->udp_dst, s->payload_len);
	xovn_fill_pattern(p + len, s->payload_len);
	return len + s->payload_len;
}

static size_t build_ip4(const struct xovn_frame_spec *s, uint8_t *p)
{
	struct xovn_ip4 ip = { .src = s->ip4_src, .dst = s->ip4_dst, .ttl = s->ttl,
			       .proto = is_icmp(s) ? PROTO_ICMP : PROTO_UDP };
	uint8_t *l4 = p + IP4_HLEN;
	size_t l4_len = build_l4(s, l4);

	xovn_put_ipv4(p, &ip, l4_len);
	if (is_icmp(s))
		xovn_put16(l4 + 2, xovn_csum(l4, l4_len));
	return IP4_HLEN + l4_len;
}

/* Checksum over the IPv6 pseudo-header and the upper-layer message at p + IP6_HLEN. */
static void ip6_l4_csum(uint8_t *p, size_t l4_len, uint8_t proto, size_t csum_off)
{
	xovn_put16(p + IP6_HLEN + csum_off,
		   xovn_csum_pseudo(p + 8, 32, proto, p + IP6_HLEN, l4_len));
}

static void ip6_header(uint8_t *p, const struct xovn_frame_spec *s, const struct in6_addr *dst,
		       size_t l4_len, uint8_t proto)
{
	struct xovn_ip6 ip = { .src = s->ip6_src, .dst = *dst, .next = proto, .hops = s->ttl };

	xovn_put_ipv6(p, &ip, l4_len);
}

static size_t build_ip6(const struct xovn_frame_spec *s, uint8_t *p)
{
	size_t l4_len = build_l4(s, p + IP6_HLEN);
	uint8_t proto = is_icmp(s) ? PROTO_ICMP6 : PROTO_UDP;

	ip6_header(p, s, &s->ip6_dst, l4_len, proto);
	ip6_l4_csum(p, l4_len, proto, proto == PROTO_UDP ? 6 : 2);
	return IP6_HLEN + l4_len;
}

/* ff02::1:ffXX:XXXX for the low 24 bits of the target (RFC 4291). */
static void solicited_node(const struct in6_addr *target, struct in6_addr *out)
{
	static const uint8_t prefix[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff };

	memcpy(out->s6_addr, prefix, sizeof(prefix));
	memcpy(out->s6_addr + 13, target->s6_addr + 13, 3);
}

static size_t build_ns(const struct xovn_frame_spec *s, uint8_t *p)
{
	uint8_t *ns = p + IP6_HLEN;
	struct in6_addr dst = s->ip6_dst;

	if (!(s->given & (1u << XF_IP6_DST)))
		solicited_node(&s->nd_target, &dst);
	xovn_put_nd(ns, 135, 0, &s->nd_target, 1, s->eth_src);
	ip6_header(p, s, &dst, NS_LEN, PROTO_ICMP6);
	ip6_l4_csum(p, NS_LEN, PROTO_ICMP6, 2);
	return IP6_HLEN + NS_LEN;
}

/* The L3 part's length: the most any kind writes, for the room check. */
static size_t l3_room(const struct xovn_frame_spec *s)
{
	return IP6_HLEN + ICMP_HLEN + NS_LEN + s->payload_len;
}

static void eth_dst_for(const struct xovn_frame_spec *s, uint8_t dst[6])
{
	memcpy(dst, s->eth_dst, 6);
	if (s->kind != XOVN_FRAME_ND_NS || (s->given & (1u << XF_ETH_DST)))
		return;
	/* 33:33 + the low 32 bits of the solicited-node group */
	dst[0] = 0x33;
	dst[1] = 0x33;
	dst[2] = 0xff;
	memcpy(dst + 3, s->nd_target.s6_addr + 13, 3);
}

static uint16_t ethertype_of(const struct xovn_frame_spec *s)
{
	switch (s->kind) {
	case XOVN_FRAME_ARP: return 0x0806;
	case XOVN_FRAME_IP4: return 0x0800;
	case XOVN_FRAME_IP6:
	case XOVN_FRAME_ND_NS: return 0x86dd;
	default: return s->eth_type;
	}
}

static size_t build_l3(const struct xovn_frame_spec *s, uint8_t *p)
{
	switch (s->kind) {
	case XOVN_FRAME_ARP: return build_arp(s, p);
	case XOVN_FRAME_IP4: return build_ip4(s, p);
	case XOVN_FRAME_IP6: return build_ip6(s, p);
	case XOVN_FRAME_ND_NS: return build_ns(s, p);
	default:
		xovn_fill_pattern(p, s->payload_len);
		return s->payload_len;
	}
}

size_t xovn_frame_build(const struct xovn_frame_spec *s, uint8_t *buf, size_t cap)
{
	size_t hdr = 12 + (size_t)s->n_tags * TAG_LEN + 2, len;
	int i;

	if (cap < hdr + l3_room(s))
		return 0;
	eth_dst_for(s, buf);
	memcpy(buf + 6, s->eth_src, 6);
	for (i = 0; i < s->n_tags; i++) {
		/* 802.1ad outside, 802.1Q inside, as a provider bridge stacks them */
		xovn_put16(buf + 12 + i * TAG_LEN, (s->n_tags == 2 && i == 0) ? 0x88a8 : 0x8100);
		xovn_put16(buf + 14 + i * TAG_LEN, s->vids[i]);
	}
	xovn_put16(buf + hdr - 2, ethertype_of(s));
	len = hdr + build_l3(s, buf + hdr);
	/* Pad to the Ethernet minimum as a NIC would. */
	if (len < 60) {
		memset(buf + len, 0, 60 - len);
		len = 60;
	}
	return len;
}

int xovn_frame_from_fields(const char *fields, uint8_t *buf, size_t cap, size_t *len,
			   char *err, size_t errlen)
{
	struct xovn_frame_spec spec;

	if (xovn_frame_parse(fields, &spec, err, errlen))
		return -1;
	*len = xovn_frame_build(&spec, buf, cap);
	if (!*len) {
		snprintf(err, errlen, "frame larger than %zu bytes", cap);
		return -1;
	}
	return 0;
}
