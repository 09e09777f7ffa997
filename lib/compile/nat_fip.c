// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat_fip.c - the switch side of a distributed floating IP (ovn-nb(5) NAT
 * dnat_and_snat with logical_port and external_mac, on a router with a
 * distributed gateway port; ovn-architecture(7), "Distributed Gateway
 * Ports").  On the chassis of logical_port, the gateway port's switch
 * takes frames to external_mac from the physical network into the router
 * here (an xovn_fdb entry to the router LSP, resident for the physical
 * network) and answers ARP for the external IP with external_mac, so the
 * floating IP's traffic enters and leaves by the VM's chassis, never by the
 * gateway chassis.  The first rule for an external IP or MAC wins.
 */
#include <string.h>

#include "model/nat.h"
#include "compile/ctx.h"

/* Is rule i the first distributed one here with its external IP or MAC? */
static int fip_first(const struct compile_ctx *ctx, const struct xovn_lr *r, size_t i)
{
	const struct xovn_nat *n = &r->nat[i];
	uint16_t lrp;

	for (size_t j = 0; j < i; j++) {
		const struct xovn_nat *m = &r->nat[j];

		if (!compile_nat_distributed_here(ctx, r, m, &lrp))
			continue;
		if (strcmp(m->external_ip, n->external_ip) == 0 ||
		    strcasecmp(m->external_mac, n->external_mac) == 0)
			return 0;
	}
	return 1;
}

static int fip_emit(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		    const struct xovn_nat *n, const struct xovn_port_val *pv)
{
	struct xovn_fdb_key fk = { .dp_key = st->dp_key };
	struct xovn_fdb_val fv = { .port_key = key, .port = *pv };
	struct xovn_arp_resp_key ak = { .dp_key = st->dp_key };
	struct xovn_resp_val rv = { .port_key = key,
				    .flags = XOVN_RESP_ROUTER | XOVN_RESP_RESIDENT };
	struct xovn_ip ext;

	if (xovn_parse_mac(n->external_mac, fk.mac) < 0 ||
	    xovn_nat_external_ip(n->external_ip, &ext) < 0)
		return compile_fail(ctx, "NAT %s: external_mac \"%s\" does not parse",
				    n->external_ip, n->external_mac);
	fv.port.flags |= XOVN_PF_ROUTER_HERE | XOVN_PF_ROUTER_EDGE;
	memcpy(rv.mac, fk.mac, sizeof(rv.mac));
	ak.ip = ext.v4.s_addr;
	if (compile_emit(ctx, XOVN_MAP_FDB, &fk, sizeof(fk), &fv, sizeof(fv)) < 0)
		return -1;
	return compile_emit(ctx, XOVN_MAP_ARP_RESP, &ak, sizeof(ak), &rv, sizeof(rv));
}

int compile_nat_fip_port(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
			 const struct xovn_lsp *port, const struct xovn_port_val *pv)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);
	const struct xovn_lr *r = lrp ? lrp->lr : NULL;
	uint16_t out_lrp;

	if (!r || !r->n_nat || !(pv->flags & XOVN_PF_ROUTER_HERE))
		return 0;
	for (size_t i = 0; i < r->n_nat; i++) {
		const struct xovn_nat *n = &r->nat[i];

		if (!compile_nat_distributed_here(ctx, r, n, &out_lrp) ||
		    out_lrp != lrp->tunnel_key || !fip_first(ctx, r, i))
			continue;
		if (fip_emit(ctx, st, key, n, pv) < 0)
			return -1;
	}
	return 0;
}
