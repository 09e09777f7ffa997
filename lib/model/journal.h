/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * journal.h - DB.journal: the deltas committed since the db file was last
 * written whole, and the last few before that.
 *
 * Every record is one JSON line: the state it started from, the state it
 * made, and the delta (model_delta.h).  A state is a file identity (inode,
 * size, mtime) plus seq, the number of records appended on top of that
 * file.  A write by xovnctl is one of two kinds:
 *
 *  - an append (journal_append.c): the db file is left as it is, the
 *    record (file, k) -> (file, k + 1) is appended and fsync'ed.  Only
 *    this write makes the change durable, so the db is the file plus the
 *    records appended on it, in order: every reader loads both
 *    (xovn_model_load applies them, journal_head.c) and sees one state.
 *  - a rewrite (compaction): the whole db is written to a new file (the
 *    change and every appended record folded in) and renamed into place;
 *    the record (old file, k) -> (new file, 0) is written just before the
 *    rename, in a journal rewritten atomically that still holds every
 *    record appended on the old file, so a crash at any point leaves
 *    either the old file with all its records or the new file.
 *
 * xovnd holds a model of a known state; the chain of records from that
 * state to the current one lets it apply deltas instead of reading and
 * validating the whole db again.  Anything it cannot follow (an edit by
 * hand, a damaged line, a gap) means a full read, which is always right.
 */
#ifndef XOVN_JOURNAL_H
#define XOVN_JOURNAL_H

#include <jansson.h>
#include <stdint.h>
#include <sys/stat.h>

#include "model/delta.h"

/*
 * A state of the db: the file (inode, size, modification time) and how
 * many journal records were appended on it (seq, 0 for the file alone).
 */
struct xovn_file_id {
	uint64_t ino;
	uint64_t size;
	int64_t mtime_ns;
	uint64_t seq;
};

/* 0 and the identity of path (seq 0), -1 when it cannot be stat'ed. */
int xovn_file_id_of(const char *path, struct xovn_file_id *id);
void xovn_file_id_from_stat(const struct stat *st, struct xovn_file_id *id);
int xovn_file_id_equal(const struct xovn_file_id *a, const struct xovn_file_id *b);
/* The same file, whatever was appended on it. */
int xovn_file_id_same_file(const struct xovn_file_id *a, const struct xovn_file_id *b);

/* DB.journal for db; 0, or -1 when the name does not fit len. */
int xovn_journal_path(const char *db, char *buf, size_t len);

/*
 * A rewrite's record: the db goes from base to the new file result with
 * delta.  The journal is replaced atomically (not synced: the rename of
 * the db that follows commits the write) and keeps every record appended
 * on base's file plus the newest others (at most XOVN_JOURNAL_KEEP in all,
 * the older ones only while the file stays under XOVN_JOURNAL_MAX_BYTES).
 * 0 ok, -1 with errno.
 */
#define XOVN_JOURNAL_KEEP 8
#define XOVN_JOURNAL_MAX_BYTES (1 << 20)
int xovn_journal_append(const char *db, const struct xovn_file_id *base,
			const struct xovn_file_id *result, const json_t *delta);

/*
 * Right after a rewrite, under the db's write lock: drops the oldest
 * records so that the journal keeps at most max_bytes (the records of
 * the replaced file are folded into the new one; a reader at an older
 * state reads the db whole).  0 ok, -1 with errno.
 */
int xovn_journal_trim(const char *db, size_t max_bytes);

/* One record as read back. */
struct xovn_journal_record {
	struct xovn_file_id base, result;
	json_t *delta;      /* owned */
};

/* An append: base and result are the same file, result one record further. */
int xovn_journal_is_append(const struct xovn_journal_record *r);

/*
 * Every complete record, oldest first (a last line without its newline is
 * a write that never finished and is not read).  0 ok (also when there is
 * no journal), -1 when out of memory.
 */
int xovn_journal_read(const char *db, struct xovn_journal_record **out, size_t *n);
/* The record as one line (with its newline), malloc'ed; NULL when out of memory. */
char *xovn_journal_line(const struct xovn_file_id *base, const struct xovn_file_id *result,
			const json_t *delta, size_t *len);
/* The same, and path gets the journal's path; NULL with errno on failure. */
char *xovn_journal_record_text(const char *db, const struct xovn_file_id *base,
			       const struct xovn_file_id *result, const json_t *delta, char *path,
			       size_t path_len, size_t *len);

