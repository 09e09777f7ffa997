/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * deliver.h - where a frame for one logical port goes from this chassis.
 *
 * xovn_output_port() is the single place that applies the egress rules of
 * the contract (docs/ARCHITECTURE.md, "Origins"): the VIF pipeline calls it
 * after the L2 lookup, the Geneve decap path after setting ctx->origin to
 * XOVN_ORIGIN_TUNNEL.  The rules depend on three things only: where the
 * frame came from (ctx->origin, ctx->in_type), what the destination is
 * (its xovn_ports value: the copy in its fdb entry after the L2 lookup, the
 * entry itself after decapsulation) and whether the switch uses a localnet
 * here (xovn_datapaths).
 */
#ifndef XOVN_BPF_DELIVER_H
#define XOVN_BPF_DELIVER_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "external.h"
#include "maps.h"
#include "port_security.h"
#include "stats.h"
#include "trace.h"
#include "tunnel.h"
#include "vlan.h"

static __always_inline struct xovn_port_val *xovn_port_lookup(__u32 dp_key, __u16 port_key)
{
	struct xovn_port_key key = { .dp_key = dp_key, .port_key = port_key };

	return xovn_lookup(&xovn_ports, &key);
}

static __always_inline int xovn_from_localport(const struct xovn_ctx *ctx)
{
	return ctx->origin == XOVN_ORIGIN_LOCAL && ctx->in_type == XOVN_PT_LOCALPORT;
}

/*
 * Hands the frame to a local interface with the port's own tag.  A veth
 * peer is entered directly (keeps offloads, skips the backlog) when the
 * frame is still as it arrived, or came out of a tunnel with a protocol
 * the decapsulation set right (IPv4, IPv6); anything else (ARP from a
 * tunnel) takes the ordinary egress path, whose receive sets the protocol.
 */
static __always_inline int xovn_send_local(struct __sk_buff *skb, struct xovn_ctx *ctx,
					   __u16 port_key, const struct xovn_port_val *pv,
					   __u8 kind)
{
	__u32 ifindex = pv->ifindex;

	xovn_trace_out(ctx, kind, ifindex, 0, port_key, pv->vid);
	if (ctx->trace)
		return TC_ACT_REDIRECT;
	if (xovn_vlan_push(skb, pv->vid))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	xovn_stats_tx(skb, ctx, port_key, pv->slot);
	if ((pv->flags & XOVN_PF_REDIRECT_PEER) &&
	    (ctx->origin == XOVN_ORIGIN_LOCAL ||
	     (ctx->origin == XOVN_ORIGIN_TUNNEL && ctx->proto_ok)))
		return bpf_redirect_peer(ifindex, 0);
	return bpf_redirect(ifindex, 0);
}

/* Out the switch's localnet port on this chassis, toward logical port out_port. */
static __always_inline int xovn_send_localnet(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      __u16 out_port)
{
	struct xovn_dp_val *dp = xovn_lookup(&xovn_datapaths, &ctx->dp_key);
	struct xovn_port_val *ln;

	if (!dp || !(dp->flags & XOVN_DPF_LOCALNET))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	ln = xovn_port_lookup(ctx->dp_key, dp->localnet_port);
	if (!ln || !(ln->flags & XOVN_PF_LOCAL))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	xovn_trace_action(ctx, XOVN_ACT_LOCALNET, out_port);
	return xovn_send_local(skb, ctx, dp->localnet_port, ln, XOVN_OUT_LOCALNET);
}

static __always_inline int xovn_deliver(struct __sk_buff *skb, struct xovn_ctx *ctx,
					__u16 out_port, const struct xovn_port_val *pv)
{
	int reason = xovn_psec_egress(skb, ctx->dp_key, out_port, pv->flags);

	if (reason)
		return xovn_drop(skb, ctx, reason);
	if (pv->port_type == XOVN_PT_LOCALNET) {
		xovn_trace_action(ctx, XOVN_ACT_LOCALNET, out_port);
		return xovn_send_local(skb, ctx, out_port, pv, XOVN_OUT_LOCALNET);
	}
	xovn_trace_action(ctx, XOVN_ACT_DELIVER, out_port);
	return xovn_send_local(skb, ctx, out_port, pv, XOVN_OUT_LOCAL);
}

/*
 * A frame that came through a tunnel was already switched by its sender:
 * it is only ever delivered to a port here, never re-tunneled, never sent to
 * the physical network and never given to a localport (each chassis' own
 * instance answers only its own chassis).
 */
static __always_inline int xovn_output_from_tunnel(struct __sk_buff *skb, struct xovn_ctx *ctx,
						   __u16 out_port, const struct xovn_port_val *pv)
{
	if (!(pv->flags & XOVN_PF_LOCAL) || pv->port_type == XOVN_PT_LOCALPORT ||
	    pv->port_type == XOVN_PT_LOCALNET)
		return xovn_drop(skb, ctx, XOVN_DROP_GENEVE_PORT);
	return xovn_deliver(skb, ctx, out_port, pv);
}

