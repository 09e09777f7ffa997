/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * context.h - what the pipeline knows about the frame it is switching.
 *
 * Each entry point runs the same pipeline code twice over: once live and
 * once in trace mode.  In trace mode the pipeline decides exactly as live
 * but records the decision in xovn_trace instead of transmitting or counting,
 * so `xovnctl trace` and the packet tests can run the real code on a frame
 * without touching live traffic.
 */
#ifndef XOVN_BPF_CONTEXT_H
#define XOVN_BPF_CONTEXT_H

#include <linux/bpf.h>
#include "xovn_maps.h"

enum xovn_origin {
	XOVN_ORIGIN_LOCAL = 0,    /* a local interface: VIF, localport, container, l2gateway */
	XOVN_ORIGIN_LOCALNET = 1, /* the physical network, through a localnet port */
	XOVN_ORIGIN_TUNNEL = 2,   /* a Geneve tunnel from another chassis */
};

struct xovn_ctx {
	struct xovn_trace *tr;   /* trace record, only in trace mode */
	__u32 dp_key;            /* logical switch */
	__u16 in_port;           /* logical ingress port key */
	__u16 in_vid;            /* VID the frame arrived with (0 = untagged) */
	__u8 in_type;            /* enum xovn_port_type of the ingress port */
	__u8 origin;             /* enum xovn_origin */
	__u8 trace;              /* 1 = trace mode: decide and record only */
	__u8 in_flags;           /* XOVN_IN_* of the ingress port */
	__u32 in_slot;           /* counter slot of the ingress port (0 = none) */
	__u8 proto_ok;           /* from a tunnel: the decapsulation left skb->protocol
				  * naming the inner frame (deliver.h: peer redirect) */
	__u8 routed;             /* a router was passed: its entry is in the router scratch */
	__u32 in_dp_key;         /* the ingress port's switch, which in_flags describe */
};

#endif /* XOVN_BPF_CONTEXT_H */
