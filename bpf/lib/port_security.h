/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * port_security.h - what a port with port_security may send and receive.
 *
 * Ingress: eth.src must be one of the port's MACs; ARP sha and ND
 * link-layer options must be that MAC; if the MAC's entry lists IPs, the
 * IPv4/IPv6 source (ARP spa, NA target) must be one of them, and a family
 * the entry does not list is refused.  Egress: a unicast eth.dst must be one
 * of the port's MACs and, with IPs listed, the IP destination one of them
 * (or broadcast/multicast).
 *
 * Each check is a fixed number of map lookups: the MAC in a hash, the
 * address in a hash of single host addresses keyed by (switch, port, MAC,
 * address, direction) and, only when the MAC's entry lists subnets for that
 * family and direction, in an LPM trie keyed by (switch, port, MAC,
 * address).  A port listing many addresses costs the same as one listing a
 * single address, and hosts never pay for a trie walk, whose cost grows
 * with the trie's size.
 * Callers pass frames whose 802.1Q tag (if any) has been removed.
 */
#ifndef XOVN_BPF_PORT_SECURITY_H
#define XOVN_BPF_PORT_SECURITY_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "arp.h"
#include "context.h"
#include "eth.h"
#include "maps.h"
#include "nd.h"

#define XOVN_DHCP_CLIENT_PORT 68
#define XOVN_DHCP_SERVER_PORT 67

/* Byte-wise: clang does not inline memcmp for BPF. */
static __always_inline int xovn_mac_equal(const __u8 *a, const __u8 *b)
{
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) |
		(a[4] ^ b[4]) | (a[5] ^ b[5])) == 0;
}

static __always_inline void xovn_psec_key(struct xovn_psec_mac_key *k, __u32 dp_key,
					  __u16 port_key, const __u8 *mac)
{
	k->dp_key = dp_key;
	k->port_key = port_key;
	__builtin_memcpy(k->mac, mac, ETH_ALEN);
}

/* One key buffer for the host hash and the subnet trie: same layout, the
 * direction or the prefix length in the first word. */
union xovn_psec_ip4_lookup {
	struct xovn_psec_host4_key host;
	struct xovn_psec_ip4_key net;
};

union xovn_psec_ip6_lookup {
	struct xovn_psec_host6_key host;
	struct xovn_psec_ip6_key net;
};

/*
 * The subnet half of a check: the trie of direction dir, looked at only
 * when flags say the MAC lists subnets there (in_nets for the ingress trie,
 * the flag after it for the egress one).
 */
static __always_inline int xovn_psec_in_subnet(__u8 flags, __u32 dir, __u8 in_nets, void *in_trie,
					       void *out_trie, const void *key)
{
	if (dir == XOVN_PSEC_DIR_IN)
		return (flags & in_nets) && bpf_map_lookup_elem(in_trie, key) != NULL;
	return (flags & (in_nets << 1)) && bpf_map_lookup_elem(out_trie, key) != NULL;
}

_Static_assert(XOVN_PSEC_OUT4_NETS == XOVN_PSEC_IN4_NETS << 1 &&
		       XOVN_PSEC_OUT6_NETS == XOVN_PSEC_IN6_NETS << 1,
	       "each egress subnet flag follows its ingress one");

/*
 * Whether the MAC's entry (flags) allows IPv4 address ip in direction dir
 * (XOVN_PSEC_DIR_*): a listed host, or inside a listed subnet.
 */
static __always_inline int xovn_psec_ip4_listed(const struct xovn_psec_mac_key *mk, __u8 flags,
						__u32 dir, __u32 ip)
{
	union xovn_psec_ip4_lookup k = { .host = {
		.dir = dir,
		.dp_key = mk->dp_key,
		.port_key = mk->port_key,
		.ip = ip,
	} };

	__builtin_memcpy(k.host.mac, mk->mac, ETH_ALEN);
	if (bpf_map_lookup_elem(&xovn_psec_host4, &k.host))
		return 1;
	k.net.prefixlen = XOVN_PSEC_FIXED_BITS + 32;
	return xovn_psec_in_subnet(flags, dir, XOVN_PSEC_IN4_NETS, &xovn_psec_in4, &xovn_psec_out4,
				   &k.net);
}

