/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * mtu.h - a routed packet too big for the tunnel: ICMP "fragmentation
 * needed" (type 3 code 4) or ICMPv6 "packet too big" (type 2) back to its
 * sender, with the MTU left for the inner packet (underlay MTU minus the
 * Geneve overhead), as ovn-northd's gateway_mtu flows (check_pkt_larger,
 * icmp4_error / icmp6_error) do.
 *
 * Like OVN, the IPv4 error does not look at DF: a sender that did not set
 * it learns the path MTU all the same and fragments itself, which is the
 * only way such a packet can cross (the datapath cannot fragment).
 *
 * The error comes from the port the packet entered its first router by
 * (its first address of the family), from that port's MAC to the sender's,
 * straight back out the interface the packet came in on with its tag (a
 * routed frame always came from a local interface).  It quotes as much of
 * the packet as fits in 576 bytes (IPv4, RFC 1812 4.3.2.3) or 1280 bytes
 * (IPv6, RFC 4443 2.4); no error is sent about an ICMP error.
 *
 * Switched traffic gets nothing, as in OVN (whose checks live in the
 * router pipeline only): a frame too big for the tunnel that no router
 * handled stays a counted drop (XOVN_DROP_MTU).  Sent errors are counted
 * as XOVN_DROP_MTU_ICMP: the packet itself is gone.
 */
#ifndef XOVN_BPF_MTU_H
#define XOVN_BPF_MTU_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "icmp.h"
#include "icmp6.h"
#include "ipv4.h"
#include "l3.h"
#include "maps.h"
#include "router_scratch.h"
#include "router_trace.h"
#include "trace.h"
#include "vlan.h"

#define XOVN_ICMP_DEST_UNREACH   3
#define XOVN_ICMP_FRAG_NEEDED    4
#define XOVN_ICMP6_PKT_TOO_BIG   2
#define XOVN_ICMP4_ERROR_MAX     576
#define XOVN_ICMP6_ERROR_MAX     1280
#define XOVN_ICMP_HDR_LEN        8
/* The longest quote: an IPv6 error of 1280 bytes less its headers. */
#define XOVN_MTU_QUOTE_MAX       (XOVN_ICMP6_ERROR_MAX - 40 - XOVN_ICMP_HDR_LEN)

/*
 * What the error is built in: the ICMP header and the quote next to each
 * other, so that one bpf_csum_diff covers the message (4 spare bytes keep
 * the rounding up to its 4-byte unit zero).
 */
struct xovn_mtu_scratch {
	struct xovn_l3 l3;
	struct xovn_rport_key rk;
	struct ethhdr eth;
	__u16 pad;
	union {
		struct iphdr ip;
		struct ipv6hdr ip6;
	};
	struct {
		__u8 saddr[16], daddr[16];
		__be32 len, next;
	} pseudo;
	__u8 msg[XOVN_ICMP_HDR_LEN + XOVN_MTU_QUOTE_MAX + 4] __attribute__((aligned(4)));
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xovn_mtu_scratch);
} xovn_mtu_scratch SEC(".maps");

/*
 * n, with a bound the verifier sees (the compiler would otherwise drop a
 * comparison it knows to hold): at most XOVN_MTU_QUOTE_MAX.
 */
static __always_inline __u32 xovn_mtu_quote_bound(__u32 n)
{
	asm volatile("if %0 <= %1 goto +1; %0 = %1" : "+r"(n) : "i"(XOVN_MTU_QUOTE_MAX));
	return n;
}

/* Copies the first qlen bytes of the IP packet behind the ICMP header. 0 or -1. */
static __always_inline int xovn_mtu_quote(struct __sk_buff *skb, struct xovn_mtu_scratch *sc,
					  __u32 qlen)
{
	__u32 word = (XOVN_ICMP_HDR_LEN + qlen) & ~3u;

	if (qlen < 1 || word > XOVN_ICMP_HDR_LEN + XOVN_MTU_QUOTE_MAX)
		return -1;
	*(__u32 *)&sc->msg[word] = 0;
	return bpf_skb_load_bytes(skb, ETH_HLEN, &sc->msg[XOVN_ICMP_HDR_LEN], qlen) < 0 ? -1 : 0;
}

/*
 * The ICMP header (type, code, rest) in front of the quote, and the
 * checksum of the msg_len bytes of message on seed (the pseudo-header's
 * sum for ICMPv6, memory order as bpf_csum_diff gives it).  0 or -1.
 */
