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
	__u8 broadcast[ETH_ALEN], unknown[ETH_ALEN] = {};

	if (xovn_frame_resize(skb, XOVN_ARP_FRAME_LEN))
		return -1;
	__builtin_memset(broadcast, 0xff, ETH_ALEN);
	return xovn_arp_write(skb, broadcast, XOVN_ARP_REQUEST, mac, (const __u8 *)&ip4, unknown,
			      nexthop);
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
 * src), to target's solicited-node group (RFC 4861), with the source's
 * link-layer option.  0 or -1.
 */
static __always_inline int xovn_nd_write_ns(struct __sk_buff *skb, const __u8 *mac,
					    const __u8 *src, const __u8 *target)
{
	struct in6_addr group;
	__u8 group_mac[ETH_ALEN];

	xovn_solicited_node(target, &group, group_mac);
	return xovn_nd_write(skb, group_mac, mac, src, &group, XOVN_ICMP6_NS, 0, target,
			     XOVN_ND_OPT_SLL);
}

#endif /* XOVN_BPF_NEIGH_SOLICIT_H */
