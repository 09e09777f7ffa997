/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * journal.h - DB.journal: the last few committed deltas, next to the db.
 *
 * xovnctl writes the whole db atomically and, once the new file is written
 * and synced but before it is renamed into place, records what the write
 * changed: the identity of the file it started from,
 * the identity of the file it wrote, and the delta (model_delta.h).  xovnd
 * holds a model read from a file of known identity; a record whose base is
 * that identity lets it bring its model to the new file by applying the
 * delta instead of reading and validating the whole file again.  Anything
 * else (an edit by hand, a lost or damaged journal, a gap) simply means a
 * full read, so the journal can only make xovnd faster, never wrong.
 *
 * The file holds one JSON object per line and is replaced atomically on
 * every write, keeping the newest records only.
 */
#ifndef XOVN_JOURNAL_H
#define XOVN_JOURNAL_H

#include <jansson.h>
#include <stdint.h>
#include <sys/stat.h>

#include "model/delta.h"

/* Which file a model was read from: inode, size and modification time. */
struct xovn_file_id {
	uint64_t ino;
	uint64_t size;
	int64_t mtime_ns;
};

/* 0 and the identity of path, -1 when it cannot be stat'ed. */
int xovn_file_id_of(const char *path, struct xovn_file_id *id);
void xovn_file_id_from_stat(const struct stat *st, struct xovn_file_id *id);
int xovn_file_id_equal(const struct xovn_file_id *a, const struct xovn_file_id *b);

/* DB.journal for db; 0, or -1 when the name does not fit len. */
int xovn_journal_path(const char *db, char *buf, size_t len);

/*
 * Records that the db went from base to result with delta.  Keeps the
 * newest records (at most XOVN_JOURNAL_KEEP, and the older ones only while
 * the file stays under XOVN_JOURNAL_MAX_BYTES).  0 ok, -1 with errno.
 */
#define XOVN_JOURNAL_KEEP 8
#define XOVN_JOURNAL_MAX_BYTES (1 << 20)
int xovn_journal_append(const char *db, const struct xovn_file_id *base,
			const struct xovn_file_id *result, const json_t *delta);

/* One record as read back. */
struct xovn_journal_record {
	struct xovn_file_id base, result;
	json_t *delta;      /* owned */
};

/*
 * The records that lead from the file identified by from to the one
 * identified by to, oldest first: *out (malloc'ed, free with
 * xovn_journal_records_free) gets them, *n their number, 0 when no path of
 * records connects the two.  The path is followed back from to, so a
 * record whose file never replaced the db (its writer died before the
 * rename) is not on it.  Malformed lines are skipped.  0 ok (also when
 * there is no journal), -1 when out of memory.
 */
int xovn_journal_chain(const char *db, const struct xovn_file_id *from,
		       const struct xovn_file_id *to, struct xovn_journal_record **out, size_t *n);
void xovn_journal_records_free(struct xovn_journal_record *v, size_t n);

/*
 * Applies the chain's deltas to model in place.  *total gets every switch
 * replaced (old_switches) and, in new_switches, each switch changed as it
 * is at the end of the chain, once.  0 ok; -1 when a record does not apply
 * (model is then partly changed: drop it).  Free *total either way.
 */
int xovn_journal_apply(json_t *model, const struct xovn_journal_record *chain, size_t n,
		       struct xovn_delta_effect *total);

#endif /* XOVN_JOURNAL_H */
