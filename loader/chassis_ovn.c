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
#include "ovsdb/sb_update.h"

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

/*
 * The distributed gateway ports this chassis is the active gateway of in
 * the model in force ({"LRP": true}), chosen as the maps were compiled:
 * priorities, with BFD's liveness.
 */
static json_t *gateways_held(struct chassis *c)
{
	const struct xovn_model *m = chassis_typed(c);
	json_t *held = json_object();

	for (size_t i = 0; m && i < m->n_routers; i++) {
		for (size_t j = 0; j < m->routers[i].n_ports; j++) {
			const struct xovn_lrp *lrp = &m->routers[i].ports[j];
			const char *active = xovn_model_active_gateway(m, lrp);

			if (active && strcmp(active, c->opt->chassis) == 0)
				json_object_set_new(held, lrp->name, json_true());
		}
	}
	return held;
}

void chassis_ovn_write_rows(struct chassis *c)
{
	const json_t *local = c->model ? xovn_find_chassis(c->model, c->opt->chassis) : NULL;
	char host[256] = "";
	struct sb_chassis_want want = { 0 };
	json_t *gateways;

	if (!local)
		return;
	gethostname(host, sizeof(host) - 1);
	want.name = c->opt->chassis;
	want.hostname = host;
	want.nb_cfg = c->ovn_nb_cfg_applied;
	want.gateways = gateways = gateways_held(c);
	if (sb_chassis_want_local(&want, local) == 0)
		ovn_sb_write_rows(c->sb, &want);
	json_decref(gateways);
}

int chassis_ovn_update_switches(struct chassis *c, const json_t *dps)
{
	struct xovn_delta_effect eff;

	if (sb_model_update_switches(&c->sb->sb, c->model, dps, c->ovn_generation + 1, &eff) < 0)
		return -1;   /* build the model whole */
	c->ovn_generation++;
	c->ovn_nb_cfg_built = ovn_sb_nb_cfg(c->sb);
	if (chassis_apply_delta(c, &eff) == 0)
		c->ovn_nb_cfg_applied = c->ovn_nb_cfg_built;
	xovn_delta_effect_free(&eff);
	return 0;
}
