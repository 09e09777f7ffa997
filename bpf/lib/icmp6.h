/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * icmp6.h - the ICMPv6 a router sends itself (RFC 4443): the echo reply to
 * a request for one of its addresses (rewritten in place), and time
 * exceeded (hop limit) for a packet it cannot forward, quoting the original
 * IPv6 header and the 8 bytes after it.
 *
 * Only the IPv6 part is written here; the caller sets the Ethernet header.
 */
#ifndef XOVN_BPF_ICMP6_H
#define XOVN_BPF_ICMP6_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "csum.h"
#include "eth.h"
#include "icmp.h"
#include "l3.h"
#include "neigh_solicit.h"

#define XOVN_ICMP6_TIME_EXCEEDED 3
#define XOVN_ICMP6_ECHO_REQUEST  128
#define XOVN_ICMP6_ECHO_REPLY    129
#define XOVN_ICMP6_QUOTE         48   /* original IPv6 header + 8 bytes */

struct xovn_icmp6_error {
	struct ipv6hdr ip6;
	struct xovn_icmp_hdr icmp;
	__u8 quote[XOVN_ICMP6_QUOTE];
};

_Static_assert(sizeof(struct xovn_icmp6_error) == 96, "ICMPv6 error layout");

static __always_inline int xovn_icmp6_is_echo(struct __sk_buff *skb, const struct xovn_l3 *l3,
					      struct xovn_icmp_hdr *icmp)
{
	return l3->proto == IPPROTO_ICMPV6 &&
	       !xovn_pkt_copy(skb, l3->l4_off, icmp, sizeof(*icmp)) &&
	       icmp->type == XOVN_ICMP6_ECHO_REQUEST && icmp->code == 0;
}

/*
 * Turns an echo request into its reply in place: addresses swapped (the
 * pseudo-header sum is unchanged), hop limit XOVN_REPLY_TTL, type 129.
 * 0 or -1.
 */
static __always_inline int xovn_icmp6_echo_reply(struct __sk_buff *skb, const struct xovn_l3 *l3)
{
	__u8 addrs[32];
	__u8 hop = XOVN_REPLY_TTL, type = XOVN_ICMP6_ECHO_REPLY;

	__builtin_memcpy(addrs, l3->dst, 16);
	__builtin_memcpy(addrs + 16, l3->src, 16);
	if (bpf_skb_store_bytes(skb, ETH_HLEN + 8, addrs, sizeof(addrs), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN + 7, &hop, 1, 0) < 0 ||
	    bpf_skb_store_bytes(skb, l3->l4_off, &type, 1, 0) < 0 ||
	    bpf_l4_csum_replace(skb, l3->l4_off + 2, bpf_htons(XOVN_ICMP6_ECHO_REQUEST << 8),
				bpf_htons(XOVN_ICMP6_ECHO_REPLY << 8), 2) < 0)
		return -1;
	return 0;
}

/* ICMPv6 checksum of e's message over the RFC 8200 pseudo-header. */
static __always_inline __be16 xovn_icmp6_error_csum(const struct xovn_icmp6_error *e)
{
	__u32 sum = 0;

	sum = xovn_csum_add_bytes(sum, e->ip6.saddr.in6_u.u6_addr8, 16);
	sum = xovn_csum_add_bytes(sum, e->ip6.daddr.in6_u.u6_addr8, 16);
	sum += sizeof(e->icmp) + sizeof(e->quote) + IPPROTO_ICMPV6;
	sum = xovn_csum_add_bytes(sum, (const __u8 *)&e->icmp, sizeof(e->icmp) + sizeof(e->quote));
	return bpf_htons(xovn_csum_fold(sum));
}

/*
 * Is the packet itself an ICMP or ICMPv6 error?  No error is sent about an
 * error (RFC 1812 4.3.2.7, RFC 4443 2.4), so that two routers cannot
 * bounce errors between them.
 */
static __always_inline int xovn_icmp_is_error(struct __sk_buff *skb, const struct xovn_l3 *l3)
{
	__u8 type;

	if (l3->proto != (l3->family == XOVN_AF_IPV4 ? IPPROTO_ICMP : IPPROTO_ICMPV6))
		return 0;
	if (xovn_pkt_copy(skb, l3->l4_off, &type, sizeof(type)))
		return 1;
	if (l3->family == XOVN_AF_IPV6)
		return type < XOVN_ICMP6_ECHO_REQUEST;
	return type != XOVN_ICMP_ECHO_REQUEST && type != XOVN_ICMP_ECHO_REPLY;
}

/* Replaces the packet with "hop limit exceeded in transit" from src to the sender. 0 or -1. */
static __always_inline int xovn_icmp6_time_exceeded(struct __sk_buff *skb,
						    const struct xovn_l3 *l3, const __u8 *src)
{
	struct xovn_icmp6_error e = {};

	if (xovn_pkt_copy(skb, ETH_HLEN, e.quote, sizeof(e.quote)))
		return -1;
	e.ip6.version = 6;
	e.ip6.payload_len = bpf_htons(sizeof(e.icmp) + sizeof(e.quote));
	e.ip6.nexthdr = IPPROTO_ICMPV6;
	e.ip6.hop_limit = XOVN_REPLY_TTL;
	__builtin_memcpy(e.ip6.saddr.in6_u.u6_addr8, src, 16);
	__builtin_memcpy(e.ip6.daddr.in6_u.u6_addr8, l3->src, 16);
	e.icmp.type = XOVN_ICMP6_TIME_EXCEEDED;
	e.icmp.cksum = xovn_icmp6_error_csum(&e);
	if (xovn_frame_resize(skb, ETH_HLEN + sizeof(e)) ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &e, sizeof(e), 0) < 0)
		return -1;
	return 0;
}

#endif /* XOVN_BPF_ICMP6_H */
