// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * replica.c - monitor v1 updates applied to an in-memory copy.  For an
 * insert or a modify, "new" holds every monitored column of the row, so a
 * row is replaced whole; a row-update without "new" deletes the row.
 */
#include <string.h>

#include "ovsdb/datum.h"
#include "ovsdb/replica.h"

void ovsdb_replica_init(struct ovsdb_replica *r)
{
	r->tables = json_object();
}

void ovsdb_replica_free(struct ovsdb_replica *r)
{
	json_decref(r->tables);
	r->tables = NULL;
}

void ovsdb_replica_clear(struct ovsdb_replica *r)
{
	json_object_clear(r->tables);
}

static json_t *table_of(struct ovsdb_replica *r, const char *table)
{
	json_t *t = json_object_get(r->tables, table);

	if (!t) {
		t = json_object();
		json_object_set_new(r->tables, table, t);
	}
	return t;
}

int ovsdb_replica_apply(struct ovsdb_replica *r, const json_t *updates)
{
	const char *table, *uuid;
	json_t *rows, *ru;
	int changed = 0;

	if (!json_is_object(updates))
		return -1;
	json_object_foreach((json_t *)updates, table, rows) {
		json_t *t = table_of(r, table);

		if (!json_is_object(rows))
			return -1;
		json_object_foreach(rows, uuid, ru) {
			json_t *row = json_object_get(ru, "new");

			if (row && !json_is_object(row))
				return -1;
			if (row)
				json_object_set(t, uuid, row);
			else
				json_object_del(t, uuid);
			changed++;
		}
	}
	return changed;
}

json_t *ovsdb_replica_table(const struct ovsdb_replica *r, const char *table)
{
	static json_t *empty;
	json_t *t = json_object_get(r->tables, table);

	if (t)
		return t;
	if (!empty)
		empty = json_object();
	return empty;
}

size_t ovsdb_replica_count(const struct ovsdb_replica *r, const char *table)
{
	return json_object_size(json_object_get(r->tables, table));
}

json_t *ovsdb_replica_row(const struct ovsdb_replica *r, const char *table, const char *uuid)
{
	return uuid ? json_object_get(ovsdb_replica_table(r, table), uuid) : NULL;
}

json_t *ovsdb_replica_find(const struct ovsdb_replica *r, const char *table, const char *col,
			   const char *value, const char **uuid)
{
	const char *u;
	json_t *row;

	json_object_foreach(ovsdb_replica_table(r, table), u, row) {
		const char *v = ovsdb_string(json_object_get(row, col));

		if (v && strcmp(v, value) == 0) {
			if (uuid)
				*uuid = u;
			return row;
		}
	}
	return NULL;
}
