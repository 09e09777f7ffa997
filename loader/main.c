// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * main.c - xovnd, the per-chassis loader daemon.
 *
 * Loads the datapath with its maps pinned under the pin dir, attaches it to
 * the chassis' interfaces and keeps the maps equal to the model, reacting to
 * db edits (inotify), interfaces coming and going (rtnetlink) and signals.
 *
 * Lifetime: the datapath outlives the daemon.  SIGTERM/SIGINT end xovnd but
 * leave the programs attached and the maps pinned, so traffic keeps flowing
 * and the next xovnd picks up where this one stopped (it reuses the pinned
 * maps, diffs against what they hold, and replaces the programs in place).
 * Only `xovnd --cleanup` takes the datapath down.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "bfd.h"
#include "chassis.h"
#include "cleanup.h"
#include "events.h"
#include "util/heap.h"
#include "log.h"
#include "neigh_age.h"
#include "ra_periodic.h"
#include "metrics.h"
#include "model/facts.h"
#include "model_out.h"
#include "options.h"
#include "ovn_nb.h"
#include "route_exchange.h"

/* Milliseconds on the monotonic clock, for the phase timings of -v. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * "phase NAME MS ms" at -v: where the time of a start goes (bench/control.sh
 * collects these lines for the control-plane benchmark).  Returns now.
 */
static double log_phase(const char *name, double since)
{
	double t = now_ms();

	log_debug("phase %s %.1f ms", name, t - since);
	return t;
}

/* The safety net: rescan even if an event was missed. */
#define POLL_TIMEOUT_MS 1000

static void handle_events(struct chassis *c, int bits)
{
	int reload = bits & (EV_DB_CHANGED | EV_RELOAD);

	if ((bits & EV_TIMEOUT) && chassis_db_changed(c))
		reload = EV_DB_CHANGED;
	if (bits & EV_RELOAD)
		log_info("SIGHUP: reloading %s", c->opt->db);
	/* A write by xovnctl is applied from its journal record when the record fits. */
	else if (reload && chassis_follow_journal(c) > 0) {
		if (bits & EV_LINKS)
			chassis_apply(c);
		return;
	}
	if (reload && chassis_reload(c) <= 0)
		reload = 0; /* refused: the model in force stays, nothing to do */
	if (reload || (bits & EV_LINKS))
		chassis_apply(c);
}

/* The OVN sessions (NULL when not used) and what follows the model in force. */
struct run_state {
	struct ovn_nb *nb;
	struct model_out out;
	int routes_note_logged;
	uint64_t neigh_aged_ns;      /* last aging of learned neighbours */
	struct ra_periodic ra;       /* periodic router advertisements */
	struct route_exchange rx;    /* the routing tables of the routers advertised here */
	struct bfd *bfd;             /* NULL with --once or when it could not start */
	unsigned long bfd_reads;     /* the typed model BFD last followed */
	uint64_t nat_aged_ns;        /* last aging of NAT connections */
	const struct xovn_nat_timeouts *nat_timeouts;
};

/*
 * BFD follows the model in force (its sessions) and the model follows BFD:
 * a chassis going down or coming back is a whole compile, so every map
 * that depends on the active gateway changes.
 */
static void bfd_step(struct chassis *c, struct run_state *rs)
{
	if (!rs->bfd)
		return;
	if (c->typed_reads != rs->bfd_reads) {
		bfd_sync(rs->bfd, c->typed, c->opt->chassis);
		rs->bfd_reads = c->typed_reads;
	}
	if (bfd_run(rs->bfd) > 0 && c->model) {
		chassis_forget_typed(c);
		chassis_apply(c);
	}
}

/* Without the NB a router has only its connected networks, no NAT: say so once. */
static void note_routes_source(const struct chassis *c, struct run_state *rs)
{
	if (rs->nb || rs->routes_note_logged || !c->model ||
	    !xovn_model_has_routers(c->model))
		return;
	log_info("OVN: logical routers have their connected networks only; their static "
		 "routes are in OVN's Northbound database, as are their NAT rules: "
		 "--ovn-nb-remote");
	rs->routes_note_logged = 1;
}

/*
 * The OVN-database mode: a change of the SB replica, of the NB's routes or
 * of the local file rebuilds the model; what the maps then hold is
 * reported back to the SB.
 */
