/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nd.h - IPv6 neighbour discovery (RFC 4861): finding the ICMPv6 header,
 * reading a solicitation or advertisement and its link-layer address
 * option, and writing a solicitation or an advertisement.
 */
#ifndef XOVN_BPF_ND_H
#define XOVN_BPF_ND_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "csum.h"

#define XOVN_ICMP6_MLD_REPORT   131
#define XOVN_ICMP6_NS           135
#define XOVN_ICMP6_NA           136
#define XOVN_ICMP6_MLD2_REPORT  143

#define XOVN_ND_OPT_SLL         1  /* source link-layer address (in an NS) */
#define XOVN_ND_OPT_TLL         2  /* target link-layer address (in an NA) */

#define XOVN_NA_ROUTER          0x80000000u
#define XOVN_NA_SOLICITED       0x40000000u
#define XOVN_NA_OVERRIDE        0x20000000u

/* Options examined before giving up: an NS or NA carries one or two. */
#define XOVN_ND_MAX_OPTS        4

/* The NS/NA message without options. */
struct xovn_nd {
	__u8 type;
	__u8 code;
	__be16 cksum;
	__be32 flags;      /* NA: R, S, O bits; NS: reserved */
	__u8 target[16];
};

/* An NA carrying one target link-layer address option: what we send. */
struct xovn_na {
	struct xovn_nd nd;
	__u8 opt_type;
	__u8 opt_len;      /* in units of 8 bytes */
	__u8 opt_mac[ETH_ALEN];
};

_Static_assert(sizeof(struct xovn_nd) == 24, "ND message layout");
_Static_assert(sizeof(struct xovn_na) == 32, "NA layout");

#define XOVN_NA_FRAME_LEN (ETH_HLEN + sizeof(struct ipv6hdr) + sizeof(struct xovn_na))

/* Where the upper-layer header of an IPv6 packet is. */
struct xovn_l4 {
	__u32 off;         /* offset of the upper-layer header in the frame */
	__u32 end;         /* end of the IPv6 payload */
	__u8 proto;        /* upper-layer protocol */
};

/*
 * Finds the upper-layer header behind the fixed IPv6 header and at most one
 * hop-by-hop header (MLD reports carry a router-alert option there).
 * 0 or -1 when the extension header is cut short.
 */
static __always_inline int xovn_ip6_l4(struct __sk_buff *skb, const struct ipv6hdr *ip6,
				       struct xovn_l4 *l4)
{
	__u8 ext[2];

	l4->off = ETH_HLEN + sizeof(*ip6);
	l4->end = l4->off + bpf_ntohs(ip6->payload_len);
	l4->proto = ip6->nexthdr;
	if (l4->proto != IPPROTO_HOPOPTS)
		return 0;
	if (bpf_skb_load_bytes(skb, l4->off, ext, sizeof(ext)) < 0)
		return -1;
	l4->proto = ext[0];
	l4->off += (ext[1] + 1) * 8;
	return 0;
}

static __always_inline int xovn_ip6_is_unspecified(const struct in6_addr *a)
{
	return !(a->in6_u.u6_addr32[0] | a->in6_u.u6_addr32[1] |
		 a->in6_u.u6_addr32[2] | a->in6_u.u6_addr32[3]);
}

static __always_inline int xovn_ip6_equal(const __u8 *a, const __u8 *b)
{
	__u32 x[4], y[4];

	__builtin_memcpy(x, a, 16);
	__builtin_memcpy(y, b, 16);
	return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3])) == 0;
}

/* ff02::1:ffXX:XXXX for the last three bytes of target. */
static __always_inline int xovn_ip6_is_solicited_node(const struct in6_addr *dst,
						      const __u8 target[16])
{
	const __u8 *d = dst->in6_u.u6_addr8;

	return dst->in6_u.u6_addr32[0] == bpf_htonl(0xff020000) &&
	       dst->in6_u.u6_addr32[1] == 0 &&
	       dst->in6_u.u6_addr32[2] == bpf_htonl(0x00000001) &&
	       d[12] == 0xff && d[13] == target[13] && d[14] == target[14] &&
	       d[15] == target[15];
}

enum xovn_nd_ll {
	XOVN_ND_LL_ABSENT = 0,
	XOVN_ND_LL_FOUND = 1,
	XOVN_ND_LL_BAD = 2,  /* zero-length or oversized option, or too many */
};

/*
 * Looks for the link-layer address option of kind want among the options
 * that follow the NS/NA at l4->off; copies its address into mac.
 */