/* Not inlined: its 32-byte key would otherwise sit in the frame of the
 * program that also calls the DHCPv6 responder, past the 512-byte stack. */
static __noinline int xovn_psec_ip6_listed(const struct xovn_psec_mac_key *mk, __u8 flags,
					   __u32 dir, const __u8 *ip)
{
	union xovn_psec_ip6_lookup k = { .host = {
		.dir = dir,
		.dp_key = mk->dp_key,
		.port_key = mk->port_key,
	} };

	__builtin_memcpy(k.host.mac, mk->mac, ETH_ALEN);
	__builtin_memcpy(k.host.ip, ip, 16);
	if (bpf_map_lookup_elem(&xovn_psec_host6, &k.host))
		return 1;
	k.net.prefixlen = XOVN_PSEC_FIXED_BITS + 128;
	return xovn_psec_in_subnet(flags, dir, XOVN_PSEC_IN6_NETS, &xovn_psec_in6, &xovn_psec_out6,
				   &k.net);
}

/* ---- ingress ------------------------------------------------------------- */

static __always_inline int xovn_psec_in_arp(struct __sk_buff *skb,
					    const struct xovn_psec_mac_key *mk, __u8 flags)
{
	struct xovn_arp arp;
	int rc = xovn_arp_load(skb, &arp);

	if (rc == XOVN_ARP_SHORT)
		return XOVN_DROP_MALFORMED;
	if (rc != XOVN_ARP_OK || !xovn_mac_equal(arp.sha, mk->mac))
		return XOVN_DROP_PORT_SEC_SRC;
	/* ARP is IPv4: an entry listing only IPv6 allows none. */
	if ((flags & (XOVN_PSEC_IPV4 | XOVN_PSEC_IPV6)) == XOVN_PSEC_IPV6)
		return XOVN_DROP_PORT_SEC_SRC;
	if ((flags & XOVN_PSEC_IPV4) &&
	    !xovn_psec_ip4_listed(mk, flags, XOVN_PSEC_DIR_IN, xovn_arp_ip(arp.spa)))
		return XOVN_DROP_PORT_SEC_SRC;
	return 0;
}

/* A DHCP client without an address yet: 0.0.0.0:68 -> 255.255.255.255:67. */
static __always_inline int xovn_is_dhcp_discover(struct __sk_buff *skb, const struct iphdr *ip)
{
	struct udphdr udp;

	if (ip->saddr != 0 || ip->daddr != bpf_htonl(0xffffffff) || ip->protocol != IPPROTO_UDP)
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + ip->ihl * 4, &udp, sizeof(udp)) < 0)
		return 0;
	return udp.source == bpf_htons(XOVN_DHCP_CLIENT_PORT) &&
	       udp.dest == bpf_htons(XOVN_DHCP_SERVER_PORT);
}

static __always_inline int xovn_psec_in_ipv4(struct __sk_buff *skb,
					     const struct xovn_psec_mac_key *mk, __u8 flags)
{
	struct iphdr ip;

	if (!flags)
		return 0;
	if (!(flags & XOVN_PSEC_IPV4))
		return XOVN_DROP_PORT_SEC_SRC;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip, sizeof(ip)) < 0 || ip.ihl < 5)
		return XOVN_DROP_MALFORMED;
	if (xovn_psec_ip4_listed(mk, flags, XOVN_PSEC_DIR_IN, ip.saddr) ||
	    xovn_is_dhcp_discover(skb, &ip))
		return 0;
	return XOVN_DROP_PORT_SEC_SRC;
}

/*
 * The one thing a host may send from "::": duplicate address detection and
 * MLD reports, to a link-scope multicast group (ff02::/16).
 */
