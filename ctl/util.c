/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * util.c - error reporting, argument checks and JSON helpers shared by the
 * xovnctl command files.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "model/model.h"

int ctl_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("xovnctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* Same rule as the schema's "name": 1..63 of [A-Za-z0-9_.:-]. */
int ctl_check_name(const char *what, const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 63)
		return ctl_fail("%s name \"%s\" must be 1 to 63 characters", what, s);
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789_.:-") != len)
		return ctl_fail("%s name \"%s\" may only contain letters, digits and _.:-",
				what, s);
	return 0;
}

/* A Linux interface name: 1..15 bytes, no '/', ':' or white space. */
int ctl_check_ifname(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 15)
		return ctl_fail("interface name \"%s\" must be 1 to 15 characters", s);
	if (strcspn(s, "/: \t\n\r\v\f") != len)
		return ctl_fail("interface name \"%s\" must not contain '/', ':' or spaces", s);
	return 0;
}

int ctl_parse_long(const char *what, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || v < min || v > max)
		return ctl_fail("%s \"%s\" is not an integer in %ld..%ld", what, s, min, max);
	*out = v;
	return 0;
}

/* The member key of obj of the given type, created empty when absent. */
static json_t *ctl_member(json_t *obj, const char *key, json_type type)
{
	json_t *m = json_object_get(obj, key);

	if (!m || json_typeof(m) != type) {
		m = type == JSON_ARRAY ? json_array() : json_object();
		json_object_set_new(obj, key, m);
	}
	return m;
}

json_t *ctl_array(json_t *obj, const char *key)
{
	return ctl_member(obj, key, JSON_ARRAY);
}

json_t *ctl_object(json_t *obj, const char *key)
{
	return ctl_member(obj, key, JSON_OBJECT);
}

/* String member or NULL. */
const char *ctl_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Index of the element of arr whose member key equals name, -1 if none. */
int ctl_index_by_name(const json_t *arr, const char *key, const char *name)
{
	size_t i;
	json_t *el;

	json_array_foreach(arr, i, el) {
		const char *s = ctl_str(el, key);

		if (s && strcmp(s, name) == 0)
			return (int)i;
	}
	return -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Prints the "name" of every element, sorted, one a line. */
void ctl_print_sorted_names(FILE *out, const json_t *arr)
{
	size_t n = json_array_size(arr), i, k = 0;
	const char **names = calloc(n + 1, sizeof(*names));
	json_t *el;

	if (!names)
		return;
	json_array_foreach(arr, i, el) {
		const char *s = ctl_str(el, "name");

		if (s)
			names[k++] = s;
	}
	qsort(names, k, sizeof(*names), cmp_str);
	for (i = 0; i < k; i++)
		fprintf(out, "%s\n", names[i]);
	free(names);
}

int ctl_has_opt(const struct ctl_ctx *ctx, unsigned opt)
{
	return (ctx->cmd->opts & opt) != 0;
}

json_t *ctl_need_switch(json_t *model, const char *name)
{
	json_t *sw = xovn_find_switch(model, name);

	if (!sw)
		ctl_fail("%s: switch name not found", name);
	return sw;
}

json_t *ctl_need_port(json_t *model, const char *name, json_t **sw_out)
{
	json_t *p = xovn_find_port(model, name, sw_out);

	if (!p)
		ctl_fail("%s: port name not found", name);
	return p;
}

json_t *ctl_need_chassis(json_t *model, const char *name)
{
	json_t *c = xovn_find_chassis(model, name);

	if (!c)
		ctl_fail("%s: chassis name not found", name);
	return c;
}

json_t *ctl_need_group(json_t *model, const char *name)
{
	json_t *g = xovn_find_group(model, name);

	if (!g)
		ctl_fail("%s: ha chassis group name not found", name);
	return g;
}

/*
 * Prints every string member of obj sorted by key, each as
 * before KEY between VALUE after.
 */
void ctl_print_sorted_pairs(FILE *out, const json_t *obj, const char *before,
			    const char *between, const char *after)
{
	size_t n = json_object_size(obj), i, k = 0;
	const char **keys = calloc(n + 1, sizeof(*keys));
	const char *key;
	json_t *value;

	if (!keys)
		return;
	json_object_foreach((json_t *)obj, key, value)
		keys[k++] = key;
	qsort(keys, k, sizeof(*keys), cmp_str);
	for (i = 0; i < k; i++)
		fprintf(out, "%s%s%s%s%s", before, keys[i], between,
			json_string_value(json_object_get(obj, keys[i])), after);
	free(keys);
}

/* The members of array sorted by cmp, in a new vector of *n; NULL when empty. */
const json_t **ctl_sorted_members(const json_t *array, size_t *n,
				  int (*cmp)(const void *, const void *))
{
	const json_t **v;

	*n = json_array_size(array);
	v = *n ? calloc(*n, sizeof(*v)) : NULL;
	if (!v)
		return NULL;
	for (size_t i = 0; i < *n; i++)
		v[i] = json_array_get(array, i);
	qsort(v, *n, sizeof(*v), cmp);
	return v;
}

void ctl_print_json(FILE *out, const json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
}
