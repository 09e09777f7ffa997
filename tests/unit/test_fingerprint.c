// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_fingerprint.c - JSON fingerprints are equal exactly when the values
 * are json_equal, so a delta computed from them misses no change.
 */
#include <criterion/criterion.h>

#include "model/fingerprint.h"

static const struct {
	const char *a, *b;
} cases[] = {
	{ "{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}" },   /* member order: equal */
	{ "{\"a\":1}", "{\"a\":2}" },
	{ "{\"a\":1}", "{\"b\":1}" },
	{ "{\"a\":1}", "{\"a\":1,\"b\":null}" },
	{ "[1,2]", "[2,1]" },
	{ "[\"a\",\"b\"]", "[\"ab\"]" },
	{ "[\"1\"]", "[1]" },
	{ "[1]", "[1.0]" },
	{ "[[]]", "[{}]" },
	{ "[true]", "[false]" },
	{ "[null]", "[false]" },
	{ "[\"abcdefgh\"]", "[\"abcdefgh\\u0000\"]" },
	{ "{\"name\":\"sw0\",\"ports\":[{\"name\":\"p1\",\"addresses\":[\"02:00:00:00:00:01\"]}]}",
	  "{\"name\":\"sw0\",\"ports\":[{\"name\":\"p1\",\"addresses\":[\"02:00:00:00:00:02\"]}]}" },
	{ "{\"x\":{\"a\":1,\"b\":2}}", "{\"x\":{\"a\":2,\"b\":1}}" },
};

Test(fingerprint, equal_exactly_when_json_equal)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *a = json_loads(cases[i].a, JSON_ALLOW_NUL, NULL);
		json_t *b = json_loads(cases[i].b, JSON_ALLOW_NUL, NULL);
		struct xovn_fingerprint fa, fb;

		cr_assert(a && b, "case %zu does not parse", i);
		fa = xovn_json_fingerprint(a);
		fb = xovn_json_fingerprint(b);
		cr_assert_eq(fa.a == fb.a && fa.b == fb.b, json_equal(a, b) != 0,
			     "case %zu: %s vs %s", i, cases[i].a, cases[i].b);
		json_decref(a);
		json_decref(b);
	}
}
