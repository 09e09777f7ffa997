/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * flow_hash.h - the hash of an inner flow, which picks the outer UDP source
 * port of its Geneve packets (entropy for ECMP and RSS in the underlay; one
 * flow keeps one port, so it is never reordered).
 *
 * skb->hash when the stack set one (local sockets do, so do NICs with RSS):
 * reading it is free.  Otherwise, for IPv4, the addresses, the protocol and
 * the ports are read in place and mixed here, a few ALU instructions where
 * bpf_get_hash_recalc() would run the kernel's flow dissector; the
 * dissector is left for the rest (IPv6, ARP, headers beyond the linear
 * head).
 */
#ifndef XOVN_BPF_FLOW_HASH_H
#define XOVN_BPF_FLOW_HASH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "ipv4.h"

/* The 32-bit finalizer of MurmurHash3: every input bit moves every output bit. */
static __always_inline __u32 xovn_hash_mix(__u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static __always_inline __u32 xovn_rotl32(__u32 x, unsigned int n)
{
	return x << n | x >> (32 - n);
}

static __always_inline int xovn_ip_proto_has_ports(__u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP;
}

/*
 * Addresses, protocol and ports of the IPv4 frame, read in place (no
 * copy on the stack, which the encapsulation fills); 0 when the headers
 * are not all in the linear head.
 */
static __always_inline __u32 xovn_flow_hash_ipv4(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct iphdr *ip = data + ETH_HLEN;
	__u32 ports = 0, l4_off;
	__be32 *l4;

	if ((void *)(ip + 1) > end || ip->version != 4 || ip->ihl < 5)
		return 0;
	/* Later fragments carry no ports: the first must hash the same way. */
	if (xovn_ip_proto_has_ports(ip->protocol) && !xovn_ipv4_is_fragment(ip)) {
		l4_off = ETH_HLEN + ip->ihl * 4;
		l4 = data + l4_off;
		if ((void *)(l4 + 1) > end)
			return 0;
		ports = *l4;
	}
	/*
	 * One mix of the folded fields: the multiply spreads the ports, the
	 * rotation keeps the two addresses' halves apart, and the single mix
	 * at the end moves every bit (three chained mixes cost ~10 ns more
	 * on a path of ~300).
	 */
	return xovn_hash_mix(ip->saddr ^ xovn_rotl32(ip->daddr, 16) ^ ports * 0x9e3779b1 ^
			     ip->protocol);
}

/* The flow hash of a frame whose Ethernet type is h_proto (network order). */
static __always_inline __u32 xovn_flow_hash(struct __sk_buff *skb, __be16 h_proto)
{
	__u32 hash = skb->hash;

	if (hash)
		return hash;
	if (h_proto == bpf_htons(ETH_P_IP))
		hash = xovn_flow_hash_ipv4(skb);
	return hash ? hash : bpf_get_hash_recalc(skb);
}

#endif /* XOVN_BPF_FLOW_HASH_H */
