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
