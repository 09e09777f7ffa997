/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * name_index.h - a string-keyed hash table (open addressing, linear
 * probing, FNV-1a) for cross-references of the model.  Keys are borrowed:
 * they must outlive the index (names inside the model do).  Used by the
 * compiler and the validator, so both stay linear in the model's size.
 */
#ifndef XOVN_NAME_INDEX_H
#define XOVN_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct name_slot {
	const char *key;   /* borrowed */
	const void *val;
	uint64_t hash;     /* of key: most probes end without a strcmp */
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
 * Indexes the objects of a JSON array by their "name" member (objects
 * without one are skipped; of duplicates the first stays).  0 ok, -1 no memory.
 */
typedef struct json_t json_t;
int name_index_add_named(struct name_index *idx, const json_t *array);

#endif /* XOVN_NAME_INDEX_H */
