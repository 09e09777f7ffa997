/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * l3.h - the IP header of a frame a router handles, in one shape for both
 * families: addresses as 16 bytes (IPv4 in the first 4, network order), the
 * TTL / hop limit and where the upper-layer header starts.  Frames reach a
 * router untagged (the ingress tag is removed at admission), so the IP
 * header is at ETH_HLEN.
 */
#ifndef XOVN_BPF_L3_H
#define XOVN_BPF_L3_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "eth.h"
#include "nd.h"
#include "xovn_maps.h"

struct xovn_l3 {
	__u8 src[16];
	__u8 dst[16];
	__u32 family;      /* XOVN_AF_IPV4 / XOVN_AF_IPV6 */
	__u32 l4_off;      /* upper-layer header */
	__u32 l4_end;      /* end of the IP payload */
	__u8 ttl;          /* TTL / hop limit */
	__u8 proto;        /* upper-layer protocol */
	__u8 ihl;          /* IPv4 header length in 32-bit words */
	__u8 pad;
};

static __always_inline int xovn_l3_load4(struct __sk_buff *skb, struct xovn_l3 *l3)
{
	struct iphdr ip;

	if (xovn_pkt_copy(skb, ETH_HLEN, &ip, sizeof(ip)) || ip.version != 4 || ip.ihl < 5)
		return -1;
	__builtin_memset(l3, 0, sizeof(*l3));
	__builtin_memcpy(l3->src, &ip.saddr, 4);
	__builtin_memcpy(l3->dst, &ip.daddr, 4);
	l3->family = XOVN_AF_IPV4;
	l3->l4_off = ETH_HLEN + ip.ihl * 4;
	l3->l4_end = ETH_HLEN + bpf_ntohs(ip.tot_len);
	l3->ttl = ip.ttl;
	l3->proto = ip.protocol;
	l3->ihl = ip.ihl;
	return 0;
}

static __always_inline int xovn_l3_load6(struct __sk_buff *skb, struct xovn_l3 *l3)
{
	struct ipv6hdr ip6;
	struct xovn_l4 l4;

	if (xovn_pkt_copy(skb, ETH_HLEN, &ip6, sizeof(ip6)) || ip6.version != 6 ||
	    xovn_ip6_l4(skb, &ip6, &l4) < 0)
		return -1;
	__builtin_memset(l3, 0, sizeof(*l3));
	__builtin_memcpy(l3->src, ip6.saddr.in6_u.u6_addr8, 16);
	__builtin_memcpy(l3->dst, ip6.daddr.in6_u.u6_addr8, 16);
	l3->family = XOVN_AF_IPV6;
	l3->l4_off = l4.off;
	l3->l4_end = l4.end;
	l3->ttl = ip6.hop_limit;
	l3->proto = l4.proto;
	return 0;
}

/*
 * A multicast or broadcast destination (IPv4 224.0.0.0 and up: multicast,
 * reserved, limited broadcast; IPv6 ff00::/8): never routed.
 */
static __always_inline int xovn_l3_dst_is_group(const struct xovn_l3 *l3)
{
	if (l3->family == XOVN_AF_IPV4)
		return l3->dst[0] >= 224;
	return l3->dst[0] == 0xff;
}

/* Reads the IPv4 or IPv6 header of a frame of ethertype proto; 0 or -1. */
static __always_inline int xovn_l3_load(struct __sk_buff *skb, __u16 proto, struct xovn_l3 *l3)
{
	if (proto == ETH_P_IP)
		return xovn_l3_load4(skb, l3);
	if (proto == ETH_P_IPV6)
		return xovn_l3_load6(skb, l3);
	return -1;
}

#endif /* XOVN_BPF_L3_H */
