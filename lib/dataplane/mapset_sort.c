// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mapset_sort.c - ordering a set's entries by (map, key) in time linear in
 * their number.
 *
 * A comparison sort costs n log n: at 100,000 ports (about 300,000
 * entries) each entry is compared half again as often as at 1,000 ports,
 * and every comparison reads two keys scattered over the heap.  Here every
 * entry's sort key (map id, key length, key bytes padded with zeros: the
 * order of xovn_map_entry_cmp) is copied once into a contiguous record and
 * the records are sorted by a stable least-significant-digit radix sort,
 * one byte a pass.  One sweep counts every byte position; a position where
 * all entries hold the same byte (padding, the high bytes of small keys)
 * costs no pass.  Stability keeps equal keys in the order they were added,
 * which is what lets the later add win.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"

/* Longest key a record holds; longer keys (or map ids past a byte) use the merge sort. */
#define RADIX_KEY_MAX 32
/* Below this many entries the merge sort is cheaper than the counting sweeps. */
#define RADIX_MIN_ENTRIES 512
/* map id, key length, then the key: the bytes compared, most significant first. */
#define RADIX_BYTES (2 + RADIX_KEY_MAX)

struct radix_rec {
	uint8_t k[RADIX_BYTES];
	uint32_t idx;   /* position of the entry in the unsorted array */
};

int xovn_mapset_radix_fits(const struct xovn_map_entry *v, size_t n)
{
	if (n < RADIX_MIN_ENTRIES || n > UINT32_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].map > UINT8_MAX || v[i].key_len > RADIX_KEY_MAX)
			return 0;
	return 1;
}

static void fill_records(const struct xovn_map_entry *v, size_t n, struct radix_rec *rec)
{
	for (size_t i = 0; i < n; i++) {
		memset(rec[i].k, 0, sizeof(rec[i].k));
		rec[i].k[0] = (uint8_t)v[i].map;
		rec[i].k[1] = (uint8_t)v[i].key_len;
		memcpy(rec[i].k + 2, v[i].key, v[i].key_len);
		rec[i].idx = (uint32_t)i;
	}
}

/* counts[pos][byte]: how many records hold byte at pos, for every pos in one sweep. */
static void count_bytes(const struct radix_rec *rec, size_t n, uint32_t (*counts)[256])
{
	for (size_t i = 0; i < n; i++)
		for (size_t pos = 0; pos < RADIX_BYTES; pos++)
			counts[pos][rec[i].k[pos]]++;
}

/* One stable counting-sort pass on byte pos from src into dst. */
static void scatter(const struct radix_rec *src, struct radix_rec *dst, size_t n, size_t pos,
		    const uint32_t *count)
{
	size_t start[256], sum = 0;

	for (size_t b = 0; b < 256; b++) {
		start[b] = sum;
		sum += count[b];
	}
	for (size_t i = 0; i < n; i++)
		dst[start[src[i].k[pos]]++] = src[i];
}

/*
 * Sorts v[0..n) (which xovn_mapset_radix_fits accepted), stable.  0 ok, -1
 * out of memory (v unchanged).
 */
int xovn_mapset_radix_sort(struct xovn_map_entry *v, size_t n)
{
	struct radix_rec *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b));
	uint32_t (*counts)[256] = calloc(RADIX_BYTES, sizeof(*counts));
	struct xovn_map_entry *out = malloc(n * sizeof(*out));
	int rc = -1;

	if (!a || !b || !counts || !out)
		goto done;
	fill_records(v, n, a);
	count_bytes(a, n, counts);
	for (size_t pos = RADIX_BYTES; pos-- > 0;) {
		struct radix_rec *t;

		if (counts[pos][a[0].k[pos]] == n)
			continue; /* every record holds the same byte here */
		scatter(a, b, n, pos, counts[pos]);
		t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = v[a[i].idx];
	memcpy(v, out, n * sizeof(*v));
	rc = 0;
done:
	free(a);
	free(b);
	free(counts);
	free(out);
	return rc;
}
