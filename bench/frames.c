// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* frames.c - benchmark frames, written with lib/frame's header writers. */
#include <arpa/inet.h>
#include <string.h>

#include "frame/dhcp.h"
#include "frame/headers.h"
#include "frames.h"

#define ETH_P_IPV4 0x0800
#define ETH_P_ARP 0x0806

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct in_addr ip4(const char *dotted)
{
	struct in_addr a = { 0 };

	inet_pton(AF_INET, dotted, &a);
	return a;
}

/* Ethernet/IPv4/UDP headers for payload bytes of UDP payload; their length. */
static size_t ipv4_udp_hdrs(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
			    const char *saddr, const char *daddr, uint16_t sport, uint16_t dport,
			    size_t payload)
{
	struct xovn_ip4 ip = { .src = ip4(saddr), .dst = ip4(daddr), .proto = IPPROTO_UDP,
			       .ttl = 64 };
	uint8_t *p = buf;

	p += xovn_put_eth(p, dst, src, ETH_P_IPV4);
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + payload);
	p += xovn_put_udp(p, sport, dport, payload);
	return (size_t)(p - buf);
}

size_t bf_ipv4_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		   const char *saddr, const char *daddr, size_t payload)
{
	size_t hdrs = ipv4_udp_hdrs(buf, dst, src, saddr, daddr, BF_SPORT, BF_DPORT, payload);

	xovn_fill_pattern(buf + hdrs, payload);
	return hdrs + payload;
}

size_t bf_ipv4_udp_ports(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
			 const char *saddr, const char *daddr, uint16_t sport, uint16_t dport)
{
	size_t hdrs = ipv4_udp_hdrs(buf, dst, src, saddr, daddr, sport, dport, BF_MIN_PAYLOAD);

	xovn_fill_pattern(buf + hdrs, BF_MIN_PAYLOAD);
	return hdrs + BF_MIN_PAYLOAD;
}

size_t bf_dhcp_discover(uint8_t *buf, const uint8_t mac[6])
{
	static const uint8_t params[] = { 1, 3, 6, 26 };
	struct xovn_dhcp_client m = { .type = 1, .xid = 0x12345678, .params = params,
				      .n_params = sizeof(params) };

	memcpy(m.chaddr, mac, 6);
	return xovn_frame_dhcp_client(buf, &m);
}

size_t bf_broadcast_udp(uint8_t *buf, const uint8_t src[6], const char *saddr)
{
	return bf_ipv4_udp(buf, broadcast, src, saddr, "255.255.255.255", BF_MIN_PAYLOAD);
}

size_t bf_arp_request(uint8_t *buf, const uint8_t sha[6], const char *spa, const char *tpa)
{
	static const uint8_t unknown[6];
	size_t len = xovn_put_eth(buf, broadcast, sha, ETH_P_ARP);

	len += xovn_put_arp(buf + len, 1, sha, ip4(spa), unknown, ip4(tpa));
	memset(buf + len, 0, 60 - len);  /* pad to 60 bytes */
	return 60;
}

size_t bf_geneve(uint8_t *buf, const char *saddr, const char *daddr, uint32_t vni,
		 uint16_t in_key, uint16_t out_key, const uint8_t *inner, size_t inner_len)
{
	struct xovn_tunnel t = {
		.dst_mac = { 0x02, 0xbe, 0, 0, 0, 1 }, .src_mac = { 0x02, 0xbe, 0, 0, 0, 2 },
		.src = ip4(saddr), .dst = ip4(daddr), .sport = 50000,
		.vni = vni, .in_key = in_key, .out_key = out_key,
	};

	return xovn_put_tunnel(buf, &t, inner, inner_len);
}
