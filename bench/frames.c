// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* frames.c - building benchmark frames byte by byte. */
#include <arpa/inet.h>
#include <string.h>

#include "frames.h"
#include "xovn_maps.h"

#define ETH_LEN 14

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put_ip(uint8_t *p, const char *dotted)
{
	struct in_addr a = { 0 };

	inet_pton(AF_INET, dotted, &a);
	memcpy(p, &a, 4);
}

static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void eth(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	put16(buf + 12, type);
}

/* IPv4 header (20 bytes, checksummed) + UDP header for l4_len bytes of UDP. */
static void ipv4_udp_hdr(uint8_t *ip, const char *saddr, const char *daddr,
			 uint16_t sport, uint16_t dport, size_t l4_len)
{
	uint8_t *udp = ip + 20;

	memset(ip, 0, 28);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + l4_len));
	ip[8] = 64;
	ip[9] = 17;
	put_ip(ip + 12, saddr);
	put_ip(ip + 16, daddr);
	put16(ip + 10, csum(ip, 20));
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, (uint16_t)l4_len);
}

size_t bf_ipv4_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		   const char *saddr, const char *daddr, size_t payload)
{
	size_t i;

	eth(buf, dst, src, 0x0800);
	ipv4_udp_hdr(buf + ETH_LEN, saddr, daddr, 40000, 9, 8 + payload);
	for (i = 0; i < payload; i++)
		buf[ETH_LEN + 28 + i] = (uint8_t)i;
	return ETH_LEN + 28 + payload;
}

size_t bf_dhcp_discover(uint8_t *buf, const uint8_t mac[6])
{
	uint8_t *bootp = buf + ETH_LEN + 28, *o = bootp + 240;
	size_t len = ETH_LEN + 28 + 300;

	memset(buf, 0, len);
	eth(buf, broadcast, mac, 0x0800);
	ipv4_udp_hdr(buf + ETH_LEN, "0.0.0.0", "255.255.255.255", 68, 67, 8 + 300);
	bootp[0] = 1, bootp[1] = 1, bootp[2] = 6;
	bootp[4] = 0x12, bootp[5] = 0x34, bootp[6] = 0x56, bootp[7] = 0x78;
	memcpy(bootp + 28, mac, 6);
	bootp[236] = 0x63, bootp[237] = 0x82, bootp[238] = 0x53, bootp[239] = 0x63;
	o[0] = 53, o[1] = 1, o[2] = 1;                           /* DHCPDISCOVER */
	o[3] = 55, o[4] = 4, o[5] = 1, o[6] = 3, o[7] = 6, o[8] = 26; /* parameters */
	o[9] = 255;
	return len;
}

size_t bf_broadcast_udp(uint8_t *buf, const uint8_t src[6], const char *saddr)
{
	return bf_ipv4_udp(buf, broadcast, src, saddr, "255.255.255.255", BF_MIN_PAYLOAD);
}

size_t bf_arp_request(uint8_t *buf, const uint8_t sha[6], const char *spa, const char *tpa)
{
	uint8_t *arp = buf + ETH_LEN;

	eth(buf, broadcast, sha, 0x0806);
	put16(arp, 1);
	put16(arp + 2, 0x0800);
	arp[4] = 6;
	arp[5] = 4;
	put16(arp + 6, 1);
	memcpy(arp + 8, sha, 6);
	put_ip(arp + 14, spa);
	memset(arp + 18, 0, 6);
	put_ip(arp + 24, tpa);
	memset(arp + 28, 0, 18);  /* pad to 60 bytes */
	return 60;
}

size_t bf_geneve(uint8_t *buf, const char *saddr, const char *daddr, uint32_t vni,
		 uint16_t in_key, uint16_t out_key, const uint8_t *inner, size_t inner_len)
{
	static const uint8_t dst[6] = { 0x02, 0xbe, 0, 0, 0, 1 }, src[6] = { 0x02, 0xbe, 0, 0, 0, 2 };
	uint8_t *g = buf + ETH_LEN + 28;
	size_t l4 = 8 + 16 + inner_len;

	eth(buf, dst, src, 0x0800);
	ipv4_udp_hdr(buf + ETH_LEN, saddr, daddr, 50000, XOVN_GENEVE_PORT, l4);
	g[0] = 2;                       /* version 0, 8 bytes of options */
	g[1] = 0x40;                    /* C: a critical option is present */
	put16(g + 2, 0x6558);           /* Transparent Ethernet Bridging */
	g[4] = (uint8_t)(vni >> 16);
	g[5] = (uint8_t)(vni >> 8);
	g[6] = (uint8_t)vni;
	g[7] = 0;
	put16(g + 8, XOVN_GENEVE_OPT_CLASS);
	g[10] = XOVN_GENEVE_OPT_TYPE;
	g[11] = 1;                      /* 4 bytes of option data */
	put16(g + 12, in_key & 0x7fff);
	put16(g + 14, out_key);
	memcpy(g + 16, inner, inner_len);
	return ETH_LEN + 28 + 16 + inner_len;
}
