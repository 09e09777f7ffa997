// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis.c - load, validate, compile, diff, apply.
 *
 * The maps are never flushed: the compile result is diffed against what
 * the maps hold and only the difference is written, so traffic between
 * ports that did not change never sees a map change.  A refused model or
 * a failed compile leaves the maps exactly as they were.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attach_state.h"
#include "compile/compile.h"
#include "fsutil.h"
#include "iface.h"
#include "log.h"
#include "dataplane/map_apply.h"
#include "map_dump.h"
#include "model/model.h"
#include "remote.h"
#include "dataplane/slots.h"
#include "underlay_xdp.h"
#include "vif_mtu.h"
#include "chassis.h"

int chassis_start(struct chassis *c, const struct xovnd_options *opt)
{
	memset(c, 0, sizeof(*c));
	c->opt = opt;
	c->state_fd = -1;
	xovn_mapset_init(&c->applied);
	remotes_init(&c->remotes);
	if (strncmp(opt->pin_dir, "/sys/fs/bpf/", 12) == 0 && fs_ensure_bpffs() < 0)
		return -1;
	if (fs_mkdir_p(opt->pin_dir) < 0) {
		log_info("cannot create the pin dir %s: %s", opt->pin_dir, strerror(errno));
		return -1;
	}
	if (datapath_load(&c->dp, opt->pin_dir) < 0)
		return -1;
	c->state_fd = attach_state_open(opt->pin_dir, 1);
	if (c->state_fd < 0 ||
	    attachments_init(&c->att, c->state_fd, c->dp.vif_prog_fd, c->dp.underlay_prog_fd) < 0 ||
	    map_dump_all(c->dp.map_fds, &c->applied) < 0)
		return -1;
	log_info("datapath %s in %s (%zu entr%s in place)", c->dp.reused ? "reused" : "created",
		 opt->pin_dir, c->applied.n, c->applied.n == 1 ? "y" : "ies");
	return 0;
}

void chassis_stop(struct chassis *c)
{
	if (c->state_fd >= 0)
		close(c->state_fd);
	datapath_close(&c->dp);
	xovn_mapset_free(&c->applied);
	remotes_free(&c->remotes);
	chassis_forget_model(c);
	json_decref(c->ovn_skipped);
	c->ovn_skipped = NULL;
}

/* Drops the model in force and everything derived from it. */
void chassis_forget_model(struct chassis *c)
{
	chassis_forget_typed(c);
	json_decref(c->active);
	c->active = NULL;
	json_decref(c->model);
	c->model = NULL;
	c->n_inactive = 0;
	c->db_id_known = 0;
}

static long long generation_of(const json_t *model)
{
	return json_integer_value(json_object_get(model, "generation"));
}

long long chassis_generation(const struct chassis *c)
{
	return generation_of(c->model);
}

static void remember_db_stat(struct chassis *c)
{
	c->have_db_stat = stat(c->opt->db, &c->db_stat) == 0;
}

int chassis_db_changed(const struct chassis *c)
{
	struct stat st;
	int exists = stat(c->opt->db, &st) == 0;

	if (exists != c->have_db_stat)
		return 1;
	return exists && (st.st_ino != c->db_stat.st_ino || st.st_size != c->db_stat.st_size ||
			  st.st_mtim.tv_sec != c->db_stat.st_mtim.tv_sec ||
			  st.st_mtim.tv_nsec != c->db_stat.st_mtim.tv_nsec);
}

static void log_refusal(const struct chassis *c, const struct xovn_errors *errs)
{
	const char *plural = errs->n == 1 ? "" : "s";

	if (c->model)
		log_info("refusing %s (%zu error%s); keeping generation %lld in force",
			 c->opt->db, errs->n, plural, generation_of(c->model));
	else
		log_info("refusing %s (%zu error%s); no model in force yet, the maps stay as they are",
			 c->opt->db, errs->n, plural);
	xovn_errors_print(errs, log_prefix(), stderr);
}

int chassis_reload(struct chassis *c)
{
	struct xovn_file_id before, after;
	struct xovn_errors errs;
	json_t *model;
	int rc = 1, same_file;

	remember_db_stat(c);
	same_file = xovn_file_id_of(c->opt->db, &before) == 0;
	xovn_errors_init(&errs);
	if (c->sb) {
		model = chassis_ovn_model(c, &errs);
		same_file = 0;   /* no journal in this mode: every change is a rebuild */
	} else {
		model = xovn_model_load(c->opt->db, 1, &errs);
	}
	/* Unchanged across the read: the model is exactly that file, journal records may follow it. */
	same_file = same_file && xovn_file_id_of(c->opt->db, &after) == 0 &&
		    xovn_file_id_equal(&before, &after);
	/* An SB model is validated while it is built (rows refused are left out). */
	if (model && !c->sb && xovn_model_validate(model, &errs) > 0) {
		json_decref(model);
		model = NULL;
	}
	if (!model) {
		log_refusal(c, &errs);
		rc = -1;
	} else {
		chassis_forget_model(c);
		c->model = model;
		c->db_id = before;
		c->db_id_known = same_file;
		log_debug("read generation %lld from %s", generation_of(model), c->opt->db);
		if (chassis_set_active(c) < 0) {
			chassis_forget_model(c);
			rc = -1;
		}
	}
	xovn_errors_free(&errs);
	return rc;
}

