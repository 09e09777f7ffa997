/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat_rewrite.h - turning a packet's tuple into its translation, with
 * every checksum updated incrementally: the IPv4 header's, TCP's and UDP's
 * (their pseudo-header holds the addresses; a UDP checksum of 0 stays 0),
 * ICMP echo's (the identifier is the port).
 *
 * Translation comes in two halves, as in OVN's pipeline: the destination
 * on router ingress (DNAT, un-SNAT), the source after the route decision
 * (SNAT, un-DNAT).  An ICMP error is translated whole on ingress: its
 * outer addresses like any packet's, and inside it the quoted packet,
 * which travels the other way, so its source takes the translation's
 * destination and the other way round; the quoted headers' checksums are
 * updated too, and the ICMP checksum over all of them.
 */
#ifndef XOVN_BPF_NAT_REWRITE_H
#define XOVN_BPF_NAT_REWRITE_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include "nat_tuple.h"

#define XOVN_IP4_SRC_OFF  (ETH_HLEN + 12)
#define XOVN_IP4_DST_OFF  (ETH_HLEN + 16)
#define XOVN_IP4_CSUM_OFF (ETH_HLEN + 10)

/* The checksum at p->csum_off after a field of size bytes changed; pseudo: an address. */
static __always_inline int xovn_nat_l4_csum(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					    __u32 old, __u32 new, __u64 size, int pseudo)
{
	__u64 flags = size;

	if (!p->csum_off || (pseudo && !p->pseudo))
		return 0;
	if (pseudo)
		flags |= BPF_F_PSEUDO_HDR;
	if (p->mangled0)
		flags |= BPF_F_MARK_MANGLED_0;
	return bpf_l4_csum_replace(skb, p->csum_off, old, new, flags) < 0 ? -1 : 0;
}

static __always_inline int xovn_nat_set_addr(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					     __u32 off, __be32 old, __be32 new)
{
	if (old == new)
		return 0;
	if (bpf_l3_csum_replace(skb, XOVN_IP4_CSUM_OFF, old, new, 4) < 0 ||
	    xovn_nat_l4_csum(skb, p, old, new, 4, 1) ||
	    bpf_skb_store_bytes(skb, off, &new, 4, 0) < 0)
		return -1;
	return 0;
}

/* A port (TCP / UDP), or the identifier of an ICMP echo (at off either way). */
static __always_inline int xovn_nat_set_port(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					     __u32 off, __be16 old, __be16 new)
{
	if (old == new)
		return 0;
	if (xovn_nat_l4_csum(skb, p, old, new, 2, 0) ||
	    bpf_skb_store_bytes(skb, off, &new, 2, 0) < 0)
		return -1;
	return 0;
}

/* ---- inside an ICMP error ---------------------------------------------------- */

/* A field of the quoted packet, and the ICMP checksum over it. */
static __always_inline int xovn_nat_quote_set(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					      __u32 off, __u32 old, __u32 new, __u32 size)
{
	if (bpf_l4_csum_replace(skb, p->csum_off, old, new, size) < 0)
		return -1;
	return bpf_skb_store_bytes(skb, off, &new, size, 0) < 0 ? -1 : 0;
}

/*
 * A checksum of the quoted packet at off after one of its fields changed
 * (old -> new, size bytes), and the ICMP checksum over that checksum.  A
 * checksum beyond the quote is left alone, as is a UDP checksum of 0.
 */
static __always_inline int xovn_nat_quote_csum(struct __sk_buff *skb,
					       const struct xovn_nat_pkt *p, __u32 off,
					       __u32 old, __u32 new, __u32 size)
{
	__u16 before, after;

	if (off + 2 > skb->len || xovn_nat_load(skb, off, &before, 2))
		return 0;
	if (!before && p->key.proto == IPPROTO_UDP)
		return 0;
	if (bpf_l3_csum_replace(skb, off, old, new, size) < 0 ||
	    xovn_nat_load(skb, off, &after, 2))
		return -1;
	if (!after && p->key.proto == IPPROTO_UDP) {
		after = 0xffff;
		if (bpf_skb_store_bytes(skb, off, &after, 2, 0) < 0)
			return -1;
	}
	return bpf_l4_csum_replace(skb, p->csum_off, before, after, 2) < 0 ? -1 : 0;
}

