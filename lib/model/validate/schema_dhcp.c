// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * schema_dhcp.c - the schema pass's rules for dhcp_options rows: a
 * lowercase _uuid, a cidr string, string maps of options and external_ids,
 * nothing else.  The semantic rules are in semantic_dhcp.c.
 */
#include <string.h>

#include "model/dhcp.h"
#include "model/validate/validate.h"

void vcheck_uuid(struct vctx *c, const json_t *v)
{
	if (!vcheck_type(c, v, JSON_STRING, "a string"))
		return;
	if (!xovn_uuid_syntax_ok(json_string_value(v)))
		vreport(c, "pattern", "\"%s\" is not a lowercase UUID", json_string_value(v));
}

static void check_row(struct vctx *c, const json_t *row)
{
	static const char *const required[] = { "_uuid", "cidr", NULL };
	const char *key;
	json_t *v;

	if (!vcheck_type(c, row, JSON_OBJECT, "an object"))
		return;
	for (const char *const *r = required; *r; r++) {
		if (json_object_get(row, *r))
			continue;
		size_t old = vpath_key(&c->path, *r);
		vreport(c, "required", "\"%s\" is required", *r);
		vpath_restore(&c->path, old);
	}
	json_object_foreach((json_t *)row, key, v) {
		size_t old = vpath_key(&c->path, key);

		if (!strcmp(key, "_uuid"))
			vcheck_uuid(c, v);
		else if (!strcmp(key, "cidr"))
			vcheck_string_len(c, v, 1, 64);
		else if (!strcmp(key, "options") || !strcmp(key, "external_ids"))
			vcheck_string_map(c, v);
		else
			vreport(c, "additional-property", "unknown member \"%s\"", key);
		vpath_restore(&c->path, old);
	}
}

void vcheck_dhcp_rows(struct vctx *c, const json_t *v)
{
	size_t i, old;
	json_t *row;

	if (!vcheck_type(c, v, JSON_ARRAY, "an array"))
		return;
	json_array_foreach(v, i, row) {
		old = vpath_index(&c->path, i);
		check_row(c, row);
		vpath_restore(&c->path, old);
	}
}