static void handle_ovn_events(struct chassis *c, struct run_state *rs, int bits)
{
	int local = (bits & (EV_DB_CHANGED | EV_RELOAD)) ||
		    ((bits & EV_TIMEOUT) && chassis_db_changed(c));
	int rebuild = local || (rs->nb && ovn_nb_run(rs->nb) > 0);
	double t0 = now_ms();

	if (ovn_sb_run(c->sb) > 0) {
		json_t *dps;
		int full = ovn_sb_take_changes(c->sb, &dps);

		/* Ports changed within their switches: just those switches. */
		if (!full && !rebuild && c->model)
			rebuild = chassis_ovn_update_switches(c, dps) < 0;
		else
			rebuild = 1;
		json_decref(dps);
		if (!rebuild)
			log_debug("OVN SB: switches updated in %.1f ms", now_ms() - t0);
	}
	if (rebuild && chassis_reload(c) > 0) {
		double t1 = now_ms();

		if (chassis_apply(c) == 0)
			c->ovn_nb_cfg_applied = c->ovn_nb_cfg_built;
		log_debug("OVN SB: model built in %.1f ms, applied in %.1f ms", t1 - t0,
			  now_ms() - t1);
		note_routes_source(c, rs);
	} else {
		if (bits & EV_LINKS)
			chassis_apply(c);
		/*
		 * Nothing the model is built from changed since the last build:
		 * the maps already hold what the newest nb_cfg asks for.
		 */
		if (c->ovn_nb_cfg_applied == c->ovn_nb_cfg_built && c->model &&
		    ovn_sb_synced(c->sb))
			c->ovn_nb_cfg_applied = c->ovn_nb_cfg_built = ovn_sb_nb_cfg(c->sb);
	}
	chassis_ovn_write_rows(c);
}

static int run_loop(struct chassis *c, struct events *ev, struct run_state *rs)
{
	for (;;) {
		int bits;

		bfd_step(c, rs);
		if (c->sb)
			ev->extra_fd[0] = ovn_sb_fd(c->sb, &ev->extra_write[0]);
		if (rs->nb)
			ev->extra_fd[1] = ovn_nb_fd(rs->nb, &ev->extra_write[1]);
		ev->extra_fd[2] = rs->bfd ? bfd_fd(rs->bfd) : -1;
		ev->route_fd = route_exchange_fd(&rs->rx);
		ev->hops_fd = remotes_hops_fd(&c->remotes);
		bits = events_wait(ev, rs->bfd ? bfd_wait_ms(rs->bfd, POLL_TIMEOUT_MS) :
					 POLL_TIMEOUT_MS);
		if (bits & EV_STOP) {
			log_info("stopping; the datapath keeps running (xovnd --cleanup removes it)");
			return 0;
		}
		/* First: an entry the kernel's change made stale must go now. */
		if (bits & EV_HOPS)
			remotes_underlay_changed(&c->remotes);
		if (c->sb)
			handle_ovn_events(c, rs, bits);
		else
			handle_events(c, bits);
		if (bits & EV_ROUTES)
			route_exchange_drain(&rs->rx);
		route_exchange_run(&rs->rx, c);
		model_out_update(&rs->out, c->model);
		neigh_age_run(c, &rs->neigh_aged_ns);
		ra_periodic_run(c, &rs->ra);
		nat_age_run(c, rs->nat_timeouts, &rs->nat_aged_ns);
	}
}

/*
 * Waits (bounded) for the first SB contents, and the NB's when it is
 * used, so the first apply is not of an empty model.
 */
static void ovn_first_sync(struct ovn_sb *sb, struct ovn_nb *nb)
{
	for (int i = 0; i < 50 && !(ovn_sb_synced(sb) && (!nb || nb->session.synced)); i++) {
		ovn_sb_run(sb);
		if (nb)
			ovn_nb_run(nb);
		if (!(ovn_sb_synced(sb) && (!nb || nb->session.synced)))
			usleep(100 * 1000);
	}
	sb->changed = 0;
	if (nb)
		nb->changed = 0;
}

/* --ovn-remote and --ovn-nb-remote: the sessions, then the first contents.  0 ok, -1 exit. */
static int ovn_start(struct chassis *c, const struct xovnd_options *opt, struct ovn_sb *sb,
		     struct ovn_nb *nb, struct run_state *rs)
{
	if (ovn_sb_init(sb, opt->ovn_remote) < 0)
		return -1;
	c->sb = sb;
	c->ovn_nb_cfg_applied = -1;
	if (opt->ovn_nb_remote[0]) {
		if (ovn_nb_init(nb, opt->ovn_nb_remote) < 0)
			return -1;
		rs->nb = nb;
		sb->nb = &nb->nb;
	}
	ovn_first_sync(sb, rs->nb);
	if (rs->nb && !nb->session.synced)
		log_info("OVN NB not reachable yet; routers have no static routes until it is");
	return 0;
}

/* The endpoint is bound before the datapath is touched: a bad address changes nothing. */
static int start_metrics(const struct xovnd_options *opt, struct metrics **m)
{
	char err[256];

	*m = NULL;
	if (!opt->metrics[0] || opt->once)
		return 0;
	*m = metrics_start(opt->metrics, opt->chassis, opt->pin_dir, opt->db, err, sizeof(err));
	if (!*m)
		log_info("%s", err);
	return *m ? 0 : -1;
}

