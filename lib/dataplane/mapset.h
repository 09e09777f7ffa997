/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * mapset.h - a set of BPF map entries, the compiler's output.
 *
 * The compiler turns (model, chassis) into the exact set of entries that
 * chassis' maps must hold.  xovnd diffs the set it applied last against the
 * new one and writes only the difference, so traffic between untouched
 * ports never sees a map change.
 *
 * Map ids (enum xovn_map_id) are the rows of include/xovn_map_table.h, in
 * the order upserts are applied (deletes in reverse): a frame can never
 * find an ingress/fdb entry whose target port is not there yet.
 */
#ifndef XOVN_MAPSET_H
#define XOVN_MAPSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dataplane/map_desc.h"

struct xovn_map_entry {
	uint32_t map;       /* enum xovn_map_id */
	uint16_t key_len;
	uint16_t val_len;
	uint8_t *key;       /* owned by the set */
	uint8_t *val;       /* owned by the set */
};

/*
 * Where field f (len bytes, placed by the map's row in xovn_map_table.h)
 * is in e; NULL when e is too short to hold it.  Inline: the slot and
 * part code reads one per entry of sets of a million.
 */
static inline uint8_t *xovn_entry_field(const struct xovn_map_entry *e, struct xovn_field f,
					size_t len)
{
	if (f.in == XOVN_FIELD_KEY)
		return (size_t)f.off + len <= e->key_len ? e->key + f.off : NULL;
	if (f.in == XOVN_FIELD_VALUE)
		return (size_t)f.off + len <= e->val_len ? e->val + f.off : NULL;
	return NULL;
}

/* Reads/writes an entry's field (of size len); -1 when the entry cannot hold it. */
static inline int xovn_entry_get(const struct xovn_map_entry *e, struct xovn_field f, void *out,
				 size_t len)
{
	const uint8_t *p = xovn_entry_field(e, f, len);

	if (!p)
		return -1;
	memcpy(out, p, len);
	return 0;
}

static inline int xovn_entry_set(struct xovn_map_entry *e, struct xovn_field f, const void *in,
				 size_t len)
{
	uint8_t *p = xovn_entry_field(e, f, len);

	if (!p)
		return -1;
	memcpy(p, in, len);
	return 0;
}

struct xovn_mapset {
	struct xovn_map_entry *v;
	size_t n, cap;
	int sorted;
	/*
	 * The array replaced by the last xovn_mapset_replace_part(), reused by
	 * the next one: on a big set, a fresh array's page faults would cost
	 * more than the whole incremental update.
	 */
	struct xovn_map_entry *spare;
	size_t spare_cap;
};

/* Orders entries by (map, key): the order of a sorted set. */
int xovn_map_entry_cmp(const struct xovn_map_entry *a, const struct xovn_map_entry *b);

/*
 * Where two sets first differ (entry by entry: map, key and value), or
 * XOVN_MAPSETS_EQUAL when they hold the same entries in the same order.
 */
#define XOVN_MAPSETS_EQUAL ((size_t)-1)
size_t xovn_mapset_mismatch(const struct xovn_mapset *a, const struct xovn_mapset *b);

void xovn_mapset_init(struct xovn_mapset *s);
void xovn_mapset_free(struct xovn_mapset *s);
/* Adds a copy of key/val; a later add of the same (map, key) replaces it. */
int xovn_mapset_add(struct xovn_mapset *s, uint32_t map, const void *key,
		    uint16_t key_len, const void *val, uint16_t val_len);
/* Sorts by (map, key) and drops earlier duplicates; idempotent. */
void xovn_mapset_sort(struct xovn_mapset *s);
/*
 * mapset_sort.c: the stable linear-time sort of big sets, for entries whose
 * map id fits a byte and whose keys are at most 32 bytes (else merge sort).
 */
int xovn_mapset_radix_fits(const struct xovn_map_entry *v, size_t n);
int xovn_mapset_radix_sort(struct xovn_map_entry *v, size_t n);
/*
 * The index of the first entry not ordered before (map, key) in the sorted
 * set (s->n when none): entries whose keys share a prefix are contiguous
 * from the lower bound of that prefix padded with zero bytes.
 */
size_t xovn_mapset_lower_bound(const struct xovn_mapset *s, uint32_t map, const void *key,
			       uint16_t key_len);
/* Finds (map, key); the set must be sorted.  NULL if absent. */
const struct xovn_map_entry *xovn_mapset_find(const struct xovn_mapset *s,
					      uint32_t map, const void *key,
					      uint16_t key_len);

struct xovn_config;
/* Copies the set's xovn_config entry into cfg: 0 ok, -1 when the (sorted) set has none. */
int xovn_mapset_config(const struct xovn_mapset *s, struct xovn_config *cfg);

/*
 * The difference from old to new: upserts holds entries of new that are
 * absent from old or whose value differs; deletes holds entries of old whose
 * key is absent from new.  Both come out sorted (apply upserts front to
 * back, deletes back to front).  Entries are copies: free all four sets.
 */
int xovn_mapset_diff(const struct xovn_mapset *old_set,
		     const struct xovn_mapset *new_set,
		     struct xovn_mapset *upserts, struct xovn_mapset *deletes);

/*
 * Parts of a set by switch (mapset_part.c).  Every entry but the config
 * belongs to exactly one switch: the datapath key in its key (in its value
 * for xovn_ingress).  A part is the config entry plus the entries of some
 * switches; it is what an incremental compile of those switches produces.
 */
/* The datapath key an entry belongs to; 0 for the config entry. */
static inline uint32_t xovn_map_entry_dp(const struct xovn_map_entry *e)
{
	uint32_t dp = 0;

	if (e->map < XOVN_MAP__ALL)
		xovn_entry_get(e, xovn_map_descs[e->map].dp, &dp, sizeof(dp));
	return dp;
}
/* Copies into out (init'ed, sorted result) the config entry and the entries of dps[0..n). */
int xovn_mapset_part(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
		     struct xovn_mapset *out);
/*
 * Replaces, in the sorted set s, the config entry and the entries of
 * dps[0..n) with the entries of part (sorted; moved into s, part is left
 * empty).  0 ok, -1 out of memory (s unchanged).
 */
int xovn_mapset_replace_part(struct xovn_mapset *s, const uint32_t *dps, size_t n,
			     struct xovn_mapset *part);

#endif /* XOVN_MAPSET_H */
