// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* slots.c - giving each logical port a stable counter slot (see slots.h). */
#include <stdlib.h>
#include <string.h>

#include "dataplane/slots.h"
#include "xovn_maps.h"

struct slot_of {
	uint32_t dp_key;
	uint16_t port_key;
	uint32_t slot;
};

struct slot_table {
	struct slot_of *v;
	size_t n;
};

static int slot_cmp(const void *a, const void *b)
{
	const struct slot_of *x = a, *y = b;

	if (x->dp_key != y->dp_key)
		return x->dp_key < y->dp_key ? -1 : 1;
	return (int)x->port_key - (int)y->port_key;
}

static int is_port_entry(const struct xovn_map_entry *e)
{
	return e->map == XOVN_MAP_PORTS && e->key_len == sizeof(struct xovn_port_key) &&
	       e->val_len == sizeof(struct xovn_port_val);
}

/* (dp_key, port_key) -> slot for every port of s, sorted for lookups. */
static int table_build(const struct xovn_mapset *s, struct slot_table *t)
{
	size_t i;

	t->n = 0;
	t->v = malloc((s->n ? s->n : 1) * sizeof(*t->v));
	if (!t->v)
		return -1;
	for (i = 0; i < s->n; i++) {
		const struct xovn_map_entry *e = &s->v[i];
		struct xovn_port_key k;
		struct xovn_port_val v;

		if (!is_port_entry(e))
			continue;
		memcpy(&k, e->key, sizeof(k));
		memcpy(&v, e->val, sizeof(v));
		t->v[t->n++] = (struct slot_of){ k.dp_key, k.port_key, v.slot };
	}
	qsort(t->v, t->n, sizeof(*t->v), slot_cmp);
	return 0;
}

static uint32_t table_get(const struct slot_table *t, uint32_t dp_key, uint16_t port_key)
{
	struct slot_of want = { dp_key, port_key, 0 };
	const struct slot_of *hit = bsearch(&want, t->v, t->n, sizeof(*t->v), slot_cmp);

	return hit ? hit->slot : 0;
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
		struct xovn_port_key k;
		struct xovn_port_val v;

		if (!is_port_entry(e))
			continue;
		memcpy(&k, e->key, sizeof(k));
		memcpy(&v, e->val, sizeof(v));
		v.slot = table_get(old, k.dp_key, k.port_key);
		if (!slot_valid(v.slot)) {
			while (cursor < XOVN_MAX_STAT_SLOTS && taken[cursor])
				cursor++;
			if (cursor == XOVN_MAX_STAT_SLOTS)
				return -1;
			v.slot = cursor;
			taken[cursor] = 1;
		}
		memcpy(e->val, &v, sizeof(v));
	}
	return 0;
}

static void fill_ingress(const struct slot_table *t, struct xovn_map_entry *e)
{
	struct xovn_ingress_val v;

	memcpy(&v, e->val, sizeof(v));
	v.slot = table_get(t, v.dp_key, v.port_key);
	memcpy(e->val, &v, sizeof(v));
}

static void fill_fdb(const struct slot_table *t, struct xovn_map_entry *e)
{
	struct xovn_fdb_key k;
	struct xovn_fdb_val v;

	memcpy(&k, e->key, sizeof(k));
	memcpy(&v, e->val, sizeof(v));
	v.port.slot = table_get(t, k.dp_key, v.port_key);
	memcpy(e->val, &v, sizeof(v));
}

static void fill_flood(const struct slot_table *t, struct xovn_map_entry *e)
{
	struct xovn_flood_key k;
	struct xovn_flood_val *v = (struct xovn_flood_val *)e->val;
	uint16_t i;

	memcpy(&k, e->key, sizeof(k));
	for (i = 0; i < v->n_local && i < XOVN_MAX_FLOOD_LOCAL; i++)
		v->local[i].slot = table_get(t, k.dp_key, v->local[i].port_key);
}

/* Copies each port's slot into the values that lead to it. */
static void fill_references(const struct slot_table *t, struct xovn_mapset *next)
{
	size_t i;

	for (i = 0; i < next->n; i++) {
		struct xovn_map_entry *e = &next->v[i];

		if (e->map == XOVN_MAP_INGRESS && e->val_len == sizeof(struct xovn_ingress_val))
			fill_ingress(t, e);
		else if (e->map == XOVN_MAP_FDB && e->val_len == sizeof(struct xovn_fdb_val) &&
			 e->key_len == sizeof(struct xovn_fdb_key))
			fill_fdb(t, e);
		else if (e->map == XOVN_MAP_FLOOD && e->val_len == sizeof(struct xovn_flood_val) &&
			 e->key_len == sizeof(struct xovn_flood_key))
			fill_flood(t, e);
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
	free(old.v);
	free(now.v);
	free(taken);
	return rc;
}

/* The slot applied has for (dp_key, port_key), 0 when the port is not there. */
static uint32_t applied_slot(const struct xovn_mapset *applied, uint32_t dp_key, uint16_t port_key)
{
	struct xovn_port_key k = { .dp_key = dp_key, .port_key = port_key };
	const struct xovn_map_entry *e = xovn_mapset_find(applied, XOVN_MAP_PORTS, &k, sizeof(k));
	struct xovn_port_val v;

	if (!e || !is_port_entry(e))
		return 0;
	memcpy(&v, e->val, sizeof(v));
	return v.slot;
}

/* Marks every slot applied's ports hold: only needed when a port is new. */
static void mark_applied(const struct xovn_mapset *applied, uint8_t *taken)
{
	for (size_t i = 0; i < applied->n; i++) {
		const struct xovn_map_entry *e = &applied->v[i];
		struct xovn_port_val v;

		if (e->map < XOVN_MAP_PORTS)
			continue;
		if (e->map > XOVN_MAP_PORTS)
			break;
		if (!is_port_entry(e))
			continue;
		memcpy(&v, e->val, sizeof(v));
		if (slot_valid(v.slot))
			taken[v.slot] = 1;
	}
}

/* The part's ports with the slots applied gives them (0: new), sorted for lookups. */
static int part_old_slots(const struct xovn_mapset *applied, const struct xovn_mapset *part,
			  struct slot_table *t, int *any_new)
{
	if (table_build(part, t) < 0)
		return -1;
	*any_new = 0;
	for (size_t i = 0; i < t->n; i++) {
		t->v[i].slot = applied_slot(applied, t->v[i].dp_key, t->v[i].port_key);
		*any_new |= !slot_valid(t->v[i].slot);
	}
	return 0;
}

int xovn_slots_assign_part(const struct xovn_mapset *applied, struct xovn_mapset *part)
{
	struct slot_table old = { 0 }, now = { 0 };
	uint8_t *taken = calloc(XOVN_MAX_STAT_SLOTS, 1);
	int any_new, rc = -1;

	if (taken && part_old_slots(applied, part, &old, &any_new) == 0) {
		/* Only a new port needs to know every slot in use. */
		if (any_new)
			mark_applied(applied, taken);
		if (give_port_slots(&old, part, taken) == 0 && table_build(part, &now) == 0) {
			/* Every value in a part leads to a port of the same switches. */
			fill_references(&now, part);
			rc = 0;
		}
	}
	free(old.v);
	free(now.v);
	free(taken);
	return rc;
}
