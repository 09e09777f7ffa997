/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_update.h - the OVN mode's small path: the switches whose ports alone
 * changed in the SB, rebuilt in place in a model sb_model_build made.
 */
#ifndef XOVN_OVSDB_SB_UPDATE_H
#define XOVN_OVSDB_SB_UPDATE_H

#include <jansson.h>

#include "model/delta.h"
#include "ovsdb/replica.h"

/*
 * Rebuilds the switches of dps (an object keyed by Datapath_Binding UUID)
 * from sb and puts them in model in place of the old ones, with this
 * generation.  0 done, eff holding the switches replaced and the new ones
 * (free it); -1 when model is untouched and must be built whole (a switch
 * is new, gone, or refused by the validator).
 */
int sb_model_update_switches(const struct ovsdb_replica *sb, json_t *model, const json_t *dps,
			     long long generation, struct xovn_delta_effect *eff);

#endif /* XOVN_OVSDB_SB_UPDATE_H */
