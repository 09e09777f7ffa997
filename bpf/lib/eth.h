/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * eth.h - the Ethernet header as the switch sees it.
 *
 * Headers are copied to the stack rather than used in place, so the copy
 * stays valid across the helpers that move packet data (VLAN pop/push,
 * clones).  The Ethernet header is read directly from the linear head when
 * it is there (always, for frames from a veth or a NIC driver): a bounds
 * check instead of a helper call on every frame.  bpf_skb_load_bytes, which
 * also reads paged data, covers the rest.
 */
#ifndef XOVN_BPF_ETH_H
#define XOVN_BPF_ETH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "xovn_maps.h"

struct xovn_eth {
	__u8 dst[ETH_ALEN];
	__u8 src[ETH_ALEN];
	__u16 proto;       /* host order; the type after the tag when tagged */
	__u16 vid;         /* outer 802.1Q VID (0 = untagged or priority tag) */
	__u8 tagged;       /* an 802.1Q/802.1ad tag was present */
	__u8 tag_in_data;  /* ... in the packet bytes, not in skb metadata */
	__u16 pad;
};

/* The group bit: broadcast and multicast addresses. */
static __always_inline int xovn_mac_is_group(const __u8 *mac)
{
	return mac[0] & 0x01;
}

/* Copies the MAC addresses and outer type; 0 or XOVN_DROP_MALFORMED. */
static __always_inline int xovn_eth_load(struct __sk_buff *skb, struct xovn_eth *eth)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr hdr;

	if (data + sizeof(hdr) <= data_end)
		__builtin_memcpy(&hdr, data, sizeof(hdr));
	else if (bpf_skb_load_bytes(skb, 0, &hdr, sizeof(hdr)) < 0)
		return XOVN_DROP_MALFORMED;
	__builtin_memcpy(eth->dst, hdr.h_dest, ETH_ALEN);
	__builtin_memcpy(eth->src, hdr.h_source, ETH_ALEN);
	eth->proto = bpf_ntohs(hdr.h_proto);
	eth->vid = 0;
	eth->tagged = 0;
	eth->tag_in_data = 0;
	eth->pad = 0;
	return 0;
}

#endif /* XOVN_BPF_ETH_H */
