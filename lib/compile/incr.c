// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * incr.c - compiling only the switches a change touched.
 *
 * What a switch compiles to depends on the switch itself and on data
 * outside all switches: chassis (encap IPs, attachments, bridge mappings),
 * bindings and HA chassis groups.  The one way a switch reaches into that
 * data is a port's type: an attachment of a localport binds nothing.  So
 * the indexes over the outside data, built once, serve every later change
 * of switches as long as no attached port changes its localport-ness.
 * Routers are outside data too, but their entries read the switches they
 * attach to: a change of a switch with a port of type router is compiled
 * whole.
 */
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"

struct xovn_compile_state {
	struct compile_ctx ctx;        /* indexes only; the rest is set per call */
	struct name_index attached;    /* port name -> itself: named by some chassis' vif */
};

static int index_attached(struct xovn_compile_state *st, const struct xovn_model *model)
{
	for (size_t i = 0; i < model->n_chassis; i++) {
		const struct xovn_chassis *ch = &model->chassis[i];

		for (size_t j = 0; j < ch->n_vifs; j++) {
			const char *port = ch->vifs[j].port;

			if (port && name_index_put_new(&st->attached, port, port) < 0)
				return -1;
		}
	}
	return 0;
}

struct xovn_compile_state *xovn_compile_state_new(const struct xovn_model *model,
						  const char *chassis, char *err, size_t errlen)
{
	struct xovn_compile_state *st = calloc(1, sizeof(*st));

	if (!st) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	st->ctx.model = model;
	st->ctx.chassis_name = chassis;
	st->ctx.err = err;
	st->ctx.errlen = errlen;
	st->ctx.chassis = xovn_model_chassis(model, chassis);
	if (!st->ctx.chassis) {
		compile_fail(&st->ctx, "chassis '%s' is not in the model", chassis);
		free(st);
		return NULL;
	}
	st->ctx.by_name = 1;  /* switches are replaced later: their ports' numbers go with them */
	if (compile_build_indexes(&st->ctx) < 0 || index_attached(st, model) < 0) {
		compile_fail(&st->ctx, "out of memory indexing the model");
		xovn_compile_state_free(st);
		return NULL;
	}
	/* Ports belong to switches, which are replaced later: forget them. */
	name_index_free(&st->ctx.ports_by_name);
	return st;
}

void xovn_compile_state_free(struct xovn_compile_state *st)
{
	if (!st)
		return;
	compile_free_indexes(&st->ctx);
	name_index_free(&st->attached);
	free(st);
}

/* Attached ports of switches, each mapped to 1 (localport) or 2 (not). */
static int collect_attached(const struct xovn_compile_state *st, const struct xovn_ls *const *sws,
			    size_t n, struct name_index *out)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < sws[i]->n_ports; j++) {
			const struct xovn_lsp *port = &sws[i]->ports[j];
			int local = port->kind == XOVN_PT_LOCALPORT;

			if (!port->name || !name_index_get(&st->attached, port->name))
				continue;
			/* The first version seen wins: the oldest of a chain of changes. */
			if (name_index_put_new(out, port->name, (void *)(local ? 1UL : 2UL)) < 0)
				return -1;
		}
	}
	return 0;
}

/* Absent counts as "not a localport": an unknown port's attachment binds it. */
static int kinds_agree(const struct name_index *a, const struct name_index *b)
{
	for (size_t i = 0; i < a->cap; i++) {
		const struct name_slot *s = &a->slots[i];
		const void *other;

		if (!s->key)
			continue;
		other = name_index_get(b, s->key);
		if ((s->val == (void *)1UL) != (other == (void *)1UL))
			return 0;
	}
	return 1;
}

/*
 * A switch with a port of type router feeds a router's entries (its
 * xovn_rports peer, the xovn_neigh_v2 of its ports' addresses), which a
 * switch's part does not hold.
 */
static int has_router_port(const struct xovn_ls *const *sws, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < sws[i]->n_ports; j++) {
			if (sws[i]->ports[j].kind == XOVN_PT_ROUTER)
				return 1;
		}
	}
	return 0;
}

