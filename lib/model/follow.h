/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * follow.h - keeping a typed model in step with its document when only
 * switches change.
 *
 * A journal record or an OVN update replaces, adds or removes switch
 * objects of the document in place and leaves every other member as it
 * was.  Reading the whole typed model again would cost the size of the
 * model; following reads only the changed switches and keeps every other
 * typed object where it is, so whatever borrows from them (the compiler's
 * incremental state) stays valid.
 */
#ifndef XOVN_MODEL_FOLLOW_H
#define XOVN_MODEL_FOLLOW_H

#include <jansson.h>
#include <stddef.h>

#include "model/types.h"

/* What following changed in the typed model. */
struct xovn_switch_change {
	struct xovn_ls **old;         /* owned: the typed switches replaced or removed */
	size_t n_old;
	const struct xovn_ls **cur;   /* borrowed from the model: the switches read anew */
	size_t n_cur;
};

/*
 * m was read from doc before doc's switches changed; changed holds the
 * switch objects of doc that are new (added or replacing one).  Reads
 * those anew, keeps every other typed switch (matched by name) and takes
 * the document's order and generation.  0 ok: the typed switches that left
 * m are in chg->old, still borrowing from the switch objects they were
 * read from, so the caller frees chg (xovn_switch_change_free()) before it
 * lets those objects go.  -1 when memory runs out or a switch of doc has
 * no name, or a name the typed model cannot match once: m is unchanged,
 * and as stale as the caller's document change made it.
 */
int xovn_model_follow_switches(struct xovn_model *m, const json_t *doc, const json_t *changed,
			       struct xovn_switch_change *chg);
void xovn_switch_change_free(struct xovn_switch_change *chg);

#endif /* XOVN_MODEL_FOLLOW_H */
