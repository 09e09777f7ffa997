// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate_corpus.c - every invalid model of tests/unit/invalid/ is
 * rejected with exactly the errors listed for it in EXPECT (path and rule),
 * no more and no fewer; the valid models and examples pass.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "model_files.h"

#define MAX_EXPECTED 8
#define MIN_INVALID_MODELS 45

struct invalid_case {
	char name[64];
	int n;
	char paths[MAX_EXPECTED][128];
	char rules[MAX_EXPECTED][40];
};

/* One EXPECT line "NAME LEVEL PATH RULE": an error the file must give. */
static void add_error(void *case_, char fields[3][128])
{
	struct invalid_case *c = case_;

	if (c->n == MAX_EXPECTED)
		return;
	snprintf(c->paths[c->n], sizeof(c->paths[0]), "%s", fields[1]);
	snprintf(c->rules[c->n], sizeof(c->rules[0]), "%s", fields[2]);
	c->n++;
}

/* Reads EXPECT into cases (at most max); returns how many files it names. */
static size_t read_expect(struct invalid_case *cases, size_t max)
{
	return tmf_read_expect("tests/unit/invalid/EXPECT", cases, sizeof(cases[0]), max,
			       add_error);
}

ParameterizedTestParameters(validate_corpus, invalid_model_gives_exactly_its_errors)
{
	static struct invalid_case cases[256];
	size_t n = read_expect(cases, 256);

	return cr_make_param_array(struct invalid_case, tmf_params(cases, sizeof(cases[0]), n), n);
}

ParameterizedTest(struct invalid_case *c, validate_corpus, invalid_model_gives_exactly_its_errors)
{
	struct xovn_errors errs;
	char rel[128];
	json_t *doc;
	size_t n;

	snprintf(rel, sizeof(rel), "tests/unit/invalid/%s.json", c->name);
	doc = tmf_load(rel);
	xovn_errors_init(&errs);
	n = xovn_model_validate(doc, &errs);
	cr_assert_eq(n, errs.n, "%s: returned %zu for %zu errors", c->name, n, errs.n);
	for (int i = 0; i < c->n; i++)
		cr_expect(tmf_has_error(&errs, c->paths[i], c->rules[i]),
			  "%s: no \"%s\" error at %s; got:%s", c->name, c->rules[i], c->paths[i],
			  tmf_errors_text(&errs));
	cr_expect_eq(errs.n, (size_t)c->n, "%s: expected %d errors, got %zu:%s", c->name, c->n,
		     errs.n, tmf_errors_text(&errs));
	for (size_t i = 0; i < errs.n; i++)
		cr_expect(errs.v[i].msg[0], "%s: error without a message", c->name);
	xovn_errors_free(&errs);
	json_decref(doc);
}

Test(validate_corpus, every_invalid_file_has_expectations)
{
	static struct invalid_case cases[256];
	static char files[256][64];
	size_t n_cases = read_expect(cases, 256);
	size_t n_files = tmf_list_json("tests/unit/invalid", files, 256);

	cr_assert_geq(n_files, MIN_INVALID_MODELS, "only %zu invalid models", n_files);
	cr_assert_eq(n_cases, n_files, "EXPECT names %zu models, the directory has %zu",
		     n_cases, n_files);
	for (size_t i = 0; i < n_files; i++) {
		size_t j = 0;

		files[i][strlen(files[i]) - 5] = '\0';
		while (j < n_cases && strcmp(cases[j].name, files[i]) != 0)
			j++;
		cr_expect_lt(j, n_cases, "%s.json has no line in EXPECT", files[i]);
	}
}

Test(validate_corpus, several_errors_in_one_model_are_all_reported)
{
	static struct invalid_case cases[256];
	size_t n = read_expect(cases, 256);
	int multi = 0;

	for (size_t i = 0; i < n; i++)
		multi += cases[i].n >= 4;
	cr_assert_geq(multi, 3, "the corpus needs models with several errors each");
}

static void expect_valid_dir(const char *rel_dir, size_t min_files)
{
	static char files[64][64];
	size_t n = tmf_list_json(rel_dir, files, 64);

	cr_assert_geq(n, min_files, "%s holds %zu models", rel_dir, n);
	for (size_t i = 0; i < n; i++) {
		struct xovn_errors errs;
		char rel[256];
		json_t *doc;

		snprintf(rel, sizeof(rel), "%s/%s", rel_dir, files[i]);
		doc = tmf_load(rel);
		xovn_errors_init(&errs);
		cr_expect_eq(xovn_model_validate(doc, &errs), 0, "%s is invalid:%s", rel,
			     tmf_errors_text(&errs));
		xovn_errors_free(&errs);
		json_decref(doc);
	}
}

Test(validate_corpus, examples_are_valid)
{
	expect_valid_dir("examples", 4);
}

Test(validate_corpus, valid_models_are_valid)
{
	expect_valid_dir("tests/unit/valid", 1);
}
