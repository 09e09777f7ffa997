// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset.c - a sorted set of BPF map entries and the difference of two sets.
 *
 * Each entry's key and value live in one allocation (val follows key), so a
 * 100,000-port model costs one malloc per entry, not two.  Sorting is
 * stable (a radix sort for big sets, mapset_sort.c, else a merge sort) so
 * that "a later add of the same key replaces it" can be resolved after the
 * fact by keeping the last entry of each run of equal keys.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"
#include "xovn_maps.h"
#include "util/grow.h"

void xovn_mapset_init(struct xovn_mapset *s)
{
	s->v = NULL;
	s->n = 0;
	s->cap = 0;
	s->sorted = 1; /* the empty set is trivially sorted */
	s->spare = NULL;
	s->spare_cap = 0;
}

void xovn_mapset_free(struct xovn_mapset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].key); /* val shares the key's allocation */
	free(s->v);
	free(s->spare);
	xovn_mapset_init(s);
}

/* Orders by map, then key length, then key bytes. */
int xovn_map_entry_cmp(const struct xovn_map_entry *a, const struct xovn_map_entry *b)
{
	if (a->map != b->map)
		return a->map < b->map ? -1 : 1;
	if (a->key_len != b->key_len)
		return a->key_len < b->key_len ? -1 : 1;
	return memcmp(a->key, b->key, a->key_len);
}

static int entry_val_equal(const struct xovn_map_entry *a, const struct xovn_map_entry *b)
{
	return a->val_len == b->val_len && memcmp(a->val, b->val, a->val_len) == 0;
}

size_t xovn_mapset_mismatch(const struct xovn_mapset *a, const struct xovn_mapset *b)
{
	size_t i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (xovn_map_entry_cmp(&a->v[i], &b->v[i]) || !entry_val_equal(&a->v[i], &b->v[i]))
			return i;
	return a->n == b->n ? XOVN_MAPSETS_EQUAL : i;
}

static int mapset_grow(struct xovn_mapset *s)
{
	struct xovn_map_entry *v = xovn_grow(s->v, &s->cap, s->n, sizeof(*v), 64);

	if (!v)
		return -1;
	s->v = v;
	return 0;
}

int xovn_mapset_add(struct xovn_mapset *s, uint32_t map, const void *key,
		    uint16_t key_len, const void *val, uint16_t val_len)
{
	struct xovn_map_entry *e;
	uint8_t *buf;

	if (s->n == s->cap && mapset_grow(s) < 0)
		return -1;
	buf = malloc((size_t)key_len + val_len + 1);
	if (!buf)
		return -1;
	memcpy(buf, key, key_len);
	if (val_len)
		memcpy(buf + key_len, val, val_len);
	e = &s->v[s->n];
	e->map = map;
	e->key_len = key_len;
	e->val_len = val_len;
	e->key = buf;
	e->val = buf + key_len;
	/* Appending in ascending order (as the diff does) keeps the set sorted. */
	if (s->sorted && s->n > 0 && xovn_map_entry_cmp(&s->v[s->n - 1], e) >= 0)
		s->sorted = 0;
	s->n++;
	return 0;
}

