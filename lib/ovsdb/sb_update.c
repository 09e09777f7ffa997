// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_update.c - switches rebuilt from the SB in place (see sb_update.h).
 */
#include <string.h>

#include "model/facts.h"
#include "ovsdb/sb_model.h"
#include "ovsdb/sb_update.h"

/* Index of the switch whose _uuid is uuid in switches, -1 when none. */
static int switch_index(const json_t *switches, const char *uuid)
{
	const json_t *sw;
	size_t i;

	json_array_foreach((json_t *)switches, i, sw) {
		const char *u = json_string_value(json_object_get(sw, "_uuid"));

		if (u && strcmp(u, uuid) == 0)
			return (int)i;
	}
	return -1;
}

/* The old and new switch of every datapath in dps; -1 when one is new or gone. */
static int rebuild(const struct ovsdb_replica *sb, const json_t *sws, const json_t *dps,
		   json_t *olds, json_t *news)
{
	json_t *skipped = json_array(), *v;
	const char *uuid;
	int rc = 0;

	json_object_foreach((json_t *)dps, uuid, v) {
		int at = switch_index(sws, uuid);
		json_t *sw = at < 0 ? NULL : sb_model_switch(sb, uuid, skipped);

		if (!sw) {
			rc = -1;
			break;
		}
		json_array_append(olds, json_array_get(sws, (size_t)at));
		json_array_append_new(news, sw);
	}
	json_decref(skipped);
	return rc;
}

int sb_model_update_switches(const struct ovsdb_replica *sb, json_t *model, const json_t *dps,
			     long long generation, struct xovn_delta_effect *eff)
{
	json_t *sws = json_object_get(model, "logical_switches");
	json_t *olds = json_array(), *news = json_array(), *sw;
	size_t i;

	/* A refused switch: only the whole build can leave it out. */
	if (rebuild(sb, sws, dps, olds, news) < 0 || sb_model_check_switches(model, news) < 0) {
		json_decref(olds);
		json_decref(news);
		return -1;
	}
	json_array_foreach(news, i, sw)
		json_array_set(sws, (size_t)switch_index(sws, json_string_value(
					    json_object_get(sw, "_uuid"))), sw);
	xovn_model_set_generation(model, generation);
	*eff = (struct xovn_delta_effect){ .old_switches = olds, .new_switches = news };
	return 0;
}
