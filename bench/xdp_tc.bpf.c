// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_tc.bpf.c - the two cheapest ways to switch frames between two VIFs of
 * one chassis, for the XDP-versus-TC throughput comparison (bench/xdp_vs_tc.sh).
 * Both forward whatever arrives on one host-side veth to the other one and
 * back, with no lookup: any difference in throughput is the hook's, not the
 * program's.  The two interfaces are fixed before load.  xt_tc_sink is the
 * receiving end of the forwarding-only UDP rows (bench/throughput.sh).
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 port_a_ifindex = 0;
const volatile __u32 port_b_ifindex = 0;

static __always_inline __u32 other_port(__u32 ingress_ifindex)
{
	return ingress_ifindex == port_a_ifindex ? port_b_ifindex : port_a_ifindex;
}

/* TC ingress of a host-side veth: straight into the other VM's namespace,
 * as xovn does for local unicast; the skb keeps its GSO and checksum state. */
SEC("tc")
int xt_tc_redirect_peer(struct __sk_buff *skb)
{
	return bpf_redirect_peer(other_port(skb->ingress_ifindex), 0);
}

/* XDP of a host-side veth: XDP_REDIRECT to the other host-side veth, whose
 * peer (the VM's eth0) then receives an xdp_frame. */
SEC("xdp")
int xt_xdp_redirect(struct xdp_md *ctx)
{
	return bpf_redirect(other_port(ctx->ingress_ifindex), 0);
}

/* On the VM's eth0: a veth only accepts redirected XDP frames when its peer
 * side runs an XDP program; this one hands every frame to the stack. */
SEC("xdp")
int xt_xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

/* TC ingress of the receiving VM's eth0: drops every frame after the veth
 * counted it, so a forwarding-only run measures the path up to the VM
 * without the VM's IP/UDP stack (what a tester's sink port does); the same
 * program for every implementation. */
SEC("tc")
int xt_tc_sink(struct __sk_buff *skb)
{
	return TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
