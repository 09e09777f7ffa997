// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * bindings.c - where each port lives, seen from the chassis being
 * compiled: name indexes over the model, VIF placement, bridge mappings and
 * the holder of an HA chassis group.
 */
#include <stdlib.h>
#include <string.h>

#include "model/holder.h"
#include "util/addr.h"
#include "compile/ctx.h"

static size_t count_ports(const struct xovn_model *m)
{
	size_t total = 0;

	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	return total;
}

/* Only a model whose references are not resolved needs it (xovn_model.port_names). */
static int index_ports(struct compile_ctx *ctx)
{
	size_t total = count_ports(ctx->model);

	if (ctx->model->port_names)
		return 0;
	if (name_index_reserve(&ctx->ports_by_name, total) < 0)
		return -1;
	for (size_t i = 0; i < ctx->model->n_switches; i++) {
		const struct xovn_ls *sw = ctx->model->switches[i];

		for (size_t j = 0; j < sw->n_ports; j++) {
			const struct xovn_lsp *p = &sw->ports[j];

			if (j + NAME_INDEX_AHEAD < sw->n_ports)
				name_index_prefetch(&ctx->ports_by_name,
						    sw->ports[j + NAME_INDEX_AHEAD].name);
			if (p->name && name_index_put_new(&ctx->ports_by_name, p->name, p) < 0)
				return -1;
		}
	}
	return 0;
}

static int is_localport(const struct compile_ctx *ctx, const struct xovn_vif *vif)
{
	const struct xovn_lsp *p = ctx->model->port_names ? vif->lsp :
		name_index_get(&ctx->ports_by_name, vif->port);

	return p && p->kind == XOVN_PT_LOCALPORT;
}

/*
 * The placement of port (lsp: the port it names, when resolved), added
 * empty when it has none yet; NULL without memory.
 */
static struct compile_place *place_of(struct compile_ctx *ctx, const char *port,
				      const struct xovn_lsp *lsp)
{
	struct compile_place *pl;

	if (ctx->place_by_port && lsp)
		return &ctx->place_by_port[lsp->num];
	pl = (struct compile_place *)name_index_get(&ctx->places, port);

	if (pl)
		return pl;
	pl = &ctx->place_v[ctx->n_places];
	*pl = (struct compile_place){ 0 };
	if (name_index_put_new(&ctx->places, port, pl) < 0)
		return NULL;
	ctx->n_places++;
	return pl;
}

/* Room for one placement per binding and VIF entry, so none ever moves. */
static int reserve_places(struct compile_ctx *ctx)
{
	const struct xovn_model *m = ctx->model;
	size_t total = m->n_bindings;

	for (size_t i = 0; i < m->n_chassis; i++)
		total += m->chassis[i].n_vifs;
	ctx->place_v = malloc((total ? total : 1) * sizeof(*ctx->place_v));
	if (!ctx->place_v || name_index_reserve(&ctx->places, total) < 0)
		return -1;
	if (m->port_names && !ctx->by_name) {
		ctx->place_by_port = calloc(m->n_ports ? m->n_ports : 1, sizeof(*ctx->place_by_port));
		if (!ctx->place_by_port)
			return -1;
	}
	return 0;
}

/*
 * An explicit binding decides (the first one for a port, as in
 * xovn_port_binding()); otherwise a VIF attachment binds the port to that
 * chassis.  A localport's attachments bind nothing: every chassis may
 * attach one.  Of several attachments here, the first gives the interface.
 */
