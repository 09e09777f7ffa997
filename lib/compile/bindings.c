// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * bindings.c - where each port lives, seen from the chassis being
 * compiled: name indexes over the model, VIF placement, bridge mappings and
 * the holder of an HA chassis group.
 */
#include <string.h>

#include "util/addr.h"
#include "compile/ctx.h"

static size_t count_ports(const struct xovn_model *m)
{
	size_t total = 0;

	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	return total;
}

static int index_ports(struct compile_ctx *ctx)
{
	size_t total = count_ports(ctx->model);

	/* Attachments and bindings are at most one per port, give or take localports. */
	if (name_index_reserve(&ctx->ports_by_name, total) < 0 ||
	    name_index_reserve(&ctx->bound_chassis, total) < 0 ||
	    name_index_reserve(&ctx->local_vifs, ctx->chassis->n_vifs) < 0)
		return -1;
	for (size_t i = 0; i < ctx->model->n_switches; i++) {
		const struct xovn_ls *sw = ctx->model->switches[i];

		for (size_t j = 0; j < sw->n_ports; j++) {
			const struct xovn_lsp *p = &sw->ports[j];

			if (p->name && name_index_put_new(&ctx->ports_by_name, p->name, p) < 0)
				return -1;
		}
	}
	return 0;
}

static int is_localport(const struct compile_ctx *ctx, const char *port)
{
	const struct xovn_lsp *p = name_index_get(&ctx->ports_by_name, port);

	return p && p->kind == XOVN_PT_LOCALPORT;
}

/*
 * An explicit binding decides (the first one for a port, as in
 * xovn_port_binding()); otherwise a VIF attachment binds the port to that
 * chassis.  A localport's attachments bind nothing: every chassis may
 * attach one.
 */
static int index_bindings(struct compile_ctx *ctx)
{
	const struct xovn_model *m = ctx->model;

	for (size_t i = 0; i < m->n_bindings; i++) {
		const char *port = m->bindings[i].port, *chname = m->bindings[i].chassis;

		if (port && chname && name_index_put_new(&ctx->bound_chassis, port, chname) < 0)
			return -1;
	}
	for (size_t i = 0; i < m->n_chassis; i++) {
		const struct xovn_chassis *ch = &m->chassis[i];
		const char *chname = ch->name;

		for (size_t j = 0; j < ch->n_vifs; j++) {
			const char *port = ch->vifs[j].port;
			const char *iface = ch->vifs[j].iface;

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

/* Routers are indexed with the chassis: a change of switches leaves them as they are. */
static int index_chassis_and_groups(struct compile_ctx *ctx)
{
	const struct xovn_model *m = ctx->model;

	for (size_t i = 0; i < m->n_chassis; i++) {
		const struct xovn_chassis *ch = &m->chassis[i];

		if (ch->name && name_index_put_new(&ctx->chassis_by_name, ch->name, ch) < 0)
			return -1;
	}
	for (size_t i = 0; i < m->n_groups; i++) {
		const struct xovn_ha_group *g = &m->groups[i];

		if (g->name && name_index_put_new(&ctx->groups_by_name, g->name, g) < 0)
			return -1;
	}
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];

		for (size_t j = 0; j < r->n_ports; j++) {
			const struct xovn_lrp *lrp = &r->ports[j];

			if (lrp->name && name_index_put_new(&ctx->lrps_by_name, lrp->name, lrp) < 0)
				return -1;
		}
	}
	return 0;
}

int compile_build_indexes(struct compile_ctx *ctx)
{
	if (index_chassis_and_groups(ctx) < 0 || index_ports(ctx) < 0 ||
	    index_bindings(ctx) < 0 || compile_dhcp_index(ctx) < 0)
		return compile_fail(ctx, "out of memory indexing the model");
	return 0;
}

void compile_free_indexes(struct compile_ctx *ctx)
{
	name_index_free(&ctx->chassis_by_name);
	name_index_free(&ctx->ports_by_name);
	name_index_free(&ctx->groups_by_name);
	name_index_free(&ctx->lrps_by_name);
	name_index_free(&ctx->local_vifs);
	name_index_free(&ctx->bound_chassis);
	name_index_free(&ctx->dhcp_by_uuid);
}

uint32_t compile_chassis_ip(const struct compile_ctx *ctx, const char *chassis)
{
	const struct xovn_chassis *ch = name_index_get(&ctx->chassis_by_name, chassis);
	const char *text = ch ? ch->encap_ip : NULL;
	struct in_addr ip;

	if (!text || xovn_parse_ipv4(text, &ip) < 0)
		return 0;
	return ip.s_addr;
}

const char *compile_bridge_iface(const struct xovn_chassis *chassis, const char *network)
{
	return xovn_smap_get(&chassis->bridge_mappings, network);
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

static int chassis_is_live(const struct xovn_chassis *ch)
{
	return !ch->state || strcmp(ch->state, "down") != 0;
}

/* The best live chassis seen so far of a priority list (an HA group, gateway chassis). */
struct holder_pick {
	const char *best;
	int64_t best_prio;
};

/*
 * The holder is the highest-priority member whose chassis exists and is not
 * down; equal priorities go to the smaller chassis name so that every
 * chassis, compiling independently, agrees on one holder.
 */
static void holder_consider(const struct compile_ctx *ctx, struct holder_pick *pick,
			    const char *name, int64_t prio)
{
	const struct xovn_chassis *ch = name ? name_index_get(&ctx->chassis_by_name, name) : NULL;

	if (!ch || !chassis_is_live(ch))
		return;
	if (!pick->best || prio > pick->best_prio ||
	    (prio == pick->best_prio && strcmp(name, pick->best) < 0)) {
		pick->best = name;
		pick->best_prio = prio;
	}
}

static const char *group_holder(const struct compile_ctx *ctx, const struct xovn_ha_group *group)
{
	struct holder_pick pick = { NULL, -1 };

	for (size_t i = 0; i < group->n_members; i++)
		holder_consider(ctx, &pick, group->members[i].chassis, group->members[i].priority);
	return pick.best;
}

const char *compile_lrp_active_chassis(const struct compile_ctx *ctx, const struct xovn_lrp *lrp)
{
	struct holder_pick pick = { NULL, -1 };
	const struct xovn_ha_group *group;

	if (lrp->ha_chassis_group) {
		group = name_index_get(&ctx->groups_by_name, lrp->ha_chassis_group);
		return group ? group_holder(ctx, group) : NULL;
	}
	for (size_t i = 0; i < lrp->n_gateway_chassis; i++)
		holder_consider(ctx, &pick, lrp->gateway_chassis[i].chassis_name,
				lrp->gateway_chassis[i].priority);
	return pick.best;
}

int compile_external_held(const struct compile_ctx *ctx, const struct xovn_lsp *port)
{
	const struct xovn_ha_group *group = name_index_get(&ctx->groups_by_name,
							   port->ha_chassis_group);
	const char *holder = group ? group_holder(ctx, group) : NULL;

	return holder && strcmp(holder, ctx->chassis_name) == 0;
}
