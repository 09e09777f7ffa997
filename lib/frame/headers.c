// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* headers.c - one protocol header at a time (headers.h). */
#include <string.h>

#include "frame/headers.h"

#define PROTO_UDP 17
#define GENEVE_PORT 6081
#define GENEVE_PROTO_TEB 0x6558
#define GENEVE_OVN_CLASS 0x0102
#define GENEVE_OVN_TYPE 0x80      /* critical */
#define GENEVE_F_CRITICAL 0x40

void xovn_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void xovn_put32(uint8_t *p, uint32_t v)
{
	xovn_put16(p, (uint16_t)(v >> 16));
	xovn_put16(p + 2, (uint16_t)v);
}

uint16_t xovn_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t xovn_csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t xovn_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t xovn_csum(const void *data, size_t len)
{
	return xovn_csum_fold(xovn_csum_add(0, data, len));
}

uint16_t xovn_csum_pseudo(const void *addrs, size_t addrs_len, uint8_t proto, const void *msg,
			  size_t len)
{
	uint32_t sum = xovn_csum_add(0, addrs, addrs_len);

	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff) + proto;
	return xovn_csum_fold(xovn_csum_add(sum, msg, len));
}

void xovn_fill_pattern(uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)i;
}

size_t xovn_put_eth(uint8_t *p, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	memcpy(p, dst, 6);
	memcpy(p + 6, src, 6);
	xovn_put16(p + 12, type);
	return XOVN_HDR_ETH;
}

size_t xovn_insert_tag(uint8_t *buf, size_t len, size_t cap, uint16_t tpid, uint16_t vid)
{
	if (len < 12 || len + XOVN_HDR_TAG > cap)
		return 0;
	memmove(buf + 12 + XOVN_HDR_TAG, buf + 12, len - 12);
	xovn_put16(buf + 12, tpid);
	xovn_put16(buf + 14, vid & 0x0fff);
	return len + XOVN_HDR_TAG;
}

size_t xovn_put_arp(uint8_t *p, uint16_t op, const uint8_t sha[6], struct in_addr spa,
		    const uint8_t tha[6], struct in_addr tpa)
{
	xovn_put16(p, 1);            /* hardware: Ethernet */
	xovn_put16(p + 2, 0x0800);   /* protocol: IPv4 */
	p[4] = 6;
	p[5] = 4;
	xovn_put16(p + 6, op);
	memcpy(p + 8, sha, 6);
	memcpy(p + 14, &spa, 4);
	memcpy(p + 18, tha, 6);
	memcpy(p + 24, &tpa, 4);
	return XOVN_HDR_ARP;
}

size_t xovn_put_ipv4(uint8_t *p, const struct xovn_ip4 *h, size_t payload_len)
{
	memset(p, 0, XOVN_HDR_IP4);
	p[0] = 0x45;
	xovn_put16(p + 6, h->frag);
	p[8] = h->ttl;
	p[9] = h->proto;
	memcpy(p + 12, &h->src, 4);
	memcpy(p + 16, &h->dst, 4);
	xovn_ipv4_set_payload_len(p, payload_len);
	return XOVN_HDR_IP4;
}

void xovn_ipv4_set_payload_len(uint8_t *p, size_t payload_len)
{
	xovn_put16(p + 2, (uint16_t)(XOVN_HDR_IP4 + payload_len));
	xovn_put16(p + 10, 0);
	xovn_put16(p + 10, xovn_csum(p, XOVN_HDR_IP4));
}

size_t xovn_put_ipv6(uint8_t *p, const struct xovn_ip6 *h, size_t payload_len)
{
	memset(p, 0, 8);
	p[0] = 0x60;
	xovn_put16(p + 4, (uint16_t)payload_len);
	p[6] = h->next;
	p[7] = h->hops;
	memcpy(p + 8, &h->src, 16);
	memcpy(p + 24, &h->dst, 16);
	return XOVN_HDR_IP6;
}

size_t xovn_put_nd(uint8_t *p, uint8_t type, uint8_t flags, const struct in6_addr *target,
		   uint8_t opt, const uint8_t *ll)
{
	memset(p, 0, 24);
	p[0] = type;
	p[4] = flags;
	memcpy(p + 8, target, 16);
	if (!ll)
		return 24;
	p[24] = opt;
	p[25] = 1;                   /* 8 bytes */
	memcpy(p + 26, ll, 6);
	return 32;
}

size_t xovn_put_udp(uint8_t *p, uint16_t sport, uint16_t dport, size_t payload_len)
{
	xovn_put16(p, sport);
	xovn_put16(p + 2, dport);
	xovn_put16(p + 4, (uint16_t)(XOVN_HDR_UDP + payload_len));
	xovn_put16(p + 6, 0);
	return XOVN_HDR_UDP;
}

size_t xovn_put_geneve_ovn(uint8_t *p, uint32_t vni, uint16_t in_key, uint16_t out_key)
{
	p[0] = 2;                    /* version 0, 8 bytes of options */
	p[1] = GENEVE_F_CRITICAL;    /* OVN's option is critical */
	xovn_put16(p + 2, GENEVE_PROTO_TEB);
	p[4] = (uint8_t)(vni >> 16);
	p[5] = (uint8_t)(vni >> 8);
	p[6] = (uint8_t)vni;
	p[7] = 0;
	xovn_put16(p + 8, GENEVE_OVN_CLASS);
	p[10] = GENEVE_OVN_TYPE;
	p[11] = 1;                   /* 4 bytes of option data */
	xovn_put16(p + 12, in_key & 0x7fff);
	xovn_put16(p + 14, out_key);
	return XOVN_HDR_GENEVE_OVN;
}

size_t xovn_put_tunnel(uint8_t *buf, const struct xovn_tunnel *t, const uint8_t *inner,
		       size_t inner_len)
{
	struct xovn_ip4 ip = { .src = t->src, .dst = t->dst, .proto = PROTO_UDP, .ttl = 64,
			       .frag = t->frag };
	size_t udp_payload = XOVN_HDR_GENEVE_OVN + inner_len;
	uint8_t *p = buf;

	p += xovn_put_eth(p, t->dst_mac, t->src_mac, 0x0800);
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + udp_payload);
	p += xovn_put_udp(p, t->sport, GENEVE_PORT, udp_payload);
	p += xovn_put_geneve_ovn(p, t->vni, t->in_key, t->out_key);
	memmove(p, inner, inner_len);
	return XOVN_HDR_ENCAP + inner_len;
}
