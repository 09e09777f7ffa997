// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovsdb_fixture.c - see ovsdb_fixture.h.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/model.h"
#include "ovsdb/sb_model.h"
#include "model_files.h"
#include "ovsdb_fixture.h"

void ovf_replica_load(struct ovsdb_replica *r, const char *rel)
{
	json_t *rows = tmf_load(rel);

	ovsdb_replica_init(r);
	cr_assert_gt(ovsdb_replica_apply(r, rows), 0, "%s", rel);
	json_decref(rows);
}

json_t *ovf_build(const char *sb_rel, const char *nb_rel, int with_nb, json_t *skipped)
{
	struct ovsdb_replica sb, nb;
	struct xovn_errors errs;
	json_t *m;

	ovf_replica_load(&sb, sb_rel);
	ovf_replica_load(&nb, nb_rel);
	m = sb_model_build(&sb, with_nb ? &nb : NULL, NULL, 1, skipped);
	cr_assert_not_null(m);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	ovsdb_replica_free(&sb);
	ovsdb_replica_free(&nb);
	return m;
}

json_t *ovf_named(const json_t *array, const char *name)
{
	const json_t *o;
	size_t i;

	json_array_foreach((json_t *)array, i, o)
		if (strcmp(json_string_value(json_object_get(o, "name")) ?: "", name) == 0)
			return (json_t *)o;
	return NULL;
}

json_t *ovf_router(const json_t *m, const char *name)
{
	json_t *lr = ovf_named(json_object_get(m, "logical_routers"), name);

	cr_assert_not_null(lr, "router %s", name);
	return lr;
}

const char *ovf_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void ovf_assert_member(const json_t *o, const char *key, const char *want, const char *what)
{
	if (want)
		cr_assert_str_eq(ovf_str(o, key) ?: "(none)", want, "%s %s", what, key);
	else
		cr_assert_null(json_object_get(o, key), "%s has no %s", what, key);
}