static __always_inline int xovn_psec_unspecified_ok(const struct ipv6hdr *ip6,
						    const struct xovn_l4 *l4, __u8 icmp_type)
{
	const __u8 *d = ip6->daddr.in6_u.u6_addr8;

	if (l4->proto != IPPROTO_ICMPV6 || d[0] != 0xff || d[1] != 0x02)
		return 0;
	return icmp_type == XOVN_ICMP6_NS || icmp_type == XOVN_ICMP6_MLD_REPORT ||
	       icmp_type == XOVN_ICMP6_MLD2_REPORT;
}

/*
 * Neighbour discovery: the link-layer option must name the port's MAC (or
 * be absent); an advertisement may only claim an address the entry lists.
 */
static __always_inline int xovn_psec_in_nd(struct __sk_buff *skb,
					   const struct xovn_psec_mac_key *mk, __u8 flags,
					   const struct xovn_l4 *l4, const struct xovn_nd *nd)
{
	__u8 want = nd->type == XOVN_ICMP6_NS ? XOVN_ND_OPT_SLL : XOVN_ND_OPT_TLL;
	__u8 ll[ETH_ALEN];
	int found = xovn_nd_find_ll(skb, l4, want, ll);

	if (found == XOVN_ND_LL_BAD)
		return XOVN_DROP_PORT_SEC_SRC;
	if (found == XOVN_ND_LL_FOUND && !xovn_mac_equal(ll, mk->mac))
		return XOVN_DROP_PORT_SEC_SRC;
	if (nd->type == XOVN_ICMP6_NA && (flags & XOVN_PSEC_IPV6) &&
	    !xovn_psec_ip6_listed(mk, flags, XOVN_PSEC_DIR_IN, nd->target))
		return XOVN_DROP_PORT_SEC_SRC;
	return 0;
}

static __always_inline int xovn_psec_in_ipv6(struct __sk_buff *skb,
					     const struct xovn_psec_mac_key *mk, __u8 flags)
{
	struct xovn_nd nd = {};
	struct ipv6hdr ip6;
	struct xovn_l4 l4;

	if (flags && !(flags & XOVN_PSEC_IPV6))
		return XOVN_DROP_PORT_SEC_SRC;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip6, sizeof(ip6)) < 0 || xovn_ip6_l4(skb, &ip6, &l4))
		return XOVN_DROP_MALFORMED;
	if (l4.proto == IPPROTO_ICMPV6 &&
	    bpf_skb_load_bytes(skb, l4.off, &nd, sizeof(nd.type)) < 0)
		return XOVN_DROP_MALFORMED;
	if (flags) {
		if (xovn_ip6_is_unspecified(&ip6.saddr)) {
			if (!xovn_psec_unspecified_ok(&ip6, &l4, nd.type))
				return XOVN_DROP_PORT_SEC_SRC;
		} else if (!xovn_psec_ip6_listed(mk, flags, XOVN_PSEC_DIR_IN,
						 ip6.saddr.in6_u.u6_addr8)) {
			return XOVN_DROP_PORT_SEC_SRC;
		}
	}
	if (l4.proto != IPPROTO_ICMPV6 || (nd.type != XOVN_ICMP6_NS && nd.type != XOVN_ICMP6_NA))
		return 0;
	if (bpf_skb_load_bytes(skb, l4.off, &nd, sizeof(nd)) < 0)
		return XOVN_DROP_MALFORMED;
	return xovn_psec_in_nd(skb, mk, flags, &l4, &nd);
}

/*
 * Checks a frame entering the switch from the ingress port in ctx.
 * 0 (allowed) or the drop reason.
 */
