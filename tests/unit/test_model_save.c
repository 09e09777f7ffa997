// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_model_save.c - loading and atomically saving the model file:
 * round trips, stable pretty output, parent directories, no temporary
 * files left behind, readers of the old file unaffected, clear errors.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "model_files.h"

static char dir[256];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/xovn-save-%d-XXXXXX", (int)getpid());
	cr_assert_not_null(mkdtemp(dir));
}

/* rm -r of the test directory, which holds at most two levels. */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char child[512];

	if (!d) {
		unlink(path);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		remove_tree(child);
	}
	closedir(d);
	rmdir(path);
}

static void drop_dir(void)
{
	remove_tree(dir);
}

TestSuite(model_save, .init = make_dir, .fini = drop_dir);

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)len + 1);
	cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return buf;
}

static size_t count_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t n = 0;

	cr_assert_not_null(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void save_ok(const char *path, const json_t *model)
{
	struct xovn_errors errs;

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_save(path, model, &errs), 0, "%s", tmf_errors_text(&errs));
	cr_assert_eq(errs.n, 0);
	xovn_errors_free(&errs);
}

static json_t *load_ok(const char *path)
{
	struct xovn_errors errs;
	json_t *m;

	xovn_errors_init(&errs);
	m = xovn_model_load(path, 0, &errs);
	cr_assert_not_null(m, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	return m;
}

Test(model_save, round_trip_keeps_every_example)
{
	static const char *const examples[] = {
		"examples/single-chassis.json", "examples/multi-chassis.json",
		"examples/localport-localnet.json", "examples/containers.json",
		"tests/unit/valid/base.json", "examples/routers.json",
		"tests/unit/valid/routers.json",
	};
	char path[512];

	snprintf(path, sizeof(path), "%s/nb.json", dir);
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		json_t *orig = tmf_load(examples[i]), *back;

		save_ok(path, orig);
		back = load_ok(path);
		cr_expect(json_equal(orig, back), "%s changed in a round trip", examples[i]);
		json_decref(orig);
		json_decref(back);
	}
}

Test(model_save, output_is_stable_and_pretty)
{
	json_t *m = tmf_load("tests/unit/valid/base.json");
	char path[512];
	char *first, *second;

	snprintf(path, sizeof(path), "%s/nb.json", dir);
	save_ok(path, m);
	first = slurp(path);
	save_ok(path, m);
	second = slurp(path);
	cr_assert_str_eq(first, second, "saving twice gives different bytes");
	cr_assert(!strncmp(first, "{\n  \"version\": 1,\n  \"generation\": 3,\n", 37),
		  "not 2-space indented in document order:\n%.80s", first);
	cr_assert_eq(first[strlen(first) - 1], '\n', "no final newline");
	free(first);
	free(second);
	json_decref(m);
}

Test(model_save, creates_missing_parent_directories)
{
	json_t *m = xovn_model_new(), *back;
	char path[512];

	snprintf(path, sizeof(path), "%s/a/b/nb.json", dir);
	save_ok(path, m);
	back = load_ok(path);
	cr_assert(json_equal(m, back));
	json_decref(m);
	json_decref(back);
}

Test(model_save, leaves_no_temporary_files)
{
	json_t *m = tmf_load("examples/multi-chassis.json");
	char path[512];

	snprintf(path, sizeof(path), "%s/nb.json", dir);
	for (int i = 0; i < 20; i++) {
		json_object_set_new(m, "generation", json_integer(i));
		save_ok(path, m);
	}
	cr_assert_eq(count_entries(dir), 1, "the directory holds more than nb.json");
	json_decref(m);
}

Test(model_save, reader_of_old_file_sees_old_document_whole)
{
	json_t *old_model = tmf_load("examples/single-chassis.json");
	json_t *new_model = tmf_load("examples/multi-chassis.json");
	char path[512], *old_text, buf[65536];
	struct stat before, after;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/nb.json", dir);
	save_ok(path, old_model);
	old_text = slurp(path);
	fd = open(path, O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &before), 0);
	save_ok(path, new_model);
	/* The new file replaced the old by rename: a new inode, the old one intact. */
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_neq(before.st_ino, after.st_ino, "file rewritten in place");
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	cr_assert_gt(n, 0);
	buf[n] = '\0';
	cr_assert_str_eq(buf, old_text);
	free(old_text);
	json_decref(old_model);
	json_decref(new_model);
}

Test(model_save, unwritable_place_reports_io_and_keeps_old_file)
{
	json_t *m = xovn_model_new();
	struct xovn_errors errs;
	char blocker[512], path[600];

	/* A regular file where a directory should be: nothing can be created. */
	snprintf(blocker, sizeof(blocker), "%s/plain", dir);
	fclose(fopen(blocker, "w"));
	snprintf(path, sizeof(path), "%s/sub/nb.json", blocker);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_save(path, m, &errs), -1);
	cr_assert(tmf_has_error(&errs, "$", "io"), "%s", tmf_errors_text(&errs));
	cr_assert_eq(count_entries(dir), 1);
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(model_save, load_missing_file)
{
	struct xovn_errors errs;
	char path[512];
	json_t *m;

	snprintf(path, sizeof(path), "%s/absent.json", dir);
	xovn_errors_init(&errs);
	m = xovn_model_load(path, 1, &errs);
	cr_assert_not_null(m, "missing_ok gives an empty model");
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	json_decref(m);
	cr_assert_null(xovn_model_load(path, 0, &errs));
	cr_assert(tmf_has_error(&errs, "$", "io"), "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
}

static void expect_load_error(const char *text, const char *rule)
{
	struct xovn_errors errs;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bad.json", dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	xovn_errors_init(&errs);
	cr_assert_null(xovn_model_load(path, 1, &errs), "loaded %s", text);
	cr_assert(tmf_has_error(&errs, "$", rule), "%s:%s", text, tmf_errors_text(&errs));
	xovn_errors_free(&errs);
}

Test(model_save, load_rejects_bad_json)
{
	expect_load_error("{\"version\": 1,", "json-syntax");
	expect_load_error("{\"version\": 1, \"version\": 1}", "json-syntax");
	expect_load_error("[1, 2]", "type");
	expect_load_error("", "io");
}
