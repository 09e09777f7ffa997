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
#include "ovsdb/nb_routes.h"

json_t *nb_routes_monitor_requests(void)
{
	return json_pack("{s:{s:[s,s,s]}, s:{s:[s,s,s,s,s]}}",
			 "Logical_Router", "columns", "name", "static_routes", "options",
			 "Logical_Router_Static_Route", "columns", "ip_prefix", "nexthop",
			 "output_port", "policy", "route_table");
}

static void copy_string(json_t *to, const char *key, const json_t *row, const char *col)
{
	const char *s = ovsdb_string(json_object_get(row, col));

	if (s && *s)
		json_object_set_new(to, key, json_string(s));
}

static json_t *route_from_row(const char *uuid, const json_t *row)
{
	json_t *route = json_pack("{s:s}", "_uuid", uuid);

	copy_string(route, "ip_prefix", row, "ip_prefix");
	copy_string(route, "nexthop", row, "nexthop");
	copy_string(route, "output_port", row, "output_port");
	copy_string(route, "policy", row, "policy");
	copy_string(route, "route_table", row, "route_table");
	return route;
}

static const char *member(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key)) ?: "";
}

/* By route table, prefix, policy, nexthop and output port: what tells two routes apart. */
static int route_order(const void *a, const void *b)
{
	static const char *const keys[] = { "route_table", "ip_prefix", "policy", "nexthop",
					    "output_port", "_uuid" };
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int c = strcmp(member(x, keys[i]), member(y, keys[i]));

		if (c)
			return c;
	}
	return 0;
}

json_t *nb_router_routes(const struct ovsdb_replica *nb, const char *lr_uuid)
{
	const json_t *lr = ovsdb_replica_row(nb, "Logical_Router", lr_uuid);
	const json_t *refs = json_object_get(lr, "static_routes");
	size_t n = ovsdb_set_size(refs), k = 0;
	json_t **v, *routes;

	if (!lr)
		return NULL;
	v = calloc(n ? n : 1, sizeof(*v));
	routes = json_array();
	if (!v || !routes) {
		free(v);
		json_decref(routes);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *uuid = ovsdb_uuid(ovsdb_set_get(refs, i));
		const json_t *row = ovsdb_replica_row(nb, "Logical_Router_Static_Route", uuid);

		if (row)
			v[k++] = route_from_row(uuid, row);
	}
	qsort(v, k, sizeof(*v), route_order);
	for (size_t i = 0; i < k; i++)
		json_array_append_new(routes, v[i]);
	free(v);
	return routes;
}

json_t *nb_router_options(const struct ovsdb_replica *nb, const char *lr_uuid)
{
	const json_t *lr = ovsdb_replica_row(nb, "Logical_Router", lr_uuid);

	return lr ? ovsdb_map_object(json_object_get(lr, "options")) : NULL;
}
