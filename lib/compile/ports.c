// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compile_ports.c - one logical switch port -> its xovn_ports entry, its
 * MACs in xovn_fdb, its xovn_ingress key when it has an interface here, and
 * its membership in the switch's flood groups.
 */
#include <string.h>

#include "util/addr.h"
#include "compile/ctx.h"
#include "model/model.h"

static const char *str_field(const json_t *obj, const char *field)
{
	return json_string_value(json_object_get(obj, field));
}

static const char *port_option(const json_t *port, const char *option)
{
	return str_field(json_object_get(port, "options"), option);
}

static uint16_t port_tag(const json_t *port)
{
	return (uint16_t)json_integer_value(json_object_get(port, "tag"));
}

static int port_key_of(struct compile_ctx *ctx, const json_t *port, uint16_t *key)
{
	const json_t *k = json_object_get(port, "tunnel_key");
	json_int_t v = json_integer_value(k);

	if (!json_is_integer(k) || v < 1 || v > XOVN_PORT_KEY_MAX)
		return compile_fail(ctx, "port '%s' has no tunnel_key in 1..%u",
				    str_field(port, "name"), XOVN_PORT_KEY_MAX);
	*key = (uint16_t)v;
	return 0;
}

/* The interface this chassis maps the port's network_name to, if it exists here. */
static int resolve_bridge(const struct compile_ctx *ctx, const json_t *port,
			  struct xovn_iface_info *info)
{
	const char *iface = compile_bridge_iface(ctx->chassis, port_option(port, "network_name"));

	return iface ? compile_resolve(ctx, iface, info) : -1;
}

int compile_switch_scan(struct compile_ctx *ctx, const json_t *sw, struct switch_state *st)
{
	struct xovn_iface_info info;
	const json_t *port;
	size_t i;

	json_array_foreach(json_object_get(sw, "ports"), i, port) {
		const char *type = str_field(port, "type");
		uint16_t key;

		if (!type || strcmp(type, "localnet") != 0)
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
static void place_container(const struct compile_ctx *ctx, const json_t *port,
			    struct xovn_port_val *val)
{
	compile_place_vif(ctx, str_field(port, "parent_name"), val);
	if (val->flags & XOVN_PF_LOCAL)
		val->vid = port_tag(port);
}

/* Each chassis may attach its own instance; it is never reached remotely. */
static void place_localport(const struct compile_ctx *ctx, const json_t *port,
			    struct xovn_port_val *val)
{
	const char *iface = name_index_get(&ctx->local_vifs, str_field(port, "name"));
	struct xovn_iface_info info;

	if (iface && compile_resolve(ctx, iface, &info) == 0)
		set_local(val, info.ifindex, info.is_veth ? XOVN_PF_REDIRECT_PEER : 0);
}

static void place_localnet(const struct compile_ctx *ctx, const struct switch_state *st,
			   uint16_t key, const json_t *port, struct xovn_port_val *val)
{
	struct xovn_iface_info info;

	if (key != st->mapped_localnet || resolve_bridge(ctx, port, &info) < 0)
		return;
	set_local(val, info.ifindex, 0);
	val->vid = port_tag(port);
}

static void place_l2gateway(const struct compile_ctx *ctx, const json_t *port,
			    struct xovn_port_val *val)
{
	const char *gw = port_option(port, "l2gateway-chassis");
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
		       uint16_t key, const json_t *port, struct xovn_port_val *val)
{
	switch (val->port_type) {
	case XOVN_PT_VIF:
		if (str_field(port, "parent_name"))
			place_container(ctx, port, val);
		else
			compile_place_vif(ctx, str_field(port, "name"), val);
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
	default: /* router: known, but nothing to deliver to yet */
		break;
	}
}

static int has_address(const json_t *port, const char *word)
{
	const json_t *a;
	size_t i;

	json_array_foreach(json_object_get(port, "addresses"), i, a) {
		if (json_is_string(a) && strcmp(json_string_value(a), word) == 0)
			return 1;
	}
	return 0;
}

/* Each MAC of the port, with a copy of its xovn_ports value (pv): one lookup for unicast. */
static int emit_fdb(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		    const json_t *port, const struct xovn_port_val *pv)
{
	struct xovn_lport_addr addr;
	const json_t *a;
	char why[128];
	size_t i;

	json_array_foreach(json_object_get(port, "addresses"), i, a) {
		const char *s = json_string_value(a);
		struct xovn_fdb_key fk;
		struct xovn_fdb_val fv;

		if (!s || strcmp(s, "unknown") == 0 || strcmp(s, "router") == 0)
			continue;
		if (xovn_parse_lport_addr(s, 0, &addr, why, sizeof(why)) < 0)
			return compile_fail(ctx, "port '%s': address \"%s\": %s",
					    str_field(port, "name"), s, why);
		memset(&fk, 0, sizeof(fk));
		memset(&fv, 0, sizeof(fv));
		fk.dp_key = st->dp_key;
		memcpy(fk.mac, addr.mac, sizeof(fk.mac));
		fv.port_key = key;
		fv.port = *pv;
		if (compile_emit(ctx, XOVN_MAP_FDB, &fk, sizeof(fk), &fv, sizeof(fv)) < 0)
			return -1;
	}
	return 0;
}

static int add_ingress(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		       const json_t *port, const struct xovn_port_val *pv)
{
	struct xovn_ingress_key ik;
	struct xovn_ingress_val iv;
	struct xovn_dhcp_val dhcp;

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
	return ingress_add(ctx, &ik, &iv, str_field(port, "name"));
}

int compile_port(struct compile_ctx *ctx, struct switch_state *st, const json_t *port)
{
	const char *type_str = str_field(port, "type");
	int type = xovn_port_type_from_str(type_str ? type_str : "");
	struct xovn_port_key pk;
	struct xovn_port_val pv;
	uint16_t key;

	if (port_key_of(ctx, port, &key) < 0)
		return -1;
	if (type < 0)
		return compile_fail(ctx, "port '%s' has unknown type \"%s\"",
				    str_field(port, "name"), type_str);
	memset(&pk, 0, sizeof(pk));
	memset(&pv, 0, sizeof(pv));
	pk.dp_key = st->dp_key;
	pk.port_key = key;
	pv.port_type = (uint8_t)type;
	place_port(ctx, st, key, port, &pv);
	if (has_address(port, "unknown"))
		pv.flags |= XOVN_PF_UNKNOWN;
	if (json_array_size(json_object_get(port, "port_security")) > 0)
		pv.flags |= XOVN_PF_PORT_SECURITY;

	if (compile_emit(ctx, XOVN_MAP_PORTS, &pk, sizeof(pk), &pv, sizeof(pv)) < 0 ||
	    emit_fdb(ctx, st, key, port, &pv) < 0)
		return -1;
	if ((pv.flags & XOVN_PF_LOCAL) && add_ingress(ctx, st, key, port, &pv) < 0)
		return -1;
	return flood_add_member(ctx, st, key, &pv);
}
