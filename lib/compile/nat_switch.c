// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat_switch.c - the switch side of a router's NAT external IPs
 * (ovn-architecture(7), "Gateway Routers", "Distributed Gateway Ports"):
 * the router LSP answers ARP for them where the rules run, so hosts on
 * the physical network can reach them without static neighbours.
 *
 *   centralized (a gateway router, or a router's gateway port on its active
 *     chassis): answered with the router port's MAC, on the gateway port's
 *     switch, or for a gateway router on the switch of each port whose
 *     network holds the address (not the port's own addresses, which the
 *     responder has already);
 *   a distributed floating IP (dnat_and_snat with logical_port and
 *     external_mac): on the chassis of logical_port only, answered with
 *     external_mac, and that switch takes frames to external_mac from the
 *     physical network into the router there (an xovn_fdb_v2 entry to the
 *     router LSP, resident for the physical network), so the floating IP's
 *     traffic enters and leaves by the VM's chassis, not the gateway chassis.
 *
 * The first rule for an external IP wins.
 */
#include <string.h>
#include <sys/socket.h>

#include "model/nat.h"
#include "util/cidr.h"
#include "compile/ctx.h"

static int emit_arp(struct compile_ctx *ctx, uint32_t dp_key, uint16_t key,
		    const struct xovn_ip *ext, const uint8_t *mac, uint8_t flags)
{
	struct xovn_arp_resp_key ak = { .dp_key = dp_key, .ip = ext->v4.s_addr };
	struct xovn_resp_val rv = { .port_key = key, .flags = flags };

	memcpy(rv.mac, mac, sizeof(rv.mac));
	return compile_emit(ctx, XOVN_MAP_ARP_RESP, &ak, sizeof(ak), &rv, sizeof(rv));
}

/*
 * The floating IP's MAC as a port of the switch, entering the router here:
 * the router LSP's own fdb value (port_fv), flagged as the router's edge.
 */
static int emit_fip(struct compile_ctx *ctx, const struct switch_state *st,
		    const struct xovn_nat *n, const struct xovn_ip *ext,
		    const struct xovn_fdb_val *port_fv)
{
	struct xovn_fdb_key fk = { .dp_key = st->dp_key };
	struct xovn_fdb_val fv = *port_fv;

	if (xovn_parse_mac(n->external_mac, fk.mac) < 0)
		return compile_fail(ctx, "NAT %s: external_mac \"%s\" does not parse",
				    n->external_ip, n->external_mac);
	fv.port.flags |= XOVN_PF_ROUTER_HERE | XOVN_PF_ROUTER_EDGE;
	if (compile_emit(ctx, XOVN_MAP_FDB, &fk, sizeof(fk), &fv, sizeof(fv)) < 0)
		return -1;
	return emit_arp(ctx, st->dp_key, fv.port_key, ext, fk.mac,
			XOVN_RESP_ROUTER | XOVN_RESP_RESIDENT);
}

/* Does port lrp (address addr) answer for centralized external IP ext? */
static int central_on_port(const struct xovn_lrp *lrp, uint16_t out_lrp,
			   const struct xovn_lport_addr *addr, const struct xovn_ip *ext)
{
	int on_net = 0;

	for (int i = 0; i < addr->n_ips; i++) {
		if (addr->ips[i].family != AF_INET)
			continue;
		if (addr->ips[i].v4.s_addr == ext->v4.s_addr)
			return 0;  /* the port's own address */
		on_net |= xovn_cidr_contains(&addr->ips[i], ext);
	}
	return out_lrp ? out_lrp == lrp->tunnel_key : on_net;
}

static int nat_port_rule(struct compile_ctx *ctx, const struct switch_state *st,
			 const struct xovn_lrp *lrp, const struct xovn_lport_addr *addr,
			 const struct xovn_nat *n, const struct xovn_fdb_val *port_fv)
{
	uint16_t out_lrp;
	struct xovn_ip ext;
	int where = compile_nat_where(ctx, lrp->lr, n, &out_lrp);

	if (where == COMPILE_NAT_ELSEWHERE || xovn_nat_external_ip(n->external_ip, &ext) < 0)
		return 0;
	if (where == COMPILE_NAT_DISTRIBUTED)
		return out_lrp == lrp->tunnel_key ? emit_fip(ctx, st, n, &ext, port_fv) : 0;
	if (!central_on_port(lrp, out_lrp, addr, &ext))
		return 0;
	return emit_arp(ctx, st->dp_key, port_fv->port_key, &ext, addr->mac,
			XOVN_RESP_ROUTER | (compile_lrp_edge_here(ctx, lrp) ? XOVN_RESP_RESIDENT : 0));
}

int compile_nat_port(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		     const struct xovn_lsp *port, const struct xovn_port_val *pv)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);
	struct xovn_fdb_val port_fv = { .port_key = key, .port = *pv };
	struct xovn_lport_addr addr;
	struct name_index seen;
	int rc = 0;

	if (!lrp || !lrp->lr->n_nat || !(pv->flags & XOVN_PF_ROUTER_HERE) ||
	    compile_lrp_address(lrp, &addr) < 0)
		return 0;
	compile_router_lsp_val(ctx, port, &port_fv.router);
	name_index_init(&seen);
	for (size_t i = 0; i < lrp->lr->n_nat && rc == 0; i++) {
		const struct xovn_nat *n = &lrp->lr->nat[i];

		if (!n->external_ip || name_index_get(&seen, n->external_ip))
			continue;
		if (name_index_put_new(&seen, n->external_ip, n) < 0)
			rc = compile_fail(ctx, "out of memory indexing NAT rules");
		else
			rc = nat_port_rule(ctx, st, lrp, &addr, n, &port_fv);
	}
	name_index_free(&seen);
	return rc;
}
