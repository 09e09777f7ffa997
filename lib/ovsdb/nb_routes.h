/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nb_routes.h - what the model takes from OVN's Northbound database: the
 * static routes and options of logical routers (their NAT rules:
 * nb_nat.h).  The SB holds routes and NAT only as logical flows, so xovnd monitors these two NB tables read-only
 * (--ovn-nb-remote) and joins a Logical_Router row to its SB datapath by
 * the Datapath_Binding's external_ids:logical-router, which is the row's
 * _uuid.
 */
#ifndef XOVN_OVSDB_NB_ROUTES_H
#define XOVN_OVSDB_NB_ROUTES_H

#include <jansson.h>

#include "ovsdb/replica.h"

/* The NB tables and columns xovnd monitors (a "monitor" request's third parameter). */
json_t *nb_routes_monitor_requests(void);

/*
 * The static routes of Logical_Router lr_uuid as model objects (a new
 * array, sorted so that it does not depend on UUIDs); NULL when the NB
 * has no such router.
 */
json_t *nb_router_routes(const struct ovsdb_replica *nb, const char *lr_uuid);

/* Its options as a JSON object of strings (new reference); NULL when no such router. */
json_t *nb_router_options(const struct ovsdb_replica *nb, const char *lr_uuid);

/*
 * The rows of table that column of Logical_Router lr_uuid refers to, each
 * turned into a model object by from_row(uuid, row), sorted by order (a
 * qsort comparator of json_t *): a new array, NULL when the NB has no
 * such router.
 */
json_t *nb_router_rows(const struct ovsdb_replica *nb, const char *lr_uuid, const char *column,
		       const char *table, json_t *(*from_row)(const char *, const json_t *),
		       int (*order)(const void *, const void *));

/* Compares the string members keys[] of x and y in turn (absent = ""), as strcmp does. */
int nb_order_by(const json_t *x, const json_t *y, const char *const *keys, size_t n_keys);

#endif /* XOVN_OVSDB_NB_ROUTES_H */
