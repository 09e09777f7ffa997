/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * counters.h - reading a chassis' pinned maps from outside the daemon:
 * the per-CPU drop and port counters summed over CPUs, and map fill levels.
 *
 * Read-only by design: `xovnctl stats`, `xovnctl trace` and the metrics
 * endpoint must never change what the datapath sees.
 */
#ifndef XOVN_COUNTERS_H
#define XOVN_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

#include "dataplane/map_desc.h"
#include "xovn_maps.h"

#define XOVN_PIN_ROOT "/sys/fs/bpf/xovn"

/* "<root>/<chassis>" into out; 0 ok, -1 when it does not fit. */
int xovn_pin_dir(const char *chassis, char *out, size_t cap);

/*
 * qsort order of structs whose first member is a struct xovn_port_key:
 * by switch, then port.
 */
int xovn_port_key_cmp(const void *a, const void *b);

/*
 * Opens pin_dir/name (a pinned map: xovn_map_names[id], or a program); fd,
 * or -1 with the reason in err.
 */
int xovn_pin_open(const char *pin_dir, const char *name, char *err, size_t errlen);

/* Drop counters by reason, summed over CPUs.  0 ok, -1 on a map error. */
int xovn_read_drops(int drops_fd, struct xovn_drop_count out[XOVN_DROP__COUNT]);

typedef void (*xovn_port_stats_cb)(const struct xovn_port_key *key,
				   const struct xovn_port_stats *sum, void *arg);

/*
 * Calls cb for every port with counters (xovn_port_stats is an array of
 * per-CPU slots, each copy naming the port it counts for), summed over CPUs
 * and slots, in (dp_key, port_key) order.  0 ok, -1 on a map error.
 */
int xovn_read_port_stats(int stats_fd, xovn_port_stats_cb cb, void *arg);

/* One port's counters summed over CPUs (all zero when it has none).  0 ok, -1 on error. */
int xovn_read_port_stat(int stats_fd, const struct xovn_port_key *key,
			struct xovn_port_stats *sum);

/* Entries in the map now, and its capacity.  0 ok, -1 on a map error. */
int xovn_map_fill(int fd, uint32_t *entries, uint32_t *max_entries);

#endif /* XOVN_COUNTERS_H */
