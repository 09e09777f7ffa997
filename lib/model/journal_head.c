// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal_head.c - the db as readers see it: the file plus the records
 * appended on it (journal.h).
 */
#include "model/journal.h"

int xovn_journal_head(const char *db, const struct xovn_file_id *file, json_t *model,
		      struct xovn_file_id *head)
{
	struct xovn_journal_record *all;
	size_t n;
	int rc = 0;

	*head = *file;
	head->seq = 0;
	if (xovn_journal_read(db, &all, &n) < 0)
		return -1;
	/*
	 * Appends on one file come in order; a record of an older file, a
	 * rewrite's record, or one whose writer never renamed its file is not
	 * on the run and is passed over.
	 */
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!xovn_journal_is_append(&all[i]) || !xovn_file_id_equal(&all[i].base, head))
			continue;
		if (model && xovn_model_delta_apply(model, all[i].delta, NULL) < 0)
			rc = -1;
		else
			*head = all[i].result;
	}
	xovn_journal_records_free(all, n);
	return rc;
}
