/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat_tuple.h - the connection a routed IPv4 packet belongs to, as NAT
 * sees it: addresses, ports (the identifier for ICMP echo) and protocol,
 * and where the fields and checksums NAT rewrites sit.
 *
 * An ICMP error (destination unreachable, time exceeded, parameter
 * problem) belongs to the connection of the packet it quotes: its tuple is
 * the quoted one reversed, the direction the error travels in.  A
 * fragment after the first, or a protocol without ports, is known by its
 * addresses only (ports 0).
 */
#ifndef XOVN_BPF_NAT_TUPLE_H
#define XOVN_BPF_NAT_TUPLE_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "eth.h"
#include "l3.h"
#include "xovn_maps.h"

enum xovn_nat_kind {
	XOVN_NATK_ADDR = 0,   /* addresses only */
	XOVN_NATK_PORTS,      /* TCP or UDP: ports at l4_off, l4_off + 2 */
	XOVN_NATK_ECHO,       /* ICMP echo request / reply: identifier at l4_off + 4 */
	XOVN_NATK_ERROR,      /* ICMP error: the quoted packet at in_ip_off */
};

#define XOVN_ICMP_DEST_UNREACH   3
#define XOVN_ICMP_TIME_EXCEED    11
#define XOVN_ICMP_PARAM_PROB     12
#define XOVN_ICMP_ECHO_REQ       8
#define XOVN_ICMP_ECHO_REP       0
#define XOVN_TCP_FIN             0x01
#define XOVN_TCP_RST             0x04
#define XOVN_IP4_FRAG_OFFSET     0x1fff

/*
 * NAT reads its fields with the helper: the offsets depend on the headers
 * before them, and the compiler would otherwise keep skb->data and
 * skb->data_end as pointers the verifier refuses.
 */
static __always_inline int xovn_nat_load(struct __sk_buff *skb, __u32 off, void *to, __u32 len)
{
	return bpf_skb_load_bytes(skb, off, to, len) < 0 ? -1 : 0;
}

struct xovn_nat_pkt {
	struct xovn_nat_ct_key key;
	__u32 l4_off;
	__u32 csum_off;       /* the checksum NAT keeps right (ICMP's for an error); 0 = none */
	__u32 in_ip_off;      /* ICMP error: the quoted IP header */
	__u32 in_l4_off;      /* ICMP error: the quoted transport header */
	__u8 kind;            /* XOVN_NATK_* */
	__u8 pseudo;          /* csum_off covers the addresses (TCP, UDP) */
	__u8 mangled0;        /* UDP: a checksum that comes out 0 is sent as 0xffff */
	__u8 tcp_flags;
};

/* Ports of a TCP / UDP header, or the identifier of an ICMP echo; 0 or -1. */
static __always_inline int xovn_nat_ports(struct __sk_buff *skb, __u32 off, __u8 proto,
					  __u16 *sport, __u16 *dport)
{
	__u8 h[8];

	if (xovn_nat_load(skb, off, h, sizeof(h)))
		return -1;
	if (proto == IPPROTO_ICMP) {
		if (h[0] != XOVN_ICMP_ECHO_REQ && h[0] != XOVN_ICMP_ECHO_REP)
			return -1;
		__builtin_memcpy(sport, h + 4, 2);
		*dport = *sport;
		return 0;
	}
	__builtin_memcpy(sport, h, 2);
	__builtin_memcpy(dport, h + 2, 2);
	return 0;
}

/* The quoted packet of an ICMP error, its tuple reversed into p->key. */
static __always_inline int xovn_nat_parse_error(struct __sk_buff *skb, struct xovn_nat_pkt *p)
{
	struct iphdr in;

	p->in_ip_off = p->l4_off + 8;
	if (xovn_nat_load(skb, p->in_ip_off, &in, sizeof(in)) || in.version != 4 || in.ihl < 5)
		return -1;
	if (in.protocol != IPPROTO_TCP && in.protocol != IPPROTO_UDP &&
	    in.protocol != IPPROTO_ICMP)
		return -1;
	p->in_l4_off = p->in_ip_off + in.ihl * 4;
	if (xovn_nat_ports(skb, p->in_l4_off, in.protocol, &p->key.dport, &p->key.sport))
		return -1;
	p->key.src = in.daddr;
	p->key.dst = in.saddr;
	p->key.proto = in.protocol;
	p->kind = XOVN_NATK_ERROR;
	p->csum_off = p->l4_off + 2;
	return 0;
}

static __always_inline int xovn_nat_parse_icmp(struct __sk_buff *skb, struct xovn_nat_pkt *p)
{
	__u8 type;

	if (xovn_nat_load(skb, p->l4_off, &type, 1))
		return -1;
	if (type == XOVN_ICMP_DEST_UNREACH || type == XOVN_ICMP_TIME_EXCEED ||
	    type == XOVN_ICMP_PARAM_PROB)
		return xovn_nat_parse_error(skb, p);
	if (xovn_nat_ports(skb, p->l4_off, IPPROTO_ICMP, &p->key.sport, &p->key.dport))
		return 0;   /* another ICMP message: by its addresses */
	p->kind = XOVN_NATK_ECHO;
	p->csum_off = p->l4_off + 2;
	return 0;
}

static __always_inline int xovn_nat_parse_ports(struct __sk_buff *skb, struct xovn_nat_pkt *p)
{
	__u8 proto = p->key.proto;
	__u16 csum = 0;

	if (xovn_nat_ports(skb, p->l4_off, proto, &p->key.sport, &p->key.dport))
		return -1;
	p->kind = XOVN_NATK_PORTS;
	p->pseudo = 1;
	if (proto == IPPROTO_TCP) {
		p->csum_off = p->l4_off + 16;
		return xovn_nat_load(skb, p->l4_off + 13, &p->tcp_flags, 1);
	}
	/* A UDP checksum of 0 means none: it stays 0. */
	if (xovn_nat_load(skb, p->l4_off + 6, &csum, 2))
		return -1;
	p->csum_off = csum ? p->l4_off + 6 : 0;
	p->mangled0 = 1;
	return 0;
}

/*
 * The tuple of the IPv4 packet l3 describes, seen by router rtr_key; 0, or
 * -1 for a truncated header (or an ICMP error quoting too little).
 */
static __always_inline int xovn_nat_parse(struct __sk_buff *skb, const struct xovn_l3 *l3,
					  __u32 rtr_key, struct xovn_nat_pkt *p)
{
	__be16 frag;

	__builtin_memset(p, 0, sizeof(*p));
	p->key.rtr_key = rtr_key;
	__builtin_memcpy(&p->key.src, l3->src, 4);
	__builtin_memcpy(&p->key.dst, l3->dst, 4);
	p->key.proto = l3->proto;
	p->l4_off = l3->l4_off;
	if (xovn_nat_load(skb, ETH_HLEN + 6, &frag, sizeof(frag)))
		return -1;
	if (frag & bpf_htons(XOVN_IP4_FRAG_OFFSET))
		return 0;
	if (l3->proto == IPPROTO_TCP || l3->proto == IPPROTO_UDP)
		return xovn_nat_parse_ports(skb, p);
	if (l3->proto == IPPROTO_ICMP)
		return xovn_nat_parse_icmp(skb, p);
	return 0;
}

#endif /* XOVN_BPF_NAT_TUPLE_H */
