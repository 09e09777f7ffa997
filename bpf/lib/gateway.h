/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gateway.h - where a router runs, for gateway routers and distributed
 * gateway ports (ovn-architecture(7), "Gateway Routers", "Distributed
 * Gateway Ports").
 *
 * The L2 lookup's copy of a router LSP's xovn_ports value says it all:
 *   ROUTER_HERE  frames from local ports enter its router on this chassis
 *                (a distributed router everywhere, a gateway router only
 *                on its chassis)
 *   ROUTER_EDGE  frames from a tunnel or the physical network enter it here
 *                too (a gateway router on its chassis, a distributed
 *                gateway port on its active gateway chassis)
 *   REMOTE       a gateway router elsewhere: the frame is tunneled to its
 *                chassis like any remote port
 * so deciding costs no lookup beyond the fdb's.
 */
#ifndef XOVN_BPF_GATEWAY_H
#define XOVN_BPF_GATEWAY_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "maps.h"

/* May a frame of this origin enter the router behind a router LSP with these flags? */
static __always_inline int xovn_router_resident(const struct xovn_ctx *ctx, __u8 flags)
{
	if (ctx->origin == XOVN_ORIGIN_LOCAL)
		return (flags & XOVN_PF_ROUTER_HERE) != 0;
	return (flags & XOVN_PF_ROUTER_EDGE) != 0;
}

/* A router LSP whose router takes frames from tunnels here. */
static __always_inline int xovn_gateway_tunnel_target(const struct xovn_port_val *pv)
{
	return pv->port_type == XOVN_PT_ROUTER && (pv->flags & XOVN_PF_ROUTER_EDGE);
}

/*
 * What a router resident here sends is this chassis' own, wherever the
 * frame came from: it may go to a tunnel or the physical network like a
 * frame from a local port.
 */
static __always_inline void xovn_gateway_adopt(struct xovn_ctx *ctx)
{
	ctx->origin = XOVN_ORIGIN_LOCAL;
}

static __always_inline const struct xovn_gw_port_val *xovn_gw_port_lookup(__u32 rtr_key,
									  __u16 lrp_key)
{
	struct xovn_rport_key k = { .rtr_key = rtr_key, .lrp_key = lrp_key };

	return xovn_lookup(&xovn_gw_ports, &k);
}

/* Is (rtr_key, lrp_key) a distributed gateway port whose active chassis is this one? */
static __always_inline const struct xovn_gw_port_val *xovn_gw_port_here(__u32 rtr_key,
									__u16 lrp_key)
{
	const struct xovn_gw_port_val *gw = xovn_gw_port_lookup(rtr_key, lrp_key);

	return gw && (gw->flags & XOVN_GW_ACTIVE_HERE) ? gw : NULL;
}

#endif /* XOVN_BPF_GATEWAY_H */
