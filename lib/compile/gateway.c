// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * gateway.c - where routers run, seen from the chassis being compiled
 * (ovn-architecture(7), "Gateway Routers", "Distributed Gateway Ports").
 *
 * A router with options:chassis is a gateway router: it runs on that
 * chassis only; every other chassis sees its switch ports as remote ports
 * bound there (OVN's l3gateway port binding) and compiles none of its
 * tables.  Naming a chassis the model does not have, it runs nowhere.
 * Any other router is distributed and runs everywhere.
 *
 * A router port with gateway chassis or an HA chassis group is a
 * distributed gateway port: its active chassis (the highest-priority live
 * one, compile_lrp_active_gateway) is the only one that takes frames for
 * it from the physical network and answers ARP / ND there; the others
 * redirect what they route out of it to the active one (xovn_gw_ports).
 */
#include <string.h>

#include "compile/ctx.h"

static const char *router_chassis(const struct xovn_lr *r)
{
	return xovn_smap_get(&r->options, "chassis");
}

int compile_router_here(const struct compile_ctx *ctx, const struct xovn_lr *r)
{
	const char *ch = router_chassis(r);

	return !ch || strcmp(ch, ctx->chassis_name) == 0;
}

int compile_lrp_is_gateway(const struct xovn_lrp *lrp)
{
	return lrp->n_gateway_chassis > 0 || lrp->ha_chassis_group;
}

static int active_here(const struct compile_ctx *ctx, const struct xovn_lrp *lrp)
{
	const char *active = compile_lrp_active_gateway(ctx, lrp);

	return active && strcmp(active, ctx->chassis_name) == 0;
}

int compile_lrp_edge_here(const struct compile_ctx *ctx, const struct xovn_lrp *lrp)
{
	if (router_chassis(lrp->lr))
		return compile_router_here(ctx, lrp->lr);
	return compile_lrp_is_gateway(lrp) && active_here(ctx, lrp);
}

void compile_gateway_place_lsp(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			       struct xovn_port_val *val)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);
	const char *ch;

	if (!lrp)
		return;
	ch = router_chassis(lrp->lr);
	if (ch && strcmp(ch, ctx->chassis_name) != 0) {
		val->remote_ip = compile_chassis_ip(ctx, ch);
		if (val->remote_ip)
			val->flags |= XOVN_PF_REMOTE;
		return;
	}
	val->flags |= XOVN_PF_ROUTER_HERE;
	if (compile_lrp_edge_here(ctx, lrp))
		val->flags |= XOVN_PF_ROUTER_EDGE;
}

static const struct xovn_lrp *port_by_key(const struct xovn_lr *r, uint16_t key)
{
	for (size_t i = 0; i < r->n_ports; i++) {
		if (r->ports[i].tunnel_key == key)
			return &r->ports[i];
	}
	return NULL;
}

void compile_gateway_mark_paths(const struct xovn_lr *r, struct xovn_route_val *val)
{
	for (uint8_t i = 0; i < val->n_paths && i < XOVN_MAX_ECMP; i++) {
		const struct xovn_lrp *lrp = port_by_key(r, val->paths[i].lrp_key);

		/* A LOCAL route names the port owning the address: nothing leaves by it. */
		if (lrp && compile_lrp_is_gateway(lrp) && !(val->flags & XOVN_RT_LOCAL))
			val->paths[i].flags |= XOVN_PATH_GATEWAY;
	}
}

int compile_gateway_port(struct compile_ctx *ctx, uint32_t rtr_key, const struct xovn_lrp *lrp,
			 const struct xovn_lsp *lsp)
{
	const char *active = compile_lrp_active_gateway(ctx, lrp);
	struct xovn_gw_port_val v;
	struct xovn_rport_key k;

	memset(&k, 0, sizeof(k));
	memset(&v, 0, sizeof(v));
	k.rtr_key = rtr_key;
	k.lrp_key = (uint16_t)lrp->tunnel_key;
	v.ls_dp_key = (uint32_t)lsp->ls->tunnel_key;
	v.ls_port_key = (uint16_t)lsp->tunnel_key;
	if (active && strcmp(active, ctx->chassis_name) == 0)
		v.flags = XOVN_GW_ACTIVE_HERE;
	else if (active)
		v.remote_ip = compile_chassis_ip(ctx, active);
	return compile_emit(ctx, XOVN_MAP_GW_PORTS, &k, sizeof(k), &v, sizeof(v));
}
