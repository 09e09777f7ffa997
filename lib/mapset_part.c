// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset_part.c - the entries of some switches within a whole set.
 *
 * An incremental compile yields the entries of the switches that changed;
 * taking their old entries out of the applied set and putting the new ones
 * in keeps that set exactly what the maps hold, in one linear pass.
 */
#include <stdlib.h>
#include <string.h>

#include "mapset.h"
#include "xovn_maps.h"

uint32_t xovn_map_entry_dp(const struct xovn_map_entry *e)
{
	uint32_t dp = 0;

	switch (e->map) {
	case XOVN_MAP_CONFIG:
		return 0;
	case XOVN_MAP_INGRESS:
		if (e->val_len >= sizeof(dp))
			memcpy(&dp, e->val, sizeof(dp)); /* xovn_ingress_val.dp_key */
		return dp;
	case XOVN_MAP_PSEC_IN4:
	case XOVN_MAP_PSEC_OUT4:
	case XOVN_MAP_PSEC_IN6:
	case XOVN_MAP_PSEC_OUT6:
		/* LPM keys start with the prefix length, then the datapath. */
		if (e->key_len >= 2 * sizeof(dp))
			memcpy(&dp, e->key + sizeof(__u32), sizeof(dp));
		return dp;
	default:
		if (e->key_len >= sizeof(dp))
			memcpy(&dp, e->key, sizeof(dp));
		return dp;
	}
}

/* The config entry always moves with a part: it carries the generation. */
static int in_part(const struct xovn_map_entry *e, const uint32_t *dps, size_t n)
{
	uint32_t dp;

	if (e->map == XOVN_MAP_CONFIG)
		return 1;
	dp = xovn_map_entry_dp(e);
	for (size_t i = 0; i < n; i++)
		if (dps[i] == dp)
			return 1;
	return 0;
}

int xovn_mapset_part(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
		     struct xovn_mapset *out)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct xovn_map_entry *e = &s->v[i];

		if (in_part(e, dps, n) &&
		    xovn_mapset_add(out, e->map, e->key, e->key_len, e->val, e->val_len) < 0) {
			xovn_mapset_free(out);
			return -1;
		}
	}
	xovn_mapset_sort(out);
	return 0;
}

int xovn_mapset_replace_part(struct xovn_mapset *s, const uint32_t *dps, size_t n,
			     struct xovn_mapset *part)
{
	size_t cap = s->n + part->n, k = 0, j = 0;
	struct xovn_map_entry *v = malloc((cap ? cap : 1) * sizeof(*v));

	if (!v)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		struct xovn_map_entry *e = &s->v[i];

		if (in_part(e, dps, n)) {
			free(e->key); /* the value shares the key's allocation */
			continue;
		}
		while (j < part->n && xovn_map_entry_cmp(&part->v[j], e) < 0)
			v[k++] = part->v[j++];
		v[k++] = *e;
	}
	while (j < part->n)
		v[k++] = part->v[j++];
	free(s->v);
	s->v = v;
	s->n = k;
	s->cap = cap;
	s->sorted = 1;
	free(part->v);
	xovn_mapset_init(part);
	return 0;
}