int chassis_sync_attachments(struct chassis *c, const struct iface_table *links)
{
	const struct xovn_model *typed = chassis_typed(c);
	struct xovn_attach *want;
	size_t n;
	int failures;

	if (!typed || xovn_compile_attachments(typed, c->opt->chassis, &want, &n) < 0) {
		log_info("no attachments: chassis %s is not in the model", c->opt->chassis);
		return -1;
	}
	failures = attachments_sync(&c->att, want, n, links);
	/* Without --underlay-xdp a guard left by an earlier xovnd is removed. */
	failures += underlay_xdp_sync(want, n,
				      c->opt->underlay_xdp ? c->dp.underlay_xdp_prog_fd : -1) < 0;
	free(want);
	return failures ? -1 : 0;
}

/* After a failed write the maps hold something in between: read them back. */
void chassis_resync_applied(struct chassis *c)
{
	xovn_mapset_free(&c->applied);
	if (map_dump_all(c->dp.map_fds, &c->applied) < 0)
		log_info("cannot read the maps back; the next apply may rewrite entries");
}

static int write_difference(struct chassis *c, struct xovn_mapset *next)
{
	struct xovn_mapset up, del;
	char err[256];
	int rc = 0;

	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	if (xovn_slots_assign(&c->applied, next) < 0) {
		log_info("refusing generation %lld: no counter slot left for every port",
			 generation_of(c->model));
		rc = -1;
	} else if (xovn_mapset_diff(&c->applied, next, &up, &del) < 0) {
		log_info("out of memory computing the difference");
		rc = -1;
	} else if (xovn_map_apply(c->dp.map_fds, &up, &del, err, sizeof(err)) < 0) {
		log_info("refusing generation %lld: map write failed: %s",
			 generation_of(c->model), err);
		chassis_resync_applied(c);
		rc = -1;
	} else {
		/* The first apply is always reported: it says what a restart changed. */
		if (up.n || del.n || c->opt->verbose || !c->applied_once)
			log_info("applied generation %lld: +%zu -%zu entries",
				 generation_of(c->model), up.n, del.n);
		c->applied_once = 1;
		xovn_mapset_free(&c->applied);
		c->applied = *next;
		xovn_mapset_init(next);
	}
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	return rc;
}

static int compile_and_write(struct chassis *c, struct iface_table *links)
{
	const struct xovn_model *typed = chassis_typed(c);
	struct xovn_mapset next;
	char err[512] = "out of memory reading the model";
	int rc;

	xovn_mapset_init(&next);
	if (!typed || xovn_compile(typed, c->opt->chassis, iface_resolve, links, &next, err,
				   sizeof(err)) < 0) {
		/* Link events retry the same compile: say it once, not every time. */
		if (strcmp(err, c->last_refusal) != 0)
			log_info("refusing generation %lld: %s", generation_of(c->model), err);
		snprintf(c->last_refusal, sizeof(c->last_refusal), "%s", err);
		return -1;
	}
	c->last_refusal[0] = '\0';
	rc = write_difference(c, &next);
	xovn_mapset_free(&next);
	return rc;
}

/* Indexes for the journal's incremental compiles; without them xovnd compiles everything. */
static void build_compile_state(struct chassis *c)
{
	char err[256];

	c->cstate = xovn_compile_state_new(c->typed, c->opt->chassis, err, sizeof(err));
	if (!c->cstate)
		log_debug("no incremental compiles for now: %s", err);
}

int chassis_apply(struct chassis *c)
{
	struct iface_table table, *links = &table;
	int rc;

	if (!c->model)
		return -1;
	/* One look at the namespace's interfaces serves the compile and the attachments. */
	if (iface_table_load(&table) < 0) {
		log_info("cannot list the interfaces (%s); asking for each", strerror(errno));
		links = NULL;
	}
	/*
	 * Maps first: a newly attached interface must find its entries.  A
	 * refused compile changes nothing, attachments included.
	 */
	rc = compile_and_write(c, links);
	if (rc == 0 && chassis_sync_attachments(c, links) < 0)
		rc = -1;
	if (links)
		iface_table_free(links);
	remotes_sync(&c->remotes, c->active, c->opt->chassis, &c->applied);
	vif_mtu_sync(c->active, c->opt->chassis, &c->applied);
	if (rc == 0 && !c->cstate)
		build_compile_state(c);
	return rc;
}