static __always_inline int xovn_mtu_finish_msg(struct xovn_mtu_scratch *sc, __u8 type, __u8 code,
					       __be32 rest, __u32 msg_len, __s64 seed)
{
	struct xovn_icmp_hdr *h = (struct xovn_icmp_hdr *)sc->msg;
	__u32 words = (msg_len + 3) & ~3u;
	__s64 sum;

	h->type = type;
	h->code = code;
	h->cksum = 0;
	h->rest = rest;
	if (seed < 0 || words > sizeof(sc->msg))
		return -1;
	sum = bpf_csum_diff(0, 0, (__be32 *)sc->msg, words, (__u32)seed);
	if (sum < 0)
		return -1;
	h->cksum = xovn_csum_fold((__u64)sum);
	return 0;
}

/* IPv4 header and ICMP "fragmentation needed" from src; qlen bytes quoted.  0 or -1. */
static __always_inline int xovn_mtu_build4(struct xovn_mtu_scratch *sc, __u32 src, __u32 qlen,
					   __u32 mtu)
{
	__builtin_memset(&sc->ip, 0, sizeof(sc->ip));
	sc->ip.version = 4;
	sc->ip.ihl = 5;
	sc->ip.tot_len = bpf_htons(sizeof(sc->ip) + XOVN_ICMP_HDR_LEN + qlen);
	sc->ip.ttl = XOVN_REPLY_TTL;
	sc->ip.protocol = IPPROTO_ICMP;
	sc->ip.saddr = src;
	__builtin_memcpy(&sc->ip.daddr, sc->l3.src, 4);
	xovn_ipv4_set_csum(&sc->ip);
	return xovn_mtu_finish_msg(sc, XOVN_ICMP_DEST_UNREACH, XOVN_ICMP_FRAG_NEEDED,
				   bpf_htonl(mtu & 0xffff), XOVN_ICMP_HDR_LEN + qlen, 0);
}

/* IPv6 header and ICMPv6 "packet too big" from src; qlen bytes quoted.  0 or -1. */
static __always_inline int xovn_mtu_build6(struct xovn_mtu_scratch *sc, const __u8 *src,
					   __u32 qlen, __u32 mtu)
{
	__u32 len = XOVN_ICMP_HDR_LEN + qlen;

	__builtin_memset(&sc->ip6, 0, sizeof(sc->ip6));
	sc->ip6.version = 6;
	sc->ip6.payload_len = bpf_htons(len);
	sc->ip6.nexthdr = IPPROTO_ICMPV6;
	sc->ip6.hop_limit = XOVN_REPLY_TTL;
	__builtin_memcpy(sc->ip6.saddr.in6_u.u6_addr8, src, 16);
	__builtin_memcpy(sc->ip6.daddr.in6_u.u6_addr8, sc->l3.src, 16);
	__builtin_memcpy(sc->pseudo.saddr, src, 16);
	__builtin_memcpy(sc->pseudo.daddr, sc->l3.src, 16);
	sc->pseudo.len = bpf_htonl(len);
	sc->pseudo.next = bpf_htonl(IPPROTO_ICMPV6);
	return xovn_mtu_finish_msg(sc, XOVN_ICMP6_PKT_TOO_BIG, 0, bpf_htonl(mtu), len,
				   bpf_csum_diff(0, 0, (__be32 *)&sc->pseudo, sizeof(sc->pseudo), 0));
}

/* Replaces the frame with Ethernet, the IP header of iplen bytes and the message. 0 or -1. */
static __always_inline int xovn_mtu_write(struct __sk_buff *skb, struct xovn_mtu_scratch *sc,
					  __u32 iplen, __u32 qlen)
{
	__u32 msg_len = XOVN_ICMP_HDR_LEN + xovn_mtu_quote_bound(qlen);

	if (bpf_skb_change_tail(skb, ETH_HLEN + iplen + msg_len, 0) < 0 ||
	    bpf_skb_store_bytes(skb, 0, &sc->eth, ETH_HLEN, 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &sc->ip, iplen == 20 ? 20 : 40, 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN + iplen, sc->msg, msg_len, 0) < 0)
		return -1;
	return 0;
}

/* Builds the error for the packet in skb from port rp.  0, or -1: nothing to send. */
static __always_inline int xovn_mtu_error(struct __sk_buff *skb, struct xovn_mtu_scratch *sc,
					  const struct xovn_rport_val *rp, __u32 mtu)
{
	__u32 is4 = sc->l3.family == XOVN_AF_IPV4;
	__u32 max = (is4 ? XOVN_ICMP4_ERROR_MAX - 20 : XOVN_ICMP6_ERROR_MAX - 40) -
		    XOVN_ICMP_HDR_LEN;
	__u32 qlen = skb->len - ETH_HLEN;

	if (skb->len <= ETH_HLEN || xovn_icmp_is_error(skb, &sc->l3))
		return -1;
	qlen = xovn_mtu_quote_bound(qlen < max ? qlen : max);
	if (xovn_mtu_quote(skb, sc, qlen))
		return -1;
	if (is4) {
		if (!rp->ip4 || xovn_mtu_build4(sc, rp->ip4, qlen, mtu))
			return -1;
		return xovn_mtu_write(skb, sc, sizeof(sc->ip), qlen);
	}
	if (xovn_ip_is_zero(rp->ip6) || xovn_mtu_build6(sc, rp->ip6, qlen, mtu))
		return -1;
	return xovn_mtu_write(skb, sc, sizeof(sc->ip6), qlen);
}

