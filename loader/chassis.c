// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis.c - load and validate the model, then one path for every
 * change: compile (chassis_compile.c) -> reconcile the maps (reconcile.c)
 * -> bring the host along (attachments, neighbours, VIF MTUs) from the
 * facts the compile result carries.
 *
 * A refused model or a refused compile result leaves the maps exactly as
 * they were, and the host follows the last result written.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attach_state.h"
#include "fsutil.h"
#include "iface.h"
#include "log.h"
#include "model/facts.h"
#include "model/incomplete.h"
#include "model/model.h"
#include "remote.h"
#include "underlay_xdp.h"
#include "vif_mtu.h"
#include "chassis.h"

int chassis_start_begin(struct chassis *c, const struct xovnd_options *opt)
{
	memset(c, 0, sizeof(*c));
	c->opt = opt;
	c->state_fd = -1;
	xovn_mapset_init(&c->rec.applied);
	remotes_init(&c->remotes);
	if (strncmp(opt->pin_dir, "/sys/fs/bpf/", 12) == 0 && fs_ensure_bpffs() < 0)
		return -1;
	if (fs_mkdir_p(opt->pin_dir) < 0) {
		log_info("cannot create the pin dir %s: %s", opt->pin_dir, strerror(errno));
		return -1;
	}
	if (datapath_load_begin(&c->dp, opt->pin_dir, opt->underlay_xdp) < 0)
		return -1;
	/* The maps are there: what they hold can be read while the programs are verified. */
	remotes_follow_hops(&c->remotes, c->dp.map_fds[XOVN_MAP_REMOTE_HOPS]);
	if (reconcile_init(&c->rec, c->dp.map_fds, opt->verbose) < 0)
		return -1;
	c->n_in_place = c->rec.applied.n;
	return 0;
}

int chassis_start_end(struct chassis *c)
{
	const struct xovnd_options *opt = c->opt;

	if (datapath_load_end(&c->dp, opt->pin_dir) < 0)
		return -1;
	c->state_fd = attach_state_open(opt->pin_dir, 1);
	if (c->state_fd < 0 ||
	    attachments_init(&c->att, c->state_fd, c->dp.vif_prog_fd, c->dp.underlay_prog_fd) < 0)
		return -1;
	log_info("datapath %s in %s (%zu entr%s in place)", c->dp.reused ? "reused" : "created",
		 opt->pin_dir, c->n_in_place, c->n_in_place == 1 ? "y" : "ies");
	return 0;
}

int chassis_start(struct chassis *c, const struct xovnd_options *opt)
{
	if (chassis_start_begin(c, opt) < 0)
		return -1;
	return chassis_start_end(c);
}

void chassis_stop(struct chassis *c)
{
	if (c->has_first)
		xovn_compile_result_free(&c->first);
	c->has_first = c->first_written = 0;
	if (c->state_fd >= 0)
		close(c->state_fd);
	/* Before the map fds go: it empties the next hops. */
	remotes_free(&c->remotes);
	datapath_close(&c->dp);
	reconcile_free(&c->rec);
	chassis_forget_model(c);
	json_decref(c->ovn_skipped);
	c->ovn_skipped = NULL;
}

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

long long chassis_generation(const struct chassis *c)
{
	return xovn_model_generation(c->model);
}

static int stat_journal(const struct chassis *c, struct stat *st)
{
	char path[4096];

	return xovn_journal_path(c->opt->db, path, sizeof(path)) == 0 && stat(path, st) == 0;
}

void chassis_remember_db_stat(struct chassis *c)
{
	c->have_db_stat = stat(c->opt->db, &c->db_stat) == 0;
	c->have_journal_stat = stat_journal(c, &c->journal_stat);
}

static int file_changed(int had, const struct stat *was, int exists, const struct stat *st)
{
	if (exists != had)
		return 1;
	return exists && (st->st_ino != was->st_ino || st->st_size != was->st_size ||
			  st->st_mtim.tv_sec != was->st_mtim.tv_sec ||
			  st->st_mtim.tv_nsec != was->st_mtim.tv_nsec);
}

