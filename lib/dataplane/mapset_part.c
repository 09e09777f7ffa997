// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset_part.c - the entries of some switches within a whole set.
 *
 * An incremental compile yields the entries of the switches that changed;
 * taking their old entries out of the applied set and putting the new ones
 * in keeps that set exactly what the maps hold.  Finding a switch's
 * entries must not cost a walk over the whole set (on a 100,000-port model
 * that walk, one cache miss per entry, is most of a reaction).  Where an
 * entry keeps its datapath key is the map's row in xovn_map_table.h: keys
 * that start with it are contiguous in the sorted set and found by binary
 * search; keys with fields before it (an LPM key's prefix length) once per
 * distinct leading bytes present; only maps that keep it in the value
 * (xovn_ingress, keyed by interface, holding local ports only) are scanned.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"
#include "util/grow.h"
#include "xovn_maps.h"

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
		size_t *slot = xovn_append(&l->v, &l->n, &l->cap, sizeof(*l->v), 256);

		if (!slot)
			return -1;
		*slot = i;
	}
	return 0;
}

/* The datapath key's offset in a key is at most this (a row's KEY_FIELD). */
#define DP_OFF_MAX 32

/*
 * Entries of map in v[begin, end) whose key holds dp at off: for each
 * distinct off leading bytes present, one binary-searched range of keys
 * (leading bytes, dp, ...).  With off 0 that is a single range.
 */
static int add_dp_in_key(const struct xovn_mapset *s, uint32_t map, size_t begin, size_t end,
			 size_t off, uint32_t dp, struct index_list *l)
{
	uint8_t p[DP_OFF_MAX + sizeof(dp)];
	size_t i = begin;

	if (off > DP_OFF_MAX)
		return -1;
	memcpy(p + off, &dp, sizeof(dp));
	while (i < end) {
		if (s->v[i].key_len < off + sizeof(dp)) { /* too short to hold a datapath key */
			i++;
			continue;
		}
		memcpy(p, s->v[i].key, off);
		if (list_add_range(l, bound(s, map, p, off + sizeof(dp), 0),
				   bound(s, map, p, off + sizeof(dp), 1)) < 0)
			return -1;
		i = off ? bound(s, map, p, off, 1) : end;
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

/*
 * Entries in v[begin, end) whose value holds one of dps at off: a scan, so
 * the field is read in place rather than through the map's row.
 */
static int add_dp_in_value(const struct xovn_mapset *s, size_t begin, size_t end, size_t off,
			   const uint32_t *dps, size_t n, struct index_list *l)
{
	uint32_t dp;

	for (size_t i = begin; i < end; i++) {
		if (s->v[i].val_len < off + sizeof(dp))
			continue;
		memcpy(&dp, s->v[i].val + off, sizeof(dp));
		if (has_dp(dps, n, dp) && list_add_range(l, i, i + 1) < 0)
			return -1;
	}
	return 0;
}

/* Adds the entries of map that belong to the part of dps[0..n). */
static int add_map_part(const struct xovn_mapset *s, uint32_t map, const uint32_t *dps,
			size_t n, struct index_list *l)
{
	const struct xovn_field dp = xovn_map_descs[map].dp;
	size_t begin = bound(s, map, NULL, 0, 0), end = bound(s, map, NULL, 0, 1);

	if (begin == end)
		return 0;
	switch (dp.in) {
	case XOVN_FIELD_NONE: /* no switch's own: part of every part (the config) */
		return list_add_range(l, begin, end);
	case XOVN_FIELD_VALUE:
		return add_dp_in_value(s, begin, end, dp.off, dps, n, l);
	default:
		for (size_t d = 0; d < n; d++) {
			if (has_dp(dps, d, dps[d]))
				continue; /* listed twice */
			if (add_dp_in_key(s, map, begin, end, dp.off, dps[d], l) < 0)
				return -1;
		}
		return 0;
	}
}

static int cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sorted, distinct indexes of the config entry and the entries of dps in the
 * sorted set s.
 */
static int part_indexes(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
			struct index_list *l)
{
	size_t k = 0;

	memset(l, 0, sizeof(*l));
	for (uint32_t map = 0; map < XOVN_MAP__COUNT; map++)
		if (add_map_part(s, map, dps, n, l) < 0)
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
