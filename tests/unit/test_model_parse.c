// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_model_parse.c - the fast model parser against jansson: the same
 * document (values and member order) for what it takes, a refusal for
 * what jansson must decide, and xovn_model_load's errors worded as
 * jansson's whichever parser ran; the fast writer gives json_dumps' bytes.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model/io_dump.h"
#include "model/io_parse.h"
#include "model_files.h"

/* What jansson makes of text, dumped in member order ("" when it refuses). */
static char *jansson_text(const char *text, size_t len)
{
	json_error_t jerr;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	char *out = doc ? json_dumps(doc, JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : strdup("");

	json_decref(doc);
	return out;
}

/* The fast parser takes text and builds exactly jansson's document. */
static void expect_same(const char *text)
{
	json_t *fast = model_parse_simple(text, strlen(text));
	char *want = jansson_text(text, strlen(text)), *got;

	cr_assert_not_null(fast, "the fast parser refused %s", text);
	got = json_dumps(fast, JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	cr_assert_str_eq(got, want, "for %s", text);
	free(got);
	free(want);
	json_decref(fast);
}

/* The fast parser leaves text[0..len) to jansson. */
static void expect_refused_n(const char *text, size_t len)
{
	json_t *fast = model_parse_simple(text, len);

	cr_assert_null(fast, "the fast parser took %.*s", (int)len, text);
}

static void expect_refused(const char *text)
{
	expect_refused_n(text, strlen(text));
}

Test(model_parse, simple_documents_match_jansson)
{
	expect_same("{}");
	expect_same("[]");
	expect_same(" \n\t{ \"a\" : 1 ,\"b\":[ ],\"c\":{},\"d\":\"x y:z\"}\r\n");
	expect_same("{\"neg\": -42, \"zero\": 0, \"mz\": -0, \"big\": 999999999999999999}");
	expect_same("{\"t\": true, \"f\": false, \"n\": null, \"e\": \"\"}");
	expect_same("[[1, [2, [3]]], {\"z\": 1, \"a\": 2, \"m\": 3}]");
	expect_same("{\"\": \"empty key\"}");
}

Test(model_parse, leaves_everything_else_to_jansson)
{
	/* Legal JSON outside the subset: escapes, non-ASCII, reals, big integers. */
	expect_refused("{\"a\": \"x\\\"y\"}");
	expect_refused("{\"a\": \"caf\xc3\xa9\"}");
	expect_refused("{\"a\": 1.5}");
	expect_refused("{\"a\": 1e3}");
	expect_refused("{\"a\": 1234567890123456789}");
	expect_refused("\"top\"");
	/* Invalid: jansson words the error. */
	expect_refused("{\"a\": 1, \"a\": 2}");
	expect_refused("{\"a\": 01}");
	expect_refused("{\"a\": 1,}");
	expect_refused("[1 2]");
	expect_refused("[1,]");
	expect_refused("{\"a\": truex}");
	expect_refused("{\"a\": tru}");
	expect_refused("{\"a\" 1}");
	expect_refused("{\"a\": 1");
	expect_refused("{\"a\": \"unterminated}");
	expect_refused("{} {}");
	expect_refused("{\"a\": \"tab\there\"}");
	expect_refused_n("{\"a\": 1}\0", 9);
	expect_refused("");
	expect_refused("-");
	expect_refused("{\"a\": -}");
}

/* The fast writer gives json_dumps' indented text, byte for byte, or leaves doc to it. */
static void expect_dump_as_jansson(const json_t *doc, int must_take)
{
	char *want = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t len = 0;
	char *got = model_dump_simple(doc, &len);

	if (must_take)
		cr_assert_not_null(got, "the fast writer refused %s", want);
	if (got) {
		cr_assert_str_eq(got, want);
		cr_assert_eq(len, strlen(want));
	}
	free(got);
	free(want);
}

Test(model_parse, dump_matches_jansson)
{
	const char *docs[] = {
		"{}", "[]", "{\"a\": {}, \"b\": [], \"c\": [{}, [], [[]]]}",
		"{\"n\": [0, -1, 9223372036854775807, -9223372036854775808, 42]}",
		"{\"t\": true, \"f\": false, \"z\": null, \"s\": \"a b:c/d\", \"e\": \"\"}",
		"[1, {\"deep\": {\"er\": [\"x\", {\"y\": 2}]}}, \"last\"]",
		"{\"z\": 1, \"a\": 2, \"m\": {\"k\": 3}}",
	};
	const char *outside[] = {
		"{\"q\": \"say \\\"hi\\\"\"}", "{\"u\": \"caf\u00e9\"}", "{\"r\": 1.5}",
		"{\"nl\": \"a\\nb\"}", "{\"k\\\\\": 1}",
	};
	json_error_t jerr;

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		json_t *doc = json_loads(docs[i], 0, &jerr);

		cr_assert_not_null(doc, "%s: %s", docs[i], jerr.text);
		expect_dump_as_jansson(doc, 1);
		json_decref(doc);
	}
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		json_t *doc = json_loads(outside[i], 0, &jerr);
		size_t len;
		char *got;

		cr_assert_not_null(doc, "%s: %s", outside[i], jerr.text);
		got = model_dump_simple(doc, &len);
		cr_assert_null(got, "the fast writer took %s", outside[i]);
		json_decref(doc);
	}
}

