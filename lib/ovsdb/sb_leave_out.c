// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_leave_out.c - removing the rows the validator refuses from a model
 * built from OVN's rows (see sb_leave_out.h).  An error's JSON path names
 * its row: "$.logical_routers[1].static_routes[0].nexthop" is a route of
 * the second router.
 */
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "ovsdb/sb_cols.h"
#include "ovsdb/sb_leave_out.h"

/* The arrays whose elements can be left out; a nested one inside a top-level row. */
struct row_kind {
	const char *top, *member;   /* member NULL: the top-level row itself */
	const char *label;          /* as the log names it */
};

static const struct row_kind kinds[] = {
	{ "logical_switches", "ports", "port" },
	{ "logical_routers", "ports", "router port" },
	{ "logical_routers", "static_routes", "static route" },
	{ "logical_routers", "nat", "NAT rule" },
	{ "logical_switches", NULL, "logical_switches" },
	{ "logical_routers", NULL, "logical_routers" },
	{ "chassis", NULL, "chassis" },
	{ "bindings", NULL, "bindings" },
	{ "ha_chassis_groups", NULL, "ha_chassis_groups" },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static void mark_key(char *key, size_t len, const struct row_kind *k, size_t a, size_t b)
{
	if (k->member)
		snprintf(key, len, "%s/%zu/%s/%zu", k->top, a, k->member, b);
	else
		snprintf(key, len, "%s/%zu", k->top, a);
}

/* Marks the row error e is in (key -> the error's message); 0 when in nothing removable. */
static int mark(json_t *marks, const struct xovn_error *e, long long local_index)
{
	char fmt[96], key[128];
	size_t a, b;
	int n;

	for (size_t i = 0; i < N_KINDS; i++) {
		const struct row_kind *k = &kinds[i];
		int want = k->member ? 2 : 1;

		n = 0;
		if (k->member)
			snprintf(fmt, sizeof(fmt), "$.%s[%%zu].%s[%%zu]%%n", k->top, k->member);
		else
			snprintf(fmt, sizeof(fmt), "$.%s[%%zu]%%n", k->top);
		if (sscanf(e->path, fmt, &a, &b, &n) != want || !n)
			continue;
		if (!k->member && strcmp(k->top, "chassis") == 0 && (long long)a == local_index)
			return 0;   /* our own configuration: nothing to leave out */
		mark_key(key, sizeof(key), k, a, b);
		if (!json_object_get(marks, key))
			json_object_set_new(marks, key, json_string(e->msg));
		return 1;
	}
	return 0;
}

static const char *row_label(const json_t *row)
{
	const char *s = json_string_value(json_object_get(row, "name"));

	if (!s)
		s = json_string_value(json_object_get(row, "ip_prefix"));
	if (!s)
		s = json_string_value(json_object_get(row, "external_ip"));
	return s ? s : json_string_value(json_object_get(row, "port"));
}

static void note(json_t *skipped, const struct row_kind *k, const json_t *row, const json_t *why)
{
	char reason[200];

	snprintf(reason, sizeof(reason), "refused by the validator: %s",
		 json_string_value(why) ?: "");
	sb_skip(skipped, k->label, row_label(row), reason);
}

/* Removes the marked members of row a of top (its ports, its static routes). */
static void drop_members(const char *top, json_t *row, size_t a, const json_t *marks,
			 json_t *skipped)
{
	char key[128];

	for (size_t i = 0; i < N_KINDS; i++) {
		const struct row_kind *k = &kinds[i];
		json_t *arr;

		if (!k->member || strcmp(k->top, top) != 0)
			continue;
		arr = json_object_get(row, k->member);
		for (size_t b = json_array_size(arr); b-- > 0;) {
			mark_key(key, sizeof(key), k, a, b);
			if (!json_object_get(marks, key))
				continue;
			note(skipped, k, json_array_get(arr, b), json_object_get(marks, key));
			json_array_remove(arr, b);
		}
	}
}

/* Removes the marked rows; a row kept loses its marked members. */
static void drop_marked(json_t *model, const json_t *marks, json_t *skipped)
{
	char key[128];

	for (size_t i = 0; i < N_KINDS; i++) {
		const struct row_kind *k = &kinds[i];
		json_t *arr = json_object_get(model, k->top);

		if (k->member)
			continue;
		for (size_t a = json_array_size(arr); a-- > 0;) {
			mark_key(key, sizeof(key), k, a, 0);
			if (!json_object_get(marks, key)) {
				drop_members(k->top, json_array_get(arr, a), a, marks, skipped);
				continue;
			}
			note(skipped, k, json_array_get(arr, a), json_object_get(marks, key));
			json_array_remove(arr, a);
		}
	}
}

int sb_leave_out_invalid(json_t *model, int has_local, json_t *skipped)
{
	/* The local chassis is the last one: it cannot be left out. */
	long long local_index = has_local ? (long long)json_array_size(
		json_object_get(model, "chassis")) - 1 : -1;
	int rc = -1;

	for (int round = 0; round < 4; round++) {
		json_t *marks = json_object();
		struct xovn_errors errs;
		size_t marked = 0;

		xovn_errors_init(&errs);
		if (xovn_model_validate(model, &errs) == 0) {
			rc = 0;
		} else {
			for (size_t i = 0; i < errs.n; i++)
				marked += mark(marks, &errs.v[i], local_index);
			if (marked == errs.n)
				drop_marked(model, marks, skipped);
		}
		xovn_errors_free(&errs);
		json_decref(marks);
		if (rc == 0 || marked == 0)
			break;
	}
	return rc;
}
