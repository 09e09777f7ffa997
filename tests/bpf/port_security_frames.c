// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* port_security_frames.c - IPv6, ND, MLD, DHCP and ARP test frames. */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <stdio.h>
#include <string.h>

#include "frame/headers.h"
#include "harness.h"
#include "port_security_frames.h"

void pf_ip6(const char *text, uint8_t out[16])
{
	cr_assert_eq(inet_pton(AF_INET6, text, out), 1, "bad IPv6 %s", text);
}

void pf_ip4(const char *text, uint8_t out[4])
{
	cr_assert_eq(inet_pton(AF_INET, text, out), 1, "bad IPv4 %s", text);
}

/* Ethernet + IPv6 header with next header nh and payload_len; returns the header length. */
static size_t ip6_header(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
			 const char *saddr, const char *daddr, uint8_t nh, size_t payload_len)
{
	struct xovn_ip6 ip = { .next = nh, .hops = 255 };

	pf_ip6(saddr, ip.src.s6_addr);
	pf_ip6(daddr, ip.dst.s6_addr);
	xovn_put_eth(buf, dst, src, ETH_P_IPV6);
	return ETH_HLEN + xovn_put_ipv6(buf + ETH_HLEN, &ip, payload_len);
}

/* The ICMPv6 checksum of the message at msg after the IPv6 header at ip. */
static void icmp6_csum(const uint8_t *ip, uint8_t *msg, size_t len)
{
	xovn_put16(msg + 2, 0);
	xovn_put16(msg + 2, xovn_csum_pseudo(ip + 8, 32, IPPROTO_ICMPV6, msg, len));
}

size_t pf_icmp6(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		const char *daddr, const uint8_t *msg, size_t msg_len)
{
	size_t off = ip6_header(buf, dst, src, saddr, daddr, IPPROTO_ICMPV6, msg_len);
	uint8_t *m = buf + off;

	memcpy(m, msg, msg_len);
	icmp6_csum(buf + ETH_HLEN, m, msg_len);
	return off + msg_len;
}

size_t pf_ipv6_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		   const char *daddr)
{
	size_t off = ip6_header(buf, dst, src, saddr, daddr, IPPROTO_UDP, 8 + 16);
	uint8_t *udp = buf + off;

	memset(udp, 0xab, 8 + 16);
	xovn_put_udp(udp, 40000, 9, 16);
	xovn_put16(udp + 6, 0xffff); /* any non-zero value: nobody checks it here */
	return off + 8 + 16;
}

/* NS or NA body: type, flags, target, optional link-layer option. */
static size_t nd_msg(uint8_t *m, uint8_t type, uint8_t flags, const char *target,
		     uint8_t opt, const uint8_t *ll)
{
	struct in6_addr t;

	pf_ip6(target, t.s6_addr);
	return xovn_put_nd(m, type, flags, &t, opt, ll);
}

size_t pf_ns_to(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		const char *daddr, const char *target, const uint8_t *sll)
{
	uint8_t m[32];
	size_t n = nd_msg(m, 135, 0, target, 1, sll);

	return pf_icmp6(buf, dst, src, saddr, daddr, m, n);
}

size_t pf_ns(uint8_t *buf, const uint8_t src[6], const char *saddr, const char *target,
	     const uint8_t *sll)
{
	uint8_t t[16], mac[6] = { 0x33, 0x33, 0xff };
	char group[INET6_ADDRSTRLEN];

	pf_ip6(target, t);
	memcpy(mac + 3, t + 13, 3);
	snprintf(group, sizeof(group), "ff02::1:ff%02x:%02x%02x", t[13], t[14], t[15]);
	return pf_ns_to(buf, mac, src, saddr, group, target, sll);
}

size_t pf_na(uint8_t *buf, const uint8_t src[6], const char *saddr, const char *target,
	     const uint8_t *tll)
{
	const uint8_t all_nodes[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	uint8_t m[32];
	size_t n = nd_msg(m, 136, 0x20, target, 2, tll);

	return pf_icmp6(buf, all_nodes, src, saddr, "ff02::1", m, n);
}

size_t pf_mld2_report(uint8_t *buf, const uint8_t src[6], const char *saddr)
{
	const uint8_t group_mac[6] = { 0x33, 0x33, 0, 0, 0, 0x16 };
	/* hop-by-hop: next ICMPv6, length 0, router alert (MLD), PadN */
	const uint8_t hbh[8] = { IPPROTO_ICMPV6, 0, 5, 2, 0, 0, 1, 0 };
	uint8_t report[8] = { 143, 0, 0, 0, 0, 0, 0, 0 };
	size_t off = ip6_header(buf, group_mac, src, saddr, "ff02::16", 0, 16);
	uint8_t *m = buf + off + 8;

	memcpy(buf + off, hbh, sizeof(hbh));
	memcpy(m, report, sizeof(report));
	icmp6_csum(buf + ETH_HLEN, m, sizeof(report));
	return off + 16;
}

size_t pf_dhcp_discover(uint8_t *buf, const uint8_t src[6])
{
	size_t len = xh_ipv4_udp(buf, XH_BROADCAST, src, "0.0.0.0", "255.255.255.255", 240);
	uint8_t *udp = buf + ETH_HLEN + 20;

	xovn_put16(udp, 68);
	xovn_put16(udp + 2, 67);
	xovn_put16(udp + 6, 0); /* no UDP checksum (allowed over IPv4) */
	return len;
}

size_t pf_arp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const uint8_t sha[6],
	      const char *spa, const char *tpa)
{
	size_t len = xh_arp_request(buf, sha, spa, tpa);

	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	return len;
}
