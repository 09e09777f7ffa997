// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * slots.c - giving each logical port a stable counter slot (see slots.h).
 *
 * Which map gives ports their slots and which values carry copies of them
 * is the SLOT column of include/xovn_map_table.h (lib/dataplane/map_desc.h):
 * a new map that leads to ports is counted by its row alone.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/slots.h"
#include "xovn_maps.h"

struct slot_of {
	uint32_t dp_key;
	uint16_t port_key;
	uint32_t slot;
};

/*
 * Every port of a set and its slot, in the set's order, with a hash index
 * over (dp_key, port_key): one probe per lookup whatever the size, where a
 * binary search of 100,000 ports took seventeen.
 */
struct slot_table {
	struct slot_of *v;
	size_t n;
	uint32_t *idx;    /* 1 + position in v, 0 empty; cap slots */
	size_t cap;       /* a power of two, at least twice n */
};

static size_t slot_hash(const struct slot_table *t, uint32_t dp_key, uint16_t port_key)
{
	uint64_t x = ((uint64_t)dp_key << 16 | port_key) * 0x9e3779b97f4a7c15ull;

	return (size_t)(x >> 32) & (t->cap - 1);
}

/* Where (dp_key, port_key) is in idx, or the empty slot where it would go. */
static size_t slot_find(const struct slot_table *t, uint32_t dp_key, uint16_t port_key)
{
	size_t h = slot_hash(t, dp_key, port_key);

	for (;; h = (h + 1) & (t->cap - 1)) {
		const struct slot_of *s;

		if (!t->idx[h])
			return h;
		s = &t->v[t->idx[h] - 1];
		if (s->dp_key == dp_key && s->port_key == port_key)
			return h;
	}
}

static void table_free(struct slot_table *t)
{
	free(t->v);
	free(t->idx);
}

/* ---- the slot references of one entry (its map's slot use) ------------ */

static const struct xovn_slot_use *slot_use(const struct xovn_map_entry *e)
{
	const struct xovn_map_desc *d;

	if (e->map >= XOVN_MAP__COUNT)
		return NULL;
	d = &xovn_map_descs[e->map];
	if (d->slot.kind == XOVN_SLOT_NONE || e->key_len != d->key_size ||
	    e->val_len != d->value_size)
		return NULL;
	return &d->slot;
}

/* How many slot references e's value holds. */
static unsigned ref_count(const struct xovn_map_entry *e, const struct xovn_slot_use *u)
{
	struct xovn_field n_at = { XOVN_FIELD_VALUE, u->n_off };
	uint16_t n;

	if (!u->counted)
		return u->max;
	if (xovn_entry_get(e, n_at, &n, sizeof(n)) < 0)
		return 0;
	return n < u->max ? n : u->max;
}

/* The i-th reference's port key field (in the key, or within the i-th ref). */
static struct xovn_field ref_port_key(const struct xovn_slot_use *u, unsigned i)
{
	struct xovn_field f = u->port_key;

	if (f.in == XOVN_FIELD_VALUE)
		f.off += u->first + i * u->stride;
	return f;
}

static struct xovn_field ref_slot(const struct xovn_slot_use *u, unsigned i)
{
	return (struct xovn_field){ XOVN_FIELD_VALUE, u->first + i * u->stride + u->slot_off };
}

/* The port the i-th reference leads to and its slot; -1 if e cannot hold it. */
static int ref_get(const struct xovn_map_entry *e, const struct xovn_slot_use *u, unsigned i,
		   struct slot_of *out)
{
	out->dp_key = xovn_map_entry_dp(e);
	if (u->port_dp.in != XOVN_FIELD_NONE &&
	    xovn_entry_get(e, u->port_dp, &out->dp_key, sizeof(out->dp_key)) < 0)
		return -1;
	if (xovn_entry_get(e, ref_port_key(u, i), &out->port_key, sizeof(out->port_key)) < 0 ||
	    xovn_entry_get(e, ref_slot(u, i), &out->slot, sizeof(out->slot)) < 0)
		return -1;
	return 0;
}

static void ref_set_slot(struct xovn_map_entry *e, const struct xovn_slot_use *u, unsigned i,
			 uint32_t slot)
{
	xovn_entry_set(e, ref_slot(u, i), &slot, sizeof(slot));
}

/* An entry that gives its port a slot: the port and the slot it holds now. */
static int owner_get(const struct xovn_map_entry *e, struct slot_of *out)
{
	const struct xovn_slot_use *u;

	if (e->map >= XOVN_MAP__COUNT || xovn_map_descs[e->map].slot.kind != XOVN_SLOT_OWN)
		return -1;
	u = slot_use(e);
	return u ? ref_get(e, u, 0, out) : -1;
}

/* ---- assignment ---------------------------------------------------------- */

/* (dp_key, port_key) -> slot for every port of s; of duplicates the first. */
static int table_build(const struct xovn_mapset *s, struct slot_table *t)
{
	size_t i;

	t->n = 0;
	t->v = malloc((s->n ? s->n : 1) * sizeof(*t->v));
	if (!t->v)
		return -1;
	for (i = 0; i < s->n; i++)
		if (owner_get(&s->v[i], &t->v[t->n]) == 0)
			t->n++;
	for (t->cap = 16; t->cap < 2 * t->n; t->cap *= 2)
		;
	t->idx = calloc(t->cap, sizeof(*t->idx));
	if (!t->idx) {
		free(t->v);
		*t = (struct slot_table){ 0 };
		return -1;
	}
	for (i = 0; i < t->n; i++) {
		size_t h = slot_find(t, t->v[i].dp_key, t->v[i].port_key);

		if (!t->idx[h])
			t->idx[h] = (uint32_t)(i + 1);
	}
	return 0;
}