/* The db file, or the records appended on it (a big db's writes). */
int chassis_db_changed(const struct chassis *c)
{
	struct stat st, jst;
	int exists = stat(c->opt->db, &st) == 0, journal = stat_journal(c, &jst);

	return file_changed(c->have_db_stat, &c->db_stat, exists, &st) ||
	       file_changed(c->have_journal_stat, &c->journal_stat, journal, &jst);
}

static void log_refusal(const struct chassis *c, const struct xovn_errors *errs)
{
	const char *plural = errs->n == 1 ? "" : "s";

	if (c->model)
		log_info("refusing %s (%zu error%s); keeping generation %lld in force",
			 c->opt->db, errs->n, plural, xovn_model_generation(c->model));
	else
		log_info("refusing %s (%zu error%s); no model in force yet, the maps stay as they are",
			 c->opt->db, errs->n, plural);
	xovn_errors_print(errs, log_prefix(), stderr);
}

int chassis_reload(struct chassis *c)
{
	struct xovn_file_id before, after, state = { 0 };
	struct xovn_inactive_list inactive;
	struct xovn_model *typed = NULL;
	struct xovn_errors errs;
	json_t *model;
	int rc = 1, same_file;

	chassis_remember_db_stat(c);
	same_file = xovn_file_id_of(c->opt->db, &before) == 0;
	xovn_errors_init(&errs);
	xovn_inactive_init(&inactive);
	if (c->sb) {
		model = chassis_ovn_model(c, &errs);
		same_file = 0;   /* no journal in this mode: every change is a rebuild */
	} else {
		model = xovn_model_load_state(c->opt->db, 1, &errs, &state);
	}
	/*
	 * Unchanged across the read: the model is exactly that file and the
	 * records appended on it, journal records may follow it.
	 */
	same_file = same_file && xovn_file_id_of(c->opt->db, &after) == 0 &&
		    xovn_file_id_equal(&before, &after) && xovn_file_id_same_file(&before, &state);
	/*
	 * An SB model is validated while it is built (rows refused are left
	 * out).  A db's validation reads it typed and lists what is
	 * incomplete: both are kept for setting the model in force, so it is
	 * read once.
	 */
	if (model && !c->sb && xovn_model_validate_typed(model, &errs, &inactive, &typed) > 0) {
		json_decref(model);
		model = NULL;
	}
	if (!model) {
		log_refusal(c, &errs);
		rc = -1;
	} else {
		chassis_forget_model(c);
		c->model = model;
		c->db_id = state;
		c->db_id_known = same_file;
		log_debug("read generation %lld from %s", xovn_model_generation(model), c->opt->db);
		if (chassis_set_active_read(c, c->sb ? NULL : &inactive, typed) < 0) {
			chassis_forget_model(c);
			rc = -1;
		}
	}
	xovn_inactive_free(&inactive);
	xovn_errors_free(&errs);
	return rc;
}

/* Programs where the last result written wants them. */
static int sync_attachments(struct chassis *c, const struct iface_table *links)
{
	const struct xovn_host_facts *f = &c->rec.facts;
	int failures;

	failures = attachments_sync(&c->att, f->attach, f->n_attach, links);
	/* Without --underlay-xdp a guard left by an earlier xovnd is removed. */
	failures += underlay_xdp_sync(f->attach, f->n_attach,
				      c->opt->underlay_xdp ? c->dp.underlay_xdp_prog_fd : -1) < 0;
	return failures ? -1 : 0;
}

/* Neighbours and VIF MTUs follow the last result written, refused or not. */
static void sync_chassis_facts(struct chassis *c)
{
	const struct xovn_host_facts *f = &c->rec.facts;

	if (!c->rec.has_chassis_facts)
		return;
	remotes_sync(&c->remotes, f->remote_ips, f->n_remote_ips, &c->rec.applied);
	vif_mtu_sync(f->vifs, f->n_vifs, &c->rec.applied);
}

