// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ingress.c - the (ifindex, VID) -> port table, and its untagged entries
 * again in the ifindex-indexed array (xovn_ingress_idx).  Candidates are
 * collected for the whole model, then sorted so that two ports claiming the
 * same interface and VID are found in O(n log n) and reported by name
 * instead of one silently shadowing the other.
 */
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"
#include "util/grow.h"

int ingress_add(struct compile_ctx *ctx, const struct xovn_ingress_key *key,
		const struct xovn_ingress_val *val, const char *port)
{
	struct ingress_list *l = &ctx->ingress;
	struct ingress_candidate *v;

	v = xovn_grow(l->v, &l->cap, l->n, sizeof(*v), 64);
	if (!v)
		return compile_fail(ctx, "out of memory collecting ingress keys");
	l->v = v;
	l->v[l->n].key = *key;
	l->v[l->n].val = *val;
	l->v[l->n].port = port ? port : "?";
	l->n++;
	return 0;
}

static int candidate_cmp(const void *a, const void *b)
{
	const struct ingress_candidate *x = a, *y = b;

	if (x->key.ifindex != y->key.ifindex)
		return x->key.ifindex < y->key.ifindex ? -1 : 1;
	if (x->key.vid != y->key.vid)
		return x->key.vid < y->key.vid ? -1 : 1;
	return strcmp(x->port, y->port); /* deterministic message order */
}

/*
 * An untagged entry on a small enough ifindex is written twice: to the
 * (ifindex, VID) hash, which stays complete (trace, tagged frames), and to
 * the array untagged frames look in first.
 */
static int emit_candidate(struct compile_ctx *ctx, const struct ingress_candidate *c)
{
	uint32_t ifindex = c->key.ifindex;

	if (compile_emit(ctx, XOVN_MAP_INGRESS, &c->key, sizeof(c->key), &c->val,
			 sizeof(c->val)) < 0)
		return -1;
	if (c->key.vid || ifindex >= XOVN_MAX_INGRESS_IFINDEX)
		return 0;
	return compile_emit(ctx, XOVN_MAP_INGRESS_IDX, &ifindex, sizeof(ifindex), &c->val,
			    sizeof(c->val)) < 0 ? -1 : 0;
}

int ingress_emit(struct compile_ctx *ctx)
{
	struct ingress_list *l = &ctx->ingress;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), candidate_cmp);
	for (size_t i = 0; i < l->n; i++) {
		const struct ingress_candidate *c = &l->v[i];

		if (i + 1 < l->n && c[1].key.ifindex == c->key.ifindex && c[1].key.vid == c->key.vid)
			return compile_fail(ctx, "ports '%s' and '%s' both receive on ifindex %u VID %u",
					    c->port, c[1].port, c->key.ifindex, c->key.vid);
		if (emit_candidate(ctx, c) < 0)
			return -1;
	}
	return 0;
}

static int dp_listed(uint32_t dp, const uint32_t *dps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (dps[i] == dp)
			return 1;
	}
	return 0;
}

int ingress_check_in_force(struct compile_ctx *ctx, const struct xovn_mapset *in_force,
			   const uint32_t *dps, size_t n)
{
	const struct ingress_list *l = &ctx->ingress;

	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_ingress_key *k = &l->v[i].key;
		const struct xovn_map_entry *old =
			xovn_mapset_find(in_force, XOVN_MAP_INGRESS, k, sizeof(*k));

		if (old && !dp_listed(xovn_map_entry_dp(old), dps, n))
			return compile_fail(ctx,
					    "ifindex %u VID %u is already a port of another switch",
					    k->ifindex, k->vid);
	}
	return 0;
}

void ingress_free(struct ingress_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}
