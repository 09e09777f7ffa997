/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * part_harness.h - for the tests of writes on a part of the db
 * (ctl/fast_write.c) and of the compaction after a write (ctl/compact.c):
 * spans of the db file, the full path's twin of a db, the journal made due
 * for compaction, and waiting for a compaction to end.
 */
#ifndef XOVN_TEST_PART_HARNESS_H
#define XOVN_TEST_PART_HARNESS_H

#include <jansson.h>

#include "model/db_index.h"

/* The span of the db file that holds switch sw, from a current index. */
struct xovn_db_span part_switch_span(const char *sw);
/* Overwrites span with bytes of its length (saving the old ones), keeping the file's identity. */
void part_overwrite_span(struct xovn_db_span span, const char *bytes, char *saved);
/* The db as every reader sees it; fails the test when it does not load. */
json_t *part_load(const char *db);
/* The db's current state written whole to DIR/NAME, without index or journal. */
void part_twin(const char *name, char *twin, size_t len);
/* The model without any "_uuid" (new rows get random ones). */
json_t *part_without_uuids(json_t *model);

/*
 * Runs argv on ctl_db and on its twin with XOVN_CTL_FULL_WRITES=1: the same
 * status, stdout, stderr and model (but new rows' UUIDs, in stdout too).  partial: the
 * chain must take the partial path - the switch "far" is unreadable while
 * it runs on ctl_db.
 */
void part_expect_same_as_full(const char *const *argv, int partial);

/* Appends a line no reader takes for a record, so that the journal reaches its share. */
void part_fill_journal(const char *db);
/* Returns once no compaction of db runs (it holds the db's lock). */
void part_wait_compaction(const char *db);

#endif
