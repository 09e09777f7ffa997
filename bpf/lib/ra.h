/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ra.h - IPv6 router advertisements (ovn-nb ipv6_ra_configs): a router
 * solicitation from a local port is answered on its chassis with the
 * switch's advertisement (xovn_ra), never flooded nor tunneled, as
 * ovn-northd's nd_rs flows do (put_nd_ra_opts, then back out the port it
 * came in by).
 *
 * A solicitation is ICMPv6 type 133 code 0 with hop limit 255 to ff02::2
 * (eth.dst 33:33:00:00:00:02), without extension headers.  The compiler
 * builds the advertisement up to its checksum; here it gets its IPv6
 * header, from the router port's link-local address to the soliciting
 * address (ff02::1 when that is unspecified, as OVN does), to the
 * soliciting MAC, and its checksum.  On a switch without an entry the
 * solicitation is switched like any multicast.
 */
#ifndef XOVN_BPF_RA_H
#define XOVN_BPF_RA_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "csum.h"
#include "eth.h"
#include "maps.h"
#include "nd.h"
#include "responder.h"

#define XOVN_ICMP6_RS 133
#define XOVN_RA_OFF   (ETH_HLEN + 40)

enum xovn_ra_outcome {
	XOVN_RA_PASS = 0,     /* no solicitation, or no advertisement for this switch */
	XOVN_RA_REPLIED = 1,  /* the frame is now the advertisement */
	XOVN_RA_FAILED = 2,   /* a helper failed half way: drop it */
};

/* What the stage works in, off the pipeline's stack (as dhcp6.h does). */
struct xovn_ra_scratch {
	struct ipv6hdr ip6;       /* the solicitation's, then the advertisement's */
	struct ethhdr eth;
	__u8 icmp[2];             /* the solicitation's type and code */
	struct {
		__u8 saddr[16], daddr[16];
		__be32 len, next;
	} pseudo;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xovn_ra_scratch);
} xovn_ra_scratch SEC(".maps");

/* 33:33:00:00:00:02, the all-routers group's MAC. */
static __always_inline int xovn_ra_to_all_routers(const __u8 *dst)
{
	return dst[0] == 0x33 && dst[1] == 0x33 && !(dst[2] | dst[3] | dst[4]) && dst[5] == 2;
}

static __always_inline int xovn_ra_is_solicitation(struct __sk_buff *skb,
						   struct xovn_ra_scratch *sc)
{
	const __u32 *d = sc->ip6.daddr.in6_u.u6_addr32;

	if (bpf_skb_load_bytes(skb, ETH_HLEN, &sc->ip6, sizeof(sc->ip6)) < 0 ||
	    bpf_skb_load_bytes(skb, XOVN_RA_OFF, sc->icmp, sizeof(sc->icmp)) < 0)
		return 0;
	return sc->ip6.version == 6 && sc->ip6.nexthdr == IPPROTO_ICMPV6 &&
	       sc->ip6.hop_limit == 255 && d[0] == bpf_htonl(0xff020000) && !d[1] && !d[2] &&
	       d[3] == bpf_htonl(2) && sc->icmp[0] == XOVN_ICMP6_RS && sc->icmp[1] == 0;
}

/* len clamped to 16..XOVN_RA_MSG_MAX where the verifier sees it (the caller checked it). */
static __always_inline __u32 xovn_ra_bound(__u32 len)
{
	asm volatile("if %0 >= 16 goto +1; %0 = 16; if %0 <= %1 goto +1; %0 = %1"
		     : "+r"(len) : "i"(XOVN_RA_MSG_MAX));
	return len;
}

