// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_incomplete.c - incomplete configuration is valid, listed item by
 * item (tests/unit/incomplete/EXPECT), and compiled exactly as if the
 * item had never been added: the active model of each incomplete file
 * compiles, on every chassis, to the same entries as the same file with
 * the item deleted by hand.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "model/incomplete.h"
#include "model/model.h"
#include "compile_fixture.h"
#include "model_files.h"

#define MAX_ITEMS 4

struct incomplete_case {
	char name[64];
	int n;
	char kind[MAX_ITEMS][16];
	char item[MAX_ITEMS][64];
	char path[MAX_ITEMS][128];
};

/* One EXPECT line "NAME KIND ITEM PATH": an item the file leaves incomplete. */
static void add_item(void *case_, char fields[3][128])
{
	struct incomplete_case *c = case_;

	if (c->n == MAX_ITEMS)
		return;
	snprintf(c->kind[c->n], sizeof(c->kind[0]), "%s", fields[0]);
	snprintf(c->item[c->n], sizeof(c->item[0]), "%s", fields[1]);
	snprintf(c->path[c->n], sizeof(c->path[0]), "%s", fields[2]);
	c->n++;
}

ParameterizedTestParameters(incomplete, listed_and_compiled_as_absent)
{
	static struct incomplete_case cases[64];
	size_t n = tmf_read_expect("tests/unit/incomplete/EXPECT", cases, sizeof(cases[0]), 64,
				   add_item);

	return cr_make_param_array(struct incomplete_case, tmf_params(cases, sizeof(cases[0]), n), n);
}

static const struct xovn_inactive *listed(const struct xovn_inactive_list *l, const char *kind,
					  const char *item, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(tmf_inactive_kind(l->v[i].kind), kind) == 0 &&
		    strcmp(l->v[i].name, item) == 0 && strcmp(l->v[i].path, path) == 0)
			return &l->v[i];
	return NULL;
}

/* Removes from array the objects whose member key is value. */
static void drop_named(json_t *array, const char *key, const char *value)
{
	for (size_t i = json_array_size(array); i-- > 0;)
		if (strcmp(json_string_value(json_object_get(json_array_get(array, i), key)) ?: "",
			   value) == 0)
			json_array_remove(array, i);
}

/* The model with one item deleted by hand, as an operator would delete it. */
static void delete_item(json_t *m, const char *kind, const char *item)
{
	size_t i;
	json_t *x;

	if (strcmp(kind, "port") == 0) {
		json_array_foreach(json_object_get(m, "logical_switches"), i, x)
			drop_named(json_object_get(x, "ports"), "name", item);
		json_array_foreach(json_object_get(m, "chassis"), i, x)
			drop_named(json_object_get(x, "vifs"), "port", item);
		drop_named(json_object_get(m, "bindings"), "port", item);
	} else if (strcmp(kind, "vif") == 0) {
		json_array_foreach(json_object_get(m, "chassis"), i, x)
			drop_named(json_object_get(x, "vifs"), "port", item);
	} else if (strcmp(kind, "binding") == 0) {
		drop_named(json_object_get(m, "bindings"), "port", item);
	} else if (strcmp(kind, "route") == 0) {
		json_array_foreach(json_object_get(m, "logical_routers"), i, x)
			drop_named(json_object_get(x, "static_routes"), "nexthop", item);
	} else if (strcmp(kind, "gateway") == 0) {
		json_t *lrp;
		size_t j;

		json_array_foreach(json_object_get(m, "logical_routers"), i, x)
			json_array_foreach(json_object_get(x, "ports"), j, lrp)
				drop_named(json_object_get(lrp, "gateway_chassis"), "chassis_name",
					   item);
	} else {
		json_array_foreach(json_object_get(m, "ha_chassis_groups"), i, x)
			drop_named(json_object_get(x, "members"), "chassis", item);
	}
}

static void compile_for(const json_t *m, const char *chassis, struct xovn_mapset *out)
{
	char err[256];

	xovn_mapset_init(out);
	cr_assert_eq(compile_doc(m, chassis, hashed_iface, NULL, out, err, sizeof(err)), 0,
		     "compile for %s: %s", chassis, err);
}