/* Where the quoted packet's transport checksum sits. */
static __always_inline __u32 xovn_nat_quote_l4_csum_off(const struct xovn_nat_pkt *p)
{
	if (p->key.proto == IPPROTO_TCP)
		return p->in_l4_off + 16;
	if (p->key.proto == IPPROTO_UDP)
		return p->in_l4_off + 6;
	return p->in_l4_off + 2;
}

static __always_inline int xovn_nat_quote_addr(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					       __u32 off, __be32 old, __be32 new)
{
	if (old == new)
		return 0;
	if (xovn_nat_quote_set(skb, p, off, old, new, 4) ||
	    xovn_nat_quote_csum(skb, p, p->in_ip_off + 10, old, new, 4))
		return -1;
	if (p->key.proto == IPPROTO_ICMP)   /* no pseudo-header */
		return 0;
	return xovn_nat_quote_csum(skb, p, xovn_nat_quote_l4_csum_off(p), old, new, 4);
}

static __always_inline int xovn_nat_quote_port(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
					       __u32 off, __be16 old, __be16 new)
{
	if (old == new)
		return 0;
	if (xovn_nat_quote_set(skb, p, off, old, new, 2))
		return -1;
	return xovn_nat_quote_csum(skb, p, xovn_nat_quote_l4_csum_off(p), old, new, 2);
}

/* The quoted packet: its source takes t's destination, its destination t's source. */
static __always_inline int xovn_nat_rewrite_quote(struct __sk_buff *skb,
						  const struct xovn_nat_pkt *p,
						  const struct xovn_nat_ct_val *t)
{
	const struct xovn_nat_ct_key *k = &p->key;

	if (xovn_nat_quote_addr(skb, p, p->in_ip_off + 12, k->dst, t->dst) ||
	    xovn_nat_quote_addr(skb, p, p->in_ip_off + 16, k->src, t->src))
		return -1;
	if (k->proto == IPPROTO_ICMP)
		return xovn_nat_quote_port(skb, p, p->in_l4_off + 4, k->dport, t->dport);
	if (xovn_nat_quote_port(skb, p, p->in_l4_off, k->dport, t->dport) ||
	    xovn_nat_quote_port(skb, p, p->in_l4_off + 2, k->sport, t->sport))
		return -1;
	return 0;
}

/* ---- the two halves ------------------------------------------------------------ */

/* Destination address and port of p as t has them (all of an ICMP error); 0 or -1. */
static __always_inline int xovn_nat_rewrite_dst(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
						const struct xovn_nat_ct_val *t, __be32 outer_src)
{
	if (xovn_nat_set_addr(skb, p, XOVN_IP4_DST_OFF, p->key.dst, t->dst))
		return -1;
	if (p->kind == XOVN_NATK_PORTS)
		return xovn_nat_set_port(skb, p, p->l4_off + 2, p->key.dport, t->dport);
	if (p->kind != XOVN_NATK_ERROR)
		return 0;
	/* The error's own source is translated when it is the quoted destination. */
	if (outer_src == p->key.src &&
	    xovn_nat_set_addr(skb, p, XOVN_IP4_SRC_OFF, p->key.src, t->src))
		return -1;
	return xovn_nat_rewrite_quote(skb, p, t);
}

/* Source address and port of p as t has them; an ICMP error was done whole. */
static __always_inline int xovn_nat_rewrite_src(struct __sk_buff *skb, const struct xovn_nat_pkt *p,
						const struct xovn_nat_ct_val *t)
{
	if (p->kind == XOVN_NATK_ERROR)
		return 0;
	if (xovn_nat_set_addr(skb, p, XOVN_IP4_SRC_OFF, p->key.src, t->src))
		return -1;
	if (p->kind == XOVN_NATK_PORTS)
		return xovn_nat_set_port(skb, p, p->l4_off, p->key.sport, t->sport);
	if (p->kind == XOVN_NATK_ECHO)
		return xovn_nat_set_port(skb, p, p->l4_off + 4, p->key.sport, t->sport);
	return 0;
}

#endif /* XOVN_BPF_NAT_REWRITE_H */
