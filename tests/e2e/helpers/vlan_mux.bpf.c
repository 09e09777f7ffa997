// SPDX-License-Identifier: GPL-2.0-only
/*
 * vlan_mux.bpf.c - stands in for 802.1Q subinterfaces inside a test VM.
 *
 * The test kernel has no 8021q module, so a VM namespace cannot create
 * eth0.T.  Each container gets its own namespace instead, joined to the VM
 * by a veth pair; these two TC programs, attached inside the VM namespace,
 * make the VM's uplink look exactly as if the containers sat on
 * subinterfaces:
 *
 *   mux_from_container  ingress of a container-facing veth: push the
 *                       container's tag, send out the uplink;
 *   mux_from_uplink     ingress of the uplink: a tagged frame goes, untagged,
 *                       to the container owning the tag (an unknown tag is
 *                       dropped, as the kernel drops it with no subinterface);
 *                       untagged frames are the VM's own.
 *
 * One object is loaded per VM, so the tables below describe that VM only.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define VID_MASK 0x0fff

struct container_side {
	__u32 uplink_ifindex;
	__u32 vid;
};

/* container-facing veth ifindex -> where its frames go, with which tag */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct container_side);
} mux_containers SEC(".maps");

/* VID -> container-facing veth ifindex */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} mux_vids SEC(".maps");

SEC("tc")
int mux_from_container(struct __sk_buff *skb)
{
	__u32 ifindex = skb->ingress_ifindex;
	struct container_side *side = bpf_map_lookup_elem(&mux_containers, &ifindex);

	if (!side)
		return TC_ACT_SHOT;
	if (bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021Q), side->vid))
		return TC_ACT_SHOT;
	return bpf_redirect(side->uplink_ifindex, 0);
}

/* The frame's VID, wherever the tag sits; -1 when untagged. */
static __always_inline int frame_vid(struct __sk_buff *skb)
{
	struct {
		__be16 proto;
		__be16 tci;
	} tag;

	if (skb->vlan_present)
		return skb->vlan_tci & VID_MASK;
	if (bpf_skb_load_bytes(skb, 2 * ETH_ALEN, &tag, sizeof(tag)) < 0)
		return -1;
	if (tag.proto != bpf_htons(ETH_P_8021Q))
		return -1;
	return bpf_ntohs(tag.tci) & VID_MASK;
}

SEC("tc")
int mux_from_uplink(struct __sk_buff *skb)
{
	int vid = frame_vid(skb);
	__u32 key, *container;

	if (vid < 0)
		return TC_ACT_OK;
	key = vid;
	container = bpf_map_lookup_elem(&mux_vids, &key);
	if (!container)
		return TC_ACT_SHOT;
	if (bpf_skb_vlan_pop(skb))
		return TC_ACT_SHOT;
	return bpf_redirect(*container, 0);
}

char LICENSE[] SEC("license") = "GPL";
