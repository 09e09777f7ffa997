/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * arp.h - ARP for IPv4 over Ethernet (RFC 826): reading a request, and
 * writing a request or a reply over the frame.
 *
 * Only the Ethernet/IPv4 form is understood (htype 1, ptype 0x0800, hlen 6,
 * plen 4); anything else is "not an ARP we can vouch for".  Addresses are
 * byte arrays because the sender IP sits at an odd 16-bit offset.
 */
#ifndef XOVN_BPF_ARP_H
#define XOVN_BPF_ARP_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define XOVN_ARP_REQUEST 1
#define XOVN_ARP_REPLY   2

struct xovn_arp {
	__be16 htype;
	__be16 ptype;
	__u8 hlen;
	__u8 plen;
	__be16 op;
	__u8 sha[ETH_ALEN];
	__u8 spa[4];
	__u8 tha[ETH_ALEN];
	__u8 tpa[4];
};

_Static_assert(sizeof(struct xovn_arp) == 28, "ARP body layout");

/* An ARP frame's first 42 bytes, written with one store. */
struct xovn_arp_frame {
	struct ethhdr eth;
	struct xovn_arp arp;
};

_Static_assert(sizeof(struct xovn_arp_frame) == ETH_HLEN + 28, "ARP frame layout");

enum xovn_arp_parse {
	XOVN_ARP_OK = 0,
	XOVN_ARP_SHORT = 1,   /* fewer bytes than an ARP body */
	XOVN_ARP_FOREIGN = 2, /* not Ethernet/IPv4 */
};

/* Copies the ARP body that follows the (untagged) Ethernet header. */
static __always_inline int xovn_arp_load(struct __sk_buff *skb, struct xovn_arp *arp)
{
	if (bpf_skb_load_bytes(skb, ETH_HLEN, arp, sizeof(*arp)) < 0)
		return XOVN_ARP_SHORT;
	if (arp->htype != bpf_htons(1) || arp->ptype != bpf_htons(ETH_P_IP) ||
	    arp->hlen != ETH_ALEN || arp->plen != 4)
		return XOVN_ARP_FOREIGN;
	return XOVN_ARP_OK;
}

static __always_inline __u32 xovn_arp_ip(const __u8 ip[4])
{
	__u32 v;

	__builtin_memcpy(&v, ip, sizeof(v));
	return v; /* network order, as stored in the maps */
}

/*
 * Writes an Ethernet/IPv4 ARP message over the start of the frame: to
 * eth_dst from sha, operation op, sender (sha, spa), target (tha, tpa).
 * Bytes after the ARP body (Ethernet padding) are left as they were.
 */
static __always_inline int xovn_arp_write(struct __sk_buff *skb, const __u8 *eth_dst, __u16 op,
					  const __u8 *sha, const __u8 *spa, const __u8 *tha,
					  const __u8 *tpa)
{
	struct xovn_arp_frame m;

	__builtin_memcpy(m.eth.h_dest, eth_dst, ETH_ALEN);
	__builtin_memcpy(m.eth.h_source, sha, ETH_ALEN);
	m.eth.h_proto = bpf_htons(ETH_P_ARP);
	m.arp.htype = bpf_htons(1);
	m.arp.ptype = bpf_htons(ETH_P_IP);
	m.arp.hlen = ETH_ALEN;
	m.arp.plen = 4;
	m.arp.op = bpf_htons(op);
	__builtin_memcpy(m.arp.sha, sha, ETH_ALEN);
	__builtin_memcpy(m.arp.spa, spa, 4);
	__builtin_memcpy(m.arp.tha, tha, ETH_ALEN);
	__builtin_memcpy(m.arp.tpa, tpa, 4);
	/* One store for both headers: a helper call costs more than the bytes. */
	return bpf_skb_store_bytes(skb, 0, &m, sizeof(m), 0) < 0 ? -1 : 0;
}

/*
 * Rewrites the request into the reply "target_ip is at target_mac": back to
 * the requester's MAC, op 2, sender = the target, target = the requester.
 */
static __always_inline int xovn_arp_write_reply(struct __sk_buff *skb, const struct xovn_arp *req,
						const __u8 *req_eth_src, const __u8 *target_mac)
{
	return xovn_arp_write(skb, req_eth_src, XOVN_ARP_REPLY, target_mac, req->tpa, req->sha,
			      req->spa);
}

#endif /* XOVN_BPF_ARP_H */