static __always_inline int xovn_nd_find_ll(struct __sk_buff *skb, const struct xovn_l4 *l4,
					   __u8 want, __u8 mac[ETH_ALEN])
{
	__u32 off = l4->off + sizeof(struct xovn_nd);
	__u8 opt[2 + ETH_ALEN];
	int i;

#pragma unroll
	for (i = 0; i < XOVN_ND_MAX_OPTS; i++) {
		if (off + 2 > l4->end)
			return XOVN_ND_LL_ABSENT;
		if (bpf_skb_load_bytes(skb, off, opt, 2) < 0 || opt[1] == 0)
			return XOVN_ND_LL_BAD;
		if (opt[0] == want) {
			if (opt[1] != 1 || bpf_skb_load_bytes(skb, off, opt, sizeof(opt)) < 0)
				return XOVN_ND_LL_BAD;
			__builtin_memcpy(mac, &opt[2], ETH_ALEN);
			return XOVN_ND_LL_FOUND;
		}
		off += opt[1] * 8;
	}
	/* Options left unread could hide a spoofed address. */
	return off + 2 > l4->end ? XOVN_ND_LL_ABSENT : XOVN_ND_LL_BAD;
}

/* ICMPv6 checksum of na between src and dst (RFC 8200 pseudo-header). */
static __always_inline __be16 xovn_na_csum(const struct ipv6hdr *ip6, const struct xovn_na *na)
{
	__u32 sum = 0;

	sum = xovn_csum_add_bytes(sum, ip6->saddr.in6_u.u6_addr8, 16);
	sum = xovn_csum_add_bytes(sum, ip6->daddr.in6_u.u6_addr8, 16);
	sum += sizeof(*na) + IPPROTO_ICMPV6;
	sum = xovn_csum_add_bytes(sum, (const __u8 *)na, sizeof(*na));
	return bpf_htons(xovn_csum_fold(sum));
}

/*
 * Replaces the whole frame with one ND message (an NS or an NA with one
 * link-layer option naming mac, which is also the Ethernet source), from
 * src to dst, hop limit 255 as RFC 4861 requires.  0 or -1.
 */
static __always_inline int xovn_nd_write(struct __sk_buff *skb, const __u8 *eth_dst,
					 const __u8 *mac, const __u8 src[16],
					 const struct in6_addr *dst, __u8 type, __u32 flags,
					 const __u8 target[16], __u8 opt_type)
{
	struct ipv6hdr ip6 = {};
	struct xovn_na msg = {};
	struct ethhdr eth;

	if (skb->len != XOVN_NA_FRAME_LEN &&
	    bpf_skb_change_tail(skb, XOVN_NA_FRAME_LEN, 0) < 0)
		return -1;
	__builtin_memcpy(eth.h_dest, eth_dst, ETH_ALEN);
	__builtin_memcpy(eth.h_source, mac, ETH_ALEN);
	eth.h_proto = bpf_htons(ETH_P_IPV6);
	ip6.version = 6;
	ip6.payload_len = bpf_htons(sizeof(msg));
	ip6.nexthdr = IPPROTO_ICMPV6;
	ip6.hop_limit = 255;
	__builtin_memcpy(ip6.saddr.in6_u.u6_addr8, src, 16);
	ip6.daddr = *dst;
	msg.nd.type = type;
	msg.nd.flags = bpf_htonl(flags);
	__builtin_memcpy(msg.nd.target, target, 16);
	msg.opt_type = opt_type;
	msg.opt_len = 1;
	__builtin_memcpy(msg.opt_mac, mac, ETH_ALEN);
	msg.nd.cksum = xovn_na_csum(&ip6, &msg);
	if (bpf_skb_store_bytes(skb, 0, &eth, sizeof(eth), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &ip6, sizeof(ip6), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN + sizeof(ip6), &msg, sizeof(msg), 0) < 0)
		return -1;
	return 0;
}

/*
 * Replaces the whole frame with the advertisement "target is at
 * target_mac", sent from target to the soliciting host (dst_mac, dst_ip).
 */
static __always_inline int xovn_nd_write_na(struct __sk_buff *skb, const __u8 *dst_mac,
					    const struct in6_addr *dst_ip, const __u8 *target_mac,
					    const __u8 target[16], __u32 flags)
{
	return xovn_nd_write(skb, dst_mac, target_mac, target, dst_ip, XOVN_ICMP6_NA, flags,
			     target, XOVN_ND_OPT_TLL);
}

#endif /* XOVN_BPF_ND_H */
