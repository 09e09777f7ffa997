/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * status.h - the state of xovnd's BFD sessions, for xovnctl and metrics.
 *
 * Kept, like the attachment record, as a small pinned BPF hash map that
 * xovnd creates beside the datapath maps (<pin dir>/xovn_bfd; no program
 * reads it): readers open pins the way they read counters, and
 * `bpftool map dump pinned` shows it.  xovnd rewrites an entry when its
 * session changes state and once a second for the counters.
 */
#ifndef XOVN_BFD_STATUS_H
#define XOVN_BFD_STATUS_H

#include <stdint.h>

#include "bfd/session.h"

#define BFD_STATUS_PIN "xovn_bfd"
#define BFD_STATUS_MAX 4096

struct bfd_status_key {
	char chassis[64];
};

struct bfd_status {
	uint32_t remote_ip;             /* the peer's encap IP, network order */
	uint8_t state, remote_state;    /* enum bfd_state */
	uint8_t diag, remote_diag;      /* enum bfd_diag */
	uint8_t mult, remote_mult;
	uint8_t liveness;               /* enum bfd_liveness: what xovnd applies */
	uint8_t pad;
	uint32_t local_discr, remote_discr;
	uint32_t tx_interval_us;        /* before jitter */
	uint32_t detect_us;             /* detection time of the peer */
	uint64_t flaps;
	uint64_t rx_packets, tx_packets;
	uint64_t changed_ns;            /* last state change, CLOCK_MONOTONIC */
};

/* Opens <pin_dir>/xovn_bfd, creating and pinning it if create.  fd, or -1 (errno). */
int bfd_status_open(const char *pin_dir, int create);
void bfd_status_of(const struct bfd_session *s, uint32_t remote_ip, struct bfd_status *out);
int bfd_status_put(int fd, const char *chassis, const struct bfd_status *st);
int bfd_status_del(int fd, const char *chassis);
/* Removes every entry (a new xovnd starts new sessions). */
void bfd_status_clear(int fd);

typedef void (*bfd_status_fn)(const char *chassis, const struct bfd_status *st, void *arg);
/* Calls fn for every session.  0 ok, -1 when the map cannot be read. */
int bfd_status_each(int fd, bfd_status_fn fn, void *arg);

#endif /* XOVN_BFD_STATUS_H */
