/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_cols.h - what the OVN rows -> model translation (sb_model.c, sb_routers.c,
 * sb_leave_out.c, nb_routes.c, nb_nat.c) shares: reading a row's columns and noting a row left out.
 */
#ifndef XOVN_OVSDB_SB_COLS_H
#define XOVN_OVSDB_SB_COLS_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "ovsdb/datum.h"

static inline const char *sb_str_col(const json_t *row, const char *col)
{
	return ovsdb_string(json_object_get(row, col));
}

static inline long long sb_int_col(const json_t *row, const char *col, int *has)
{
	return ovsdb_integer(json_object_get(row, col), has);
}

/* Copies string column col of row, when not empty, into to as key. */
static inline void sb_copy_string(json_t *to, const char *key, const json_t *row, const char *col)
{
	const char *s = ovsdb_string(json_object_get(row, col));

	if (s && *s)
		json_object_set_new(to, key, json_string(s));
}

/* Notes a row left out, as "WHAT NAME: REASON", in skipped (an array of strings). */
static inline void sb_skip(json_t *skipped, const char *what, const char *name,
			   const char *reason)
{
	char line[256];

	snprintf(line, sizeof(line), "%s %s: %s", what, name ? name : "?", reason);
	json_array_append_new(skipped, json_string(line));
}

static inline int sb_by_tunnel_key(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "tunnel_key"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "tunnel_key"));

	return x < y ? -1 : x > y;
}

/* Sorts an array of objects by tunnel_key, so the model does not depend on hash order. */
static inline void sb_sort_by_key(json_t *array)
{
	size_t n = json_array_size(array);
	json_t **v = malloc((n ? n : 1) * sizeof(*v));

	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(array, i));
	qsort(v, n, sizeof(*v), sb_by_tunnel_key);
	json_array_clear(array);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(array, v[i]);
	free(v);
}

#endif /* XOVN_OVSDB_SB_COLS_H */
