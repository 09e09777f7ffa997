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

#include "chassis.h"
#include "cleanup.h"
#include "events.h"
#include "util/heap.h"
#include "log.h"
#include "metrics.h"
#include "options.h"

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

static int run_loop(struct chassis *c, struct events *ev)
{
	for (;;) {
		int bits = events_wait(ev, POLL_TIMEOUT_MS);

		if (bits & EV_STOP) {
			log_info("stopping; the datapath keeps running (xovnd --cleanup removes it)");
			return 0;
		}
		handle_events(c, bits);
	}
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

int main(int argc, char **argv)
{
	struct metrics *metrics;
	struct xovnd_options opt;
	struct chassis c;
	struct events ev;
	double t0, t;
	int rc;

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
	if (chassis_start(&c, &opt) < 0) {
		metrics_stop(metrics);
		chassis_stop(&c);
		if (!opt.once)
			events_close(&ev);
		return 1;
	}
	/* start: BPF load and verification (timed in datapath.c too), pins, map read-back. */
	t = log_phase("start", t);
	rc = 0;
	if (chassis_reload(&c) > 0) {
		t = log_phase("reload", t);   /* read, parse, validate */
		rc = chassis_apply(&c) < 0;
		log_phase("apply", t);        /* compile, diff, map writes, attachments */
	} else {
		rc = 1;
	}
	log_phase("total", t0);
	if (!opt.once) {
		rc = run_loop(&c, &ev);
		events_close(&ev);
	}
	metrics_stop(metrics);
	chassis_stop(&c);
	return rc;
}
