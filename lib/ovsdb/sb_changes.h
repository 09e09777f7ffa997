/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_changes.h - what an SB update changes in the model xovnd builds from
 * it (ovsdb/sb_model.h): nothing, the ports of some switches, or more.
 */
#ifndef XOVN_OVSDB_SB_CHANGES_H
#define XOVN_OVSDB_SB_CHANGES_H

#include <jansson.h>

#include "ovsdb/replica.h"

struct sb_changes {
	int full;      /* the model must be built whole */
	json_t *dps;   /* Datapath_Binding UUIDs (object keys) whose ports alone changed */
};

void sb_changes_init(struct sb_changes *ch);
void sb_changes_free(struct sb_changes *ch);
/* Notes what table-updates (already applied to sb) change in the model. */
void sb_changes_note(struct sb_changes *ch, const struct ovsdb_replica *sb, const json_t *updates);
/* Has anything been noted? */
int sb_changes_any(const struct sb_changes *ch);
/* Hands over the switches noted (a new reference) and starts afresh; returns full. */
int sb_changes_take(struct sb_changes *ch, json_t **dps);

/* SB_Global.nb_cfg in sb, -1 when unknown. */
long long sb_global_nb_cfg(const struct ovsdb_replica *sb);

#endif /* XOVN_OVSDB_SB_CHANGES_H */
