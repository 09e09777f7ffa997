// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compile_bindings.c - where each port lives, seen from the chassis being
 * compiled: name indexes over the model, VIF placement, bridge mappings and
 * the holder of an HA chassis group.
 */
#include <string.h>

#include "util/addr.h"
#include "compile/ctx.h"
#include "model/model.h"

static const char *str_field(const json_t *obj, const char *field)
{
	return json_string_value(json_object_get(obj, field));
}

static int index_ports(struct compile_ctx *ctx)
{
	size_t i, total = 0;
	json_t *sw;

	json_array_foreach(json_object_get(ctx->model, "logical_switches"), i, sw)
		total += json_array_size(json_object_get(sw, "ports"));
	/* Attachments and bindings are at most one per port, give or take localports. */
	if (name_index_reserve(&ctx->ports_by_name, total) < 0 ||
	    name_index_reserve(&ctx->bound_chassis, total) < 0 ||
	    name_index_reserve(&ctx->local_vifs,
			       json_array_size(json_object_get(ctx->chassis, "vifs"))) < 0)
		return -1;
	json_array_foreach(json_object_get(ctx->model, "logical_switches"), i, sw) {
		if (name_index_add_named(&ctx->ports_by_name, json_object_get(sw, "ports")) < 0)
			return -1;
	}
	return 0;
}

static int is_localport(const struct compile_ctx *ctx, const char *port)
{
	const json_t *p = name_index_get(&ctx->ports_by_name, port);
	const char *type = p ? str_field(p, "type") : NULL;

	return type && strcmp(type, "localport") == 0;
}

/*
 * An explicit binding decides (the first one for a port, as in
 * xovn_port_binding()); otherwise a VIF attachment binds the port to that
 * chassis.  A localport's attachments bind nothing: every chassis may
 * attach one.
 */
static int index_bindings(struct compile_ctx *ctx)
{
	const json_t *ch, *vif, *b;
	size_t i, j;

	json_array_foreach(json_object_get(ctx->model, "bindings"), i, b) {
		const char *port = str_field(b, "port"), *chname = str_field(b, "chassis");

		if (port && chname && name_index_put_new(&ctx->bound_chassis, port, chname) < 0)
			return -1;
	}
	json_array_foreach(json_object_get(ctx->model, "chassis"), i, ch) {
		const char *chname = str_field(ch, "name");

		json_array_foreach(json_object_get(ch, "vifs"), j, vif) {
			const char *port = str_field(vif, "port");
			const char *iface = str_field(vif, "iface");

			if (!port || !iface || !chname)
				continue;
			if (ch == ctx->chassis && name_index_put_new(&ctx->local_vifs, port, iface) < 0)
				return -1;
			if (!is_localport(ctx, port) &&
			    name_index_put_new(&ctx->bound_chassis, port, chname) < 0)
				return -1;
		}
	}
	return 0;
}

int compile_build_indexes(struct compile_ctx *ctx)
{
	if (name_index_add_named(&ctx->chassis_by_name, json_object_get(ctx->model, "chassis")) < 0 ||
	    index_ports(ctx) < 0 ||
	    name_index_add_named(&ctx->groups_by_name,
				json_object_get(ctx->model, "ha_chassis_groups")) < 0 ||
	    index_bindings(ctx) < 0 || compile_dhcp_index(ctx) < 0)
		return compile_fail(ctx, "out of memory indexing the model");
	return 0;
}

void compile_free_indexes(struct compile_ctx *ctx)
{
	name_index_free(&ctx->chassis_by_name);
	name_index_free(&ctx->ports_by_name);
	name_index_free(&ctx->groups_by_name);
	name_index_free(&ctx->local_vifs);
	name_index_free(&ctx->bound_chassis);
	name_index_free(&ctx->dhcp_by_uuid);
}

uint32_t compile_chassis_ip(const struct compile_ctx *ctx, const char *chassis)
{
	const json_t *ch = name_index_get(&ctx->chassis_by_name, chassis);
	const char *text = ch ? str_field(json_object_get(ch, "encap"), "ip") : NULL;
	struct in_addr ip;

	if (!text || xovn_parse_ipv4(text, &ip) < 0)
		return 0;
	return ip.s_addr;
}

const char *compile_bridge_iface(const json_t *chassis, const char *network)
{
	if (!network)
		return NULL;
	return str_field(json_object_get(chassis, "bridge_mappings"), network);
}

int compile_resolve(const struct compile_ctx *ctx, const char *ifname, struct xovn_iface_info *info)
{
	memset(info, 0, sizeof(*info));
	if (!ifname || !ctx->resolve)
		return -1;
	return ctx->resolve(ifname, info, ctx->resolve_arg) == 0 ? 0 : -1;
}

/*
 * Attached here with an interface that exists: local.  Else bound to some
 * other chassis: remote.  Else (unbound, or bound here but its interface is
 * missing) the port is absent on this chassis.
 */
void compile_place_vif(const struct compile_ctx *ctx, const char *port, struct xovn_port_val *val)
{
	const char *iface = name_index_get(&ctx->local_vifs, port);
	const char *bound = name_index_get(&ctx->bound_chassis, port);
	struct xovn_iface_info info;

	if (iface && compile_resolve(ctx, iface, &info) == 0) {
		val->ifindex = info.ifindex;
		val->flags |= XOVN_PF_LOCAL | (info.is_veth ? XOVN_PF_REDIRECT_PEER : 0);
		return;
	}
	if (bound && strcmp(bound, ctx->chassis_name) != 0) {
		val->remote_ip = compile_chassis_ip(ctx, bound);
		if (val->remote_ip)
			val->flags |= XOVN_PF_REMOTE;
	}
}

static int chassis_is_live(const json_t *ch)
{
	const char *state = str_field(ch, "state");

	return !state || strcmp(state, "down") != 0;
}

/*
 * The holder is the highest-priority member whose chassis exists and is not
 * down; equal priorities go to the smaller chassis name so that every
 * chassis, compiling independently, agrees on one holder.
 */
static const char *group_holder(const struct compile_ctx *ctx, const json_t *group)
{
	const char *best = NULL;
	json_int_t best_prio = -1;
	const json_t *m;
	size_t i;

	json_array_foreach(json_object_get(group, "members"), i, m) {
		const char *name = str_field(m, "chassis");
		json_int_t prio = json_integer_value(json_object_get(m, "priority"));
		const json_t *ch = name ? name_index_get(&ctx->chassis_by_name, name) : NULL;

		if (!ch || !chassis_is_live(ch))
			continue;
		if (prio > best_prio || (prio == best_prio && strcmp(name, best) < 0)) {
			best = name;
			best_prio = prio;
		}
	}
	return best;
}

int compile_external_held(const struct compile_ctx *ctx, const json_t *port)
{
	const char *gname = str_field(port, "ha_chassis_group");
	const json_t *group = gname ? name_index_get(&ctx->groups_by_name, gname) : NULL;
	const char *holder = group ? group_holder(ctx, group) : NULL;

	return holder && strcmp(holder, ctx->chassis_name) == 0;
}
