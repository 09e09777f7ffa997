/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * router_scratch.h - what one router hop's steps hand to each other.
 *
 * The steps of a hop (router.h) are functions of their own, called one
 * after the other from the switch pipeline, so that none of their stack
 * frames adds to another's: the switch pipeline's frame plus the deepest
 * call must stay within BPF's 512 bytes.  What they share (the frame's
 * addresses, the router port it entered by, the route's out port and next
 * hop) lives in this per-CPU slot instead of on the stack.  A program runs
 * to its end on one CPU without another program on that CPU, so the slot
 * is never shared by two frames at once.
 */
#ifndef XOVN_BPF_ROUTER_SCRATCH_H
#define XOVN_BPF_ROUTER_SCRATCH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "l3.h"
#include "router_neigh.h"
#include "scratch.h"
#include "xovn_maps.h"

struct xovn_router_scratch {
	struct xovn_l3 l3;            /* the packet's IP header as it entered the router */
	struct xovn_router_in in;     /* router and port it entered by */
	struct xovn_rport_val out;    /* the route's out port: mac, ls_dp_key, ls_port_key */
	__u8 nh[16];                  /* the next hop resolved */
	struct ethhdr eth __attribute__((aligned(8)));  /* as it entered; word copies (pkt.h) */
	__u16 out_lrp;                /* the route's out port */
	struct xovn_router_in first;  /* the first router of the pass and its port */
	__u8 first_src[ETH_ALEN];     /* the sender's MAC as it entered that router */
	__u32 redirect_ip;            /* out a gateway port active there (redirect.h); 0 = stay */
	__u16 redirect_lrp;           /* that gateway port */
	__u8 out_fip;                 /* leaving as the floating IP below */
	__u8 pad2;
	__u32 fip_ip;                 /* leaving it here as this distributed floating IP */
	__u8 fip_mac[ETH_ALEN];       /* from its external_mac (nat.h) */
	__u16 pad3;
	__u32 out_fdb_dp;             /* out_fdb is switch out_fdb_dp's for the next hop; 0 = none */
	struct xovn_fdb_val out_fdb;  /* the next hop's fdb value, from its neighbour entry */
};

XOVN_SCRATCH_WORDS(xovn_router_scratch, struct xovn_router_scratch)

/*
 * Keeps the first router of the pass and the sender's MAC: what the frame
 * may yet be answered with (mtu.h) goes back to that sender from that port.
 */
static __always_inline void xovn_router_note_first(struct xovn_ctx *ctx,
						   struct xovn_router_scratch *s)
{
	if (ctx->routed)
		return;
	s->first = s->in;
	__builtin_memcpy(s->first_src, s->eth.h_source, ETH_ALEN);
	ctx->routed = 1;
}

#endif /* XOVN_BPF_ROUTER_SCRATCH_H */
