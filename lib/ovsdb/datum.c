// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * datum.c - OVSDB value decoding and encoding (see datum.h).
 */
#include <string.h>

#include "ovsdb/datum.h"

static int is_tagged(const json_t *v, const char *tag)
{
	return json_is_array(v) && json_array_size(v) == 2 &&
	       json_is_string(json_array_get(v, 0)) &&
	       strcmp(json_string_value(json_array_get(v, 0)), tag) == 0;
}

size_t ovsdb_set_size(const json_t *datum)
{
	if (!datum)
		return 0;
	if (is_tagged(datum, "set"))
		return json_array_size(json_array_get(datum, 1));
	return 1;
}

const json_t *ovsdb_set_get(const json_t *datum, size_t i)
{
	if (is_tagged(datum, "set"))
		return json_array_get(json_array_get(datum, 1), i);
	return i == 0 ? datum : NULL;
}

const char *ovsdb_string(const json_t *datum)
{
	return ovsdb_set_size(datum) == 1 ? json_string_value(ovsdb_set_get(datum, 0)) : NULL;
}

long long ovsdb_integer(const json_t *datum, int *has)
{
	const json_t *v = ovsdb_set_size(datum) == 1 ? ovsdb_set_get(datum, 0) : NULL;

	*has = json_is_integer(v);
	return *has ? json_integer_value(v) : 0;
}

int ovsdb_boolean(const json_t *datum, int dflt)
{
	const json_t *v = ovsdb_set_size(datum) == 1 ? ovsdb_set_get(datum, 0) : NULL;

	return json_is_boolean(v) ? json_is_true(v) : dflt;
}

const char *ovsdb_uuid(const json_t *datum)
{
	const json_t *v = ovsdb_set_size(datum) == 1 ? ovsdb_set_get(datum, 0) : NULL;

	return is_tagged(v, "uuid") ? json_string_value(json_array_get(v, 1)) : NULL;
}

/* The [key, value] pairs of a map datum; NULL (an empty walk) otherwise. */
static const json_t *map_pairs(const json_t *datum)
{
	return is_tagged(datum, "map") ? json_array_get(datum, 1) : NULL;
}

const char *ovsdb_map_get(const json_t *datum, const char *key)
{
	const json_t *pair;
	size_t i;

	json_array_foreach(map_pairs(datum), i, pair) {
		const char *k = json_string_value(json_array_get(pair, 0));

		if (k && strcmp(k, key) == 0)
			return json_string_value(json_array_get(pair, 1));
	}
	return NULL;
}

json_t *ovsdb_map_object(const json_t *datum)
{
	json_t *obj = json_object();
	const json_t *pair;
	size_t i;

	json_array_foreach(map_pairs(datum), i, pair) {
		const char *k = json_string_value(json_array_get(pair, 0));
		const char *v = json_string_value(json_array_get(pair, 1));

		if (k && v)
			json_object_set_new(obj, k, json_string(v));
	}
	return obj;
}

json_t *ovsdb_uuid_ref(const char *uuid)
{
	return json_pack("[s, s]", "uuid", uuid);
}

json_t *ovsdb_named_ref(const char *name)
{
	return json_pack("[s, s]", "named-uuid", name);
}

json_t *ovsdb_empty_set(void)
{
	return json_pack("[s, []]", "set");
}

json_t *ovsdb_map_from_object(const json_t *obj)
{
	json_t *pairs = json_array(), *v;
	const char *k;

	json_object_foreach((json_t *)obj, k, v)
		json_array_append_new(pairs, json_pack("[s, O]", k, v));
	return json_pack("[s, o]", "map", pairs);
}
