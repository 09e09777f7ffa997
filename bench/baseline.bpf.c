// SPDX-License-Identifier: GPL-2.0-only
/*
 * baseline.bpf.c - the least a forwarding program can do, as the yardstick
 * for xovn's per-packet cost: redirect every frame to one interface.
 * The target is set before load, so the program reads no map at all.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "floor_move.h"

const volatile __u32 target_ifindex = 1;
/* Frames the sink received: proof that live-frame redirects really happened. */
__u64 sink_packets = 0;

SEC("tc")
int bench_tc_redirect(struct __sk_buff *skb)
{
	return bpf_redirect(target_ifindex, 0);
}

/*
 * The floors of the tunnel paths: the least a program must do to wrap a
 * frame in Geneve or unwrap it, with no lookup and no header built, so
 * that xovn's cost can be set against the helpers it cannot avoid: one
 * bpf_skb_adjust_room, one write of the new front in place, the redirect.
 */
static __always_inline int floor_move(struct __sk_buff *skb, __s32 delta, __u64 flags,
				      const void *front, const __u32 len)
{
	if (floor_push(skb, delta, flags, front, len))
		return TC_ACT_SHOT;
	return bpf_redirect(target_ifindex, 0);
}

/* Encap: xovn's flags; the 72 bytes in front are the outer headers and the inner Ethernet. */
SEC("tc")
int bench_tc_encap_floor(struct __sk_buff *skb)
{
	__u64 front[FLOOR_FRONT_LEN / 8] = {};

	return floor_move(skb, FLOOR_ENCAP_OVERHEAD, FLOOR_ENCAP_FLAGS, front, FLOOR_FRONT_LEN);
}

/* Decap: the 58 bytes cut, the inner Ethernet header written over the outer one. */
SEC("tc")
int bench_tc_decap_floor(struct __sk_buff *skb)
{
	__u64 eth[2] = {};

	return floor_move(skb, -FLOOR_ENCAP_OVERHEAD, 0, eth, FLOOR_ETH_HLEN);
}

SEC("xdp")
int bench_xdp_redirect(struct xdp_md *ctx)
{
	return bpf_redirect(target_ifindex, 0);
}

/* On the receiving veth: lets it take XDP frames, and drops them there. */
SEC("xdp")
int bench_xdp_sink(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&sink_packets, 1);
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
