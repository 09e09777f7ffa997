/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * frame.h - Ethernet frames from a line of fields, and from pcap files.
 *
 * `xovnctl trace` feeds the real datapath a frame that the user describes
 * with ovn-trace-like fields ("eth.src=... eth.dst=... ip4.dst=...") or
 * takes from a capture.  The builder picks the frame kind from the fields
 * given (ARP, IPv6 neighbour solicitation, IPv4/IPv6 with UDP or ICMP, or
 * bare Ethernet) and fills in what a real host would (checksums, lengths,
 * broadcast / solicited-node destinations).
 */
#ifndef XOVN_FRAME_H
#define XOVN_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "frame/headers.h"

#define XOVN_FRAME_MAX 9216     /* jumbo frame; enough for any capture we replay */
#define XOVN_FRAME_MAX_TAGS 2   /* stacked tags are allowed so their drop can be traced */

enum xovn_frame_kind {
	XOVN_FRAME_ETH = 0,   /* Ethernet header and payload only */
	XOVN_FRAME_ARP,
	XOVN_FRAME_IP4,
	XOVN_FRAME_IP6,
	XOVN_FRAME_ND_NS,     /* IPv6 neighbour solicitation */
};

/* Which field was given: bits of xovn_frame_spec.given. */
enum xovn_frame_field {
	XF_ETH_SRC, XF_ETH_DST, XF_ETH_TYPE, XF_VLAN,
	XF_ARP_OP, XF_ARP_SHA, XF_ARP_SPA, XF_ARP_THA, XF_ARP_TPA,
	XF_IP4_SRC, XF_IP4_DST, XF_IP_TTL,
	XF_IP6_SRC, XF_IP6_DST, XF_ND_TARGET,
	XF_UDP_SRC, XF_UDP_DST, XF_ICMP_TYPE, XF_ICMP_CODE,
	XF_PAYLOAD_LEN,
	XF__COUNT
};

struct xovn_frame_spec {
	uint32_t given;          /* 1u << enum xovn_frame_field */
	enum xovn_frame_kind kind;
	uint8_t eth_src[6], eth_dst[6];
	uint16_t eth_type;
	int n_tags;
	uint16_t vids[XOVN_FRAME_MAX_TAGS];  /* outermost first */
	uint16_t arp_op;
	uint8_t arp_sha[6], arp_tha[6];
	struct in_addr arp_spa, arp_tpa;
	struct in_addr ip4_src, ip4_dst;
	struct in6_addr ip6_src, ip6_dst, nd_target;
	uint8_t ttl;
	uint16_t udp_src, udp_dst;
	uint8_t icmp_type, icmp_code;
	uint16_t payload_len;
};

/*
 * Parses whitespace-separated NAME=VALUE fields (NAME==VALUE and "&&"
 * between fields are accepted too, as in ovn-trace expressions) and works
 * out the frame kind.  0 ok; -1 with the reason in err.  Names:
 *   eth.src eth.dst eth.type vlan (repeat for stacked tags, outermost first)
 *   arp.op (request|reply|N) arp.sha arp.spa arp.tha arp.tpa
 *   ip4.src ip4.dst ip.ttl ip6.src ip6.dst nd.target
 *   udp.src udp.dst icmp.type icmp.code payload.len
 */
int xovn_frame_parse(const char *fields, struct xovn_frame_spec *spec, char *err, size_t errlen);

/* Writes the frame described by spec into buf; its length, or 0 if cap is too small. */
size_t xovn_frame_build(const struct xovn_frame_spec *spec, uint8_t *buf, size_t cap);

/* xovn_frame_parse + xovn_frame_build; 0 ok, -1 with the reason in err. */
int xovn_frame_from_fields(const char *fields, uint8_t *buf, size_t cap, size_t *len,
			   char *err, size_t errlen);

/* The 1-based packet number index of a pcap (not pcapng) file; 0 ok, -1 with err. */
int xovn_pcap_read(const char *path, unsigned index, uint8_t *buf, size_t cap, size_t *len,
		   char *err, size_t errlen);

/* Outer 802.1Q/802.1ad VID of frame, -1 when untagged or too short. */
int xovn_frame_vid(const uint8_t *frame, size_t len);

/* Inserts an 802.1Q tag after the MAC addresses; the new length, 0 if it does not fit. */
size_t xovn_frame_push_vlan(uint8_t *buf, size_t len, size_t cap, uint16_t vid);

/* One line for a human: "00:..:01 > ff:..:ff, vlan 10, ARP who-has 10.0.0.2 tell 10.0.0.1". */
void xovn_frame_describe(const uint8_t *frame, size_t len, char *out, size_t cap);

#endif /* XOVN_FRAME_H */
