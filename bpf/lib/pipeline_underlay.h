/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * pipeline_underlay.h - frames arriving on the underlay interface.
 *
 *   classify: IPv4/UDP to our encap IP, port 6081?  no -> pass to the host
 *   validate: Geneve header, options, OVN option, VNI, egress key
 *   decap:    strip outer Ethernet/IPv4/UDP/Geneve, keep the inner frame
 *   output:   unicast -> xovn_output_port, group -> xovn_flood_group,
 *             both with origin TUNNEL (local ports only, never re-tunneled)
 *
 * Everything that is not Geneve for this chassis (ARP, ssh, other UDP,
 * fragments) is the host's and is passed untouched.  Geneve for us that
 * is malformed, or names a switch or port we do not have, is dropped and
 * counted by reason before any byte of it is changed.
 */
#ifndef XOVN_BPF_PIPELINE_UNDERLAY_H
#define XOVN_BPF_PIPELINE_UNDERLAY_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "deliver.h"
#include "flood.h"
#include "geneve.h"
#include "ipv4.h"
#include "maps.h"
#include "trace.h"
#include "tunnel.h"

#define XOVN_NOT_GENEVE (-1)

/* Where the parts of a received Geneve packet are. */
struct xovn_geneve_rx {
	__u32 gnv_off;      /* Geneve base header */
	__u32 inner_off;    /* inner Ethernet header */
	__u32 vni;
	struct xovn_geneve_keys keys;
};

/*
 * Finds the UDP header of an unfragmented IPv4/UDP packet to encap_ip and
 * checks its destination port.  Its offset, or XOVN_NOT_GENEVE.
 */
static __always_inline int xovn_underlay_udp_off(struct __sk_buff *skb, __u32 encap_ip)
{
	struct ethhdr eth;
	struct iphdr ip;
	struct udphdr udp;
	__u32 off;

	/* Direct reads from the linear head (xovn_pkt_copy): no helper call per header. */
	if (!encap_ip || xovn_pkt_copy(skb, 0, &eth, sizeof(eth)) ||
	    eth.h_proto != bpf_htons(ETH_P_IP) || xovn_pkt_copy(skb, ETH_HLEN, &ip, sizeof(ip)))
		return XOVN_NOT_GENEVE;
	if (ip.version != 4 || ip.ihl < 5 || ip.protocol != IPPROTO_UDP ||
	    ip.daddr != encap_ip || xovn_ipv4_is_fragment(&ip))
		return XOVN_NOT_GENEVE;
	off = ETH_HLEN + ip.ihl * 4;
	if (xovn_pkt_copy(skb, off, &udp, sizeof(udp)) ||
	    udp.dest != bpf_htons(XOVN_GENEVE_PORT))
		return XOVN_NOT_GENEVE;
	return off;
}

/* Validates the Geneve header at rx->gnv_off; 0 or the drop reason. */
static __always_inline int xovn_geneve_rx_parse(struct __sk_buff *skb, struct xovn_geneve_rx *rx)
{
	struct xovn_genevehdr g;
	__u32 opts, end;
	int reason;

	if (xovn_pkt_copy(skb, rx->gnv_off, &g, sizeof(g)))
		return XOVN_DROP_GENEVE_SHORT;
	if (g.ver_optlen & XOVN_GENEVE_VER_MASK)
		return XOVN_DROP_GENEVE_OPTION;
	opts = rx->gnv_off + sizeof(g);
	end = opts + xovn_geneve_opts_len(&g);
	if (end > skb->len)
		return XOVN_DROP_GENEVE_OPTLEN;
	if (g.proto != bpf_htons(XOVN_GENEVE_PROTO_TEB))
		return XOVN_DROP_GENEVE_OPTION;
	reason = xovn_geneve_parse_opts(skb, opts, end, &rx->keys);
	if (reason)
		return reason;
	if (end + ETH_HLEN > skb->len)
		return XOVN_DROP_GENEVE_SHORT;
	rx->inner_off = end;
	rx->vni = xovn_geneve_vni(&g);
	return 0;
}

/*
 * Is the egress key something we may deliver from a tunnel?  A group we
 * know, or a port other than the ingress one with an interface here that
 * is not a localport (each chassis' localport instance serves its own
 * chassis only) or the localnet.
 */
