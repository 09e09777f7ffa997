// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_mapset_sort.c - the radix sort of big sets gives exactly the order
 * and the survivors (the later add of a key) of a comparison sort.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dataplane/mapset.h"

struct added {
	struct xovn_map_entry e;   /* e.key is set where used: the record moves */
	uint32_t order;            /* when it was added: the value stored */
	uint8_t key[32];
};

static const struct xovn_map_entry *entry_of(const struct added *a, struct xovn_map_entry *e)
{
	*e = a->e;
	e->key = (uint8_t *)a->key;
	return e;
}

/* Reference order: (map, key) then add order, so the last of a run is the later add. */
static int by_key_then_order(const void *x, const void *y)
{
	const struct added *a = x, *b = y;
	struct xovn_map_entry ea, eb;
	int c = xovn_map_entry_cmp(entry_of(a, &ea), entry_of(b, &eb));

	if (c)
		return c;
	return a->order < b->order ? -1 : 1;
}

/* Small key spaces so that duplicates are common; lengths differ within a map. */
static void random_entry(struct added *a, uint32_t order, unsigned *seed)
{
	a->order = order;
	a->e.map = (uint32_t)(rand_r(seed) % 5);
	a->e.key_len = (uint16_t)(a->e.map == 4 ? 1u + (unsigned)rand_r(seed) % 32u : 4u * (1u + a->e.map));
	memset(a->key, 0, sizeof(a->key));
	for (uint16_t i = 0; i < a->e.key_len; i++)
		a->key[i] = (uint8_t)(i % 3 == 0 ? rand_r(seed) % 4 : i);
}

static void check_sort_matches_reference(size_t n, unsigned seed)
{
	struct added *ref = calloc(n, sizeof(*ref));
	struct xovn_mapset s;
	size_t kept = 0;

	cr_assert_not_null(ref);
	xovn_mapset_init(&s);
	for (size_t i = 0; i < n; i++) {
		random_entry(&ref[i], (uint32_t)i, &seed);
		cr_assert_eq(xovn_mapset_add(&s, ref[i].e.map, ref[i].key, ref[i].e.key_len,
					     &ref[i].order, sizeof(ref[i].order)), 0);
	}
	cr_assert(xovn_mapset_radix_fits(s.v, s.n), "the set must take the radix path");
	qsort(ref, n, sizeof(*ref), by_key_then_order);
	for (size_t i = 0; i < n; i++) {
		struct xovn_map_entry a, b;

		if (i + 1 < n && xovn_map_entry_cmp(entry_of(&ref[i], &a), entry_of(&ref[i + 1], &b)) == 0)
			continue;
		ref[kept++] = ref[i];
	}
	xovn_mapset_sort(&s);
	cr_assert(s.sorted);
	cr_assert_eq(s.n, kept, "%zu entries kept, %zu expected", s.n, kept);
	for (size_t i = 0; i < kept; i++) {
		struct xovn_map_entry want;
		uint32_t order;

		cr_assert_eq(xovn_map_entry_cmp(&s.v[i], entry_of(&ref[i], &want)), 0,
			     "entry %zu out of order", i);
		memcpy(&order, s.v[i].val, sizeof(order));
		cr_assert_eq(order, ref[i].order, "entry %zu: add %u kept, the later add %u expected",
			     i, order, ref[i].order);
	}
	xovn_mapset_free(&s);
	free(ref);
}

Test(mapset_sort, radix_order_and_survivors_match_a_comparison_sort)
{
	static const struct { size_t n; unsigned seed; } cases[] = {
		{ 512, 1 }, { 5000, 2 }, { 40000, 3 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_sort_matches_reference(cases[i].n, cases[i].seed);
}

Test(mapset_sort, long_keys_and_small_sets_take_the_merge_sort)
{
	struct xovn_map_entry small = { .map = 1, .key_len = 4 }, wide = { .map = 1, .key_len = 33 };
	struct xovn_map_entry *many = calloc(600, sizeof(*many));

	cr_assert_not_null(many);
	cr_assert_not(xovn_mapset_radix_fits(&small, 1));
	for (size_t i = 0; i < 600; i++)
		many[i] = small;
	cr_assert(xovn_mapset_radix_fits(many, 600));
	many[599] = wide;
	cr_assert_not(xovn_mapset_radix_fits(many, 600));
	free(many);
}
