// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ports.c - one logical switch port -> its xovn_ports entry, its
 * MACs in xovn_fdb_v2, its xovn_ingress key when it has an interface here, and
 * its membership in the switch's flood groups.
 */
#include <string.h>

#include "util/addr.h"
#include "compile/ctx.h"

static const char *port_name(const struct xovn_lsp *port)
{
	return port->name ? port->name : "?";
}

static int port_key_of(struct compile_ctx *ctx, const struct xovn_lsp *port, uint16_t *key)
{
	*key = (uint16_t)port->tunnel_key;
	if (port->tunnel_key < 1 || port->tunnel_key > XOVN_PORT_KEY_MAX)
		return compile_fail(ctx, "port '%s' has no tunnel_key in 1..%u", port_name(port),
				    XOVN_PORT_KEY_MAX);
	return 0;
}

/* The interface this chassis maps the port's network_name to, if it exists here. */
static int resolve_bridge(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			  struct xovn_iface_info *info)
{
	const char *iface = compile_bridge_iface(ctx->chassis,
						 xovn_smap_get(&port->options, "network_name"));

	return iface ? compile_resolve(ctx, iface, info) : -1;
}

int compile_switch_scan(struct compile_ctx *ctx, const struct xovn_ls *sw, struct switch_state *st)
{
	struct xovn_iface_info info;

	for (size_t i = 0; i < sw->n_ports; i++) {
		const struct xovn_lsp *port = &sw->ports[i];
		uint16_t key;

		if (port->kind != XOVN_PT_LOCALNET)
			continue;
		st->has_localnet = 1;
		/* A chassis maps at most one of a switch's networks; the first wins. */
		if (st->mapped_localnet || resolve_bridge(ctx, port, &info) < 0)
			continue;
		if (port_key_of(ctx, port, &key) < 0)
			return -1;
		st->mapped_localnet = key;
	}
	return 0;
}

static void set_local(struct xovn_port_val *val, uint32_t ifindex, uint8_t extra_flags)
{
	val->ifindex = ifindex;
	val->flags |= XOVN_PF_LOCAL | extra_flags;
}

/* A container port shares its parent's interface and chassis; its tag tells it apart. */
static void place_container(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			    struct xovn_port_val *val)
{
	compile_place_vif(ctx, port->parent_name, val);
	if (val->flags & XOVN_PF_LOCAL)
		val->vid = (uint16_t)port->tag;
}

/* Each chassis may attach its own instance; it is never reached remotely. */
static void place_localport(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			    struct xovn_port_val *val)
{
	const char *iface = compile_local_iface(ctx, port);
	struct xovn_iface_info info;

	if (iface && compile_resolve(ctx, iface, &info) == 0)
		set_local(val, info.ifindex, info.is_veth ? XOVN_PF_REDIRECT_PEER : 0);
}

static void place_localnet(const struct compile_ctx *ctx, const struct switch_state *st,
			   uint16_t key, const struct xovn_lsp *port, struct xovn_port_val *val)
{
	struct xovn_iface_info info;

	if (key != st->mapped_localnet || resolve_bridge(ctx, port, &info) < 0)
		return;
	set_local(val, info.ifindex, 0);
	val->vid = (uint16_t)port->tag;
}

static void place_l2gateway(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			    struct xovn_port_val *val)
{
	const char *gw = xovn_smap_get(&port->options, "l2gateway-chassis");
	struct xovn_iface_info info;

	if (!gw)
		return;
	if (strcmp(gw, ctx->chassis_name) == 0) {
		if (resolve_bridge(ctx, port, &info) == 0)
			set_local(val, info.ifindex, 0);
		return;
	}
	val->remote_ip = compile_chassis_ip(ctx, gw);
	if (val->remote_ip)
		val->flags |= XOVN_PF_REMOTE;
}

static void place_port(const struct compile_ctx *ctx, const struct switch_state *st,
		       uint16_t key, const struct xovn_lsp *port, struct xovn_port_val *val)
{
	switch (val->port_type) {
	case XOVN_PT_VIF:
		if (port->parent_name)
			place_container(ctx, port, val);
		else
			compile_place_resident(ctx, port, val);
		break;
	case XOVN_PT_LOCALPORT:
		place_localport(ctx, port, val);
		break;
	case XOVN_PT_LOCALNET:
		place_localnet(ctx, st, key, port, val);
		break;
	case XOVN_PT_EXTERNAL:
		/* Reached only through localnet: no localnet, nobody holds it. */
		if (st->has_localnet && compile_external_held(ctx, port))
			val->flags |= XOVN_PF_HELD;
		break;
	case XOVN_PT_L2GATEWAY:
		place_l2gateway(ctx, port, val);
		break;
	case XOVN_PT_ROUTER:
		compile_gateway_place_lsp(ctx, port, val);
		break;
	default:
		break;
	}
}

