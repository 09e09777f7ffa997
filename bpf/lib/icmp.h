/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * icmp.h - the ICMP a router sends itself (RFC 792, RFC 1812): the echo
 * reply to a request for one of its addresses (rewritten in place), and
 * time exceeded in transit for a packet whose TTL ran out (a new packet
 * quoting the first 28 bytes of the original: its header and 8 bytes of
 * data when it has no options).
 *
 * Only the IP part is written here; the caller sets the Ethernet header.
 */
#ifndef XOVN_BPF_ICMP_H
#define XOVN_BPF_ICMP_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "csum.h"
#include "eth.h"
#include "ipv4.h"
#include "l3.h"
#include "neigh_solicit.h"

#define XOVN_ICMP_ECHO_REPLY     0
#define XOVN_ICMP_ECHO_REQUEST   8
#define XOVN_ICMP_TIME_EXCEEDED  11
#define XOVN_ICMP_QUOTE          28   /* original IPv4 header + 8 bytes */
#define XOVN_REPLY_TTL           255  /* what a router's own packets start with */

struct xovn_icmp_hdr {
	__u8 type;
	__u8 code;
	__be16 cksum;
	__be32 rest;       /* echo: id and sequence; errors: unused */
};

/* An ICMPv4 error: the whole IP packet after the Ethernet header. */
struct xovn_icmp4_error {
	struct iphdr ip;
	struct xovn_icmp_hdr icmp;
	__u8 quote[XOVN_ICMP_QUOTE];
};

_Static_assert(sizeof(struct xovn_icmp4_error) == 56, "ICMPv4 error layout");

/* Is the IPv4 packet described by l3 an ICMP echo request? */
static __always_inline int xovn_icmp4_is_echo(struct __sk_buff *skb, const struct xovn_l3 *l3,
					      struct xovn_icmp_hdr *icmp)
{
	return l3->proto == IPPROTO_ICMP &&
	       !xovn_pkt_copy(skb, l3->l4_off, icmp, sizeof(*icmp)) &&
	       icmp->type == XOVN_ICMP_ECHO_REQUEST && icmp->code == 0;
}

/*
 * Turns an echo request into its reply in place: addresses swapped, TTL
 * XOVN_REPLY_TTL, type 0; both checksums updated incrementally (swapping
 * the addresses does not change either).  0 or -1.
 */
static __always_inline int xovn_icmp4_echo_reply(struct __sk_buff *skb, const struct xovn_l3 *l3)
{
	__u8 addrs[8];
	__u8 proto = l3->proto;
	__be16 old_tp = bpf_htons((__u16)l3->ttl << 8 | proto);
	__be16 new_tp = bpf_htons((__u16)XOVN_REPLY_TTL << 8 | proto);
	__u8 ttl = XOVN_REPLY_TTL, type = XOVN_ICMP_ECHO_REPLY;

	__builtin_memcpy(addrs, l3->dst, 4);
	__builtin_memcpy(addrs + 4, l3->src, 4);
	if (bpf_skb_store_bytes(skb, ETH_HLEN + 12, addrs, sizeof(addrs), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN + 8, &ttl, 1, 0) < 0 ||
	    bpf_l3_csum_replace(skb, ETH_HLEN + 10, old_tp, new_tp, 2) < 0 ||
	    bpf_skb_store_bytes(skb, l3->l4_off, &type, 1, 0) < 0 ||
	    bpf_l4_csum_replace(skb, l3->l4_off + 2, bpf_htons(XOVN_ICMP_ECHO_REQUEST << 8),
				bpf_htons(XOVN_ICMP_ECHO_REPLY << 8), 2) < 0)
		return -1;
	return 0;
}

/*
 * Replaces the packet (after the Ethernet header) with "time exceeded in
 * transit" from src to the original sender, quoting the original.  0 or -1.
 */
static __always_inline int xovn_icmp4_time_exceeded(struct __sk_buff *skb,
						    const struct xovn_l3 *l3, __u32 src)
{
	struct xovn_icmp4_error e = {};
	__u32 sum;

	if (xovn_pkt_copy(skb, ETH_HLEN, e.quote, sizeof(e.quote)))
		return -1;
	e.ip.version = 4;
	e.ip.ihl = 5;
	e.ip.tot_len = bpf_htons(sizeof(e));
	e.ip.ttl = XOVN_REPLY_TTL;
	e.ip.protocol = IPPROTO_ICMP;
	e.ip.saddr = src;
	__builtin_memcpy(&e.ip.daddr, l3->src, 4);
	xovn_ipv4_set_csum(&e.ip);
	e.icmp.type = XOVN_ICMP_TIME_EXCEEDED;
	sum = xovn_csum_add_bytes(0, (const __u8 *)&e.icmp, sizeof(e.icmp) + sizeof(e.quote));
	e.icmp.cksum = bpf_htons(xovn_csum_fold(sum));
	if (xovn_frame_resize(skb, ETH_HLEN + sizeof(e)) ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &e, sizeof(e), 0) < 0)
		return -1;
	return 0;
}

#endif /* XOVN_BPF_ICMP_H */