static double ms_since(struct timespec t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0.tv_sec) * 1e3 + (t.tv_nsec - t0.tv_nsec) / 1e6;
}

/* The namespace's interfaces, or NULL: the resolver then asks for each. */
static struct iface_table *load_links(struct iface_table *table, int say_why)
{
	if (iface_table_load(table) == 0)
		return table;
	if (say_why)
		log_info("cannot list the interfaces (%s); asking for each", strerror(errno));
	return NULL;
}

/*
 * compile -> reconcile -> attachments.  Maps first: a newly attached
 * interface must find its entries.  A refused result changes nothing,
 * attachments included.  *attach_rc is -1 when an attachment failed.
 */
static int compile_and_write(struct chassis *c, const struct xovn_switch_change *chg,
			     struct iface_table *links, int *attach_rc)
{
	struct xovn_compile_result res;
	struct timespec t0;
	int rc, written = 0;
	uint32_t gen = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	xovn_compile_result_init(&res);
	if (!chg && c->has_first) {
		/* Compiled, maybe written, while the programs were verified (chassis_compile_first). */
		res = c->first;
		rc = c->first_rc;
		written = c->first_written;
		gen = c->first_generation;
		c->has_first = c->first_written = 0;
		xovn_compile_result_init(&c->first);
	} else {
		rc = chassis_compile(c, chg, links, &res);
	}
	if (rc == 0 && !written) {
		if (res.has_attach)
			gen = reconcile_hold_generation(&c->rec, &res);
		rc = reconcile_step(&c->rec, &res, chassis_generation(c));
	} else if (written) {
		reconcile_log_held(&c->rec);
	}
	if (rc == 0 && chg)
		log_debug("journal: compiled, written and recorded in %.2f ms", ms_since(t0));
	if (rc == 0 && res.has_attach) {
		*attach_rc = sync_attachments(c, links);
		reconcile_publish_generation(&c->rec, gen);
	}
	xovn_compile_result_free(&res);
	return rc;
}

/* For everything (chg NULL) or for the switches chg changed. */
static int apply_step(struct chassis *c, const struct xovn_switch_change *chg)
{
	struct iface_table table, *links;
	int rc, attach_rc = 0;

	if (!c->model)
		return -1;
	/* One look at the namespace's interfaces serves the compile and the attachments. */
	links = load_links(&table, !chg);
	rc = compile_and_write(c, chg, links, &attach_rc);
	if (links)
		iface_table_free(links);
	if (chg)
		return rc;   /* the chassis rows did not change: nothing more to follow */
	if (rc == 0)
		rc = attach_rc;
	sync_chassis_facts(c);
	/* With --once no change follows that could be compiled alone. */
	if (rc == 0 && !c->opt->once)
		chassis_compile_index(c);
	return rc;
}

int chassis_compile_first(struct chassis *c)
{
	struct iface_table table, *links;

	if (!c->model || c->has_first)
		return -1;
	links = load_links(&table, 1);
	xovn_compile_result_init(&c->first);
	c->first_rc = chassis_compile(c, NULL, links, &c->first);
	c->has_first = 1;
	/*
	 * Maps this start created are read by no program yet: they are written
	 * now, while the verifier runs.  Maps in use (a restart) are written
	 * only once the new programs are there, as on every apply.
	 */
	if (c->first_rc == 0 && !c->dp.reused) {
		if (c->first.has_attach)
			c->first_generation = reconcile_hold_generation(&c->rec, &c->first);
		c->rec.hold_log = 1;
		c->first_rc = reconcile_step(&c->rec, &c->first, chassis_generation(c));
		c->rec.hold_log = 0;
		c->first_written = c->first_rc == 0;
	}
	if (links)
		iface_table_free(links);
	return c->first_rc;
}

int chassis_apply(struct chassis *c)
{
	return apply_step(c, NULL);
}

int chassis_apply_switches(struct chassis *c, const struct xovn_switch_change *chg)
{
	return apply_step(c, chg);
}
