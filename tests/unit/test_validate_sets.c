// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate_sets.c - the validator's "seen before?" sets: first
 * sightings remembered across growth, emptied by a clear, keys told apart
 * by every byte; and a big model's duplicates found at both ends.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"
#include "model_files.h"

Test(validate_sets, remembers_the_first_sighting_across_growth)
{
	struct vset s;
	uint32_t k;

	vset_init(&s);
	for (k = 0; k < 5000; k++) {
		struct vloc at = { .a = k, .b = k + 1, .c = k + 2 };

		cr_assert_null(vset_claim(&s, &k, sizeof(k), &at), "key %u claimed twice", k);
	}
	for (k = 0; k < 5000; k++) {
		struct vloc again = { .a = 9, .b = 9, .c = 9 };
		const struct vloc *first = vset_claim(&s, &k, sizeof(k), &again);

		cr_assert_not_null(first, "key %u forgotten", k);
		cr_assert(first->a == k && first->b == k + 1 && first->c == k + 2);
	}
	vset_free(&s);
}

Test(validate_sets, clear_forgets_and_keys_differ_in_every_byte)
{
	uint8_t a[7] = { 'm', 1, 2, 3, 4, 5, 6 }, b[7] = { 'm', 1, 2, 3, 4, 5, 7 };
	struct vloc at = { 0 };
	struct vset s;

	vset_init(&s);
	cr_assert_null(vset_claim(&s, a, sizeof(a), &at));
	cr_assert_null(vset_claim(&s, b, sizeof(b), &at));
	cr_assert_null(vset_claim(&s, a, 6, &at), "a shorter key is another key");
	cr_assert_not_null(vset_claim(&s, a, sizeof(a), &at));
	vset_clear(&s);
	cr_assert_null(vset_claim(&s, a, sizeof(a), &at), "cleared sets forget");
	cr_assert_not_null(vset_claim(&s, a, sizeof(a), &at));
	vset_free(&s);
}

/* 2000 switches of 3 ports: the per-switch sets are emptied between switches, not shared. */
Test(validate_sets, big_model_duplicates_at_both_ends)
{
	json_t *m = json_pack("{s:i, s:[], s:[]}", "version", 1, "logical_switches", "chassis");
	json_t *switches = json_object_get(m, "logical_switches");
	struct xovn_errors errs;
	char name[32], addr[64];

	for (int s = 0; s < 2000; s++) {
		json_t *ports = json_array();

		for (int p = 0; p < 3; p++) {
			snprintf(name, sizeof(name), "p%d-%d", s, p);
			/* Same MAC and key in every switch: legal, they are per switch. */
			snprintf(addr, sizeof(addr), "0a:00:00:00:00:%02x 10.0.0.%d", p + 1, p + 1);
			json_array_append_new(ports, json_pack("{s:s, s:i, s:[s]}", "name", name,
							       "tunnel_key", p + 1, "addresses", addr));
		}
		snprintf(name, sizeof(name), "s%d", s);
		json_array_append_new(switches, json_pack("{s:s, s:i, s:o}", "name", name,
							  "tunnel_key", s + 1, "ports", ports));
	}
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	/* The last port of the last switch repeats the first port's name and its own switch's MAC. */
	json_t *last = json_array_get(json_object_get(json_array_get(switches, 1999), "ports"), 2);
	json_object_set_new(last, "name", json_string("p0-0"));
	json_array_set_new(json_object_get(last, "addresses"), 0,
			   json_string("0a:00:00:00:00:01 10.0.0.9"));
	cr_assert_eq(xovn_model_validate(m, &errs), 2, "%s", tmf_errors_text(&errs));
	cr_assert_str_eq(errs.v[0].msg,
			 "port name \"p0-0\" is already used at $.logical_switches[0].ports[0].name");
	cr_assert_str_eq(errs.v[1].path, "$.logical_switches[1999].ports[2].addresses[0]");
	cr_assert_str_eq(errs.v[1].msg,
			 "MAC 0a:00:00:00:00:01 is already used at "
			 "$.logical_switches[1999].ports[0].addresses[0]");
	xovn_errors_free(&errs);
	json_decref(m);
}

/*
 * The one table behind names and sets: a name and the same bytes as a
 * binary key are one key, a shorter byte key is another; a clear keeps the
 * memory of a full table and gives back that of a mostly empty one, so
 * each clear costs what its round inserted.
 */
Test(validate_sets, name_index_keys_and_clear)
{
	static char names[1000][8];
	struct name_index idx;
	int one = 1, two = 2;

	name_index_init(&idx);
	cr_assert_eq(name_index_put(&idx, "sw0", &one), 0);
	cr_assert_eq(name_index_get_bytes(&idx, "sw0", 3), &one, "a name is its bytes");
	cr_assert_null(name_index_get_bytes(&idx, "sw0", 2), "a shorter key is another key");
	cr_assert_eq(name_index_put_bytes(&idx, "sw0", 2, &two), 0);
	cr_assert_eq(name_index_get_bytes(&idx, "sw0", 2), &two);
	cr_assert_eq(name_index_get(&idx, "sw0"), &one);
	for (int i = 0; i < 1000; i++) {
		snprintf(names[i], sizeof(names[i]), "n%d", i);
		cr_assert_eq(name_index_put_new(&idx, names[i], names[i]), 0);
	}
	cr_assert_geq(idx.cap, 2 * idx.n);
	name_index_clear(&idx);
	cr_assert_eq(idx.n, 0);
	cr_assert_null(name_index_get(&idx, "n5"), "a cleared index forgets");
	/* a full table is kept for the next round; a small round then hands it back */
	cr_assert_eq(name_index_put(&idx, "n5", &one), 0);
	cr_assert_geq(idx.cap, 2048);
	name_index_clear(&idx);
	cr_assert_null(name_index_get(&idx, "n5"));
	cr_assert_eq(name_index_put(&idx, "n6", &two), 0);
	cr_assert_leq(idx.cap, 64, "a small round after a small round starts at %zu", idx.cap);
	cr_assert_eq(name_index_get(&idx, "n6"), &two);
	name_index_free(&idx);
}
