// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * responder.c - the IPs this chassis answers ARP requests and
 * neighbour solicitations for (xovn_arp_resp, xovn_nd_resp).
 *
 * Eligible targets: a VIF (or container port) bound to some chassis, a
 * localport with an instance attached here, a router port.  Never a port
 * whose addresses include "unknown" (the owner may use any IP, so it must
 * see the request), an external port (only its holder deals with it), a
 * localnet or l2gateway port (hosts behind them answer for themselves), or
 * a VIF bound nowhere.  A switch port of type router whose router-port is
 * in the model answers for that router port's networks.  Whether the target lives here matters for requests
 * from the physical network, which every chassis on it sees.
 */
#include <string.h>
#include <sys/socket.h>

#include "util/addr.h"
#include "compile/ctx.h"

static int has_unknown(const struct xovn_lsp *port)
{
	for (size_t i = 0; i < port->addresses.n; i++) {
		const char *a = port->addresses.v[i];

		if (a && strcmp(a, "unknown") == 0)
			return 1;
	}
	return 0;
}

/* A VIF or container port: placed LOCAL or REMOTE means bound and reachable. */
static int vif_flags(const struct compile_ctx *ctx, const struct xovn_lsp *port, uint8_t *flags)
{
	struct xovn_port_val pv;

	memset(&pv, 0, sizeof(pv));
	compile_place_resident(ctx, port, &pv);
	if (pv.flags & XOVN_PF_LOCAL)
		*flags = XOVN_RESP_RESIDENT;
	return (pv.flags & (XOVN_PF_LOCAL | XOVN_PF_REMOTE)) != 0;
}

static int localport_attached_here(const struct compile_ctx *ctx, const struct xovn_lsp *port)
{
	const char *iface = compile_local_iface(ctx, port);
	struct xovn_iface_info info;

	return iface && compile_resolve(ctx, iface, &info) == 0;
}

/* Whether this chassis answers for port at all, and with which flags. */
static int responder_eligible(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			      uint8_t *flags)
{
	*flags = 0;
	if (has_unknown(port))
		return 0;
	switch (port->kind) {
	case XOVN_PT_VIF:
		return vif_flags(ctx, port, flags);
	case XOVN_PT_LOCALPORT:
		/*
		 * Every chassis has an instance: answering the physical network
		 * would send one reply per chassis and leak the shared MAC there.
		 */
		return localport_attached_here(ctx, port);
	case XOVN_PT_ROUTER:
		*flags = XOVN_RESP_ROUTER;
		return 1;
	default:
		return 0;
	}
}

static int emit_ip(struct compile_ctx *ctx, uint32_t dp_key, const struct xovn_ip *ip,
		   const struct xovn_resp_val *rv)
{
	struct xovn_arp_resp_key ak;
	struct xovn_nd_resp_key nk;

	if (ip->family == AF_INET) {
		memset(&ak, 0, sizeof(ak));
		ak.dp_key = dp_key;
		ak.ip = ip->v4.s_addr;
		return compile_emit(ctx, XOVN_MAP_ARP_RESP, &ak, sizeof(ak), rv, sizeof(*rv));
	}
	memset(&nk, 0, sizeof(nk));
	nk.dp_key = dp_key;
	memcpy(nk.ip, ip->v6.s6_addr, sizeof(nk.ip));
	return compile_emit(ctx, XOVN_MAP_ND_RESP, &nk, sizeof(nk), rv, sizeof(*rv));
}

static int emit_address(struct compile_ctx *ctx, uint32_t dp_key, const struct xovn_lport_addr *addr,
			struct xovn_resp_val *rv)
{
	memcpy(rv->mac, addr->mac, sizeof(rv->mac));
	for (int i = 0; i < addr->n_ips; i++) {
		if (emit_ip(ctx, dp_key, &addr->ips[i], rv) < 0)
			return -1;
	}
	return 0;
}

/*
 * A router port with a router port at the other end answers for that
 * router port's networks with its MAC, whatever its addresses list (an
 * explicit MAC without IPs, as ovn-nbctl users often write).
 */
static int responder_router_peer(struct compile_ctx *ctx, const struct switch_state *st,
				 const struct xovn_lsp *port, struct xovn_resp_val *rv)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);
	struct xovn_lport_addr addr;

	if (compile_lrp_address(lrp, &addr) < 0)
		return compile_fail(ctx, "port '%s': router port '%s' has a MAC or network that "
				    "does not parse", port->name ? port->name : "?", lrp->name);
	/* Where the router takes the physical network's frames, it answers it too. */
	rv->flags = XOVN_RESP_ROUTER | (compile_lrp_edge_here(ctx, lrp) ? XOVN_RESP_RESIDENT : 0);
	if (addr.n_ips < XOVN_ADDR_MAX_IPS && compile_lrp_lla(lrp, &addr.ips[addr.n_ips]))
		addr.n_ips++;
	return emit_address(ctx, st->dp_key, &addr, rv);
}

int compile_responder_port(struct compile_ctx *ctx, const struct switch_state *st,
			   const struct xovn_lsp *port)
{
	struct xovn_lport_addr addr;
	struct xovn_resp_val rv;
	int eligible = -1;  /* decided on the first address with an IP */
	uint8_t flags;

	memset(&rv, 0, sizeof(rv));
	rv.port_key = (uint16_t)port->tunnel_key;
	if (compile_router_peer(ctx, port))
		return responder_router_peer(ctx, st, port, &rv);
	for (size_t i = 0; i < port->addresses.n; i++) {
		int rc = compile_lsp_address(ctx, port, port->addresses.v[i], &addr);

		if (rc < 0)
			return -1;
		if (rc == 0 || addr.n_ips == 0)
			continue;
		if (eligible < 0) {
			eligible = responder_eligible(ctx, port, &flags);
			rv.flags = flags;
		}
		if (!eligible)
			return 0;
		if (emit_address(ctx, st->dp_key, &addr, &rv) < 0)
			return -1;
	}
	return 0;
}
