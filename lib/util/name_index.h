/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * name_index.h - the one hash table of the model's consumers (open
 * addressing, linear probing, FNV-1a): names -> objects for the compiler's
 * and the validator's cross-references, and short byte strings (a tunnel
 * key, a MAC, an IP address) -> where they were first seen for the
 * validator's duplicate checks.  Keys are borrowed: they must outlive the
 * index (names inside the model do).  Both users stay linear in the
 * model's size.
 */
#ifndef XOVN_NAME_INDEX_H
#define XOVN_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct name_slot {
	const char *key;   /* borrowed; a C string for the name functions */
	const void *val;
	uint64_t hash;     /* of key: most probes end without a compare */
	size_t len;        /* of key, in bytes */
};

struct name_index {
	struct name_slot *slots;
	size_t cap, n;     /* cap is a power of two */
};

void name_index_init(struct name_index *idx);
void name_index_free(struct name_index *idx);
/* Makes room for n keys up front, so building a big index never rehashes. */
int name_index_reserve(struct name_index *idx, size_t n);
/* Sets key -> val, replacing an existing value.  0 ok, -1 no memory. */
int name_index_put(struct name_index *idx, const char *key, const void *val);
/* Sets key -> val only when key is not there yet.  0 ok, -1 no memory. */
int name_index_put_new(struct name_index *idx, const char *key, const void *val);
const void *name_index_get(const struct name_index *idx, const char *key);

/*
 * Starts loading the slot where key's probe begins, so that a loop over
 * many keys can ask for the one it will need a few iterations later: in a
 * table bigger than the caches every probe is a cache miss, and asked
 * early they overlap instead of following one another.  A hint only:
 * nothing changes, key may be NULL.
 */
void name_index_prefetch(const struct name_index *idx, const char *key);

/* How many iterations ahead loops over big tables prefetch. */
#define NAME_INDEX_AHEAD 8

/*
 * Many names looked up (or claimed) in one loop, in order, with the
 * memory each will touch asked for ahead: the key's characters three
 * steps of NAME_INDEX_AHEAD before its turn, its slot two, the key the
 * slot holds one.  In an index bigger than the caches, whose keys lie
 * scattered in a parsed document, each of those is a miss; asked early
 * they overlap.  key(arg, i) is the i-th name (NULL: none, skipped and
 * found NULL), val(arg, i) what to claim it for, found(arg, i, v) gets
 * the result for each i in order.
 */
struct name_batch {
	const char *(*key)(const void *arg, size_t i);
	const void *(*val)(const void *arg, size_t i);
	void (*found)(void *arg, size_t i, const void *v);
	void *arg;
};

/* found: the value of each name, NULL when absent. */
void name_index_get_batch(const struct name_index *idx, size_t n, const struct name_batch *b);
/*
 * found: the value of the first claim of each name, NULL for that first
 * claim itself, which puts name -> val.  0 ok, -1 no memory (nothing found).
 */
int name_index_claim_batch(struct name_index *idx, size_t n, const struct name_batch *b);

/* The same for keys of len bytes (no terminator); put_new semantics. */
int name_index_put_bytes(struct name_index *idx, const void *key, size_t len, const void *val);
const void *name_index_get_bytes(const struct name_index *idx, const void *key, size_t len);

/*
 * Forgets every key.  The memory stays for the next round unless the
 * table is mostly empty, so clearing after each of many small rounds
 * costs in proportion to what they inserted, not to the largest round.
 */
void name_index_clear(struct name_index *idx);

/*
 * Indexes the objects of a JSON array by their "name" member (objects
 * without one are skipped; of duplicates the first stays).  0 ok, -1 no
 * memory.  For the compiler while it still reads the document.
 */
typedef struct json_t json_t;
int name_index_add_named(struct name_index *idx, const json_t *array);

#endif /* XOVN_NAME_INDEX_H */
