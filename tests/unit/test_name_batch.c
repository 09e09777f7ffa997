// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_name_batch.c - looking names up and claiming them in a batch
 * (name_index_get_batch, name_index_claim_batch) gives, for every name in
 * order, what one name_index_get or name_index_put_new at a time gives:
 * for batches shorter than, as long as and longer than the pipeline,
 * with absent names, repeats and an index that already holds some.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/name_index.h"

struct batch_case {
	const char *what;
	size_t n;          /* names in the batch */
	size_t distinct;   /* name i is "n<i % distinct>" */
	size_t every_null; /* every this many a NULL name (0: none) */
	size_t held;       /* names "n0".."n<held-1>" already in the index */
};

static const struct batch_case cases[] = {
	{ "empty", 0, 1, 0, 0 },
	{ "one", 1, 1, 0, 0 },
	{ "shorter than the pipeline", 7, 7, 0, 0 },
	{ "as long as one stage", NAME_INDEX_AHEAD, NAME_INDEX_AHEAD, 0, 0 },
	{ "as long as the pipeline", 3 * NAME_INDEX_AHEAD + 1, 100, 0, 0 },
	{ "repeats close together", 40, 3, 0, 0 },
	{ "repeats a pipeline apart", 200, 2 * NAME_INDEX_AHEAD, 0, 0 },
	{ "absent names", 100, 100, 3, 0 },
	{ "index holding some", 500, 400, 0, 150 },
	{ "big, every kind", 20000, 15000, 7, 5000 },
};

struct batch_arg {
	char (*names)[24];
	const char **keys;
	const void **vals;
	const void **got;
	size_t calls;
};

static const char *key_at(const void *arg, size_t i)
{
	return ((const struct batch_arg *)arg)->keys[i];
}

static const void *val_at(const void *arg, size_t i)
{
	return ((const struct batch_arg *)arg)->vals[i];
}

static void found(void *arg, size_t i, const void *v)
{
	struct batch_arg *a = arg;

	cr_assert_eq(i, a->calls, "found out of order: %zu after %zu calls", i, a->calls);
	a->got[i] = v;
	a->calls++;
}

static void fill(const struct batch_case *c, struct batch_arg *a)
{
	size_t n = c->n ? c->n : 1;

	a->names = calloc(n, sizeof(*a->names));
	a->keys = calloc(n, sizeof(*a->keys));
	a->vals = calloc(n, sizeof(*a->vals));
	a->got = calloc(n, sizeof(*a->got));
	a->calls = 0;
	cr_assert(a->names && a->keys && a->vals && a->got);
	for (size_t i = 0; i < c->n; i++) {
		snprintf(a->names[i], sizeof(a->names[i]), "n%zu", i % c->distinct);
		a->keys[i] = c->every_null && i % c->every_null == 1 ? NULL : a->names[i];
		a->vals[i] = &a->vals[i];
	}
}

static void drop(struct batch_arg *a)
{
	free(a->names);
	free(a->keys);
	free(a->vals);
	free(a->got);
}

/* An index holding "n0".."n<held-1>", each for a value of its own. */
static void hold(struct name_index *idx, char (*held)[24], const struct batch_case *c)
{
	name_index_init(idx);
	for (size_t i = 0; i < c->held; i++) {
		snprintf(held[i], sizeof(held[i]), "n%zu", i);
		cr_assert_eq(name_index_put_new(idx, held[i], held[i]), 0);
	}
}

static char held_names[5000][24];

Test(name_batch, claims_as_one_put_new_at_a_time)
{
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct batch_case *c = &cases[k];
		struct name_index batch, single;
		struct batch_arg a;
		struct name_batch b = { key_at, val_at, found, &a };

		fill(c, &a);
		hold(&batch, held_names, c);
		hold(&single, held_names, c);
		cr_assert_eq(name_index_claim_batch(&batch, c->n, &b), 0, "%s", c->what);
		cr_assert_eq(a.calls, c->n, "%s: %zu results for %zu names", c->what, a.calls, c->n);
		for (size_t i = 0; i < c->n; i++) {
			const void *first = a.keys[i] ? name_index_get(&single, a.keys[i]) : NULL;

			cr_expect_eq(a.got[i], first, "%s: name %zu (%s) claimed wrongly", c->what, i,
				     a.keys[i] ? a.keys[i] : "NULL");
			if (a.keys[i] && !first)
				name_index_put_new(&single, a.keys[i], a.vals[i]);
		}
		cr_expect_eq(batch.n, single.n, "%s: %zu names held, %zu one at a time", c->what,
			     batch.n, single.n);
		for (size_t i = 0; i < c->n; i++)
			if (a.keys[i])
				cr_expect_eq(name_index_get(&batch, a.keys[i]),
					     name_index_get(&single, a.keys[i]), "%s: %s", c->what,
					     a.keys[i]);
		name_index_free(&batch);
		name_index_free(&single);
		drop(&a);
	}
}

Test(name_batch, looks_up_as_one_get_at_a_time)
{
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct batch_case *c = &cases[k];
		struct name_index idx;
		struct batch_arg a;
		struct name_batch b = { key_at, NULL, found, &a };
		size_t hits = 0;

		fill(c, &a);
		hold(&idx, held_names, c);
		name_index_get_batch(&idx, c->n, &b);
		cr_assert_eq(a.calls, c->n, "%s: %zu results for %zu names", c->what, a.calls, c->n);
		for (size_t i = 0; i < c->n; i++) {
			const void *v = a.keys[i] ? name_index_get(&idx, a.keys[i]) : NULL;

			cr_expect_eq(a.got[i], v, "%s: name %zu looked up wrongly", c->what, i);
			hits += v != NULL;
		}
		if (c->held && c->n)
			cr_expect_gt(hits, 0, "%s: nothing found in an index holding names", c->what);
		cr_expect_eq(idx.n, c->held, "%s: a lookup changed the index", c->what);
		name_index_free(&idx);
		drop(&a);
	}
}