static __always_inline int xovn_geneve_rx_lookup(const struct xovn_geneve_rx *rx,
						 const struct xovn_port_val **target)
{
	struct xovn_port_val *pv;

	*target = NULL;
	if (rx->keys.out_key == XOVN_MC_FLOOD || rx->keys.out_key == XOVN_MC_UNKNOWN)
		return 0;
	if (!rx->keys.out_key || rx->keys.out_key > XOVN_PORT_KEY_MAX)
		return XOVN_DROP_GENEVE_PORT;
	/* Never back out the way it came in, whatever the sender says. */
	if (rx->keys.out_key == rx->keys.in_port)
		return XOVN_DROP_HAIRPIN;
	pv = xovn_port_lookup(rx->vni, rx->keys.out_key);
	if (!pv || !(pv->flags & XOVN_PF_LOCAL) || pv->port_type == XOVN_PT_LOCALPORT ||
	    pv->port_type == XOVN_PT_LOCALNET)
		return XOVN_DROP_GENEVE_PORT;
	*target = pv;  /* delivered from this value: no second lookup */
	return 0;
}

/* The same decision without the port's value (the XDP guard only decides). */
static __always_inline int xovn_geneve_rx_target(const struct xovn_geneve_rx *rx)
{
	const struct xovn_port_val *pv;

	return xovn_geneve_rx_lookup(rx, &pv);
}

/*
 * Removes everything in front of the inner frame: the inner Ethernet
 * header is saved, the outer IPv4..inner Ethernet bytes are cut right
 * after the outer Ethernet header, and the saved header overwrites the
 * outer one.  0 or -1.
 *
 * skb->protocol still names the outer IPv4 afterwards, which is right for
 * an inner IPv4 frame; for an inner IPv6 one the DECAP_L3_IPV6 flag makes
 * the kernel switch it.  *proto_ok says whether it now names the inner
 * frame, so that delivery can hand the skb straight to a veth peer
 * (deliver.h) without reading the header again.  A kernel without the
 * flag (before 6.3) refuses it: then the cut is made without it and the
 * frame takes the ordinary egress path, which sets the protocol itself.
 */
static __always_inline int xovn_geneve_decap(struct __sk_buff *skb, const struct xovn_geneve_rx *rx,
					     __u8 *proto_ok)
{
	struct ethhdr inner;
	__s32 cut = rx->inner_off;   /* (inner_off + ETH_HLEN) - ETH_HLEN */
	__u64 flags = 0;

	if (xovn_pkt_copy(skb, rx->inner_off, &inner, sizeof(inner)))
		return -1;
	*proto_ok = inner.h_proto == bpf_htons(ETH_P_IP);
	if (inner.h_proto == bpf_htons(ETH_P_IPV6))
		flags = XOVN_ADJ_ROOM_DECAP_L3_IPV6;
	if (!bpf_skb_adjust_room(skb, -cut, BPF_ADJ_ROOM_MAC, flags))
		*proto_ok |= flags != 0;
	else if (!flags || bpf_skb_adjust_room(skb, -cut, BPF_ADJ_ROOM_MAC, 0))
		return -1;
	return bpf_skb_store_bytes(skb, 0, &inner, sizeof(inner), 0);
}

static __always_inline int xovn_underlay_pass(struct xovn_ctx *ctx)
{
	xovn_trace_action(ctx, XOVN_ACT_PASS, 0);
	return TC_ACT_OK;
}

static __always_inline int xovn_underlay_pipeline(struct __sk_buff *skb, int trace)
{
	const struct xovn_config *cfg = xovn_config_get();
	struct xovn_ctx ctx = { .trace = trace };
	const struct xovn_port_val *target;
	struct xovn_geneve_rx rx = {};
	int off, reason;

	xovn_trace_begin(&ctx);
	off = xovn_underlay_udp_off(skb, cfg ? cfg->encap_ip : 0);
	if (off == XOVN_NOT_GENEVE)
		return xovn_underlay_pass(&ctx);
	rx.gnv_off = off + sizeof(struct udphdr);
	reason = xovn_geneve_rx_parse(skb, &rx);
	if (reason)
		return xovn_drop(skb, &ctx, reason);
	if (!bpf_map_lookup_elem(&xovn_datapaths, &rx.vni))
		return xovn_drop(skb, &ctx, XOVN_DROP_GENEVE_VNI);

	ctx.origin = XOVN_ORIGIN_TUNNEL;
	ctx.dp_key = rx.vni;
	ctx.in_port = rx.keys.in_port;
	/* The sender switched the frame already; its ingress type no longer matters. */
	ctx.in_type = XOVN_PT_VIF;
	xovn_trace_ingress(&ctx);

	reason = xovn_geneve_rx_lookup(&rx, &target);
	if (reason)
		return xovn_drop(skb, &ctx, reason);
	if (xovn_geneve_decap(skb, &rx, &ctx.proto_ok))
		return xovn_drop(skb, &ctx, XOVN_DROP_ENCAP_FAILED);
	if (rx.keys.out_key > XOVN_PORT_KEY_MAX)
		return xovn_flood_group(skb, &ctx, rx.keys.out_key);
	return xovn_output_port(skb, &ctx, rx.keys.out_key, target);
}

#endif /* XOVN_BPF_PIPELINE_UNDERLAY_H */
