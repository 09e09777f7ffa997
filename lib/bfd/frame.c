// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * frame.c - BFD inside Geneve: the frame a chassis sends through the
 * tunnel, and the checks on one received.
 */
#include <arpa/inet.h>
#include <string.h>

#include "bfd/frame.h"
#include "frame/headers.h"

#define GENEVE_TEB 0x6558
#define ETH_IPV4 0x0800
#define IP_UDP 17

const uint8_t bfd_dst_mac[6] = { 0x00, 0x23, 0x20, 0x00, 0x00, 0x01 };

/* 169.254.1.1 -> 169.254.1.0: the link-local pair Open vSwitch uses by default. */
static const uint8_t inner_src[4] = { 169, 254, 1, 1 };
static const uint8_t inner_dst[4] = { 169, 254, 1, 0 };

static size_t put_geneve(uint8_t *p)
{
	memset(p, 0, BFD_GENEVE_HLEN);   /* version 0, no options, VNI 0 */
	xovn_put16(p + 2, GENEVE_TEB);
	return BFD_GENEVE_HLEN;
}

size_t bfd_frame_build(uint8_t out[BFD_FRAME_LEN], const uint8_t src_mac[6], uint16_t sport,
		       const struct bfd_ctl *ctl)
{
	struct xovn_ip4 ip = { .proto = IP_UDP, .ttl = 255 };
	uint8_t *p = out, *ip_hdr, *udp;

	memcpy(&ip.src, inner_src, 4);
	memcpy(&ip.dst, inner_dst, 4);
	p += put_geneve(p);
	p += xovn_put_eth(p, bfd_dst_mac, src_mac, ETH_IPV4);
	ip_hdr = p;
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + BFD_CTL_LEN);
	udp = p;
	p += xovn_put_udp(p, sport, BFD_UDP_PORT, BFD_CTL_LEN);
	bfd_ctl_encode(ctl, p);
	p += BFD_CTL_LEN;
	xovn_put16(udp + 6, xovn_csum_pseudo(ip_hdr + 12, 8, IP_UDP, udp,
					     XOVN_HDR_UDP + BFD_CTL_LEN));
	return (size_t)(p - out);
}

/* The inner Ethernet header's offset after the Geneve header and its options. */
static enum bfd_frame_reject skip_geneve(const uint8_t *buf, size_t len, size_t *off)
{
	size_t opts;

	if (len < BFD_GENEVE_HLEN)
		return BFD_FRAME_SHORT;
	opts = (size_t)(buf[0] & 0x3f) * 4;
	if (buf[0] >> 6 != 0 || xovn_get16(buf + 2) != GENEVE_TEB ||
	    BFD_GENEVE_HLEN + opts > len)
		return BFD_FRAME_GENEVE;
	*off = BFD_GENEVE_HLEN + opts;
	return BFD_FRAME_OK;
}

static enum bfd_frame_reject check_ipv4(const uint8_t *ip, size_t len, size_t *hlen)
{
	if (len < XOVN_HDR_IP4)
		return BFD_FRAME_SHORT;
	*hlen = (size_t)(ip[0] & 0x0f) * 4;
	/* A fragment has MF set or a non-zero offset. */
	if (ip[0] >> 4 != 4 || *hlen < XOVN_HDR_IP4 || *hlen > len || ip[9] != IP_UDP ||
	    (xovn_get16(ip + 6) & 0x3fff) || xovn_get16(ip + 2) > len)
		return BFD_FRAME_IPV4;
	if (ip[8] != 255)
		return BFD_FRAME_TTL;
	return BFD_FRAME_OK;
}

enum bfd_frame_reject bfd_frame_parse(const uint8_t *buf, size_t len, size_t *ctl_off,
				      size_t *ctl_len)
{
	enum bfd_frame_reject r;
	size_t off, hlen, ulen;

	r = skip_geneve(buf, len, &off);
	if (r != BFD_FRAME_OK)
		return r;
	if (len < off + XOVN_HDR_ETH)
		return BFD_FRAME_SHORT;
	if (memcmp(buf + off, bfd_dst_mac, 6) != 0 || xovn_get16(buf + off + 12) != ETH_IPV4)
		return BFD_FRAME_ETH;
	off += XOVN_HDR_ETH;
	r = check_ipv4(buf + off, len - off, &hlen);
	if (r != BFD_FRAME_OK)
		return r;
	off += hlen;
	if (len < off + XOVN_HDR_UDP)
		return BFD_FRAME_SHORT;
	ulen = xovn_get16(buf + off + 4);
	if (xovn_get16(buf + off + 2) != BFD_UDP_PORT || ulen < XOVN_HDR_UDP || off + ulen > len)
		return BFD_FRAME_UDP;
	*ctl_off = off + XOVN_HDR_UDP;
	*ctl_len = ulen - XOVN_HDR_UDP;
	return BFD_FRAME_OK;
}

const char *bfd_frame_reject_name(enum bfd_frame_reject r)
{
	static const char *const names[BFD_FRAME__COUNT] = {
		"ok", "short", "geneve", "ethernet", "ipv4", "ttl", "udp",
	};

	return (unsigned)r < BFD_FRAME__COUNT ? names[r] : "?";
}