static int has_address(const struct xovn_lsp *port, const char *word)
{
	for (size_t i = 0; i < port->addresses.n; i++) {
		const char *a = port->addresses.v[i];

		if (a && strcmp(a, word) == 0)
			return 1;
	}
	return 0;
}

/*
 * Each MAC of the port, with a copy of its xovn_ports value (pv) and of its
 * xovn_lsp_router value: one lookup for unicast, routed or not.  A router port's "router" address is its router port's MAC.
 */
static int emit_fdb(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		    const struct xovn_lsp *port, const struct xovn_port_val *pv)
{
	struct xovn_lport_addr addr;

	for (size_t i = 0; i < port->addresses.n; i++) {
		struct xovn_fdb_key fk;
		struct xovn_fdb_val fv;
		int rc = compile_lsp_address(ctx, port, port->addresses.v[i], &addr);

		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		memset(&fk, 0, sizeof(fk));
		memset(&fv, 0, sizeof(fv));
		fk.dp_key = st->dp_key;
		memcpy(fk.mac, addr.mac, sizeof(fk.mac));
		fv.port_key = key;
		fv.port = *pv;
		compile_router_lsp_val(ctx, port, &fv.router);
		if (compile_emit(ctx, XOVN_MAP_FDB, &fk, sizeof(fk), &fv, sizeof(fv)) < 0)
			return -1;
	}
	return 0;
}

static int add_ingress(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		       const struct xovn_lsp *port, const struct xovn_port_val *pv)
{
	struct xovn_ingress_key ik;
	struct xovn_ingress_val iv;
	struct xovn_dhcp_val dhcp;
	struct xovn_dhcp6_val dhcp6;

	memset(&ik, 0, sizeof(ik));
	memset(&iv, 0, sizeof(iv));
	ik.ifindex = pv->ifindex;
	ik.vid = pv->vid;
	iv.dp_key = st->dp_key;
	iv.port_key = key;
	iv.port_type = pv->port_type;
	/* An untagged provider network may still carry priority-tagged frames. */
	if (pv->port_type == XOVN_PT_LOCALNET && pv->vid == 0)
		iv.flags |= XOVN_IN_ACCEPT_PRIO_TAG;
	if (pv->flags & XOVN_PF_PORT_SECURITY)
		iv.flags |= XOVN_IN_PORT_SECURITY;
	if (compile_dhcp_value(ctx, port, &dhcp) == 1)
		iv.flags |= XOVN_IN_DHCP;
	if (compile_dhcp6_value(ctx, port, &dhcp6) == 1)
		iv.flags |= XOVN_IN_DHCP6;
	/* The same fact as the switch's xovn_datapaths entry, from the same compile. */
	if (!st->mapped_localnet)
		iv.flags |= XOVN_IN_TUNNEL_ONLY;
	return ingress_add(ctx, &ik, &iv, port->name);
}

int compile_port(struct compile_ctx *ctx, struct switch_state *st, const struct xovn_lsp *port)
{
	int type = port->kind;
	struct xovn_port_key pk;
	struct xovn_port_val pv;
	uint16_t key;

	if (port_key_of(ctx, port, &key) < 0)
		return -1;
	if (type < 0)
		return compile_fail(ctx, "port '%s' has unknown type \"%s\"", port_name(port),
				    port->type ? port->type : "(not a string)");
	memset(&pk, 0, sizeof(pk));
	memset(&pv, 0, sizeof(pv));
	pk.dp_key = st->dp_key;
	pk.port_key = key;
	pv.port_type = (uint8_t)type;
	place_port(ctx, st, key, port, &pv);
	if (has_address(port, "unknown"))
		pv.flags |= XOVN_PF_UNKNOWN;
	if (port->port_security.n > 0)
		pv.flags |= XOVN_PF_PORT_SECURITY;

	if (compile_emit(ctx, XOVN_MAP_PORTS, &pk, sizeof(pk), &pv, sizeof(pv)) < 0 ||
	    emit_fdb(ctx, st, key, port, &pv) < 0)
		return -1;
	if (type == XOVN_PT_ROUTER && compile_nat_port(ctx, st, key, port, &pv) < 0)
		return -1;
	if ((pv.flags & XOVN_PF_LOCAL) && add_ingress(ctx, st, key, port, &pv) < 0)
		return -1;
	return flood_add_member(ctx, st, key, &pv);
}
