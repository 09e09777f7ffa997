// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_validate_sets.c - the validator's "seen before?" sets: short
 * binary keys (a tunnel key, a MAC, an IP) mapped to where they were first
 * seen, and the shared name indexes of ports, chassis and HA groups.
 *
 * A first sighting stores three numbers, not a spelled-out JSON path: the
 * path is written only when a duplicate is reported, and a valid model has
 * none.  Emptying a set between switches bumps a stamp instead of clearing
 * every slot, so a model with many small switches stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "model/validate/validate.h"

static uint64_t blob_hash(const uint8_t *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= key[i];
		h *= 1099511628211ull;
	}
	return h;
}

void vset_init(struct vset *s)
{
	memset(s, 0, sizeof(*s));
	s->stamp = 1;
}

void vset_free(struct vset *s)
{
	free(s->slots);
	vset_init(s);
}

void vset_clear(struct vset *s)
{
	s->n = 0;
	if (++s->stamp == 0) {
		/* After 2^32 clears the stamps wrap: forget the old ones for real. */
		if (s->slots)
			memset(s->slots, 0, s->cap * sizeof(*s->slots));
		s->stamp = 1;
	}
}

static struct vset_slot *find(const struct vset *s, const uint8_t *key, size_t len,
			      uint64_t hash)
{
	size_t mask = s->cap - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct vset_slot *slot = &s->slots[i];

		if (slot->stamp != s->stamp)
			return slot;
		if (slot->hash == hash && slot->len == len && memcmp(slot->key, key, len) == 0)
			return slot;
	}
}

/* Doubles the table (at most half full), keeping only this stamp's entries. */
static int grow(struct vset *s)
{
	struct vset bigger = { .cap = s->cap ? s->cap * 2 : 64, .n = s->n, .stamp = 1 };

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		struct vset_slot *old = &s->slots[i];

		if (old->stamp != s->stamp)
			continue;
		struct vset_slot *dst = find(&bigger, old->key, old->len, old->hash);

		*dst = *old;
		dst->stamp = bigger.stamp;
	}
	free(s->slots);
	*s = bigger;
	return 0;
}

const struct vloc *vset_claim(struct vset *s, const void *key, size_t len,
			      const struct vloc *where)
{
	uint64_t hash;
	struct vset_slot *slot;

	if (len > VSET_KEY_MAX)
		len = VSET_KEY_MAX;   /* callers' keys are shorter; never overrun */
	if (2 * (s->n + 1) > s->cap && grow(s) < 0)
		return NULL;   /* out of memory: counted as a first sighting */
	hash = blob_hash(key, len);
	slot = find(s, key, len, hash);
	if (slot->stamp == s->stamp)
		return &slot->where;
	memcpy(slot->key, key, len);
	slot->len = (uint8_t)len;
	slot->hash = hash;
	slot->where = *where;
	slot->stamp = s->stamp;
	s->n++;
	return NULL;
}

/* ---- name indexes ---------------------------------------------------- */

/* model[key] indexed; a missing optional list is empty, a missing required one unusable. */
static struct name_index *index_member(struct name_index *idx, const json_t *model,
				       const char *key, int required)
{
	const json_t *array = json_object_get(model, key);

	if (array ? !json_is_array(array) : required)
		return NULL;
	if (name_index_reserve(idx, json_array_size(array)) < 0 || name_index_add_named(idx, array) < 0)
		return NULL;
	return idx;
}

/* Every port of every switch; unusable when a switch has no ports array. */
static struct name_index *index_ports(struct name_index *idx, const json_t *model)
{
	const json_t *switches = json_object_get(model, "logical_switches");
	size_t sw_i, total = 0;
	json_t *sw;

	if (!json_is_array(switches))
		return NULL;
	json_array_foreach(switches, sw_i, sw) {
		json_t *ports = json_object_get(sw, "ports");

		if (!json_is_array(ports))
			return NULL;
		total += json_array_size(ports);
	}
	if (name_index_reserve(idx, total) < 0)
		return NULL;
	json_array_foreach(switches, sw_i, sw)
		if (name_index_add_named(idx, json_object_get(sw, "ports")) < 0)
			return NULL;
	return idx;
}

void vnames_build(struct vnames *v, const json_t *model)
{
	name_index_init(&v->port_idx);
	name_index_init(&v->chassis_idx);
	name_index_init(&v->group_idx);
	v->ports = index_ports(&v->port_idx, model);
	v->chassis = index_member(&v->chassis_idx, model, "chassis", 1);
	v->groups = index_member(&v->group_idx, model, "ha_chassis_groups", 0);
}

void vnames_free(struct vnames *v)
{
	name_index_free(&v->port_idx);
	name_index_free(&v->chassis_idx);
	name_index_free(&v->group_idx);
}

json_t *vnames_get(const struct name_index *idx, const char *name)
{
	return (json_t *)name_index_get(idx, name);
}
