// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * name_index.c - a small hash table (open addressing, linear probing,
 * FNV-1a) keyed by borrowed byte strings: names for the compiler's and the
 * validator's cross-references, short binary keys for the validator's
 * "seen before?" sets.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/name_index.h"

static uint64_t bytes_hash(const uint8_t *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= key[i];
		h *= 1099511628211ull;
	}
	return h;
}

void name_index_init(struct name_index *idx)
{
	idx->slots = NULL;
	idx->cap = 0;
	idx->n = 0;
}

void name_index_free(struct name_index *idx)
{
	free(idx->slots);
	name_index_init(idx);
}

void name_index_clear(struct name_index *idx)
{
	/* Mostly empty: drop the memory, the next put starts small. */
	if (idx->cap > 64 && idx->n * 8 < idx->cap) {
		name_index_free(idx);
		return;
	}
	if (idx->slots)
		memset(idx->slots, 0, idx->cap * sizeof(*idx->slots));
	idx->n = 0;
}

static struct name_slot *find_slot(const struct name_index *idx, const void *key, size_t len,
				   uint64_t hash)
{
	size_t mask = idx->cap - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct name_slot *s = &idx->slots[i];

		if (!s->key ||
		    (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

/* Rehashes into a table of new_cap slots (a power of two above 2 * n). */
static int resize(struct name_index *idx, size_t new_cap)
{
	struct name_index bigger = { .cap = new_cap };

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < idx->cap; i++) {
		const struct name_slot *s = &idx->slots[i];

		if (s->key)
			*find_slot(&bigger, s->key, s->len, s->hash) = *s;
	}
	bigger.n = idx->n;
	free(idx->slots);
	*idx = bigger;
	return 0;
}

/* Keeps the table at most half full so probes stay short. */
int name_index_reserve(struct name_index *idx, size_t n)
{
	size_t cap = idx->cap ? idx->cap : 64;

	while (cap < 2 * n)
		cap *= 2;
	return cap == idx->cap ? 0 : resize(idx, cap);
}

static int put(struct name_index *idx, const void *key, size_t len, const void *val,
	       int replace)
{
	uint64_t hash = bytes_hash(key, len);
	struct name_slot *s;

	if (name_index_reserve(idx, idx->n + 1) < 0)
		return -1;
	s = find_slot(idx, key, len, hash);
	if (!s->key) {
		s->key = key;
		s->len = len;
		s->val = val;
		s->hash = hash;
		idx->n++;
	} else if (replace) {
		s->val = val;
	}
	return 0;
}

static const void *get(const struct name_index *idx, const void *key, size_t len)
{
	if (!idx->cap || !key)
		return NULL;
	return find_slot(idx, key, len, bytes_hash(key, len))->val;
}

int name_index_put(struct name_index *idx, const char *key, const void *val)
{
	return put(idx, key, strlen(key), val, 1);
}

int name_index_put_new(struct name_index *idx, const char *key, const void *val)
{
	return put(idx, key, strlen(key), val, 0);
}

void name_index_prefetch(const struct name_index *idx, const char *key)
{
	if (idx->cap && key)
		__builtin_prefetch(&idx->slots[bytes_hash((const uint8_t *)key, strlen(key)) &
						(idx->cap - 1)]);
}

const void *name_index_get(const struct name_index *idx, const char *key)
{
	return key ? get(idx, key, strlen(key)) : NULL;
}

int name_index_put_bytes(struct name_index *idx, const void *key, size_t len, const void *val)
{
	return put(idx, key, len, val, 0);
}

const void *name_index_get_bytes(const struct name_index *idx, const void *key, size_t len)
{
	return get(idx, key, len);
}

int name_index_add_named(struct name_index *idx, const json_t *array)
{
	size_t i;
	json_t *item;

	json_array_foreach(array, i, item) {
		const char *name = json_string_value(json_object_get(item, "name"));

		if (name && name_index_put_new(idx, name, item) < 0)
			return -1;
	}
	return 0;
}
