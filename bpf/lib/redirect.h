/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * redirect.h - a frame routed out of a distributed gateway port on a
 * chassis that is not its active gateway chassis goes there (OVN's
 * chassisredirect "cr-" port).
 *
 * The route's path says the out port is a gateway port (XOVN_PATH_GATEWAY);
 * only then is xovn_gw_ports looked up.  Active elsewhere, the frame is
 * not routed here: it is tunneled, as it entered the router, to the active
 * chassis:
 *   VNI = the router's key, OVN option = (port it entered the router by,
 *   the gateway port's key)
 * which routes it (gateway_rx.h): TTL, next hop, the neighbours the
 * external network answered (they are learned there, where its replies
 * arrive) and the port's egress stage (NAT) all belong to the active
 * chassis.
 */
#ifndef XOVN_BPF_REDIRECT_H
#define XOVN_BPF_REDIRECT_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "gateway.h"
#include "router_scratch.h"
#include "router_trace.h"
#include "tunnel.h"

/*
 * After the route picked path p: notes in s where the frame must be
 * redirected to (redirect_ip 0: nowhere, it is routed here).  0 or a drop
 * reason.
 */
static __always_inline int xovn_redirect_route_out(struct xovn_router_scratch *s,
						   const struct xovn_route_path *p)
{
	const struct xovn_gw_port_val *gw;

	s->redirect_ip = 0;
	if (!(p->flags & XOVN_PATH_GATEWAY))
		return 0;
	gw = xovn_gw_port_lookup(s->in.rtr_key, p->lrp_key);
	if (!gw || !(gw->flags & XOVN_GW_ACTIVE_HERE || gw->remote_ip))
		return XOVN_DROP_NO_GATEWAY;
	if (!(gw->flags & XOVN_GW_ACTIVE_HERE)) {
		s->redirect_ip = gw->remote_ip;
		s->redirect_lrp = p->lrp_key;
	}
	return 0;
}

/*
 * The tunnel send of a redirect.  A frame too big for the tunnel comes back
 * as XOVN_TUNNEL_TOO_BIG for the caller to answer (xovn_redirect_too_big):
 * the error built here, one call deeper, would overflow the BPF stack.
 */
static __always_inline int xovn_redirect_tunnel(struct __sk_buff *skb, struct xovn_ctx *ctx,
						__u16 out_port, __u32 remote_ip)
{
	const struct xovn_config *cfg = xovn_config_get();
	int rc = xovn_tunnel_check(skb, ctx, cfg, out_port, remote_ip);

	if (rc != XOVN_TUNNEL_GO)
		return rc;
	return xovn_tunnel_send(skb, ctx, cfg, out_port, remote_ip, 0);
}

/* The answer to a redirect that did not fit the tunnel. */
static __always_inline int xovn_redirect_too_big(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	const struct xovn_config *cfg = xovn_config_get();

	if (!cfg)
		return xovn_drop(skb, ctx, XOVN_DROP_MTU);
	return xovn_mtu_exceeded(skb, ctx, cfg->underlay_mtu);
}

/*
 * The frame, as it entered the router, to the active gateway chassis noted
 * in the scratch: the TC verdict, or XOVN_TUNNEL_TOO_BIG.
 */
static __noinline int xovn_redirect_send(struct __sk_buff *skb, struct xovn_ctx *ctx)
{
	struct xovn_router_scratch *s = xovn_router_scratch_get();

	if (!s)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	xovn_trace_hop_flag(ctx, XOVN_HOP_REDIRECT);
	ctx->dp_key = s->in.rtr_key;
	ctx->in_port = s->in.lrp_key;
	xovn_trace_action(ctx, XOVN_ACT_TUNNEL, s->redirect_lrp);
	return xovn_redirect_tunnel(skb, ctx, s->redirect_lrp, s->redirect_ip);
}

#endif /* XOVN_BPF_REDIRECT_H */
