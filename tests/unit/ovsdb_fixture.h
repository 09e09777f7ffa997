/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ovsdb_fixture.h - shared helpers of the unit tests of OVN's databases
 * as a model: replicas loaded from rows ovn-northd wrote (tests/unit/ovsdb/),
 * the model built from them, and lookups into it.
 */
#ifndef XOVN_TEST_OVSDB_FIXTURE_H
#define XOVN_TEST_OVSDB_FIXTURE_H

#include <jansson.h>

#include "ovsdb/replica.h"

/* A replica holding the rows of a file of the tree (a monitor reply); fails the test if empty. */
void ovf_replica_load(struct ovsdb_replica *r, const char *rel);

/*
 * The model from the SB rows of sb_rel and, when with_nb, the NB rows of
 * nb_rel, without a local chassis; fails the test unless it validates.
 * skipped gets the rows left out.
 */
json_t *ovf_build(const char *sb_rel, const char *nb_rel, int with_nb, json_t *skipped);

/* The object of array whose "name" is name, NULL when none. */
json_t *ovf_named(const json_t *array, const char *name);

/* Router name of model m; fails the test when absent. */
json_t *ovf_router(const json_t *m, const char *name);

/* The string member key of o, NULL when absent. */
const char *ovf_str(const json_t *o, const char *key);

/* Member key of o is the string want (want NULL: absent); what names o in the message. */
void ovf_assert_member(const json_t *o, const char *key, const char *want, const char *what);

#endif /* XOVN_TEST_OVSDB_FIXTURE_H */