/*
 * Whether ctx->dp_key reaches other chassis through its localnet here.  A
 * frame still on its ingress port's switch knows from that port's entry
 * when the switch has none: no lookup.
 */
static __always_inline int xovn_via_localnet(const struct xovn_ctx *ctx)
{
	struct xovn_dp_val *dp;

	if ((ctx->in_flags & XOVN_IN_TUNNEL_ONLY) && ctx->dp_key == ctx->in_dp_key)
		return 0;
	dp = xovn_lookup(&xovn_datapaths, &ctx->dp_key);
	return dp && (dp->flags & XOVN_DPF_LOCALNET);
}

/* A VIF, container or l2gateway port that lives on another chassis. */
static __always_inline int xovn_output_remote(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      __u16 out_port, const struct xovn_port_val *pv)
{
	if (!(pv->flags & XOVN_PF_REMOTE))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	/* The fabric already carried it past its owner: here it is not ours. */
	if (ctx->origin == XOVN_ORIGIN_LOCALNET)
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALNET_REFLECT);
	if (xovn_from_localport(ctx))
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALPORT);
	if (xovn_via_localnet(ctx))
		return xovn_send_localnet(skb, ctx, out_port);
	xovn_trace_action(ctx, XOVN_ACT_TUNNEL, out_port);
	return xovn_tunnel_unicast(skb, ctx, out_port, pv->remote_ip, pv->slot);
}

/*
 * External ports live on the physical network: the only way there is this
 * chassis' localnet.  A localport may reach one only when this chassis holds
 * it, so that exactly one metadata instance answers it.
 */
static __always_inline int xovn_output_external(struct __sk_buff *skb, struct xovn_ctx *ctx,
						__u16 out_port, const struct xovn_port_val *pv)
{
	if (ctx->origin == XOVN_ORIGIN_LOCALNET)
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALNET_REFLECT);
	if (xovn_from_localport(ctx) && !(pv->flags & XOVN_PF_HELD))
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALPORT);
	return xovn_send_localnet(skb, ctx, out_port);
}

/* The localnet port itself as the destination (a MAC listed on it). */
static __always_inline int xovn_output_localnet(struct __sk_buff *skb, struct xovn_ctx *ctx,
						__u16 out_port, const struct xovn_port_val *pv)
{
	if (ctx->origin == XOVN_ORIGIN_LOCALNET)
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALNET_REFLECT);
	if (xovn_from_localport(ctx))
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALPORT);
	if (!(pv->flags & XOVN_PF_LOCAL))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	return xovn_deliver(skb, ctx, out_port, pv);
}

/*
 * A localport is reached only through this chassis' own instance.  From the
 * physical network only an external port held here may reach it: that is
 * the answer to what the localport sent it (xovn_output_external), and the
 * holder is the one chassis whose instance it talks to.
 */
static __always_inline int xovn_output_localport(struct __sk_buff *skb, struct xovn_ctx *ctx,
						 __u16 out_port, const struct xovn_port_val *pv)
{
	if (ctx->origin == XOVN_ORIGIN_LOCALNET && !xovn_external_frame_held(skb, ctx->dp_key))
		return xovn_drop(skb, ctx, XOVN_DROP_LOCALPORT);
	if (!(pv->flags & XOVN_PF_LOCAL))
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	return xovn_deliver(skb, ctx, out_port, pv);
}

/*
 * Unicast egress to logical port out_port of ctx->dp_key, whose xovn_ports
 * value is pv (NULL: the port is unknown here); returns the TC verdict.
 * The L2 lookup passes the copy its fdb entry carries, the decap path the
 * entry it already looked up, so neither looks the port up again.
 */
static __always_inline int xovn_output_port(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    __u16 out_port, const struct xovn_port_val *pv)
{
	if (!pv)
		return xovn_drop(skb, ctx, XOVN_DROP_PORT_ABSENT);
	if (ctx->origin == XOVN_ORIGIN_TUNNEL)
		return xovn_output_from_tunnel(skb, ctx, out_port, pv);
	switch (pv->port_type) {
	case XOVN_PT_LOCALPORT:
		return xovn_output_localport(skb, ctx, out_port, pv);
	case XOVN_PT_LOCALNET:
		return xovn_output_localnet(skb, ctx, out_port, pv);
	case XOVN_PT_EXTERNAL:
		return xovn_output_external(skb, ctx, out_port, pv);
	default:
		if (pv->flags & XOVN_PF_LOCAL)
			return xovn_deliver(skb, ctx, out_port, pv);
		/* A router port reaches here only when its router is a gateway
		 * router on another chassis (REMOTE), or not entered here. */
		return xovn_output_remote(skb, ctx, out_port, pv);
	}
}

#endif /* XOVN_BPF_DELIVER_H */