static int index_bindings(struct compile_ctx *ctx)
{
	const struct xovn_model *m = ctx->model;
	struct compile_place *pl;

	if (reserve_places(ctx) < 0)
		return -1;
	for (size_t i = 0; i < m->n_bindings; i++) {
		const char *port = m->bindings[i].port, *chname = m->bindings[i].chassis;

		if (!port || !chname)
			continue;
		pl = place_of(ctx, port, m->port_names ? m->bindings[i].lsp : NULL);
		if (!pl)
			return -1;
		if (!pl->chassis)
			pl->chassis = chname;
	}
	for (size_t i = 0; i < m->n_chassis; i++) {
		const struct xovn_chassis *ch = &m->chassis[i];
		const char *chname = ch->name;

		for (size_t j = 0; j < ch->n_vifs; j++) {
			const char *port = ch->vifs[j].port;
			const char *iface = ch->vifs[j].iface;
			int here = ch == ctx->chassis, binds;

			if (j + NAME_INDEX_AHEAD < ch->n_vifs) {
				const char *ahead = ch->vifs[j + NAME_INDEX_AHEAD].port;

				if (!m->port_names)
					name_index_prefetch(&ctx->ports_by_name, ahead);
				if (!ctx->place_by_port)
					name_index_prefetch(&ctx->places, ahead);
			}
			if (!port || !iface || !chname)
				continue;
			binds = !is_localport(ctx, &ch->vifs[j]);
			if (!here && !binds)
				continue;
			pl = place_of(ctx, port, m->port_names ? ch->vifs[j].lsp : NULL);
			if (!pl)
				return -1;
			if (here && !pl->iface)
				pl->iface = iface;
			if (binds && !pl->chassis)
				pl->chassis = chname;
		}
	}
	return 0;
}

/* The placement of the port named port, NULL when it has none. */
static const struct compile_place *place_named(const struct compile_ctx *ctx, const char *port)
{
	if (ctx->place_by_port && port) {
		const struct xovn_lsp *lsp = name_index_get(ctx->model->port_names, port);

		if (lsp)
			return &ctx->place_by_port[lsp->num];
	}
	return name_index_get(&ctx->places, port);
}

/* The placement of a port of the model, NULL when it has none. */
static const struct compile_place *place_port(const struct compile_ctx *ctx,
					      const struct xovn_lsp *port)
{
	if (ctx->place_by_port && port->named)
		return &ctx->place_by_port[port->named->num];
	return name_index_get(&ctx->places, port->name);
}

const char *compile_local_iface(const struct compile_ctx *ctx, const struct xovn_lsp *port)
{
	const struct compile_place *pl = place_port(ctx, port);

	return pl ? pl->iface : NULL;
}

const char *compile_bound_chassis(const struct compile_ctx *ctx, const char *port)
{
	const struct compile_place *pl = place_named(ctx, port);

	return pl ? pl->chassis : NULL;
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
	name_index_free(&ctx->places);
	free(ctx->place_v);
	ctx->place_v = NULL;
	free(ctx->place_by_port);
	ctx->place_by_port = NULL;
	ctx->n_places = 0;
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
static void place_vif(const struct compile_ctx *ctx, const struct compile_place *pl,
		      struct xovn_port_val *val)
{
	const char *iface = pl ? pl->iface : NULL, *bound = pl ? pl->chassis : NULL;
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

void compile_place_vif(const struct compile_ctx *ctx, const char *port, struct xovn_port_val *val)
{
	place_vif(ctx, place_named(ctx, port), val);
}

void compile_place_resident(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			    struct xovn_port_val *val)
{
	if (port->parent_name)
		compile_place_vif(ctx, port->parent_name, val);
	else
		place_vif(ctx, place_port(ctx, port), val);
}

static const struct xovn_chassis *chassis_by_name(const void *arg, const char *name)
{
	const struct compile_ctx *ctx = arg;

	return name_index_get(&ctx->chassis_by_name, name);
}

static const struct xovn_ha_group *group_by_name(const void *arg, const char *name)
{
	const struct compile_ctx *ctx = arg;

	return name_index_get(&ctx->groups_by_name, name);
}

/* The compiler finds chassis and groups through its indexes. */
static struct xovn_gw_names names_of(const struct compile_ctx *ctx)
{
	struct xovn_gw_names n = { chassis_by_name, group_by_name, ctx };

	return n;
}

const char *compile_lrp_active_gateway(const struct compile_ctx *ctx, const struct xovn_lrp *lrp)
{
	struct xovn_gw_names n = names_of(ctx);

	return xovn_lrp_active_gateway(&n, lrp);
}

int compile_external_held(const struct compile_ctx *ctx, const struct xovn_lsp *port)
{
	struct xovn_gw_names n = names_of(ctx);
	const struct xovn_ha_group *group = name_index_get(&ctx->groups_by_name,
							   port->ha_chassis_group);
	const char *holder = group ? xovn_ha_group_holder(&n, group) : NULL;

	return holder && strcmp(holder, ctx->chassis_name) == 0;
}
