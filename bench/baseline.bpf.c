// SPDX-License-Identifier: GPL-2.0-only
/*
 * baseline.bpf.c - the least a forwarding program can do, as the yardstick
 * for xovn's per-packet cost: redirect every frame to one interface.
 * The target is set before load, so the program reads no map at all.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 target_ifindex = 1;
/* Frames the sink received: proof that live-frame redirects really happened. */
__u64 sink_packets = 0;

SEC("tc")
int bench_tc_redirect(struct __sk_buff *skb)
{
	return bpf_redirect(target_ifindex, 0);
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
