/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * replica.h - the monitored part of a database, kept equal to the server's
 * by its "update" notifications (RFC 7047 4.1.6, monitor v1 table-updates):
 * table name -> row UUID -> row (the monitored columns).
 */
#ifndef XOVN_OVSDB_REPLICA_H
#define XOVN_OVSDB_REPLICA_H

#include <jansson.h>

struct ovsdb_replica {
	json_t *tables;     /* {"Table": {"uuid": {column: datum}}} */
};

void ovsdb_replica_init(struct ovsdb_replica *r);
void ovsdb_replica_free(struct ovsdb_replica *r);
/* Forgets every row (a new connection's initial reply replaces everything). */
void ovsdb_replica_clear(struct ovsdb_replica *r);
/* Applies table-updates.  Returns the number of rows changed, -1 if malformed. */
int ovsdb_replica_apply(struct ovsdb_replica *r, const json_t *updates);
/* The rows of table ({} when none; borrowed). */
json_t *ovsdb_replica_table(const struct ovsdb_replica *r, const char *table);
/* How many rows table has. */
size_t ovsdb_replica_count(const struct ovsdb_replica *r, const char *table);
/* Row uuid of table, NULL when absent (borrowed). */
json_t *ovsdb_replica_row(const struct ovsdb_replica *r, const char *table, const char *uuid);
/* The first row of table whose string column col equals value, and its UUID. */
json_t *ovsdb_replica_find(const struct ovsdb_replica *r, const char *table, const char *col,
			   const char *value, const char **uuid);

#endif /* XOVN_OVSDB_REPLICA_H */
