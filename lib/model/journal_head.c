// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal_head.c - the db as readers see it: the file plus the records
 * appended on it (journal.h).
 */
#include "model/journal.h"

/*
 * Follows the records appended on file, in order, applying them to model
 * when not NULL.  A record of an older file, a rewrite's record, or one
 * whose writer never renamed its file is not on the run and is passed over.
 */
static int follow_appends(const struct xovn_journal_record *all, size_t n,
			  const struct xovn_file_id *file, json_t *model, struct xovn_file_id *head)
{
	*head = *file;
	head->seq = 0;
	for (size_t i = 0; i < n; i++) {
		if (!xovn_journal_is_append(&all[i]) || !xovn_file_id_equal(&all[i].base, head))
			continue;
		if (model && xovn_model_delta_apply(model, all[i].delta, NULL) < 0)
			return -1;
		*head = all[i].result;
	}
	return 0;
}

int xovn_journal_head(const char *db, const struct xovn_file_id *file, json_t *model,
		      struct xovn_file_id *head)
{
	struct xovn_journal_record *all;
	size_t n;
	int rc;

	*head = *file;
	head->seq = 0;
	if (xovn_journal_read(db, &all, &n) < 0)
		return -1;
	rc = follow_appends(all, n, file, model, head);
	xovn_journal_records_free(all, n);
	return rc;
}

int xovn_journal_follow(const char *db, const struct xovn_file_id *from,
			const struct xovn_file_id *file, struct xovn_file_id *now,
			struct xovn_journal_record **out, size_t *n)
{
	struct xovn_journal_record *all;
	size_t count;

	*out = NULL;
	*n = 0;
	if (xovn_journal_read(db, &all, &count) < 0)
		return -1;
	follow_appends(all, count, file, NULL, now);
	return xovn_journal_chain_of(all, count, from, now, out, n);
}
