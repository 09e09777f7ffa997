// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* model_files.c - model files of the source tree for unit tests. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/incomplete.h"
#include "model_files.h"

const char *tmf_src(void)
{
	const char *src = getenv("XOVN_SRC");

	return src && *src ? src : ".";
}

const char *tmf_path(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", tmf_src(), rel);
	return buf;
}

json_t *tmf_load(const char *rel)
{
	char path[1024];
	json_error_t jerr;
	json_t *doc;

	tmf_path(path, sizeof(path), rel);
	doc = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	cr_assert_not_null(doc, "%s: %s (is XOVN_SRC the source tree?)", path, jerr.text);
	return doc;
}

int tmf_has_error(const struct xovn_errors *errs, const char *path, const char *rule)
{
	for (size_t i = 0; i < errs->n; i++)
		if (strcmp(errs->v[i].path, path) == 0 && strcmp(errs->v[i].rule, rule) == 0)
			return 1;
	return 0;
}

const char *tmf_errors_text(const struct xovn_errors *errs)
{
	static char buf[4096];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < errs->n && len < sizeof(buf) - 1; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "\n  %s %s: %s",
					errs->v[i].path, errs->v[i].rule, errs->v[i].msg);
	return errs->n ? buf : " (none)";
}

int tmf_lines_have(const json_t *lines, const char *text)
{
	const json_t *s;
	size_t i;

	json_array_foreach((json_t *)lines, i, s)
		if (strstr(json_string_value(s), text))
			return 1;
	return 0;
}

const char *tmf_inactive_kind(unsigned kind)
{
	static const char *const names[] = {
		[XOVN_INACTIVE_PORT] = "port",
		[XOVN_INACTIVE_VIF] = "vif",
		[XOVN_INACTIVE_BINDING] = "binding",
		[XOVN_INACTIVE_MEMBER] = "member",
		[XOVN_INACTIVE_ROUTE] = "route",
		[XOVN_INACTIVE_GATEWAY] = "gateway",
		[XOVN_INACTIVE_ROUTER] = "router",
	};

	return kind < sizeof(names) / sizeof(names[0]) && names[kind] ? names[kind] : "?";
}

json_t *tmf_json(const char *text)
{
	json_error_t e;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &e);

	cr_assert_not_null(v, "bad JSON in the test: %s", e.text);
	return v;
}

void *tmf_params(const void *cases, size_t size, size_t n)
{
	void *shared = cr_malloc(size * (n ? n : 1));

	memcpy(shared, cases, size * n);
	return shared;
}

/* The case named name among cases[0..n), or NULL. */
static char *case_named(void *cases, size_t size, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		char *c = (char *)cases + i * size;

		if (strcmp(c, name) == 0)
			return c;
	}
	return NULL;
}

size_t tmf_read_expect(const char *rel, void *cases, size_t size, size_t max,
		       void (*add)(void *c, char fields[3][128]))
{
	char path[1024], line[512], name[64], fields[3][128];
	size_t n = 0;
	FILE *f = fopen(tmf_path(path, sizeof(path), rel), "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *c;

		if (line[0] == '#' || sscanf(line, "%63s %127s %127s %127s", name, fields[0],
					     fields[1], fields[2]) != 4)
			continue;
		c = case_named(cases, size, n, name);
		if (!c && n == max)
			break;
		if (!c) {
			c = (char *)cases + n++ * size;
			memset(c, 0, size);
			snprintf(c, 64, "%s", name);
		}
		add(c, fields);
	}
	fclose(f);
	return n;
}

size_t tmf_list_json(const char *rel_dir, char names[][64], size_t max)
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