/* Stable bottom-up merge sort of v[0..n) using tmp (n entries) as scratch. */
static void merge_sort_entries(struct xovn_map_entry *v, struct xovn_map_entry *tmp, size_t n)
{
	struct xovn_map_entry *src = v, *dst = tmp;

	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				dst[k++] = xovn_map_entry_cmp(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct xovn_map_entry *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/*
 * Keeps the last entry of every run of equal keys (the latest add).  When
 * owning, the dropped duplicates' memory is freed.  Returns the new count.
 */
static size_t drop_earlier_duplicates(struct xovn_map_entry *v, size_t n, int owning)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && xovn_map_entry_cmp(&v[i], &v[i + 1]) == 0) {
			if (owning)
				free(v[i].key);
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}

/* Sorts and dedups v[0..n) in place; returns the new count or -1 (no memory). */
static long sort_entries(struct xovn_map_entry *v, size_t n, int owning)
{
	struct xovn_map_entry *tmp;

	if (n < 2)
		return (long)n;
	if (xovn_mapset_radix_fits(v, n)) {
		if (xovn_mapset_radix_sort(v, n) < 0)
			return -1;
		return (long)drop_earlier_duplicates(v, n, owning);
	}
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return -1;
	merge_sort_entries(v, tmp, n);
	free(tmp);
	return (long)drop_earlier_duplicates(v, n, owning);
}

void xovn_mapset_sort(struct xovn_mapset *s)
{
	long n;

	if (s->sorted)
		return;
	n = sort_entries(s->v, s->n, 1);
	if (n < 0)
		return; /* out of memory: the set stays valid, just unsorted */
	s->n = (size_t)n;
	s->sorted = 1;
}

size_t xovn_mapset_lower_bound(const struct xovn_mapset *s, uint32_t map, const void *key,
			       uint16_t key_len)
{
	struct xovn_map_entry probe = {
		.map = map, .key_len = key_len, .key = (uint8_t *)key,
	};
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (xovn_map_entry_cmp(&s->v[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct xovn_map_entry *xovn_mapset_find(const struct xovn_mapset *s,
					      uint32_t map, const void *key,
					      uint16_t key_len)
{
	size_t i = xovn_mapset_lower_bound(s, map, key, key_len);

	if (i == s->n || s->v[i].map != map || s->v[i].key_len != key_len ||
	    memcmp(s->v[i].key, key, key_len) != 0)
		return NULL;
	return &s->v[i];
}

/*
 * A sorted, duplicate-free view of s without modifying it: s's own array
 * when already sorted, else a sorted copy of the entry headers (key/val
 * pointers still belong to s).  *to_free gets what the caller must free.
 */
static int sorted_view(const struct xovn_mapset *s, const struct xovn_map_entry **v,
		       size_t *n, struct xovn_map_entry **to_free)
{
	struct xovn_map_entry *copy;
	long m;

	*to_free = NULL;
	if (s->sorted) {
		*v = s->v;
		*n = s->n;
		return 0;
	}
	copy = malloc((s->n ? s->n : 1) * sizeof(*copy));
	if (!copy)
		return -1;
	memcpy(copy, s->v, s->n * sizeof(*copy));
	m = sort_entries(copy, s->n, 0);
	if (m < 0) {
		free(copy);
		return -1;
	}
	*v = copy;
	*n = (size_t)m;
	*to_free = copy;
	return 0;
}

static int add_copy(struct xovn_mapset *s, const struct xovn_map_entry *e)
{
	return xovn_mapset_add(s, e->map, e->key, e->key_len, e->val, e->val_len);
}

/* One pass over two sorted arrays: O(n + m) after the views are sorted. */
static int merge_diff(const struct xovn_map_entry *o, size_t no,
		      const struct xovn_map_entry *n, size_t nn,
		      struct xovn_mapset *upserts, struct xovn_mapset *deletes)
{
	size_t i = 0, j = 0;

	while (i < no || j < nn) {
		int c = i == no ? 1 : j == nn ? -1 : xovn_map_entry_cmp(&o[i], &n[j]);

		if (c < 0) {
			if (add_copy(deletes, &o[i++]) < 0)
				return -1;
		} else if (c > 0) {
			if (add_copy(upserts, &n[j++]) < 0)
				return -1;
		} else {
			if (!entry_val_equal(&o[i], &n[j]) && add_copy(upserts, &n[j]) < 0)
				return -1;
			i++;
			j++;
		}
	}
	return 0;
}

int xovn_mapset_diff(const struct xovn_mapset *old_set,
		     const struct xovn_mapset *new_set,
		     struct xovn_mapset *upserts, struct xovn_mapset *deletes)
{
	const struct xovn_map_entry *ov = NULL, *nv = NULL;
	struct xovn_map_entry *ofree = NULL, *nfree = NULL;
	size_t on = 0, nn = 0;
	int rc = -1;

	if (sorted_view(old_set, &ov, &on, &ofree) < 0 ||
	    sorted_view(new_set, &nv, &nn, &nfree) < 0)
		goto out;
	rc = merge_diff(ov, on, nv, nn, upserts, deletes);
out:
	free(ofree);
	free(nfree);
	return rc;
}

int xovn_mapset_config(const struct xovn_mapset *s, struct xovn_config *cfg)
{
	const struct xovn_map_entry *e;
	uint32_t key = 0;

	e = xovn_mapset_find(s, XOVN_MAP_CONFIG, &key, sizeof(key));
	if (!e || e->val_len != sizeof(*cfg))
		return -1;
	memcpy(cfg, e->val, sizeof(*cfg));
	return 0;
}
