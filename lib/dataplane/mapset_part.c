// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset_part.c - the entries of some switches within a whole set.
 *
 * An incremental compile yields the entries of the switches that changed;
 * taking their old entries out of the applied set and putting the new ones
 * in keeps that set exactly what the maps hold.  Finding a switch's
 * entries must not cost a walk over the whole set (on a 100,000-port model
 * that walk, one cache miss per entry, is most of a reaction): keys that
 * start with the datapath key are contiguous in the sorted set and found
 * by binary search, LPM keys (prefix length, then datapath) once per
 * prefix length present; only xovn_ingress, whose key is the interface,
 * is scanned, and it holds local ports only.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"
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
	case XOVN_MAP_ROUTES:
	case XOVN_MAP_SRC_ROUTES:
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

static int is_lpm(uint32_t map)
{
	return (map >= XOVN_MAP_PSEC_IN4 && map <= XOVN_MAP_PSEC_OUT6) ||
	       map == XOVN_MAP_ROUTES || map == XOVN_MAP_SRC_ROUTES;
}

/* Orders an entry against (map, the first plen bytes of a key). */
static int cmp_prefix(const struct xovn_map_entry *e, uint32_t map, const uint8_t *prefix,
		      size_t plen)
{
	if (e->map != map)
		return e->map < map ? -1 : 1;
	if (!plen)
		return 0;
	if (e->key_len < plen)
		return memcmp(e->key, prefix, e->key_len) <= 0 ? -1 : 1;
	return memcmp(e->key, prefix, plen);
}

/* First index whose entry is not below (upper: is above) (map, prefix). */
static size_t bound(const struct xovn_mapset *s, uint32_t map, const uint8_t *prefix, size_t plen,
		    int upper)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_prefix(&s->v[mid], map, prefix, plen);

		if (c < 0 || (upper && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct index_list {
	size_t *v;
	size_t n, cap;
};

static int list_add_range(struct index_list *l, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (l->n == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 256;
			size_t *v = realloc(l->v, cap * sizeof(*v));

			if (!v)
				return -1;
			l->v = v;
			l->cap = cap;
		}
		l->v[l->n++] = i;
	}
	return 0;
}

static int add_dp_prefixed(const struct xovn_mapset *s, uint32_t map, uint32_t dp,
			   struct index_list *l)
{
	uint8_t p[4];

	memcpy(p, &dp, sizeof(dp));
	return list_add_range(l, bound(s, map, p, 4, 0), bound(s, map, p, 4, 1));
}

/* LPM keys: (prefix length, datapath, ...): one range per prefix length present. */
static int add_lpm(const struct xovn_mapset *s, uint32_t map, uint32_t dp, struct index_list *l)
{
	size_t i = bound(s, map, NULL, 0, 0), end = bound(s, map, NULL, 0, 1);
	uint8_t p[8];

	memcpy(p + 4, &dp, sizeof(dp));
	while (i < end) {
		memcpy(p, s->v[i].key, 4);
		if (list_add_range(l, bound(s, map, p, 8, 0), bound(s, map, p, 8, 1)) < 0)
			return -1;
		i = bound(s, map, p, 4, 1);
	}
	return 0;
}

static int has_dp(const uint32_t *dps, size_t n, uint32_t dp)
{
	for (size_t i = 0; i < n; i++)
		if (dps[i] == dp)
			return 1;
	return 0;
}

static int add_ingress(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
		       struct index_list *l)
{
	size_t i = bound(s, XOVN_MAP_INGRESS, NULL, 0, 0), end = bound(s, XOVN_MAP_INGRESS, NULL, 0, 1);

	for (; i < end; i++)
		if (has_dp(dps, n, xovn_map_entry_dp(&s->v[i])) && list_add_range(l, i, i + 1) < 0)
			return -1;
	return 0;
}

static int cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted, distinct indexes of the config entry and the entries of dps in the sorted set s. */
static int part_indexes(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
			struct index_list *l)
{
	size_t k = 0;

	memset(l, 0, sizeof(*l));
	if (list_add_range(l, bound(s, XOVN_MAP_CONFIG, NULL, 0, 0),
			   bound(s, XOVN_MAP_CONFIG, NULL, 0, 1)) < 0)
		return -1;
	for (size_t d = 0; d < n; d++) {
		if (has_dp(dps, d, dps[d]))
			continue; /* listed twice */
		for (uint32_t map = XOVN_MAP_DATAPATHS; map < XOVN_MAP__COUNT; map++) {
			if (map == XOVN_MAP_INGRESS)
				continue;
			if ((is_lpm(map) ? add_lpm(s, map, dps[d], l)
					 : add_dp_prefixed(s, map, dps[d], l)) < 0)
				return -1;
		}
	}
	if (add_ingress(s, dps, n, l) < 0)
		return -1;
	qsort(l->v, l->n, sizeof(*l->v), cmp_index);
	for (size_t i = 0; i < l->n; i++)
		if (!k || l->v[k - 1] != l->v[i])
			l->v[k++] = l->v[i];
	l->n = k;
	return 0;
}

int xovn_mapset_part(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
		     struct xovn_mapset *out)
{
	struct index_list l;
	int rc = 0;

	if (part_indexes(s, dps, n, &l) < 0) {
		free(l.v);
		return -1;
	}
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		const struct xovn_map_entry *e = &s->v[l.v[i]];

		rc = xovn_mapset_add(out, e->map, e->key, e->key_len, e->val, e->val_len);
	}
	free(l.v);
	if (rc < 0)
		xovn_mapset_free(out);
	return rc;
}

