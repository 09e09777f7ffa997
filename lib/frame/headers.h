/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * headers.h - writing one protocol header at a time, in network order.
 *
 * The frame builder (build.c) and every test and benchmark that shapes its
 * own frames write headers with these, so there is one IPv4 header, one
 * Geneve encapsulation and one Internet checksum in the tree outside BPF.
 * Each xovn_put_* writes at p and returns the number of bytes written;
 * lengths count what follows the header (payload_len).
 */
#ifndef XOVN_FRAME_HEADERS_H
#define XOVN_FRAME_HEADERS_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

enum {
	XOVN_HDR_ETH = 14,
	XOVN_HDR_TAG = 4,
	XOVN_HDR_ARP = 28,
	XOVN_HDR_IP4 = 20,
	XOVN_HDR_IP6 = 40,
	XOVN_HDR_UDP = 8,
	XOVN_HDR_GENEVE_OVN = 16,   /* base header + the OVN option */
	/* Everything xovn puts in front of a tunnelled frame. */
	XOVN_HDR_ENCAP = XOVN_HDR_ETH + XOVN_HDR_IP4 + XOVN_HDR_UDP + XOVN_HDR_GENEVE_OVN,
};

#define XOVN_IP4_DF 0x4000

void xovn_put16(uint8_t *p, uint16_t v);
void xovn_put32(uint8_t *p, uint32_t v);
uint16_t xovn_get16(const uint8_t *p);

/* RFC 1071 checksum of len bytes, continuing from sum (0 to start). */
uint32_t xovn_csum_add(uint32_t sum, const void *data, size_t len);
uint16_t xovn_csum_fold(uint32_t sum);
/* The checksum of len bytes on their own (an IPv4 header, an ICMPv4 message). */
uint16_t xovn_csum(const void *data, size_t len);
/*
 * The checksum of an upper-layer message (UDP, ICMPv6) with its
 * pseudo-header: addrs is the source and destination address as they stand
 * in the IP header (8 bytes for IPv4, 32 for IPv6).
 */
uint16_t xovn_csum_pseudo(const void *addrs, size_t addrs_len, uint8_t proto, const void *msg,
			  size_t len);

/* Bytes 0, 1, 2 ... so that a dump shows where a payload starts. */
void xovn_fill_pattern(uint8_t *p, size_t len);

size_t xovn_put_eth(uint8_t *p, const uint8_t dst[6], const uint8_t src[6], uint16_t type);

/* Inserts a tag (tpid, vid) after the MAC addresses; the new length, 0 if it does not fit. */
size_t xovn_insert_tag(uint8_t *buf, size_t len, size_t cap, uint16_t tpid, uint16_t vid);

/* ARP for IPv4 over Ethernet; addresses in network order. */
size_t xovn_put_arp(uint8_t *p, uint16_t op, const uint8_t sha[6], struct in_addr spa,
		    const uint8_t tha[6], struct in_addr tpa);

struct xovn_ip4 {
	struct in_addr src, dst;
	uint8_t proto;
	uint8_t ttl;
	uint16_t frag;      /* flags and fragment offset (XOVN_IP4_DF ...) */
};

/* A 20-byte IPv4 header with its checksum. */
size_t xovn_put_ipv4(uint8_t *p, const struct xovn_ip4 *h, size_t payload_len);
/* Rewrites the total length and the checksum of the IPv4 header at p. */
void xovn_ipv4_set_payload_len(uint8_t *p, size_t payload_len);

struct xovn_ip6 {
	struct in6_addr src, dst;
	uint8_t next;       /* next header */
	uint8_t hops;
};

size_t xovn_put_ipv6(uint8_t *p, const struct xovn_ip6 *h, size_t payload_len);

/*
 * A neighbour solicitation (135) or advertisement (136) without its
 * checksum: flags in the first byte after the checksum (0x20 override,
 * 0x40 solicited, 0x80 router), the target, and a link-layer address
 * option (1 source, 2 target) when ll is given.  24 or 32 bytes.
 */
size_t xovn_put_nd(uint8_t *p, uint8_t type, uint8_t flags, const struct in6_addr *target,
		   uint8_t opt, const uint8_t *ll);

/* UDP header, checksum 0 (none: allowed over IPv4). */
size_t xovn_put_udp(uint8_t *p, uint16_t sport, uint16_t dport, size_t payload_len);

/* Geneve (RFC 8926) with OVN's option: VNI and 0 | ingress key (15) | egress key (16). */
size_t xovn_put_geneve_ovn(uint8_t *p, uint32_t vni, uint16_t in_key, uint16_t out_key);

/* The outer headers of a Geneve packet between two chassis. */
struct xovn_tunnel {
	uint8_t dst_mac[6], src_mac[6];
	struct in_addr src, dst;
	uint16_t sport;
	uint16_t frag;      /* outer IPv4 flags (XOVN_IP4_DF or 0) */
	uint32_t vni;
	uint16_t in_key, out_key;
};

/* Outer Ethernet/IPv4/UDP/Geneve around inner (copied to buf + XOVN_HDR_ENCAP). */
size_t xovn_put_tunnel(uint8_t *buf, const struct xovn_tunnel *t, const uint8_t *inner,
		       size_t inner_len);

#endif /* XOVN_FRAME_HEADERS_H */
