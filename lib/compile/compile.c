// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compile.c - the compiler's driver: this chassis' config entry, then each
 * switch (datapath entry, ports, flood groups), every router, then the ingress table once
 * every port is known, so that collisions across switches are caught.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/ctx.h"

int compile_fail(struct compile_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (ctx->err && ctx->errlen) {
		va_start(ap, fmt);
		vsnprintf(ctx->err, ctx->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int compile_emit(struct compile_ctx *ctx, uint32_t map, const void *key, uint16_t key_len,
		 const void *val, uint16_t val_len)
{
	if (xovn_mapset_add(ctx->out, map, key, key_len, val, val_len) < 0)
		return compile_fail(ctx, "out of memory adding a %s entry", xovn_map_names[map]);
	return 0;
}

int compile_emit_config(struct compile_ctx *ctx)
{
	const char *underlay = ctx->chassis->encap_iface;
	struct xovn_iface_info info;
	struct xovn_config cfg;
	uint32_t key = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.encap_ip = compile_chassis_ip(ctx, ctx->chassis_name);
	if (underlay && compile_resolve(ctx, underlay, &info) == 0) {
		cfg.underlay_ifindex = info.ifindex;
		cfg.underlay_mtu = info.mtu;
	}
	cfg.generation = (uint32_t)ctx->model->generation;
	return compile_emit(ctx, XOVN_MAP_CONFIG, &key, sizeof(key), &cfg, sizeof(cfg));
}

static int switch_key_of(struct compile_ctx *ctx, const struct xovn_ls *sw, uint32_t *key)
{
	if (sw->tunnel_key < 1 || sw->tunnel_key > XOVN_DP_KEY_MAX)
		return compile_fail(ctx, "logical switch '%s' has no tunnel_key in 1..%u",
				    sw->name ? sw->name : "?", XOVN_DP_KEY_MAX);
	*key = (uint32_t)sw->tunnel_key;
	return 0;
}

static int emit_datapath(struct compile_ctx *ctx, const struct switch_state *st)
{
	struct xovn_dp_val dv;

	memset(&dv, 0, sizeof(dv));
	if (st->mapped_localnet) {
		dv.flags |= XOVN_DPF_LOCALNET;
		dv.localnet_port = st->mapped_localnet;
	}
	return compile_emit(ctx, XOVN_MAP_DATAPATHS, &st->dp_key, sizeof(st->dp_key),
			    &dv, sizeof(dv));
}

int compile_switch(struct compile_ctx *ctx, const struct xovn_ls *sw)
{
	struct switch_state st;

	memset(&st, 0, sizeof(st));
	if (switch_key_of(ctx, sw, &st.dp_key) < 0 || compile_switch_scan(ctx, sw, &st) < 0)
		return -1;
	flood_init(&st);
	for (size_t i = 0; i < sw->n_ports; i++) {
		const struct xovn_lsp *port = &sw->ports[i];

		if (!ctx->place_by_port && i + NAME_INDEX_AHEAD < sw->n_ports) {
			const struct xovn_lsp *ahead = &sw->ports[i + NAME_INDEX_AHEAD];

			name_index_prefetch(&ctx->places,
					    ahead->parent_name ? ahead->parent_name : ahead->name);
		}
		if (compile_port(ctx, &st, port) < 0 ||
		    compile_port_security(ctx, &st, port) < 0 ||
		    compile_responder_port(ctx, &st, port) < 0 ||
		    compile_router_lsp(ctx, &st, port) < 0 ||
		    compile_dhcp_port(ctx, &st, port) < 0 ||
		    compile_dhcp6_port(ctx, &st, port) < 0 ||
		    compile_ra_port(ctx, &st, port) < 0)
			return -1;
	}
	if (emit_datapath(ctx, &st) < 0)
		return -1;
	return flood_emit(ctx, &st);
}

static int compile_all(struct compile_ctx *ctx)
{
	if (compile_build_indexes(ctx) < 0 || compile_emit_config(ctx) < 0)
		return -1;
	for (size_t i = 0; i < ctx->model->n_switches; i++) {
		if (compile_switch(ctx, ctx->model->switches[i]) < 0)
			return -1;
	}
	if (compile_routers(ctx) < 0)
		return -1;
	return ingress_emit(ctx);
}

int xovn_compile(const struct xovn_model *model, const char *chassis, xovn_iface_resolver resolve,
		 void *arg, struct xovn_mapset *out, char *err, size_t errlen)
{
	struct compile_ctx ctx = {
		.model = model, .chassis_name = chassis, .resolve = resolve,
		.resolve_arg = arg, .out = out, .err = err, .errlen = errlen,
	};
	int rc;

	if (err && errlen)
		err[0] = '\0';
	if (!model || !chassis || !out)
		return compile_fail(&ctx, "compile: missing model, chassis or output set");
	ctx.chassis = xovn_model_chassis(model, chassis);
	if (!ctx.chassis)
		return compile_fail(&ctx, "chassis '%s' is not in the model", chassis);

	rc = compile_all(&ctx);
	compile_free_indexes(&ctx);
	ingress_free(&ctx.ingress);
	if (rc == 0) {
		xovn_mapset_sort(out);
		if (!out->sorted)
			rc = compile_fail(&ctx, "out of memory sorting %zu entries", out->n);
		else
			compile_neigh_fdb(out);
	}
	if (rc < 0) {
		/* Half a set must never be applied: hand back nothing. */
		xovn_mapset_free(out);
		return -1;
	}
	return 0;
}
