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
#include "pkt.h"
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

/*
 * Copies len bytes at off to the stack: straight from the linear head when
 * they are there, else through bpf_skb_load_bytes (paged data).  0 or -1,
 * like the helper.  len must be a constant (the function is inlined).
 */
static __always_inline int xovn_pkt_copy(struct __sk_buff *skb, __u32 off, void *to,
					 const __u32 len)
{
	struct xovn_pkt p = xovn_pkt_of_skb(skb);

	return xovn_pkt_read(&p, off, to, len);
}

/*
 * Writes len bytes over the start of the frame, in place.  0, or -1 when
 * the linear head is shorter; len must be a constant.  For right after
 * bpf_skb_adjust_room or bpf_skb_change_head, which leave the headers in
 * front of the frame (those they moved and those they made room for) in
 * the head: there a helper call would buy nothing.
 */
static __always_inline int xovn_pkt_store_front(struct __sk_buff *skb, const void *from,
						const __u32 len)
{
	void *data;

	/*
	 * Hides where skb points, so that the compiler cannot share an
	 * address like skb + offsetof(data) with other reads of the context:
	 * the verifier takes context fields only at constant offsets from it.
	 */
	asm volatile("" : "+r"(skb));
	data = (void *)(long)skb->data;
	if (data + len > (void *)(long)skb->data_end)
		return -1;
	__builtin_memcpy(data, from, len);
	return 0;
}

/* The group bit: broadcast and multicast addresses. */
static __always_inline int xovn_mac_is_group(const __u8 *mac)
{
	return mac[0] & 0x01;
}

/* Copies the MAC addresses and outer type; 0 or XOVN_DROP_MALFORMED. */
static __always_inline int xovn_eth_load(struct __sk_buff *skb, struct xovn_eth *eth)
{
	struct ethhdr hdr __attribute__((aligned(8)));  /* word copies (pkt.h) */

	if (xovn_pkt_copy(skb, 0, &hdr, sizeof(hdr)))
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
