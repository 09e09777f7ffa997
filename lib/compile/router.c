// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * router.c - every logical router that runs on this chassis (distributed
 * routers everywhere, since a frame is routed where it enters; a gateway
 * router on its chassis, gateway.c): its ports (xovn_rports, and
 * xovn_gw_ports for a distributed gateway port), then its routes
 * (router_routes.c, each path with its out port's xovn_rports data) and
 * neighbours (router_neigh.c).  A router port reaches a switch through the switch
 * port of type router whose options:router-port names it; a router port
 * no switch port names has no xovn_rports entry, so routes out of it
 * drop as no-route.  A disabled router or router port compiles to
 * nothing.
 */
#include <string.h>
#include <sys/socket.h>

#include "compile/ctx.h"

static int index_switch_sides(struct compile_ctx *ctx, struct name_index *lsp_by_lrp)
{
	for (size_t i = 0; i < ctx->model->n_switches; i++) {
		const struct xovn_ls *sw = ctx->model->switches[i];

		for (size_t j = 0; j < sw->n_ports; j++) {
			const struct xovn_lsp *p = &sw->ports[j];
			const char *lrp = xovn_smap_get(&p->options, "router-port");

			/* Two switch ports naming one router port: the first one is its peer. */
			if (p->kind == XOVN_PT_ROUTER && lrp &&
			    name_index_put_new(lsp_by_lrp, lrp, p) < 0)
				return compile_fail(ctx, "out of memory indexing router ports");
		}
	}
	return 0;
}

static int check_keys(struct compile_ctx *ctx, const struct xovn_lr *r)
{
	const char *name = r->name ? r->name : "?";

	if (r->tunnel_key < 1 || r->tunnel_key > XOVN_DP_KEY_MAX)
		return compile_fail(ctx, "logical router '%s' has no tunnel_key in 1..%u", name,
				    XOVN_DP_KEY_MAX);
	for (size_t j = 0; j < r->n_ports; j++) {
		const struct xovn_lrp *lrp = &r->ports[j];

		if (lrp->tunnel_key < 1 || lrp->tunnel_key > XOVN_PORT_KEY_MAX)
			return compile_fail(ctx, "router port '%s' of '%s' has no tunnel_key in "
					    "1..%u", lrp->name ? lrp->name : "?", name,
					    XOVN_PORT_KEY_MAX);
	}
	return 0;
}

/* The first network of the family in addr: the source of the port's own packets. */
static void first_ip(const struct xovn_lport_addr *addr, struct xovn_rport_val *v)
{
	int have4 = 0, have6 = 0;

	for (int i = 0; i < addr->n_ips; i++) {
		const struct xovn_ip *ip = &addr->ips[i];

		if (ip->family == AF_INET && !have4) {
			v->ip4 = ip->v4.s_addr;
			have4 = 1;
		} else if (ip->family == AF_INET6 && !have6) {
			memcpy(v->ip6, ip->v6.s6_addr, sizeof(v->ip6));
			have6 = 1;
		}
	}
}

int compile_rport_val(const struct xovn_lrp *lrp, const struct xovn_lsp *lsp,
		      struct xovn_rport_val *v)
{
	struct xovn_lport_addr addr;

	memset(v, 0, sizeof(*v));
	if (compile_lrp_address(lrp, &addr) < 0)
		return -1;
	memcpy(v->mac, addr.mac, sizeof(v->mac));
	v->ls_dp_key = (uint32_t)lsp->ls->tunnel_key;
	v->ls_port_key = (uint16_t)lsp->tunnel_key;
	first_ip(&addr, v);
	return 0;
}

static int emit_rport(struct compile_ctx *ctx, uint32_t rtr_key, const struct xovn_lrp *lrp,
		      const struct xovn_lsp *lsp)
{
	struct xovn_rport_key k;
	struct xovn_rport_val v;

	if (compile_rport_val(lrp, lsp, &v) < 0)
		return compile_fail(ctx, "router port '%s': MAC or network does not parse",
				    lrp->name ? lrp->name : "?");
	memset(&k, 0, sizeof(k));
	k.rtr_key = rtr_key;
	k.lrp_key = (uint16_t)lrp->tunnel_key;
	return compile_emit(ctx, XOVN_MAP_RPORTS, &k, sizeof(k), &v, sizeof(v));
}

static int compile_router(struct compile_ctx *ctx, const struct xovn_lr *r,
			  const struct name_index *lsp_by_lrp)
{
	uint32_t rtr_key;

	if (r->enabled == XOVN_FALSE || !compile_router_here(ctx, r))
		return 0;
	if (check_keys(ctx, r) < 0)
		return -1;
	rtr_key = (uint32_t)r->tunnel_key;
	for (size_t j = 0; j < r->n_ports; j++) {
		const struct xovn_lrp *lrp = &r->ports[j];
		const struct xovn_lsp *lsp = lrp->name ? name_index_get(lsp_by_lrp, lrp->name) : NULL;

		if (!lsp || !compile_lrp_enabled(lrp))
			continue;
		if (emit_rport(ctx, rtr_key, lrp, lsp) < 0)
			return -1;
		if (compile_lrp_is_gateway(lrp) && compile_gateway_port(ctx, rtr_key, lrp, lsp) < 0)
			return -1;
	}
	if (compile_router_routes(ctx, r, rtr_key, lsp_by_lrp) < 0 || compile_router_nat(ctx, r, rtr_key) < 0)
		return -1;
	return compile_router_neigh(ctx, r, rtr_key, lsp_by_lrp);
}

int compile_routers(struct compile_ctx *ctx)
{
	struct name_index lsp_by_lrp;
	int rc = 0;

	if (!ctx->model->n_routers)
		return 0;
	name_index_init(&lsp_by_lrp);
	rc = index_switch_sides(ctx, &lsp_by_lrp);
	for (size_t i = 0; i < ctx->model->n_routers && rc == 0; i++)
		rc = compile_router(ctx, &ctx->model->routers[i], &lsp_by_lrp);
	name_index_free(&lsp_by_lrp);
	return rc;
}
