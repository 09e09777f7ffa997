// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate_corpus.c - every invalid model of tests/unit/invalid/ is
 * rejected with exactly the errors listed for it in EXPECT (path and rule),
 * no more and no fewer; the valid models and examples pass.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
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

/* The case for name in cases[0..*n), appended when new. */
static struct invalid_case *case_for(struct invalid_case *cases, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	memset(&cases[*n], 0, sizeof(cases[*n]));
	snprintf(cases[*n].name, sizeof(cases[*n].name), "%s", name);
	return &cases[(*n)++];
}

/* Reads EXPECT into cases (at most max); returns how many files it names. */
static size_t read_expect(struct invalid_case *cases, size_t max)
{
	char path[1024], line[512], name[64], level[16], epath[128], rule[40];
	size_t n = 0;
	FILE *f = fopen(tmf_path(path, sizeof(path), "tests/unit/invalid/EXPECT"), "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		struct invalid_case *c;

		if (line[0] == '#' || sscanf(line, "%63s %15s %127s %39s", name, level,
					     epath, rule) != 4)
			continue;
		if (n == max)
			break;
		c = case_for(cases, &n, name);
		if (c->n == MAX_EXPECTED)
			continue;
		snprintf(c->paths[c->n], sizeof(c->paths[0]), "%s", epath);
		snprintf(c->rules[c->n], sizeof(c->rules[0]), "%s", rule);
		c->n++;
	}
	fclose(f);
	return n;
}

ParameterizedTestParameters(validate_corpus, invalid_model_gives_exactly_its_errors)
{
	static struct invalid_case cases[256];
	size_t n = read_expect(cases, 256);
	struct invalid_case *shared = cr_malloc(sizeof(*shared) * (n ? n : 1));

	memcpy(shared, cases, sizeof(*shared) * n);
	return cr_make_param_array(struct invalid_case, shared, n);
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

/* Names of the *.json files of a directory of the tree, sorted out by caller. */
static size_t list_json(const char *rel_dir, char names[][64], size_t max)
{
	char path[1024];
	DIR *d = opendir(tmf_path(path, sizeof(path), rel_dir));
	struct dirent *de;
	size_t n = 0;

	cr_assert_not_null(d, "cannot open %s", path);
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name);

		if (len > 5 && len < 64 && strcmp(de->d_name + len - 5, ".json") == 0)
			snprintf(names[n++], 64, "%s", de->d_name);
	}
	closedir(d);
	return n;
}

Test(validate_corpus, every_invalid_file_has_expectations)
{
	static struct invalid_case cases[256];
	static char files[256][64];
	size_t n_cases = read_expect(cases, 256);
	size_t n_files = list_json("tests/unit/invalid", files, 256);

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
	size_t n = list_json(rel_dir, files, 64);

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
