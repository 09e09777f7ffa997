// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_changes.c - what an SB update changes in the model (see sb_changes.h).
 */
#include <string.h>

#include "ovsdb/datum.h"
#include "ovsdb/sb_changes.h"
#include "ovsdb/sb_routers.h"

void sb_changes_init(struct sb_changes *ch)
{
	ch->full = 0;
	ch->dps = json_object();
}

void sb_changes_free(struct sb_changes *ch)
{
	json_decref(ch->dps);
	ch->dps = NULL;
}

int sb_changes_any(const struct sb_changes *ch)
{
	return ch->full || json_object_size(ch->dps);
}

int sb_changes_take(struct sb_changes *ch, json_t **dps)
{
	int full = ch->full;

	*dps = ch->dps;
	sb_changes_init(ch);
	return full;
}

long long sb_global_nb_cfg(const struct ovsdb_replica *sb)
{
	const char *uuid;
	json_t *row;
	int has;

	json_object_foreach(ovsdb_replica_table(sb, "SB_Global"), uuid, row) {
		long long v = ovsdb_integer(json_object_get(row, "nb_cfg"), &has);

		return has ? v : -1;
	}
	return -1;
}

static int has_chassis(const json_t *row)
{
	return ovsdb_set_size(json_object_get(row, "chassis")) > 0;
}

/* Columns whose change moves a port between switches or chassis. */
static int moves_port(const json_t *old)
{
	static const char *const cols[] = { "chassis", "datapath", "logical_port",
					    "ha_chassis_group" };

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (json_object_get(old, cols[i]))
			return 1;
	return 0;
}

/* Did options:requested-chassis change (it decides which chassis' interface counts)? */
static int requested_moved(const json_t *old, const json_t *new)
{
	const char *a, *b;

	if (!json_object_get(old, "options"))
		return 0;
	a = ovsdb_map_get(json_object_get(old, "options"), "requested-chassis");
	b = ovsdb_map_get(json_object_get(new, "options"), "requested-chassis");
	return (a || b) && (!a || !b || strcmp(a, b) != 0);
}

/*
 * A gateway's chassisredirect row claimed or released: the model takes
 * a gateway's active chassis from priorities and liveness, not from the claim.
 */
static int only_redirect_claim(const json_t *old, const json_t *new)
{
	const char *type = ovsdb_string(json_object_get(new, "type"));
	const char *col;
	json_t *v;

	if (!old || !new || !type || strcmp(type, "chassisredirect") != 0)
		return 0;
	json_object_foreach((json_t *)old, col, v)
		if (strcmp(col, "chassis") != 0 && strcmp(col, "up") != 0)
			return 0;
	return 1;
}

/* Marks what one Port_Binding row update changes in the model. */
static void note_port_update(struct sb_changes *ch, const struct ovsdb_replica *sb,
			     const json_t *ru)
{
	const json_t *old = json_object_get(ru, "old"), *new = json_object_get(ru, "new");
	const char *col, *dp;
	json_t *v;
	int only_up = old && new;

	json_object_foreach((json_t *)old, col, v)
		only_up &= strcmp(col, "up") == 0;
	if (only_up || only_redirect_claim(old, new))
		return;   /* a chassis reporting a port up, or holding a gateway: not the model */
	if ((old && new && (moves_port(old) || requested_moved(old, new))) ||
	    (!old && has_chassis(new)) || (!new && has_chassis(old))) {
		ch->full = 1;   /* a binding changes: a top-level part of the model */
		return;
	}
	dp = ovsdb_uuid(json_object_get(new ? new : old, "datapath"));
	/* A router's port: routers are built with the whole model. */
	if (dp && !sb_is_router_dp(ovsdb_replica_row(sb, "Datapath_Binding", dp)))
		json_object_set_new(ch->dps, dp, json_true());
	else
		ch->full = 1;
}

/*
 * Chassis_Private (every chassis' nb_cfg reports), SB_Global (the nb_cfg
 * counter itself) and a Port_Binding's "up" alone change nothing in the
 * model: with 20 chassis each report would otherwise rebuild every other
 * chassis' model.  Ports that change within their switch name that
 * switch; anything else is a whole rebuild.
 */
void sb_changes_note(struct sb_changes *ch, const struct ovsdb_replica *sb, const json_t *updates)
{
	const char *table, *uuid;
	json_t *rows, *ru;

	json_object_foreach((json_t *)updates, table, rows) {
		if (strcmp(table, "Chassis_Private") == 0 || strcmp(table, "SB_Global") == 0)
			continue;
		if (strcmp(table, "Port_Binding") != 0) {
			ch->full = 1;
			continue;
		}
		json_object_foreach(rows, uuid, ru)
			note_port_update(ch, sb, ru);
	}
}