/* Copies s->v[from, to) to out, skipping the removed indexes rm[*r..] inside it. */
static size_t copy_kept(const struct xovn_mapset *s, size_t from, size_t to,
			const struct index_list *rm, size_t *r, struct xovn_map_entry *out)
{
	size_t k = 0;

	while (from < to) {
		size_t stop = to;

		if (*r < rm->n && rm->v[*r] < to)
			stop = rm->v[*r];
		memcpy(out + k, s->v + from, (stop - from) * sizeof(*out));
		k += stop - from;
		from = stop;
		if (from < to) { /* at a removed entry: freed once the splice is done */
			from++;
			(*r)++;
		}
	}
	return k;
}

int xovn_mapset_replace_part(struct xovn_mapset *s, const uint32_t *dps, size_t n,
			     struct xovn_mapset *part)
{
	struct index_list rm;
	struct xovn_map_entry *v;
	size_t cap, k = 0, from = 0, r = 0;

	if (part_indexes(s, dps, n, &rm) < 0) {
		free(rm.v);
		return -1;
	}
	cap = s->n - rm.n + part->n;
	if (cap <= s->spare_cap) {
		v = s->spare;
		cap = s->spare_cap;
	} else {
		v = malloc((cap ? cap : 1) * sizeof(*v));
		if (!v) {
			free(rm.v);
			return -1;
		}
		free(s->spare);
	}
	/* Each new entry goes where a binary search of the old set puts it. */
	for (size_t j = 0; j < part->n; j++) {
		const struct xovn_map_entry *e = &part->v[j];
		size_t at = bound(s, e->map, e->key, e->key_len, 0);

		k += copy_kept(s, from, at > from ? at : from, &rm, &r, v + k);
		from = at > from ? at : from;
		v[k++] = *e;
	}
	k += copy_kept(s, from, s->n, &rm, &r, v + k);
	/* Only now: the binary searches above still read the removed keys. */
	for (size_t i = 0; i < rm.n; i++)
		free(s->v[rm.v[i]].key); /* the value shares the key's allocation */
	free(rm.v);
	s->spare = s->v;
	s->spare_cap = s->cap;
	s->v = v;
	s->n = k;
	s->cap = cap;
	s->sorted = 1;
	free(part->v);
	xovn_mapset_init(part);
	return 0;
}
