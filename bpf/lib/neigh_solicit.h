/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * neigh_solicit.h - what a router sends when it does not know a next hop's
 * MAC: an ARP request (IPv4) or a neighbour solicitation to the next hop's
 * solicited-node group (IPv6), from its out port.  The frame that needed
 * the next hop is replaced by the request (and counted as dropped by the
 * caller): the sender's retransmission finds the neighbour learned.
 */
#ifndef XOVN_BPF_NEIGH_SOLICIT_H
#define XOVN_BPF_NEIGH_SOLICIT_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "arp.h"
#include "nd.h"
#include "xovn_maps.h"

#define XOVN_ARP_FRAME_LEN (ETH_HLEN + sizeof(struct xovn_arp))
#define XOVN_NS_FRAME_LEN  XOVN_NA_FRAME_LEN /* an NS with its source link-layer option */

/*
 * Makes the frame len bytes long; 0 or -1.  The kernel will not trim a
 * frame still marked encapsulated by the tunnel it came out of (one a
 * gateway routes on): a longer one carries the request followed by
 * padding, which receivers ignore.
 */
static __always_inline int xovn_frame_resize(struct __sk_buff *skb, __u32 len)
{
	if (skb->len == len)
		return 0;
	if (bpf_skb_change_tail(skb, len, 0) == 0)
		return 0;
	return skb->len > len ? 0 : -1;
}

/* Replaces the frame with "who has nexthop? tell ip4" from mac, broadcast. 0 or -1. */
static __always_inline int xovn_arp_write_request(struct __sk_buff *skb, const __u8 *mac,
						  __u32 ip4, const __u8 *nexthop)
{
	struct ethhdr eth;
	struct xovn_arp req = {};

	if (xovn_frame_resize(skb, XOVN_ARP_FRAME_LEN))
		return -1;
	__builtin_memset(eth.h_dest, 0xff, ETH_ALEN);
	__builtin_memcpy(eth.h_source, mac, ETH_ALEN);
	eth.h_proto = bpf_htons(ETH_P_ARP);
	req.htype = bpf_htons(1);
	req.ptype = bpf_htons(ETH_P_IP);
	req.hlen = ETH_ALEN;
	req.plen = 4;
	req.op = bpf_htons(XOVN_ARP_REQUEST);
	__builtin_memcpy(req.sha, mac, ETH_ALEN);
	__builtin_memcpy(req.spa, &ip4, 4);
	__builtin_memcpy(req.tpa, nexthop, 4);
	if (bpf_skb_store_bytes(skb, 0, &eth, sizeof(eth), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &req, sizeof(req), 0) < 0)
		return -1;
	return 0;
}

/* ff02::1:ffXX:XXXX and its MAC 33:33:ff:XX:XX:XX for the low 24 bits of target. */
static __always_inline void xovn_solicited_node(const __u8 *target, struct in6_addr *group,
						__u8 mac[ETH_ALEN])
{
	__builtin_memset(group, 0, sizeof(*group));
	group->in6_u.u6_addr8[0] = 0xff;
	group->in6_u.u6_addr8[1] = 0x02;
	group->in6_u.u6_addr8[11] = 0x01;
	group->in6_u.u6_addr8[12] = 0xff;
	group->in6_u.u6_addr8[13] = target[13];
	group->in6_u.u6_addr8[14] = target[14];
	group->in6_u.u6_addr8[15] = target[15];
	mac[0] = 0x33;
	mac[1] = 0x33;
	mac[2] = 0xff;
	mac[3] = target[13];
	mac[4] = target[14];
	mac[5] = target[15];
}

/*
 * Replaces the frame with a neighbour solicitation for target from (mac,
 * src), to target's solicited-node group, hop limit 255 (RFC 4861).  The
 * message has the NA's shape (struct xovn_na): the same 24 bytes and one
 * link-layer option, here the source's.  0 or -1.
 */
static __always_inline int xovn_nd_write_ns(struct __sk_buff *skb, const __u8 *mac,
					    const __u8 *src, const __u8 *target)
{
	struct ipv6hdr ip6 = {};
	struct xovn_na ns = {};
	struct ethhdr eth;

	if (xovn_frame_resize(skb, XOVN_NS_FRAME_LEN))
		return -1;
	xovn_solicited_node(target, &ip6.daddr, eth.h_dest);
	__builtin_memcpy(eth.h_source, mac, ETH_ALEN);
	eth.h_proto = bpf_htons(ETH_P_IPV6);
	ip6.version = 6;
	ip6.payload_len = bpf_htons(sizeof(ns));
	ip6.nexthdr = IPPROTO_ICMPV6;
	ip6.hop_limit = 255;
	__builtin_memcpy(ip6.saddr.in6_u.u6_addr8, src, 16);
	ns.nd.type = XOVN_ICMP6_NS;
	__builtin_memcpy(ns.nd.target, target, 16);
	ns.opt_type = XOVN_ND_OPT_SLL;
	ns.opt_len = 1;
	__builtin_memcpy(ns.opt_mac, mac, ETH_ALEN);
	ns.nd.cksum = xovn_na_csum(&ip6, &ns);
	if (bpf_skb_store_bytes(skb, 0, &eth, sizeof(eth), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &ip6, sizeof(ip6), 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN + sizeof(ip6), &ns, sizeof(ns), 0) < 0)
		return -1;
	return 0;
}

#endif /* XOVN_BPF_NEIGH_SOLICIT_H */