/* The advertisement's Ethernet and IPv6 headers and its checksum's pseudo-header. */
static __always_inline void xovn_ra_headers(struct xovn_ra_scratch *sc,
					    const struct xovn_ra_val *v, __u32 len)
{
	__builtin_memcpy(sc->eth.h_dest, sc->eth.h_source, ETH_ALEN);
	__builtin_memcpy(sc->eth.h_source, v->mac, ETH_ALEN);
	if (xovn_ip6_is_unspecified(&sc->ip6.saddr)) {
		__builtin_memset(&sc->ip6.saddr, 0, 16);
		sc->ip6.saddr.in6_u.u6_addr32[0] = bpf_htonl(0xff020000);
		sc->ip6.saddr.in6_u.u6_addr32[3] = bpf_htonl(1);
	}
	sc->ip6.daddr = sc->ip6.saddr;
	__builtin_memcpy(&sc->ip6.saddr, v->src, 16);
	sc->ip6.priority = 0;
	__builtin_memset(sc->ip6.flow_lbl, 0, sizeof(sc->ip6.flow_lbl));
	sc->ip6.payload_len = bpf_htons(len);
	__builtin_memcpy(sc->pseudo.saddr, v->src, 16);
	__builtin_memcpy(sc->pseudo.daddr, &sc->ip6.daddr, 16);
	sc->pseudo.len = bpf_htonl(len);
	sc->pseudo.next = bpf_htonl(IPPROTO_ICMPV6);
}

/* Replaces the solicitation with the advertisement v.  0 or -1. */
static __always_inline int xovn_ra_write(struct __sk_buff *skb, struct xovn_ra_scratch *sc,
					 const struct xovn_ra_val *v)
{
	__u32 len = v->len;
	__s64 sum;
	__u16 csum;

	if (len < 16 || len > XOVN_RA_MSG_MAX)
		return -1;
	len = xovn_ra_bound(len);
	xovn_ra_headers(sc, v, len);
	sum = bpf_csum_diff(0, 0, (__be32 *)&sc->pseudo, sizeof(sc->pseudo), 0);
	if (sum >= 0)
		sum = bpf_csum_diff(0, 0, (__be32 *)v->msg, len, (__u32)sum);
	if (sum < 0)
		return -1;
	csum = xovn_csum_fold((__u64)sum);
	if (bpf_skb_change_tail(skb, XOVN_RA_OFF + len, 0) < 0 ||
	    bpf_skb_store_bytes(skb, 0, &sc->eth, ETH_HLEN, 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &sc->ip6, sizeof(sc->ip6), 0) < 0 ||
	    bpf_skb_store_bytes(skb, XOVN_RA_OFF, v->msg, len, 0) < 0 ||
	    bpf_skb_store_bytes(skb, XOVN_RA_OFF + 2, &csum, sizeof(csum), 0) < 0)
		return -1;
	return 0;
}

/*
 * The router solicitation stage of switch dp_key: a global function,
 * checked once by the verifier with a stack of its own.  Returns enum
 * xovn_ra_outcome.
 */
__attribute__((noinline)) int xovn_ra_reply(struct __sk_buff *skb, __u32 dp_key)
{
	const struct xovn_ra_val *v;
	struct xovn_ra_scratch *sc;
	__u32 zero = 0;

	sc = bpf_map_lookup_elem(&xovn_ra_scratch, &zero);
	if (!skb || !sc || !xovn_ra_is_solicitation(skb, sc))
		return XOVN_RA_PASS;
	v = bpf_map_lookup_elem(&xovn_ra, &dp_key);
	if (!v)
		return XOVN_RA_PASS;
	if (bpf_skb_load_bytes(skb, 0, &sc->eth, sizeof(sc->eth)) < 0 || xovn_ra_write(skb, sc, v))
		return XOVN_RA_FAILED;
	return XOVN_RA_REPLIED;
}

/*
 * Answers a router solicitation from a local port when its switch
 * advertises: the TC verdict then, else XOVN_NOT_ANSWERED.
 */
static __always_inline int xovn_ra_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					   const struct xovn_eth *eth)
{
	int outcome;

	if (eth->proto != ETH_P_IPV6 || ctx->origin != XOVN_ORIGIN_LOCAL ||
	    !xovn_ra_to_all_routers(eth->dst))
		return XOVN_NOT_ANSWERED;
	outcome = xovn_ra_reply(skb, ctx->dp_key);
	if (outcome == XOVN_RA_FAILED)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (outcome != XOVN_RA_REPLIED)
		return XOVN_NOT_ANSWERED;
	return xovn_send_back(skb, ctx, XOVN_ACT_ARP_REPLY, 0);
}

#endif /* XOVN_BPF_RA_H */
