// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat.c - a router's NAT rules (ovn-nb(5) NAT) on the chassis where they
 * run (ovn-architecture(7), "Gateway Routers", "Distributed Gateway
 * Ports"):
 *
 *   a gateway router (options:chassis): all its rules, on that chassis;
 *   a router with a distributed gateway port: all its rules on the port's
 *     active chassis (compile_lrp_active_gateway), applied to what leaves
 *     by that port;
 *   a dnat_and_snat with logical_port and external_mac on such a router:
 *     distributed, on the chassis of logical_port only, sent from
 *     external_mac.
 *
 * dnat and dnat_and_snat give xovn_nat_dnat entries (external IP ->
 * logical IP); snat and dnat_and_snat give xovn_nat_snat entries (logical
 * prefix -> external IP), a dnat_and_snat as a /32 that wins over a snat
 * of the same prefix.  The router's xovn_lsp_router entries carry
 * XOVN_LR_NAT where any rule runs.  IPv6 rules are not compiled.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "model/nat.h"
#include "compile/ctx.h"

#define NAT_PORT_MIN_DEFAULT 1024
#define NAT_PORT_MAX_DEFAULT 65535

/* Where a router's NAT runs, seen from this chassis. */
struct nat_place {
	int centralized_here;  /* its gateway chassis is this one */
	uint16_t out_lrp;      /* its distributed gateway port, 0 = a gateway router */
};

static int lrp_is_gateway(const struct xovn_lrp *lrp)
{
	return lrp->n_gateway_chassis || lrp->ha_chassis_group;
}

static void nat_place(const struct compile_ctx *ctx, const struct xovn_lr *r,
		      struct nat_place *pl)
{
	const char *pinned = xovn_smap_get(&r->options, "chassis");

	memset(pl, 0, sizeof(*pl));
	if (pinned) {
		pl->centralized_here = strcmp(pinned, ctx->chassis_name) == 0;
		return;
	}
	for (size_t i = 0; i < r->n_ports; i++) {
		const struct xovn_lrp *lrp = &r->ports[i];
		const char *active;

		if (!lrp_is_gateway(lrp) || !compile_lrp_enabled(lrp))
			continue;
		active = compile_lrp_active_gateway(ctx, lrp);
		pl->out_lrp = (uint16_t)lrp->tunnel_key;
		pl->centralized_here = active && strcmp(active, ctx->chassis_name) == 0;
		return;
	}
}

/* A floating IP that OVN runs on its VM's chassis. */
static int nat_is_distributed(const struct nat_place *pl, const struct xovn_nat *n)
{
	return pl->out_lrp && n->logical_port && n->external_mac &&
	       strcmp(n->type, "dnat_and_snat") == 0;
}

static int nat_runs_here(const struct compile_ctx *ctx, const struct nat_place *pl,
			 const struct xovn_nat *n)
{
	const char *bound;
	struct xovn_ip ext;

	if (!n->type || xovn_nat_external_ip(n->external_ip, &ext) < 0 || ext.family != AF_INET)
		return 0;
	if (!nat_is_distributed(pl, n))
		return pl->centralized_here;
	bound = compile_bound_chassis(ctx, n->logical_port);
	return bound && strcmp(bound, ctx->chassis_name) == 0;
}

int compile_nat_where(const struct compile_ctx *ctx, const struct xovn_lr *r,
		      const struct xovn_nat *n, uint16_t *out_lrp)
{
	struct nat_place pl;

	nat_place(ctx, r, &pl);
	*out_lrp = pl.out_lrp;
	if (!nat_runs_here(ctx, &pl, n))
		return COMPILE_NAT_ELSEWHERE;
	return nat_is_distributed(&pl, n) ? COMPILE_NAT_DISTRIBUTED : COMPILE_NAT_CENTRAL;
}

uint16_t compile_router_nat_flags(const struct compile_ctx *ctx, const struct xovn_lr *r)
{
	struct nat_place pl;

	nat_place(ctx, r, &pl);
	for (size_t i = 0; i < r->n_nat; i++)
		if (nat_runs_here(ctx, &pl, &r->nat[i]))
			return XOVN_LR_NAT;
	return 0;
}

/* ---- one rule ---------------------------------------------------------------- */

/* external_port_range "LOW-HIGH" or "PORT", default 1024-65535. */
static int nat_port_range(struct compile_ctx *ctx, const struct xovn_nat *n,
			  struct xovn_nat_snat_val *v)
{
	unsigned long lo, hi;
	char *end;

	v->port_min = NAT_PORT_MIN_DEFAULT;
	v->port_max = NAT_PORT_MAX_DEFAULT;
	if (!n->external_port_range || !*n->external_port_range)
		return 0;
	if (!xovn_nat_port_range_ok(n->external_port_range))
		return compile_fail(ctx, "NAT %s: external_port_range \"%s\" is not LOW-HIGH",
				    n->external_ip, n->external_port_range);
	lo = strtoul(n->external_port_range, &end, 10);
	hi = *end == '-' ? strtoul(end + 1, NULL, 10) : lo;
	v->port_min = (uint16_t)lo;
	v->port_max = (uint16_t)hi;
	return 0;
}

static int nat_stateless(const struct xovn_nat *n)
{
	const char *s = xovn_smap_get(&n->options, "stateless");

	return s && strcmp(s, "true") == 0 && strcmp(n->type, "dnat_and_snat") == 0;
}

static uint8_t nat_rule_flags(const struct nat_place *pl, const struct xovn_nat *n)
{
	uint8_t f = 0;

	if (strcmp(n->type, "dnat_and_snat") == 0)
		f |= XOVN_NAT_ONE_TO_ONE;
	if (nat_stateless(n))
		f |= XOVN_NAT_STATELESS;
	if (nat_is_distributed(pl, n))
		f |= XOVN_NAT_EXT_MAC;
	return f;
}

static int nat_emit_dnat(struct compile_ctx *ctx, uint32_t rtr_key, const struct nat_place *pl,
			 const struct xovn_nat *n, const struct xovn_ip *ext,
			 const struct xovn_ip *logical)
{
	struct xovn_nat_ip_key k = { .rtr_key = rtr_key, .ip = ext->v4.s_addr };
	struct xovn_nat_dnat_val v = { .logical_ip = logical->v4.s_addr,
				       .flags = nat_rule_flags(pl, n) };

	return compile_emit(ctx, XOVN_MAP_NAT_DNAT, &k, sizeof(k), &v, sizeof(v));
}

static int nat_emit_snat(struct compile_ctx *ctx, uint32_t rtr_key, const struct nat_place *pl,
			 const struct xovn_nat *n, const struct xovn_ip *ext,
			 const struct xovn_ip *logical)
{
	struct xovn_nat_snat_key k = { .prefixlen = XOVN_NAT_FIXED_BITS + (uint32_t)logical->plen,
				       .rtr_key = rtr_key, .ip = logical->v4.s_addr };
	struct xovn_nat_snat_val v = { .external_ip = ext->v4.s_addr, .out_lrp = pl->out_lrp,
				       .plen = (uint8_t)logical->plen,
				       .flags = nat_rule_flags(pl, n) };

	if ((v.flags & XOVN_NAT_EXT_MAC) && xovn_parse_mac(n->external_mac, v.external_mac) < 0)
		return compile_fail(ctx, "NAT %s: external_mac \"%s\" does not parse",
				    n->external_ip, n->external_mac);
	if (nat_port_range(ctx, n, &v) < 0)
		return -1;
	return compile_emit(ctx, XOVN_MAP_NAT_SNAT, &k, sizeof(k), &v, sizeof(v));
}

/* A map key already given to a rule: kind 'd' (xovn_nat_dnat) or 's' (xovn_nat_snat). */
struct nat_key {
	uint8_t kind;
	uint8_t plen;
	uint8_t pad[2];
	uint32_t ip;
};

/* The keys of one router's rules, so that the first rule for a key wins. */
struct nat_seen {
	struct name_index index;   /* borrows its keys from keys[] */
	struct nat_key *keys;
	size_t n;
};

/* 1 when the key is new (taken now), 0 when an earlier rule has it, -1 out of memory. */
static int nat_first(struct compile_ctx *ctx, struct nat_seen *seen, uint8_t kind,
		     const struct xovn_ip *ip)
{
	struct nat_key *k = &seen->keys[seen->n];

	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->plen = (uint8_t)ip->plen;
	k->ip = ip->v4.s_addr;
	if (name_index_get_bytes(&seen->index, k, sizeof(*k)))
		return 0;
	if (name_index_put_bytes(&seen->index, k, sizeof(*k), k) < 0)
		return compile_fail(ctx, "out of memory indexing NAT rules");
	seen->n++;
	return 1;
}

/* Rule n, if it runs here; each map key once. */
static int nat_emit_rule(struct compile_ctx *ctx, uint32_t rtr_key, const struct nat_place *pl,
			 const struct xovn_nat *n, struct nat_seen *seen)
{
	struct xovn_ip ext, logical;
	char canon[XOVN_PREFIX_STRLEN];
	int rc;

	if (!nat_runs_here(ctx, pl, n))
		return 0;
	xovn_nat_external_ip(n->external_ip, &ext);
	if (xovn_nat_logical_ip(n->type, AF_INET, n->logical_ip, &logical, canon) < 0)
		return compile_fail(ctx, "NAT %s: logical_ip \"%s\" does not parse",
				    n->external_ip, n->logical_ip ? n->logical_ip : "");
	if (strcmp(n->type, "snat") != 0) {
		rc = nat_first(ctx, seen, 'd', &ext);
		if (rc < 0 || (rc && nat_emit_dnat(ctx, rtr_key, pl, n, &ext, &logical) < 0))
			return -1;
	}
	if (strcmp(n->type, "dnat") == 0)
		return 0;
	rc = nat_first(ctx, seen, 's', &logical);
	if (rc <= 0)
		return rc;
	return nat_emit_snat(ctx, rtr_key, pl, n, &ext, &logical);
}

/*
 * Every rule of r that runs here: dnat_and_snat first, so its /32 wins
 * over a snat of the same prefix; the first rule for a key wins.
 */
int compile_router_nat(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key)
{
	struct nat_seen seen = { .n = 0 };
	struct nat_place pl;
	int rc = 0;

	if (!r->n_nat)
		return 0;
	seen.keys = calloc(2 * r->n_nat, sizeof(*seen.keys));
	if (!seen.keys)
		return compile_fail(ctx, "out of memory indexing NAT rules");
	name_index_init(&seen.index);
	nat_place(ctx, r, &pl);
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t i = 0; i < r->n_nat && rc == 0; i++) {
			const struct xovn_nat *n = &r->nat[i];
			int one_to_one = n->type && strcmp(n->type, "dnat_and_snat") == 0;

			if (one_to_one == (pass == 0))
				rc = nat_emit_rule(ctx, rtr_key, &pl, n, &seen);
		}
	name_index_free(&seen.index);
	free(seen.keys);
	return rc;
}