/* Every model file of the tree parses to jansson's document. */
static void compare_dir(const char *rel)
{
	char dir[512], path[1024];
	struct dirent *de;
	int files = 0;
	DIR *d;

	d = opendir(tmf_path(dir, sizeof(dir), rel));
	cr_assert_not_null(d, "%s", dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *text = NULL, *want, *got;
		size_t len = 0;
		json_t *fast;
		FILE *f;

		if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		cr_assert_not_null(f, "%s", path);
		cr_assert_geq(getdelim(&text, &len, '\0', f), 0, "%s", path);
		fclose(f);
		len = strlen(text);
		want = jansson_text(text, len);
		fast = model_parse_simple(text, len);
		got = fast ? json_dumps(fast, JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : NULL;
		/* Refusing is always allowed; taking must give jansson's document. */
		if (got)
			cr_assert_str_eq(got, want, "%s", path);
		if (fast)
			expect_dump_as_jansson(fast, 0);
		files++;
		free(got);
		free(want);
		free(text);
		json_decref(fast);
	}
	closedir(d);
	cr_assert_gt(files, 0, "no model files in %s", dir);
}

Test(model_parse, model_files_of_the_tree_match_jansson)
{
	compare_dir("tests/unit/valid");
	compare_dir("tests/unit/invalid");
	compare_dir("examples");
}

/* xovn_model_load words a bad file's error as jansson's json_load_file does. */
static void expect_load_error_as_jansson(const char *text)
{
	char path[] = "/tmp/xovn-parse-XXXXXX", want[512];
	struct xovn_errors errs;
	json_error_t jerr;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	cr_assert_null(json_load_file(path, JSON_REJECT_DUPLICATES, &jerr));
	snprintf(want, sizeof(want), "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
	xovn_errors_init(&errs);
	cr_assert_null(xovn_model_load(path, 0, &errs), "loaded %s", text);
	cr_assert_eq(errs.n, 1, "%s", tmf_errors_text(&errs));
	if (jerr.position == 0)
		snprintf(want, sizeof(want), "%s: %s", path, jerr.text);
	cr_assert_str_eq(errs.v[0].msg, want, "for %s", text);
	xovn_errors_free(&errs);
	unlink(path);
}

Test(model_parse, load_errors_are_jansson_s)
{
	expect_load_error_as_jansson("{\"version\": 1,");
	expect_load_error_as_jansson("{\"version\": 1, \"version\": 1}");
	expect_load_error_as_jansson("{\n  \"a\": [1,\n 2,]\n}");
	expect_load_error_as_jansson("{\"a\": 01}");
	expect_load_error_as_jansson("{\"a\": \"x\\q\"}");
	expect_load_error_as_jansson("");
	expect_load_error_as_jansson("   \n");
}

Test(model_parse, load_missing_file_is_an_io_error)
{
	struct xovn_errors errs;

	xovn_errors_init(&errs);
	cr_assert_null(xovn_model_load("/nonexistent-xovn/nb.json", 0, &errs));
	cr_assert(tmf_has_error(&errs, "$", "io"), "%s", tmf_errors_text(&errs));
	cr_assert(strstr(errs.v[0].msg, "unable to open"), "%s", errs.v[0].msg);
	xovn_errors_free(&errs);
}
