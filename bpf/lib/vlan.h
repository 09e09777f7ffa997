/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * vlan.h - one 802.1Q tag: finding it, removing it at ingress, pushing the
 * receiver's own tag at egress.
 *
 * A tag can sit in skb metadata (accelerated: what veth and most NICs hand
 * to TC) or in the packet bytes (BPF_PROG_TEST_RUN, NICs without VLAN
 * offload).  Both mean the same thing here; the kernel's vlan_pop removes
 * either.  A second tag is never legitimate on a logical switch port.
 */
#ifndef XOVN_BPF_VLAN_H
#define XOVN_BPF_VLAN_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "eth.h"

#define XOVN_VID_MASK 0x0fff

static __always_inline int xovn_is_vlan_type(__u16 proto)
{
	return proto == ETH_P_8021Q || proto == ETH_P_8021AD;
}

/*
 * Fills eth->tagged/vid/proto from the metadata tag or the first in-data
 * tag.  0, XOVN_DROP_STACKED_VLAN or XOVN_DROP_MALFORMED (tag cut short).
 */
static __always_inline int xovn_vlan_parse(struct __sk_buff *skb, struct xovn_eth *eth)
{
	struct {
		__be16 tci;
		__be16 proto;
	} tag;

	if (skb->vlan_present) {
		eth->tagged = 1;
		eth->vid = skb->vlan_tci & XOVN_VID_MASK;
		return xovn_is_vlan_type(eth->proto) ? XOVN_DROP_STACKED_VLAN : 0;
	}
	if (!xovn_is_vlan_type(eth->proto))
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &tag, sizeof(tag)) < 0)
		return XOVN_DROP_MALFORMED;
	eth->tagged = 1;
	eth->tag_in_data = 1;
	eth->vid = bpf_ntohs(tag.tci) & XOVN_VID_MASK;
	eth->proto = bpf_ntohs(tag.proto);
	return xovn_is_vlan_type(eth->proto) ? XOVN_DROP_STACKED_VLAN : 0;
}

/* Removes the (single) outer tag wherever it sits. 0 or a negative error. */
static __always_inline long xovn_vlan_pop(struct __sk_buff *skb)
{
	return bpf_skb_vlan_pop(skb);
}

/* Adds an 802.1Q tag with vid; vid 0 means "no tag" and does nothing. */
static __always_inline long xovn_vlan_push(struct __sk_buff *skb, __u16 vid)
{
	if (!vid)
		return 0;
	return bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021Q), vid);
}

/* Undoes xovn_vlan_push after a copy has been sent. */
static __always_inline long xovn_vlan_unpush(struct __sk_buff *skb, __u16 vid)
{
	if (!vid)
		return 0;
	return bpf_skb_vlan_pop(skb);
}

#endif /* XOVN_BPF_VLAN_H */
