/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * datum.h - reading OVSDB's JSON encoding of values (RFC 7047 5.1): an
 * atom, ["uuid", U], ["set", [...]] (a one-element set may be the atom
 * itself, an empty optional value is ["set", []]) and ["map", [[k, v]...]].
 */
#ifndef XOVN_OVSDB_DATUM_H
#define XOVN_OVSDB_DATUM_H

#include <jansson.h>
#include <stddef.h>

/* The number of elements of a set (1 for a bare atom, 0 for NULL). */
size_t ovsdb_set_size(const json_t *datum);
/* Element i of a set (the atom itself for a bare atom). */
const json_t *ovsdb_set_get(const json_t *datum, size_t i);
/* The string of an optional string column, NULL when empty. */
const char *ovsdb_string(const json_t *datum);
/* The integer of an optional integer column; has set to 0 when empty. */
long long ovsdb_integer(const json_t *datum, int *has);
/* The boolean of an optional boolean column, dflt when empty. */
int ovsdb_boolean(const json_t *datum, int dflt);
/* The UUID string of ["uuid", U] (or of a one-element set of it), NULL otherwise. */
const char *ovsdb_uuid(const json_t *datum);
/* The string value of key in a map column, NULL when absent. */
const char *ovsdb_map_get(const json_t *datum, const char *key);
/* A map column as a JSON object of strings (new reference; {} when empty). */
json_t *ovsdb_map_object(const json_t *datum);

/* Encoders for transactions. */
json_t *ovsdb_uuid_ref(const char *uuid);          /* ["uuid", U] */
json_t *ovsdb_named_ref(const char *name);         /* ["named-uuid", N] */
json_t *ovsdb_empty_set(void);                     /* ["set", []] */
json_t *ovsdb_map_from_object(const json_t *obj);  /* {"k": "v"} -> ["map", ...] */

#endif /* XOVN_OVSDB_DATUM_H */