static __always_inline int xovn_psec_ingress(struct __sk_buff *skb, const struct xovn_ctx *ctx,
					     const struct xovn_eth *eth)
{
	struct xovn_psec_mac_key mk;
	struct xovn_psec_mac_val *mv;

	if (!(ctx->in_flags & XOVN_IN_PORT_SECURITY))
		return 0;
	xovn_psec_key(&mk, ctx->dp_key, ctx->in_port, eth->src);
	mv = bpf_map_lookup_elem(&xovn_psec_mac, &mk);
	if (!mv)
		return XOVN_DROP_PORT_SEC_SRC;
	switch (eth->proto) {
	case ETH_P_ARP:
		return xovn_psec_in_arp(skb, &mk, mv->flags);
	case ETH_P_IP:
		return xovn_psec_in_ipv4(skb, &mk, mv->flags);
	case ETH_P_IPV6:
		return xovn_psec_in_ipv6(skb, &mk, mv->flags);
	default:
		return 0;
	}
}

/* ---- egress -------------------------------------------------------------- */

static __always_inline int xovn_psec_out_ipv4(struct __sk_buff *skb,
					      const struct xovn_psec_mac_key *mk, __u8 flags)
{
	__u32 daddr;

	if (bpf_skb_load_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, daddr), &daddr,
			       sizeof(daddr)) < 0)
		return XOVN_DROP_MALFORMED;
	/* Limited broadcast and 224.0.0.0/4 reach every host. */
	if (daddr == bpf_htonl(0xffffffff) || (bpf_ntohl(daddr) >> 28) == 0xe)
		return 0;
	return xovn_psec_ip4_listed(mk, flags, XOVN_PSEC_DIR_OUT, daddr) ? 0
									: XOVN_DROP_PORT_SEC_DST;
}

static __always_inline int xovn_psec_out_ipv6(struct __sk_buff *skb,
					      const struct xovn_psec_mac_key *mk, __u8 flags)
{
	__u8 daddr[16];

	if (bpf_skb_load_bytes(skb, ETH_HLEN + __builtin_offsetof(struct ipv6hdr, daddr), daddr,
			       sizeof(daddr)) < 0)
		return XOVN_DROP_MALFORMED;
	if (daddr[0] == 0xff) /* ff00::/8 multicast */
		return 0;
	return xovn_psec_ip6_listed(mk, flags, XOVN_PSEC_DIR_OUT, daddr) ? 0
									: XOVN_DROP_PORT_SEC_DST;
}

/*
 * Checks a frame about to leave through port_key of dp_key, whose
 * xovn_ports flags are port_flags.  Broadcast and multicast frames are
 * always receivable.  0 (allowed) or the drop reason.
 */
static __always_inline int xovn_psec_egress(struct __sk_buff *skb, __u32 dp_key, __u16 port_key,
					    __u8 port_flags)
{
	struct xovn_psec_mac_key mk;
	struct xovn_psec_mac_val *mv;
	struct ethhdr eth;

	if (!(port_flags & XOVN_PF_PORT_SECURITY))
		return 0;
	if (bpf_skb_load_bytes(skb, 0, &eth, sizeof(eth)) < 0)
		return XOVN_DROP_MALFORMED;
	if (xovn_mac_is_group(eth.h_dest))
		return 0;
	xovn_psec_key(&mk, dp_key, port_key, eth.h_dest);
	mv = bpf_map_lookup_elem(&xovn_psec_mac, &mk);
	if (!mv)
		return XOVN_DROP_PORT_SEC_DST;
	if (!mv->flags)
		return 0;
	switch (bpf_ntohs(eth.h_proto)) {
	case ETH_P_IP:
		return (mv->flags & XOVN_PSEC_IPV4) ? xovn_psec_out_ipv4(skb, &mk, mv->flags)
						    : XOVN_DROP_PORT_SEC_DST;
	case ETH_P_IPV6:
		return (mv->flags & XOVN_PSEC_IPV6) ? xovn_psec_out_ipv6(skb, &mk, mv->flags)
						    : XOVN_DROP_PORT_SEC_DST;
	default:
		return 0;
	}
}

#endif /* XOVN_BPF_PORT_SECURITY_H */
