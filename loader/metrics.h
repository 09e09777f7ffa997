/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * metrics.h - xovnd's Prometheus endpoint (--metrics ADDR:PORT).
 *
 * A thread of its own answers GET /metrics with the text exposition format:
 * per-port rx/tx packets and bytes and per-reason drops (summed over CPUs),
 * the fill level of every map, the model generation the maps hold, and the
 * state and flaps of each BFD session.
 * Each scrape reads the pinned maps and the model afresh, so the endpoint
 * shares no state with the daemon's loop and needs no locking.
 */
#ifndef XOVND_METRICS_H
#define XOVND_METRICS_H

#include <stddef.h>
#include <stdio.h>

struct metrics;

/*
 * Binds ADDR:PORT ("127.0.0.1:9477", "[::1]:9477") and starts serving.
 * NULL with the reason in err when the address is malformed or cannot be bound.
 */
struct metrics *metrics_start(const char *addr, const char *chassis, const char *pin_dir,
			      const char *db, char *err, size_t errlen);
/* Stops the thread and closes the socket. */
void metrics_stop(struct metrics *m);

/* metrics_text.c: the exposition text for one scrape.  0 ok, -1 when the pins are unreadable. */
int metrics_write(FILE *out, const char *chassis, const char *pin_dir, const char *db);

#endif /* XOVND_METRICS_H */