/* ---- appends: the write path of a big db (journal_append.c) ---------------- */

/* Appends stay below this db size off (small dbs are rewritten whole). */
#define XOVN_JOURNAL_APPEND_MIN_DB (1 << 20)
/*
 * The journal's share of the db: db size / XOVN_JOURNAL_APPEND_SHARE, at
 * least XOVN_JOURNAL_APPEND_FLOOR bytes.  Every reader, and xovnd at every
 * change, parses the journal whole, so it stays a small fraction of the
 * db: a write that leaves it at its share has the db compacted after it
 * returns (xovnctl's compact.c); every ~80 one-switch writes on a
 * 100,000-port db.  Appends go on up to XOVN_JOURNAL_APPEND_LIMIT shares,
 * so a compaction that has not run yet never holds a write up; past that
 * a write rewrites the db itself.
 */
#define XOVN_JOURNAL_APPEND_SHARE 32
#define XOVN_JOURNAL_APPEND_FLOOR (256 << 10)
#define XOVN_JOURNAL_APPEND_LIMIT 2

/* 0 for no file yet (all-zero identity) or one below the size where appends pay. */
int xovn_journal_db_takes_appends(const struct xovn_file_id *file);

/*
 * 1 when a write of record_len bytes on top of base may be an append: the
 * db file is at least XOVN_JOURNAL_APPEND_MIN_DB bytes (the environment's
 * XOVN_JOURNAL_APPEND_MIN_DB, in bytes, replaces it) and the journal stays
 * within XOVN_JOURNAL_APPEND_LIMIT shares; 0 when the db must be rewritten.
 */
int xovn_journal_append_fits(const char *db, const struct xovn_file_id *base, size_t record_len);

/* 1 when the db file (file) takes appends and its journal has reached its share. */
int xovn_journal_compaction_due(const char *db, const struct xovn_file_id *file);
/* The journal's share of the db file (bytes). */
uint64_t xovn_journal_share(const struct xovn_file_id *file);

/*
 * Commits a write on top of base by appending its record, base -> result
 * (base with seq + 1), and fsyncing it, when xovn_journal_append_fits
 * allows.  A torn last line (a writer that died mid-write) is cut first.
 * The caller holds the db's write lock.  1 appended; 0 not appended (the
 * caller rewrites the db instead); -1 with errno, the journal as it was.
 */
int xovn_journal_try_append(const char *db, const struct xovn_file_id *base, const json_t *delta,
			    struct xovn_file_id *result);

/* ---- the db as readers see it (journal_head.c) ------------------------------ */

/*
 * The state of the db whose file is file (seq 0): *head gets file with
 * the seq of the last record appended on it in an unbroken run from 0.
 * With model (the file's document) not NULL, those records' deltas are
 * applied to it.  0 ok; -1 when out of memory or a delta does not apply
 * (model is then partly changed: drop it).
 */
int xovn_journal_head(const char *db, const struct xovn_file_id *file, json_t *model,
		      struct xovn_file_id *head);
/*
 * xovnd's follow step in one reading of the journal: *now gets the head of
 * file (as xovn_journal_head, nothing applied) and *out the chain of
 * records from `from` to it (as xovn_journal_chain).  0 ok, -1 out of memory.
 */
int xovn_journal_follow(const char *db, const struct xovn_file_id *from,
			const struct xovn_file_id *file, struct xovn_file_id *now,
			struct xovn_journal_record **out, size_t *n);

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
/* The same path among records already read (all, count: taken over, freed or moved to *out). */
int xovn_journal_chain_of(struct xovn_journal_record *all, size_t count,
			  const struct xovn_file_id *from, const struct xovn_file_id *to,
			  struct xovn_journal_record **out, size_t *n);

/*
 * Applies the chain's deltas to model in place.  *total gets every switch
 * replaced (old_switches) and, in new_switches, each switch changed as it
 * is at the end of the chain, once.  0 ok; -1 when a record does not apply
 * (model is then partly changed: drop it).  Free *total either way.
 */
int xovn_journal_apply(json_t *model, const struct xovn_journal_record *chain, size_t n,
		       struct xovn_delta_effect *total);

#endif /* XOVN_JOURNAL_H */
