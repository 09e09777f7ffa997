// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset_sort.c - ordering a set's entries by (map, key) in time linear in
 * their number.
 *
 * A comparison sort costs n log n: at 100,000 ports (about 430,000
 * entries) each entry is compared half again as often as at 1,000 ports,
 * and every comparison reads two keys scattered over the heap.  Here the
 * entries are first grouped by (map id, key length), the leading part of
 * the order of xovn_map_entry_cmp, with one counting pass.  Each group is
 * then sorted on its own by a stable least-significant-digit radix sort
 * over records of just its key bytes and the entry's position, one byte a
 * pass; a position where the whole group holds the same byte costs no
 * pass.  One group is at most about a map's worth of entries in records of
 * 8 to 36 bytes, so its passes run in the caches where one sort of every
 * entry in 40-byte records streamed tens of megabytes through memory per
 * pass.  Stability keeps equal keys in the order they were added, which is
 * what lets the later add win.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"

/* Longest key a record holds; longer keys (or map ids past a byte) use the merge sort. */
#define RADIX_KEY_MAX 32
/* Below this many entries the merge sort is cheaper than the counting sweeps. */
#define RADIX_MIN_ENTRIES 512
/* (map id, key length) pairs, numbered in the order they sort in. */
#define RADIX_GROUPS ((UINT8_MAX + 1) * (RADIX_KEY_MAX + 1))

int xovn_mapset_radix_fits(const struct xovn_map_entry *v, size_t n)
{
	if (n < RADIX_MIN_ENTRIES || n > UINT32_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].map > UINT8_MAX || v[i].key_len > RADIX_KEY_MAX)
			return 0;
	return 1;
}

static size_t group_of(const struct xovn_map_entry *e)
{
	return (size_t)e->map * (RADIX_KEY_MAX + 1) + e->key_len;
}

/*
 * order[] gets every entry's position, grouped by (map, key length) in
 * sorted group order and in add order within a group; group g is
 * order[start[g] .. start[g + 1]).
 */
static void group_entries(const struct xovn_map_entry *v, size_t n, uint32_t *order,
			  size_t *start, size_t *next)
{
	for (size_t i = 0; i < n; i++)
		start[group_of(&v[i]) + 1]++;
	for (size_t g = 0; g < RADIX_GROUPS; g++) {
		start[g + 1] += start[g];
		next[g] = start[g];
	}
	for (size_t i = 0; i < n; i++)
		order[next[group_of(&v[i])]++] = (uint32_t)i;
}

/* A record: the entry's position, then its key_len key bytes, padded to 4. */
static size_t record_size(size_t key_len)
{
	return sizeof(uint32_t) + ((key_len + 3) & ~(size_t)3);
}

static void fill_records(const struct xovn_map_entry *v, const uint32_t *order, size_t m,
			 size_t key_len, uint8_t *rec)
{
	size_t stride = record_size(key_len);

	for (size_t i = 0; i < m; i++, rec += stride) {
		memcpy(rec, &order[i], sizeof(uint32_t));
		memcpy(rec + sizeof(uint32_t), v[order[i]].key, key_len);
		memset(rec + sizeof(uint32_t) + key_len, 0, stride - sizeof(uint32_t) - key_len);
	}
}

/* counts[pos][byte]: how many records hold byte at key position pos, every pos in one sweep. */
static void count_bytes(const uint8_t *rec, size_t m, size_t key_len, uint32_t (*counts)[256])
{
	size_t stride = record_size(key_len);

	memset(counts, 0, key_len * sizeof(*counts));
	for (size_t i = 0; i < m; i++, rec += stride)
		for (size_t pos = 0; pos < key_len; pos++)
			counts[pos][rec[sizeof(uint32_t) + pos]]++;
}

/* One stable counting-sort pass on key byte pos from src into dst. */
static void scatter(const uint8_t *src, uint8_t *dst, size_t m, size_t stride, size_t pos,
		    const uint32_t *count)
{
	size_t start[256], sum = 0;

	for (size_t b = 0; b < 256; b++) {
		start[b] = sum;
		sum += count[b];
	}
	for (size_t i = 0; i < m; i++, src += stride)
		memcpy(dst + start[src[sizeof(uint32_t) + pos]]++ * stride, src, stride);
}

/* Sorts one group's positions order[0..m) by key, stable; a and b hold m records each. */
static void sort_group(const struct xovn_map_entry *v, uint32_t *order, size_t m,
		       size_t key_len, uint8_t *a, uint8_t *b, uint32_t (*counts)[256])
{
	size_t stride = record_size(key_len);

	if (m < 2 || key_len == 0)
		return;
	fill_records(v, order, m, key_len, a);
	count_bytes(a, m, key_len, counts);
	for (size_t pos = key_len; pos-- > 0;) {
		uint8_t *t;

		if (counts[pos][a[sizeof(uint32_t) + pos]] == m)
			continue; /* every record holds the same byte here */
		scatter(a, b, m, stride, pos, counts[pos]);
		t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < m; i++)
		memcpy(&order[i], a + i * stride, sizeof(uint32_t));
}

static size_t largest_group_bytes(const size_t *start)
{
	size_t most = 0;

	for (size_t g = 0; g < RADIX_GROUPS; g++) {
		size_t bytes = (start[g + 1] - start[g]) * record_size(g % (RADIX_KEY_MAX + 1));

		if (bytes > most)
			most = bytes;
	}
	return most;
}

/*
 * Sorts v[0..n) (which xovn_mapset_radix_fits accepted), stable.  0 ok, -1
 * out of memory (v unchanged).
 */
int xovn_mapset_radix_sort(struct xovn_map_entry *v, size_t n)
{
	size_t *start = calloc(RADIX_GROUPS + 1, sizeof(*start));
	size_t *next = malloc(RADIX_GROUPS * sizeof(*next));
	uint32_t *order = malloc(n * sizeof(*order));
	uint32_t (*counts)[256] = malloc(RADIX_KEY_MAX * sizeof(*counts));
	struct xovn_map_entry *out = malloc(n * sizeof(*out));
	uint8_t *a = NULL, *b = NULL;
	size_t records;
	int rc = -1;

	if (!start || !next || !order || !counts || !out)
		goto done;
	group_entries(v, n, order, start, next);
	records = largest_group_bytes(start);
	a = malloc(records);
	b = malloc(records);
	if (!a || !b)
		goto done;
	for (size_t g = 0; g < RADIX_GROUPS; g++)
		sort_group(v, order + start[g], start[g + 1] - start[g], g % (RADIX_KEY_MAX + 1),
			   a, b, counts);
	for (size_t i = 0; i < n; i++)
		out[i] = v[order[i]];
	memcpy(v, out, n * sizeof(*v));
	rc = 0;
done:
	free(start);
	free(next);
	free(order);
	free(counts);
	free(out);
	free(a);
	free(b);
	return rc;
}