/* The error goes straight back out the interface the packet arrived on. */
static __always_inline int xovn_mtu_send_back(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      __u32 len)
{
	__u32 ifindex = skb->ingress_ifindex;

	if (ctx->tr)
		ctx->tr->n_out = 0;  /* the tunnel copy it was going to be never left */
	xovn_trace_action(ctx, XOVN_ACT_DELIVER, 0);
	xovn_trace_out(ctx, XOVN_OUT_LOCAL, ifindex, 0, 0, ctx->in_vid);
	xovn_router_count_replaced(ctx, XOVN_DROP_MTU_ICMP, len);
	if (ctx->trace)
		return TC_ACT_REDIRECT;
	if (xovn_vlan_push(skb, ctx->in_vid))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	return bpf_redirect(ifindex, 0);
}

/*
 * The packet's addresses and protocol into sc->l3, read into the scratch
 * rather than onto the stack (this runs at the end of the deepest path).
 * IPv6 extension headers are not walked: only their absence makes an
 * ICMPv6 error recognisable.  0 or -1.
 */
static __always_inline int xovn_mtu_load_l3(struct __sk_buff *skb, struct xovn_mtu_scratch *sc)
{
	struct xovn_l3 *l3 = &sc->l3;

	__builtin_memset(l3, 0, sizeof(*l3));
	if (sc->eth.h_proto == bpf_htons(ETH_P_IP)) {
		if (bpf_skb_load_bytes(skb, ETH_HLEN, &sc->ip, sizeof(sc->ip)) < 0 ||
		    sc->ip.ihl < 5)
			return -1;
		__builtin_memcpy(l3->src, &sc->ip.saddr, 4);
		l3->family = XOVN_AF_IPV4;
		l3->proto = sc->ip.protocol;
		l3->l4_off = ETH_HLEN + sc->ip.ihl * 4;
		return 0;
	}
	if (sc->eth.h_proto != bpf_htons(ETH_P_IPV6) ||
	    bpf_skb_load_bytes(skb, ETH_HLEN, &sc->ip6, sizeof(sc->ip6)) < 0)
		return -1;
	__builtin_memcpy(l3->src, sc->ip6.saddr.in6_u.u6_addr8, 16);
	l3->family = XOVN_AF_IPV6;
	l3->proto = sc->ip6.nexthdr;
	l3->l4_off = ETH_HLEN + sizeof(sc->ip6);
	return 0;
}

/*
 * The frame does not fit the tunnel once encapsulated: the ICMP error to
 * its sender when a router handled it, else a counted drop.  Returns the
 * TC verdict.
 */
static __noinline int xovn_mtu_exceeded(struct __sk_buff *skb, struct xovn_ctx *ctx,
					__u32 underlay_mtu)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();
	const struct xovn_rport_val *rp;
	struct xovn_mtu_scratch *sc;
	__u32 zero = 0, len = skb->len;

	sc = bpf_map_lookup_elem(&xovn_mtu_scratch, &zero);
	if (!ctx->routed || !s || !sc || underlay_mtu <= XOVN_ENCAP_OVERHEAD)
		return xovn_drop(skb, ctx, XOVN_DROP_MTU);
	sc->rk.rtr_key = s->first.rtr_key;
	sc->rk.lrp_key = s->first.lrp_key;
	sc->rk.pad = 0;
	rp = bpf_map_lookup_elem(&xovn_rports, &sc->rk);
	if (!rp || bpf_skb_load_bytes(skb, 0, &sc->eth, sizeof(sc->eth)) < 0 ||
	    xovn_mtu_load_l3(skb, sc))
		return xovn_drop(skb, ctx, XOVN_DROP_MTU);
	__builtin_memcpy(sc->eth.h_dest, s->first_src, ETH_ALEN);
	__builtin_memcpy(sc->eth.h_source, rp->mac, ETH_ALEN);
	if (xovn_mtu_error(skb, sc, rp, underlay_mtu - XOVN_ENCAP_OVERHEAD))
		return xovn_drop(skb, ctx, XOVN_DROP_MTU);
	return xovn_mtu_send_back(skb, ctx, len);
}

#endif /* XOVN_BPF_MTU_H */