/*
 * From a file, the model is read, validated and compiled while the kernel
 * verifies the programs: a start then takes the longer of the two, not
 * their sum.  Nothing is written before the start ends, so a refused
 * model leaves the maps and attachments as they were.  Returns what
 * chassis_reload did (1 accepted, -1 refused) or 0 when nothing was read
 * (the OVN mode reads after the start).
 */
static int read_while_loading(struct chassis *c, double t0)
{
	int rc;

	if (c->opt->ovn_remote[0])
		return 0;
	rc = chassis_reload(c);
	t0 = log_phase("reload", t0);   /* read, parse, validate */
	if (rc > 0) {
		chassis_compile_first(c);
		log_phase("compile", t0);   /* compile, and the writes when the maps are new */
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct metrics *metrics;
	struct xovnd_options opt;
	struct chassis c;
	struct events ev;
	struct run_state rs = { .out.path = NULL };
	struct ovn_sb sb;
	struct ovn_nb nb;
	struct bfd bfd;
	double t0, t;
	int rc, loaded = 0;

	xovn_heap_use_huge_pages();
	rc = options_parse(argc, argv, &opt);
	if (rc != 0)
		return rc > 0 ? 0 : 1;
	log_init(opt.chassis, opt.verbose);
	if (opt.cleanup)
		return cleanup_run(opt.pin_dir);

	/*
	 * Watch before the first read, so an edit in between is not missed;
	 * this also blocks SIGTERM, which then waits for a clean stop.
	 */
	if (!opt.once && events_open(&ev, opt.db) < 0)
		return 1;
	if (start_metrics(&opt, &metrics) < 0) {
		if (!opt.once)
			events_close(&ev);
		return 1;
	}
	t0 = t = now_ms();
	rc = chassis_start_begin(&c, &opt);
	if (rc == 0) {
		loaded = read_while_loading(&c, t0);
		rc = chassis_start_end(&c);
	}
	if (rc < 0) {
		metrics_stop(metrics);
		chassis_stop(&c);
		if (!opt.once)
			events_close(&ev);
		return 1;
	}
	/*
	 * start: BPF load and verification (timed in datapath.c too), pins, map
	 * read-back; with the model's read and compile in between.
	 */
	t = log_phase("start", t);
	/* Without its record BFD cannot be shown: xovnd runs on without it. */
	if (!opt.once && bfd_open(&bfd, &opt) == 0)
		c.bfd = rs.bfd = &bfd;
	rc = 0;
	rs.out.path = opt.model_out;
	rs.nat_timeouts = &opt.nat_timeouts;
	if (opt.ovn_remote[0] && ovn_start(&c, &opt, &sb, &nb, &rs) < 0) {
		if (rs.nb)
			ovn_nb_free(&nb);
		if (c.sb)
			ovn_sb_free(&sb);
		metrics_stop(metrics);
		chassis_stop(&c);
		if (!opt.once)
			events_close(&ev);
		return 1;
	}
	if (c.sb && !ovn_sb_synced(&sb)) {
		log_info("OVN SB not reachable yet; the maps stay as they are until it is");
	} else if ((loaded ? loaded : chassis_reload(&c)) > 0) {
		if (!loaded)
			t = log_phase("reload", t);   /* read, parse, validate */
		rc = chassis_apply(&c) < 0;
		/* compile (unless made during the start), diff, map writes, attachments */
		log_phase("apply", t);
		if (c.sb && rc == 0)
			c.ovn_nb_cfg_applied = c.ovn_nb_cfg_built;
		if (c.sb)
			note_routes_source(&c, &rs);
	} else {
		rc = 1;
	}
	model_out_update(&rs.out, c.model);
	log_phase("total", t0);
	if (!opt.once) {
		ra_periodic_init(&rs.ra);
		route_exchange_open(&rs.rx);
		route_exchange_run(&rs.rx, &c);
		rc = run_loop(&c, &ev, &rs);
		route_exchange_close(&rs.rx);
		ra_periodic_free(&rs.ra);
		events_close(&ev);
	}
	if (c.sb) {
		if (opt.once)
			chassis_ovn_write_rows(&c);
		ovn_sb_free(&sb);
	}
	if (rs.nb)
		ovn_nb_free(&nb);
	model_out_free(&rs.out);
	metrics_stop(metrics);
	if (rs.bfd)
		bfd_close(rs.bfd);
	t = now_ms();
	chassis_stop(&c);
	log_phase("stop", t);   /* the model and the objects freed; the process exit follows */
	return rc;
}