static void assert_same_entries(const json_t *a, const json_t *b, const char *what)
{
	size_t i;
	json_t *ch;

	json_array_foreach(json_object_get(a, "chassis"), i, ch) {
		const char *name = json_string_value(json_object_get(ch, "name"));
		struct xovn_mapset sa, sb, up, del;

		compile_for(a, name, &sa);
		compile_for(b, name, &sb);
		xovn_mapset_init(&up);
		xovn_mapset_init(&del);
		cr_assert_eq(xovn_mapset_diff(&sa, &sb, &up, &del), 0);
		cr_expect(up.n == 0 && del.n == 0,
			  "%s on %s: %zu entries more, %zu fewer than with the item deleted", what,
			  name, up.n, del.n);
		xovn_mapset_free(&sa);
		xovn_mapset_free(&sb);
		xovn_mapset_free(&up);
		xovn_mapset_free(&del);
	}
}

ParameterizedTest(struct incomplete_case *c, incomplete, listed_and_compiled_as_absent)
{
	struct xovn_inactive_list l, again;
	struct xovn_errors errs;
	json_t *doc, *active, *by_hand;
	char rel[128];

	snprintf(rel, sizeof(rel), "tests/unit/incomplete/%s.json", c->name);
	doc = tmf_load(rel);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(doc, &errs), 0, "%s is refused:%s", c->name,
		     tmf_errors_text(&errs));
	xovn_inactive_init(&l);
	cr_assert_eq(xovn_model_incomplete(doc, &l), (size_t)c->n, "%s: %zu items, expected %d",
		     c->name, l.n, c->n);
	by_hand = json_deep_copy(doc);
	for (int i = 0; i < c->n; i++) {
		const struct xovn_inactive *it = listed(&l, c->kind[i], c->item[i], c->path[i]);

		cr_assert_not_null(it, "%s: %s %s at %s is not listed", c->name, c->kind[i],
				   c->item[i], c->path[i]);
		cr_expect(it->reason[0], "%s: no reason given", c->name);
		delete_item(by_hand, c->kind[i], c->item[i]);
	}
	active = xovn_model_active(doc, &l);
	cr_assert_not_null(active);
	cr_assert_eq(xovn_model_validate(active, &errs), 0, "%s: active model refused:%s",
		     c->name, tmf_errors_text(&errs));
	xovn_inactive_init(&again);
	cr_expect_eq(xovn_model_incomplete(active, &again), 0,
		     "%s: the active model is still incomplete", c->name);
	cr_expect(json_equal(active, by_hand), "%s: the active model is not the model without "
		  "the items", c->name);
	assert_same_entries(active, by_hand, c->name);
	xovn_inactive_free(&again);
	xovn_inactive_free(&l);
	xovn_errors_free(&errs);
	json_decref(by_hand);
	json_decref(active);
	json_decref(doc);
}

Test(incomplete, complete_model_is_its_own_active_model)
{
	json_t *doc = tmf_load("tests/unit/valid/base.json"), *active;
	struct xovn_inactive_list l;

	xovn_inactive_init(&l);
	cr_assert_eq(xovn_model_incomplete(doc, &l), 0);
	active = xovn_model_active(doc, &l);
	cr_expect_eq(active, doc, "nothing inactive: no copy");
	json_decref(active);
	json_decref(doc);
}

Test(incomplete, every_file_has_expectations)
{
	static struct incomplete_case cases[64];
	size_t n = tmf_read_expect("tests/unit/incomplete/EXPECT", cases, sizeof(cases[0]), 64,
				   add_item);
	char path[1024];

	cr_assert_geq(n, 8, "only %zu incomplete models", n);
	for (size_t i = 0; i < n; i++) {
		char rel[128];
		FILE *f;

		snprintf(rel, sizeof(rel), "tests/unit/incomplete/%.63s.json", cases[i].name);
		f = fopen(tmf_path(path, sizeof(path), rel), "r");
		cr_expect_not_null(f, "%s does not exist", rel);
		if (f)
			fclose(f);
	}
}