int xovn_compile_state_covers(const struct xovn_compile_state *st,
			      const struct xovn_ls *const *old, size_t n_old,
			      const struct xovn_ls *const *new, size_t n_new)
{
	struct name_index before, after;
	int ok = 0;

	if (has_router_port(old, n_old) || has_router_port(new, n_new))
		return 0;

	name_index_init(&before);
	name_index_init(&after);
	if (collect_attached(st, old, n_old, &before) == 0 &&
	    collect_attached(st, new, n_new, &after) == 0)
		ok = kinds_agree(&before, &after) && kinds_agree(&after, &before);
	name_index_free(&before);
	name_index_free(&after);
	return ok;
}

/* Tunnel keys of the switches old and new: the datapaths a part replaces. */
static int collect_dps(const struct xovn_ls *const *old, size_t n_old,
		       const struct xovn_ls *const *new, size_t n_new,
		       struct xovn_compile_result *res)
{
	res->dps = calloc(n_old + n_new + 1, sizeof(*res->dps));
	if (!res->dps)
		return -1;
	for (size_t i = 0; i < n_old; i++)
		res->dps[res->n_dps++] = (uint32_t)old[i]->tunnel_key;
	for (size_t i = 0; i < n_new; i++)
		res->dps[res->n_dps++] = (uint32_t)new[i]->tunnel_key;
	return 0;
}

/* A port that attaches a host interface by bridge mapping decides what is attached. */
static int has_bridged_port(const struct xovn_ls *const *sws, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < sws[i]->n_ports; j++) {
			int kind = sws[i]->ports[j].kind;

			if (kind == XOVN_PT_LOCALNET || kind == XOVN_PT_L2GATEWAY)
				return 1;
		}
	}
	return 0;
}

static int compile_part(struct compile_ctx *ctx, const struct xovn_ls *const *sw, size_t n,
			const struct xovn_mapset *in_force, const struct xovn_compile_result *res)
{
	int rc;

	rc = compile_emit_config(ctx);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = compile_switch(ctx, sw[i]);
	if (rc == 0)
		rc = ingress_emit(ctx);
	if (rc == 0 && in_force)
		rc = ingress_check_in_force(ctx, in_force, res->dps, res->n_dps);
	return rc;
}

int xovn_compile_switches(struct xovn_compile_state *st, const struct xovn_model *model,
			  xovn_iface_resolver resolve, void *arg,
			  const struct xovn_ls *const *old, size_t n_old,
			  const struct xovn_ls *const *new, size_t n_new,
			  const struct xovn_mapset *in_force, struct xovn_compile_result *res,
			  char *err, size_t errlen)
{
	struct compile_ctx *ctx = &st->ctx;
	int rc;

	ctx->model = model;
	ctx->resolve = resolve;
	ctx->resolve_arg = arg;
	ctx->out = &res->entries;
	ctx->err = err;
	ctx->errlen = errlen;
	memset(&ctx->ingress, 0, sizeof(ctx->ingress));
	if (err && errlen)
		err[0] = '\0';
	res->partial = 1;
	res->n_switches = n_new;
	rc = collect_dps(old, n_old, new, n_new, res);
	if (rc < 0)
		compile_fail(ctx, "out of memory listing the switches");
	else
		rc = compile_part(ctx, new, n_new, in_force, res);
	ingress_free(&ctx->ingress);
	if (rc == 0) {
		xovn_mapset_sort(&res->entries);
		if (!res->entries.sorted)
			rc = compile_fail(ctx, "out of memory sorting %zu entries", res->entries.n);
	}
	if (rc == 0 && (has_bridged_port(old, n_old) || has_bridged_port(new, n_new)) &&
	    compile_result_attach(model, ctx->chassis_name, res) < 0)
		rc = compile_fail(ctx, "out of memory listing the chassis' interfaces");
	ctx->out = NULL;
	ctx->resolve = NULL;
	ctx->resolve_arg = NULL;
	if (rc < 0)
		xovn_compile_result_free(res);
	return rc;
}
