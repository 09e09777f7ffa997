// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate_typed.c - the typed reading validation hands over
 * (xovn_model_validate_typed) is what a reading of its own would be: for
 * every model of the tree, valid, invalid or incomplete, the same errors
 * in the same order as xovn_model_validate, the same incomplete items as
 * xovn_model_incomplete, and, compiled for each of its chassis, the same
 * entries as a fresh xovn_model_read.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile_fixture.h"
#include "model/incomplete.h"
#include "model/model.h"
#include "model/types.h"
#include "model_files.h"

static void expect_same_errors(const struct xovn_errors *a, const struct xovn_errors *b,
			       const char *rel)
{
	cr_assert_eq(a->n, b->n, "%s: %zu errors handing the reading over, %zu without", rel,
		     a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_expect(strcmp(a->v[i].path, b->v[i].path) == 0 &&
			  strcmp(a->v[i].rule, b->v[i].rule) == 0 &&
			  strcmp(a->v[i].msg, b->v[i].msg) == 0,
			  "%s: error %zu differs: %s %s: %s against %s %s: %s", rel, i,
			  a->v[i].path, a->v[i].rule, a->v[i].msg, b->v[i].path, b->v[i].rule,
			  b->v[i].msg);
}

static void expect_same_inactive(const struct xovn_inactive_list *a,
				 const struct xovn_inactive_list *b, const char *rel)
{
	cr_assert_eq(a->n, b->n, "%s: %zu incomplete items listed by validation, %zu alone", rel,
		     a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_expect(a->v[i].kind == b->v[i].kind && strcmp(a->v[i].name, b->v[i].name) == 0 &&
			  strcmp(a->v[i].owner, b->v[i].owner) == 0 &&
			  strcmp(a->v[i].path, b->v[i].path) == 0 &&
			  strcmp(a->v[i].reason, b->v[i].reason) == 0,
			  "%s: incomplete item %zu differs: %s against %s", rel, i, a->v[i].path,
			  b->v[i].path);
}

static void compile_typed(const struct xovn_model *m, const char *chassis,
			  struct xovn_mapset *out, const char *rel)
{
	char err[256] = "";

	xovn_mapset_init(out);
	cr_assert_eq(xovn_compile(m, chassis, hashed_iface, NULL, out, err, sizeof(err)), 0,
		     "%s for %s: %s", rel, chassis, err);
}

/* The handed-over reading compiles, for every chassis, as a fresh one does. */
static size_t expect_same_entries(const json_t *doc, const struct xovn_model *typed,
				  const char *rel)
{
	struct xovn_model *fresh = xovn_model_read(doc);
	size_t compared = 0;

	cr_assert_not_null(fresh);
	for (size_t i = 0; i < typed->n_chassis; i++) {
		const char *name = typed->chassis[i].name;
		struct xovn_mapset a, b, up, del;

		if (!name)
			continue;
		compile_typed(typed, name, &a, rel);
		compile_typed(fresh, name, &b, rel);
		xovn_mapset_init(&up);
		xovn_mapset_init(&del);
		cr_assert_eq(xovn_mapset_diff(&b, &a, &up, &del), 0);
		cr_expect(up.n == 0 && del.n == 0,
			  "%s on %s: %zu entries more, %zu fewer than from a reading of its own",
			  rel, name, up.n, del.n);
		compared += a.n;
		xovn_mapset_free(&a);
		xovn_mapset_free(&b);
		xovn_mapset_free(&up);
		xovn_mapset_free(&del);
	}
	xovn_model_free(fresh);
	return compared;
}

struct corpus_count {
	size_t files, valid, entries, inactive;
};

static void check_dir(const char *rel_dir, struct corpus_count *count)
{
	static char files[256][64];
	size_t n = tmf_list_json(rel_dir, files, 256);

	for (size_t i = 0; i < n; i++) {
		struct xovn_inactive_list listed, alone;
		struct xovn_errors with, without;
		struct xovn_model *typed = (void *)1;
		char rel[512];
		json_t *doc;
		size_t found;

		snprintf(rel, sizeof(rel), "%s/%.63s", rel_dir, files[i]);
		doc = tmf_load(rel);
		xovn_errors_init(&with);
		xovn_errors_init(&without);
		xovn_inactive_init(&listed);
		xovn_inactive_init(&alone);
		found = xovn_model_validate_typed(doc, &with, &listed, &typed);
		cr_expect_eq(found, with.n, "%s: returned %zu for %zu errors", rel, found, with.n);
		xovn_model_validate(doc, &without);
		expect_same_errors(&with, &without, rel);
		if (with.n) {
			cr_expect_null(typed, "%s: a reading handed over with %zu errors", rel, with.n);
			cr_expect_eq(listed.n, 0, "%s: incomplete items listed for an invalid model", rel);
		} else {
			cr_assert_not_null(typed, "%s: no reading handed over", rel);
			cr_expect_not_null(typed->port_names, "%s: references not resolved", rel);
			xovn_model_incomplete(doc, &alone);
			expect_same_inactive(&listed, &alone, rel);
			count->entries += expect_same_entries(doc, typed, rel);
			count->inactive += listed.n;
			count->valid++;
		}
		count->files++;
		xovn_model_free(typed);
		xovn_inactive_free(&listed);
		xovn_inactive_free(&alone);
		xovn_errors_free(&with);
		xovn_errors_free(&without);
		json_decref(doc);
	}
}

Test(validate_typed, every_model_of_the_tree_reads_as_its_own_reading)
{
	static const char *const dirs[] = { "examples", "tests/unit/valid", "tests/unit/invalid",
					    "tests/unit/incomplete" };
	struct corpus_count count = { 0 };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		check_dir(dirs[i], &count);
	/* Enough of each kind that the comparison means something. */
	cr_assert_geq(count.files, 150, "only %zu models", count.files);
	cr_assert_geq(count.valid, 15, "only %zu valid models", count.valid);
	cr_assert_geq(count.entries, 1000, "only %zu entries compared", count.entries);
	cr_assert_geq(count.inactive, 10, "only %zu incomplete items compared", count.inactive);
}

Test(validate_typed, typed_may_be_left_out)
{
	struct xovn_errors errs;
	json_t *doc = tmf_load("tests/unit/valid/base.json");

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate_typed(doc, &errs, NULL, NULL), 0, "%s",
		     tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(doc);
}
