// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_ovn.c - the chassis' model when it comes from OVN's Southbound
 * database: the SB replica plus this chassis' row of the local file (--db),
 * and what the chassis writes back once its maps hold it.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chassis.h"
#include "log.h"
#include "ovsdb/sb_model.h"

/* This chassis' row of the local file; NULL (and errs filled) when absent. */
static json_t *local_chassis(const struct chassis *c, struct xovn_errors *errs)
{
	json_t *file = xovn_model_load(c->opt->db, 1, errs), *row;

	if (!file)
		return NULL;
	row = xovn_find_chassis(file, c->opt->chassis);
	if (row)
		json_incref(row);
	else
		xovn_errors_add(errs, "$.chassis", "missing-chassis",
				"%s has no chassis %s: xovnctl --db %s chassis-add %s geneve IP",
				c->opt->db, c->opt->chassis, c->opt->db, c->opt->chassis);
	json_decref(file);
	return row;
}

/* Logs the rows left out when the list changes, not on every rebuild. */
static void log_skipped(struct chassis *c, json_t *skipped)
{
	json_t *line;
	size_t i;

	if (c->ovn_skipped && json_equal(c->ovn_skipped, skipped)) {
		json_decref(skipped);
		return;
	}
	json_array_foreach(skipped, i, line)
		log_info("OVN SB: left out %s", json_string_value(line));
	json_decref(c->ovn_skipped);
	c->ovn_skipped = skipped;
}

json_t *chassis_ovn_model(struct chassis *c, struct xovn_errors *errs)
{
	json_t *local = local_chassis(c, errs), *skipped = json_array(), *model;

	if (!local) {
		json_decref(skipped);
		return NULL;
	}
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	model = sb_model_build(&c->sb->sb, c->sb->nb, local, ++c->ovn_generation, skipped);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_debug("OVN SB: rows to model in %.1f ms",
		  (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	json_decref(local);
	log_skipped(c, skipped);
	if (!model)
		xovn_errors_add(errs, "$", "ovn-sb", "the Southbound rows give no valid model");
	else
		c->ovn_nb_cfg_built = ovn_sb_nb_cfg(c->sb);
	return model;
}

void chassis_ovn_write_rows(struct chassis *c)
{
	const json_t *local = c->model ? xovn_find_chassis(c->model, c->opt->chassis) : NULL;
	char host[256] = "";
	struct sb_chassis_want want;

	if (!local)
		return;
	gethostname(host, sizeof(host) - 1);
	want = (struct sb_chassis_want){
		.name = c->opt->chassis,
		.hostname = host,
		.encap_ip = json_string_value(json_object_get(json_object_get(local, "encap"), "ip")),
		.bridge_mappings = json_object_get(local, "bridge_mappings"),
		.vifs = json_object_get(local, "vifs"),
		.nb_cfg = c->ovn_nb_cfg_applied,
	};
	if (want.encap_ip)
		ovn_sb_write_rows(c->sb, &want);
}

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

int chassis_ovn_update_switches(struct chassis *c, const json_t *dps)
{
	json_t *sws = json_object_get(c->model, "logical_switches");
	json_t *olds = json_array(), *news = json_array(), *skipped = json_array(), *v;
	struct xovn_delta_effect eff;
	const char *uuid;
	int rc = -1;

	json_object_foreach((json_t *)dps, uuid, v) {
		int at = switch_index(sws, uuid);
		json_t *sw = at < 0 ? NULL : sb_model_switch(&c->sb->sb, uuid, skipped);

		if (!sw)
			goto out;   /* a new or vanished switch: build the model whole */
		json_array_append(olds, json_array_get(sws, (size_t)at));
		json_array_append_new(news, sw);
	}
	if (sb_model_check_switches(c->model, news) < 0)
		goto out;   /* the whole build leaves out what is refused */
	for (size_t i = 0; i < json_array_size(news); i++) {
		json_t *sw = json_array_get(news, i);

		json_array_set(sws, (size_t)switch_index(sws, json_string_value(
					    json_object_get(sw, "_uuid"))), sw);
	}
	json_object_set_new(c->model, "generation", json_integer(++c->ovn_generation));
	c->ovn_nb_cfg_built = ovn_sb_nb_cfg(c->sb);
	eff = (struct xovn_delta_effect){ .old_switches = olds, .new_switches = news };
	if (chassis_apply_delta(c, &eff) == 0)
		c->ovn_nb_cfg_applied = c->ovn_nb_cfg_built;
	rc = 0;
out:
	json_decref(olds);
	json_decref(news);
	json_decref(skipped);
	return rc;
}
