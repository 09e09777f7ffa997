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

/* A name on its way through the batch pipeline: hashed once, two steps before its turn. */
struct batch_key {
	const char *key;
	size_t len;
	uint64_t hash;
};

#define BATCH_RING 32   /* a power of two above 2 * NAME_INDEX_AHEAD */

static void batch_ahead(const struct name_index *idx, const struct name_batch *b,
			struct batch_key *ring, size_t n, size_t i)
{
	const size_t mask = idx->cap - 1;
	struct batch_key *r;
	size_t k;

	k = i + 3 * NAME_INDEX_AHEAD;
	if (k < n) {
		const char *key = b->key(b->arg, k);

		if (key)
			__builtin_prefetch(key);
	}
	k = i + 2 * NAME_INDEX_AHEAD;
	if (k < n) {
		r = &ring[k % BATCH_RING];
		r->key = b->key(b->arg, k);
		if (r->key) {
			r->len = strlen(r->key);
			r->hash = bytes_hash((const uint8_t *)r->key, r->len);
			__builtin_prefetch(&idx->slots[r->hash & mask]);
		}
	}
	k = i + NAME_INDEX_AHEAD;
	if (k < n) {
		r = &ring[k % BATCH_RING];
		if (r->key && idx->slots[r->hash & mask].key)
			__builtin_prefetch(idx->slots[r->hash & mask].key);
	}
}

/* Runs the pipeline over n names; claim: put the new ones. */
static void batch_run(struct name_index *idx, size_t n, const struct name_batch *b, int claim)
{
	struct batch_key ring[BATCH_RING];

	/* The first names enter the pipeline at every stage it has. */
	for (size_t i = 0; i < 2 * NAME_INDEX_AHEAD && i < n; i++) {
		struct batch_key *r = &ring[i % BATCH_RING];

		r->key = b->key(b->arg, i);
		if (r->key) {
			r->len = strlen(r->key);
			r->hash = bytes_hash((const uint8_t *)r->key, r->len);
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct batch_key *r = &ring[i % BATCH_RING];
		struct name_slot *s;

		batch_ahead(idx, b, ring, n, i);
		if (!r->key) {
			b->found(b->arg, i, NULL);
			continue;
		}
		s = find_slot(idx, r->key, r->len, r->hash);
		if (s->key || !claim) {
			b->found(b->arg, i, s->val);
			continue;
		}
		s->key = r->key;
		s->len = r->len;
		s->hash = r->hash;
		s->val = b->val(b->arg, i);
		idx->n++;
		b->found(b->arg, i, NULL);
	}
}

void name_index_get_batch(const struct name_index *idx, size_t n, const struct name_batch *b)
{
	if (!idx->cap) {
		for (size_t i = 0; i < n; i++)
			b->found(b->arg, i, NULL);
		return;
	}
	/* A lookup changes nothing: the claim path is not taken. */
	batch_run((struct name_index *)idx, n, b, 0);
}

int name_index_claim_batch(struct name_index *idx, size_t n, const struct name_batch *b)
{
	/* Room for every name up front: slots stay put while the batch runs. */
	if (name_index_reserve(idx, idx->n + n) < 0)
		return -1;
	batch_run(idx, n, b, 1);
	return 0;
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
