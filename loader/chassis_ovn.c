// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_ovn.c - the chassis' model when it comes from OVN's Southbound
 * database: the SB replica plus this chassis' row of the local file (--db),
 * and what the chassis writes back once its maps hold it.
 */
#include <string.h>
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
	model = sb_model_build(&c->sb->sb, local, ++c->ovn_generation, skipped);
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
