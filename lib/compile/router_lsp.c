// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * router_lsp.c - the switch side of a logical router: the switch port of
 * type router whose options:router-port names a router port.  Its
 * "router" address stands for that router port's MAC and networks (as in
 * ovn-nb), so the switch learns the router's MAC and answers ARP / ND for
 * its addresses; its xovn_lsp_router value, copied into its fdb entries,
 * lets frames into the router.
 */
#include <string.h>
#include <sys/socket.h>

#include "util/prefix.h"
#include "compile/ctx.h"

int compile_lrp_enabled(const struct xovn_lrp *lrp)
{
	return lrp->enabled != XOVN_FALSE && lrp->lr && lrp->lr->enabled != XOVN_FALSE;
}

const struct xovn_lrp *compile_router_peer(const struct compile_ctx *ctx,
					   const struct xovn_lsp *port)
{
	const char *name;
	const struct xovn_lrp *lrp;

	if (port->kind != XOVN_PT_ROUTER)
		return NULL;
	name = xovn_smap_get(&port->options, "router-port");
	lrp = name ? name_index_get(&ctx->lrps_by_name, name) : NULL;
	return lrp && compile_lrp_enabled(lrp) ? lrp : NULL;
}

int compile_lrp_address(const struct xovn_lrp *lrp, struct xovn_lport_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (!lrp->mac || xovn_parse_mac(lrp->mac, out->mac) < 0)
		return -1;
	for (size_t i = 0; i < lrp->networks.n && out->n_ips < XOVN_ADDR_MAX_IPS; i++) {
		const char *s = lrp->networks.v[i];

		if (!s || xovn_parse_prefix(s, XOVN_PLEN_REQUIRED, &out->ips[out->n_ips]) < 0)
			return -1;
		out->n_ips++;
	}
	return 0;
}

int compile_lrp_lla(const struct xovn_lrp *lrp, struct xovn_ip *out)
{
	struct xovn_lport_addr addr;
	int has_v6 = 0;

	if (compile_lrp_address(lrp, &addr) < 0)
		return 0;
	for (int i = 0; i < addr.n_ips; i++)
		has_v6 |= addr.ips[i].family == AF_INET6;
	if (!has_v6)
		return 0;
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	out->plen = 128;
	xovn_eui64_lla(addr.mac, out->v6.s6_addr);
	return 1;
}

int compile_lsp_address(struct compile_ctx *ctx, const struct xovn_lsp *port, const char *text,
			struct xovn_lport_addr *out)
{
	const char *name = port->name ? port->name : "?";
	const struct xovn_lrp *lrp;
	char why[128];

	if (!text || strcmp(text, "unknown") == 0 || strcmp(text, "dynamic") == 0)
		return 0;
	if (strcmp(text, "router") == 0) {
		lrp = compile_router_peer(ctx, port);
		if (!lrp)
			return 0;
		if (compile_lrp_address(lrp, out) < 0)
			return compile_fail(ctx, "port '%s': router port '%s' has a MAC or network "
					    "that does not parse", name, lrp->name);
		return 1;
	}
	if (xovn_parse_lport_addr(text, 0, out, why, sizeof(why)) < 0)
		return compile_fail(ctx, "port '%s': address \"%s\": %s", name, text, why);
	return 1;
}

int compile_router_lsp_val(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			   struct xovn_lsp_router_val *v)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);

	memset(v, 0, sizeof(*v));
	if (!lrp || !compile_router_here(ctx, lrp->lr))
		return 0;
	v->rtr_key = (uint32_t)lrp->lr->tunnel_key;
	v->lrp_key = (uint16_t)lrp->tunnel_key;
	v->flags = compile_router_nat_flags(ctx, lrp->lr) | compile_router_route_flags(lrp->lr);
	return 1;
}

int compile_router_lsp(struct compile_ctx *ctx, const struct switch_state *st,
		       const struct xovn_lsp *port)
{
	struct xovn_lsp_router_val v;
	struct xovn_port_key k;

	if (!compile_router_lsp_val(ctx, port, &v))
		return 0;
	memset(&k, 0, sizeof(k));
	k.dp_key = st->dp_key;
	k.port_key = (uint16_t)port->tunnel_key;
	return compile_emit(ctx, XOVN_MAP_LSP_ROUTER, &k, sizeof(k), &v, sizeof(v));
}