static uint32_t table_get(const struct slot_table *t, uint32_t dp_key, uint16_t port_key)
{
	size_t h = t->cap ? slot_find(t, dp_key, port_key) : 0;

	return t->cap && t->idx[h] ? t->v[t->idx[h] - 1].slot : 0;
}

static int slot_valid(uint32_t slot)
{
	return slot > 0 && slot < XOVN_MAX_STAT_SLOTS;
}

/*
 * Slots of next's ports: the applied slot where the port had one (old), else
 * the lowest slot not marked in taken (XOVN_MAX_STAT_SLOTS bytes, every
 * slot applied uses already marked).
 */
static int give_port_slots(const struct slot_table *old, struct xovn_mapset *next,
			   uint8_t *taken)
{
	uint32_t cursor = 1;
	size_t i;

	for (i = 0; i < next->n; i++) {
		struct xovn_map_entry *e = &next->v[i];
		struct slot_of port;

		if (owner_get(e, &port) < 0)
			continue;
		port.slot = table_get(old, port.dp_key, port.port_key);
		if (!slot_valid(port.slot)) {
			while (cursor < XOVN_MAX_STAT_SLOTS && taken[cursor])
				cursor++;
			if (cursor == XOVN_MAX_STAT_SLOTS)
				return -1;
			port.slot = cursor;
			taken[cursor] = 1;
		}
		ref_set_slot(e, slot_use(e), 0, port.slot);
	}
	return 0;
}

/* Copies each port's slot into the values that lead to it. */
static void fill_references(const struct slot_table *t, struct xovn_mapset *next)
{
	for (size_t i = 0; i < next->n; i++) {
		struct xovn_map_entry *e = &next->v[i];
		const struct xovn_slot_use *u = slot_use(e);
		unsigned n = u && u->kind == XOVN_SLOT_COPY ? ref_count(e, u) : 0;

		for (unsigned r = 0; r < n; r++) {
			struct slot_of port;

			if (ref_get(e, u, r, &port) == 0)
				ref_set_slot(e, u, r, table_get(t, port.dp_key, port.port_key));
		}
	}
}

int xovn_slots_assign(const struct xovn_mapset *applied, struct xovn_mapset *next)
{
	struct slot_table old = { 0 }, now = { 0 };
	uint8_t *taken = calloc(XOVN_MAX_STAT_SLOTS, 1);
	int rc = -1;

	if (taken && table_build(applied, &old) == 0) {
		for (size_t i = 0; i < old.n; i++)
			if (slot_valid(old.v[i].slot))
				taken[old.v[i].slot] = 1;
	}
	if (taken && old.v && give_port_slots(&old, next, taken) == 0 &&
	    table_build(next, &now) == 0) {
		fill_references(&now, next);
		rc = 0;
	}
	table_free(&old);
	table_free(&now);
	free(taken);
	return rc;
}

/* The slot applied has for (dp_key, port_key), 0 when the port is not there. */
static uint32_t applied_slot(const struct xovn_mapset *applied, uint32_t owner,
			     uint32_t dp_key, uint16_t port_key)
{
	const struct xovn_map_desc *d = &xovn_map_descs[owner];
	uint8_t key[64] = { 0 };
	struct xovn_map_entry probe = { .map = owner, .key_len = (uint16_t)d->key_size, .key = key };
	const struct xovn_map_entry *e;
	struct slot_of port;

	/* The owner's key is (dp_key, port_key) and zero padding. */
	if (d->key_size > sizeof(key) ||
	    xovn_entry_set(&probe, d->dp, &dp_key, sizeof(dp_key)) < 0 ||
	    xovn_entry_set(&probe, d->slot.port_key, &port_key, sizeof(port_key)) < 0)
		return 0;
	e = xovn_mapset_find(applied, owner, key, probe.key_len);
	return e && owner_get(e, &port) == 0 ? port.slot : 0;
}

/* Marks every slot applied's ports hold: only needed when a port is new. */
static void mark_applied(const struct xovn_mapset *applied, uint32_t owner, uint8_t *taken)
{
	for (size_t i = 0; i < applied->n; i++) {
		const struct xovn_map_entry *e = &applied->v[i];
		struct slot_of port;

		if (e->map < owner)
			continue;
		if (e->map > owner)
			break;
		if (owner_get(e, &port) == 0 && slot_valid(port.slot))
			taken[port.slot] = 1;
	}
}

/* The part's ports with the slots applied gives them (0: new), sorted for lookups. */
static int part_old_slots(const struct xovn_mapset *applied, const struct xovn_mapset *part,
			  uint32_t owner, struct slot_table *t, int *any_new)
{
	if (table_build(part, t) < 0)
		return -1;
	*any_new = 0;
	for (size_t i = 0; i < t->n; i++) {
		t->v[i].slot = applied_slot(applied, owner, t->v[i].dp_key, t->v[i].port_key);
		*any_new |= !slot_valid(t->v[i].slot);
	}
	return 0;
}

int xovn_slots_assign_part(const struct xovn_mapset *applied, struct xovn_mapset *part)
{
	struct slot_table old = { 0 }, now = { 0 };
	uint8_t *taken = calloc(XOVN_MAX_STAT_SLOTS, 1);
	uint32_t owner = xovn_map_slot_owner();
	int any_new, rc = -1;

	if (taken && part_old_slots(applied, part, owner, &old, &any_new) == 0) {
		/* Only a new port needs to know every slot in use. */
		if (any_new)
			mark_applied(applied, owner, taken);
		if (give_port_slots(&old, part, taken) == 0 && table_build(part, &now) == 0) {
			/* Every value in a part leads to a port of the same switches. */
			fill_references(&now, part);
			rc = 0;
		}
	}
	table_free(&old);
	table_free(&now);
	free(taken);
	return rc;
}
