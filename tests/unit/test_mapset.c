// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_mapset.c - the entry set: replace-on-add, sort, find, and the diff
 * xovnd applies.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"

static void add_u32(struct xovn_mapset *s, uint32_t map, uint32_t key, uint32_t val)
{
	cr_assert_eq(xovn_mapset_add(s, map, &key, sizeof(key), &val, sizeof(val)), 0);
}

static uint32_t val_of(const struct xovn_mapset *s, uint32_t map, uint32_t key)
{
	const struct xovn_map_entry *e = xovn_mapset_find(s, map, &key, sizeof(key));
	uint32_t v;

	cr_assert_not_null(e, "map %u key %u missing", map, key);
	cr_assert_eq(e->val_len, sizeof(v));
	memcpy(&v, e->val, sizeof(v));
	return v;
}

static uint32_t key_at(const struct xovn_mapset *s, size_t i)
{
	uint32_t k;

	memcpy(&k, s->v[i].key, sizeof(k));
	return k;
}

Test(mapset, names_follow_the_bpf_maps)
{
	static const struct {
		int map;
		const char *name;
	} names[] = {
		{ XOVN_MAP_CONFIG, "xovn_config" }, { XOVN_MAP_DATAPATHS, "xovn_datapaths" },
		{ XOVN_MAP_PORTS, "xovn_ports" }, { XOVN_MAP_FLOOD, "xovn_flood" },
		{ XOVN_MAP_FDB, "xovn_fdb_v2" }, { XOVN_MAP_INGRESS, "xovn_ingress" },
		{ XOVN_MAP_RPORTS, "xovn_rports" }, { XOVN_MAP_ROUTES, "xovn_routes_v2" },
		{ XOVN_MAP_SRC_ROUTES, "xovn_src_routes_v2" }, { XOVN_MAP_NEIGH, "xovn_neigh_v2" },
		{ XOVN_MAP_LSP_ROUTER, "xovn_lsp_router" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		cr_assert_str_eq(xovn_map_names[names[i].map], names[i].name);
	for (int i = 0; i < XOVN_MAP__COUNT; i++)
		cr_assert_not_null(xovn_map_names[i], "map id %d has no name", i);
}

Test(mapset, sort_orders_by_map_then_key_and_later_add_wins)
{
	struct xovn_mapset s;

	xovn_mapset_init(&s);
	add_u32(&s, XOVN_MAP_PORTS, 5, 50);
	add_u32(&s, XOVN_MAP_CONFIG, 9, 90);
	add_u32(&s, XOVN_MAP_PORTS, 1, 10);
	add_u32(&s, XOVN_MAP_PORTS, 5, 51);  /* replaces 50 */
	add_u32(&s, XOVN_MAP_PORTS, 5, 52);  /* replaces 51 */
	cr_assert_not(s.sorted);
	xovn_mapset_sort(&s);
	cr_assert(s.sorted);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(s.v[0].map, XOVN_MAP_CONFIG);
	cr_assert_eq(key_at(&s, 1), 1);
	cr_assert_eq(key_at(&s, 2), 5);
	cr_assert_eq(val_of(&s, XOVN_MAP_PORTS, 5), 52);
	cr_assert_eq(val_of(&s, XOVN_MAP_CONFIG, 9), 90);
	xovn_mapset_sort(&s); /* idempotent */
	cr_assert_eq(s.n, 3);

	uint32_t missing = 7;
	cr_assert_null(xovn_mapset_find(&s, XOVN_MAP_PORTS, &missing, sizeof(missing)));
	cr_assert_null(xovn_mapset_find(&s, XOVN_MAP_FDB, &missing, sizeof(missing)));
	xovn_mapset_free(&s);
	cr_assert_eq(s.n, 0);
	cr_assert_null(s.v);
}

Test(mapset, ascending_adds_stay_sorted)
{
	struct xovn_mapset s;

	xovn_mapset_init(&s);
	cr_assert(s.sorted, "empty is sorted");
	add_u32(&s, XOVN_MAP_DATAPATHS, 1, 0);
	add_u32(&s, XOVN_MAP_DATAPATHS, 2, 0);
	add_u32(&s, XOVN_MAP_PORTS, 1, 0);
	cr_assert(s.sorted);
	add_u32(&s, XOVN_MAP_PORTS, 1, 1); /* same key again: no longer sorted */
	cr_assert_not(s.sorted);
	xovn_mapset_free(&s);
}

static void diff(const struct xovn_mapset *a, const struct xovn_mapset *b,
		 struct xovn_mapset *up, struct xovn_mapset *del)
{
	xovn_mapset_init(up);
	xovn_mapset_init(del);
	cr_assert_eq(xovn_mapset_diff(a, b, up, del), 0);
	cr_assert(up->sorted);
	cr_assert(del->sorted);
}

Test(mapset, diff_add_change_delete_and_no_op)
{
	struct xovn_mapset old_set, new_set, up, del;

	xovn_mapset_init(&old_set);
	xovn_mapset_init(&new_set);
	add_u32(&old_set, XOVN_MAP_PORTS, 1, 10);  /* unchanged */
	add_u32(&old_set, XOVN_MAP_PORTS, 2, 20);  /* changes */
	add_u32(&old_set, XOVN_MAP_PORTS, 3, 30);  /* goes */
	add_u32(&old_set, XOVN_MAP_FDB, 1, 10);    /* same key, other map: goes */
	add_u32(&new_set, XOVN_MAP_PORTS, 4, 40);  /* comes (added first: unsorted input) */
	add_u32(&new_set, XOVN_MAP_PORTS, 2, 21);
	add_u32(&new_set, XOVN_MAP_PORTS, 1, 10);
	add_u32(&new_set, XOVN_MAP_CONFIG, 0, 1);  /* comes */

	diff(&old_set, &new_set, &up, &del);
	cr_assert_eq(up.n, 3);
	cr_assert_eq(up.v[0].map, XOVN_MAP_CONFIG);
	cr_assert_eq(key_at(&up, 1), 2);
	cr_assert_eq(val_of(&up, XOVN_MAP_PORTS, 2), 21);
	cr_assert_eq(key_at(&up, 2), 4);
	cr_assert_eq(del.n, 2);
	cr_assert_eq(del.v[0].map, XOVN_MAP_PORTS);
	cr_assert_eq(key_at(&del, 0), 3);
	cr_assert_eq(del.v[1].map, XOVN_MAP_FDB);
	cr_assert_eq(new_set.n, 4, "the inputs are not modified");
	cr_assert_not(new_set.sorted, "the inputs are not modified");
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);

	/* the same set against itself: nothing to do */
	diff(&old_set, &old_set, &up, &del);
	cr_assert_eq(up.n, 0);
	cr_assert_eq(del.n, 0);

	/* from nothing: everything is an upsert; to nothing: everything a delete */
	struct xovn_mapset empty;
	xovn_mapset_init(&empty);
	diff(&empty, &new_set, &up, &del);
	cr_assert_eq(up.n, 4);
	cr_assert_eq(del.n, 0);
	xovn_mapset_free(&up);
	diff(&new_set, &empty, &up, &del);
	cr_assert_eq(up.n, 0);
	cr_assert_eq(del.n, 4);
	xovn_mapset_free(&del);

	xovn_mapset_free(&old_set);
	xovn_mapset_free(&new_set);
}

Test(mapset, diff_sees_value_length_change_and_duplicates_in_input)
{
	struct xovn_mapset a, b, up, del;
	uint32_t key = 1, v32 = 7;
	uint16_t v16 = 7;

	xovn_mapset_init(&a);
	xovn_mapset_init(&b);
	cr_assert_eq(xovn_mapset_add(&a, XOVN_MAP_PORTS, &key, sizeof(key), &v32, sizeof(v32)), 0);
	cr_assert_eq(xovn_mapset_add(&b, XOVN_MAP_PORTS, &key, sizeof(key), &v16, sizeof(v16)), 0);
	diff(&a, &b, &up, &del);
	cr_assert_eq(up.n, 1, "same key, shorter value: an upsert");
	cr_assert_eq(up.v[0].val_len, sizeof(v16));
	xovn_mapset_free(&up);

	/* b holds the key twice; its later value (equal to a's) is the one that counts */
	cr_assert_eq(xovn_mapset_add(&b, XOVN_MAP_PORTS, &key, sizeof(key), &v32, sizeof(v32)), 0);
	diff(&a, &b, &up, &del);
	cr_assert_eq(up.n, 0);
	cr_assert_eq(del.n, 0);
	xovn_mapset_free(&a);
	xovn_mapset_free(&b);
}

Test(mapset, zero_length_value_round_trips)
{
	struct xovn_mapset s;
	uint32_t key = 3;

	xovn_mapset_init(&s);
	cr_assert_eq(xovn_mapset_add(&s, XOVN_MAP_FDB, &key, sizeof(key), NULL, 0), 0);
	cr_assert_eq(xovn_mapset_find(&s, XOVN_MAP_FDB, &key, sizeof(key))->val_len, 0);
	xovn_mapset_free(&s);
}
