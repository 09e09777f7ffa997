// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nb_routes.c - NB Logical_Router_Static_Route rows -> the model's
 * static_routes (see nb_routes.h).  Columns are copied as they are; what
 * the model's schema refuses (a policy it does not know, ...) is left out
 * by the validator with the rest of the SB model's refused rows.
 */
#include <stdlib.h>
#include <string.h>

#include "ovsdb/datum.h"
#include "ovsdb/nb_nat.h"
#include "ovsdb/nb_routes.h"
#include "ovsdb/sb_cols.h"

json_t *nb_routes_monitor_requests(void)
{
	json_t *req = json_pack("{s:{s:[s,s,s,s]}, s:{s:[s,s,s,s,s]}}",
				"Logical_Router", "columns", "name", "static_routes", "options", "nat",
				"Logical_Router_Static_Route", "columns", "ip_prefix", "nexthop",
				"output_port", "policy", "route_table");

	if (req)
		json_object_set_new(req, "NAT", nb_nat_monitor_request());
	return req;
}

static json_t *route_from_row(const char *uuid, const json_t *row)
{
	json_t *route = json_pack("{s:s}", "_uuid", uuid);

	sb_copy_string(route, "ip_prefix", row, "ip_prefix");
	sb_copy_string(route, "nexthop", row, "nexthop");
	sb_copy_string(route, "output_port", row, "output_port");
	sb_copy_string(route, "policy", row, "policy");
	sb_copy_string(route, "route_table", row, "route_table");
	return route;
}

static const char *member(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key)) ?: "";
}

int nb_order_by(const json_t *x, const json_t *y, const char *const *keys, size_t n_keys)
{
	for (size_t i = 0; i < n_keys; i++) {
		int c = strcmp(member(x, keys[i]), member(y, keys[i]));

		if (c)
			return c;
	}
	return 0;
}

/* By route table, prefix, policy, nexthop and output port: what tells two routes apart. */
static int route_order(const void *a, const void *b)
{
	static const char *const keys[] = { "route_table", "ip_prefix", "policy", "nexthop",
					    "output_port", "_uuid" };

	return nb_order_by(*(json_t *const *)a, *(json_t *const *)b, keys,
			   sizeof(keys) / sizeof(keys[0]));
}

json_t *nb_router_rows(const struct ovsdb_replica *nb, const char *lr_uuid, const char *column,
		       const char *table, json_t *(*from_row)(const char *, const json_t *),
		       int (*order)(const void *, const void *))
{
	const json_t *lr = ovsdb_replica_row(nb, "Logical_Router", lr_uuid);
	const json_t *refs = json_object_get(lr, column);
	size_t n = ovsdb_set_size(refs), k = 0;
	json_t **v, *rows;

	if (!lr)
		return NULL;
	v = calloc(n ? n : 1, sizeof(*v));
	rows = json_array();
	if (!v || !rows) {
		free(v);
		json_decref(rows);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *uuid = ovsdb_uuid(ovsdb_set_get(refs, i));
		const json_t *row = ovsdb_replica_row(nb, table, uuid);

		if (row)
			v[k++] = from_row(uuid, row);
	}
	qsort(v, k, sizeof(*v), order);
	for (size_t i = 0; i < k; i++)
		json_array_append_new(rows, v[i]);
	free(v);
	return rows;
}

json_t *nb_router_routes(const struct ovsdb_replica *nb, const char *lr_uuid)
{
	return nb_router_rows(nb, lr_uuid, "static_routes", "Logical_Router_Static_Route",
			      route_from_row, route_order);
}

json_t *nb_router_options(const struct ovsdb_replica *nb, const char *lr_uuid)
{
	const json_t *lr = ovsdb_replica_row(nb, "Logical_Router", lr_uuid);

	return lr ? ovsdb_map_object(json_object_get(lr, "options")) : NULL;
}
