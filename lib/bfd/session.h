/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * session.h - one BFD session in asynchronous mode (RFC 5880 section 6):
 * the state machine Down / Init / Up / AdminDown, the detection timer, the
 * jittered transmit timer and the Poll / Final sequence that changes
 * intervals.  Pure functions of the session and a monotonic "now" in
 * nanoseconds: no socket, no clock, so every rule is testable as it is.
 */
#ifndef XOVN_BFD_SESSION_H
#define XOVN_BFD_SESSION_H

#include <stdint.h>

#include "bfd/packet.h"

/* RFC 5880 section 6.8.3: the slowest rate while the session is not Up. */
#define BFD_SLOW_TX_US 1000000u

struct bfd_config {
	uint32_t min_tx_ms;     /* bfd.DesiredMinTxInterval once Up */
	uint32_t min_rx_ms;     /* bfd.RequiredMinRxInterval */
	uint8_t mult;           /* bfd.DetectMult */
};

/* What a session says about its peer, for the liveness of a chassis. */
enum bfd_liveness {
	BFD_LIVE_UNKNOWN,       /* never Up since it started, or held AdminDown here */
	BFD_LIVE_UP,
	BFD_LIVE_DOWN,          /* was Up, is not any more */
};

struct bfd_session {
	struct bfd_config cfg;
	uint32_t local_discr, remote_discr;
	uint8_t state, remote_state;        /* enum bfd_state */
	uint8_t local_diag, remote_diag;    /* enum bfd_diag */
	uint8_t remote_mult;
	uint8_t remote_demand;
	uint32_t remote_min_rx_us;          /* bfd.RemoteMinRxInterval */
	uint32_t remote_tx_us;              /* the peer's DesiredMinTxInterval */
	uint32_t adv_tx_us, adv_rx_us;      /* what our packets advertise */
	uint32_t use_tx_us, use_rx_us;      /* what our timers use (differ during a poll) */
	uint8_t poll;                       /* a Poll Sequence is in progress */
	uint8_t send_final;                 /* the next packet answers a Poll */
	uint8_t send_now;                   /* transmit without waiting for the timer */
	uint8_t ever_up;
	uint64_t next_tx_ns;
	uint64_t detect_ns;                 /* 0: the detection timer is not running */
	uint64_t changed_ns;                /* last state change */
	uint32_t rng;                       /* jitter */
	uint64_t flaps;                     /* times the session left Up */
	uint64_t rx_packets, tx_packets;
};

void bfd_session_init(struct bfd_session *s, const struct bfd_config *cfg, uint32_t discr,
		      uint32_t seed, uint64_t now);
/* New intervals or multiplier: a Poll Sequence when Up.  */
void bfd_session_configure(struct bfd_session *s, const struct bfd_config *cfg, uint64_t now);
/* Holds the session AdminDown (down != 0) or lets it start again from Down. */
void bfd_session_admin(struct bfd_session *s, int down, uint64_t now);
/*
 * A packet from the peer (already decoded and checked by bfd_ctl_decode).
 * 1 the state changed, 0 it did not, -1 discarded (not this session's
 * discriminator, or held AdminDown).
 */
int bfd_session_rx(struct bfd_session *s, const struct bfd_ctl *p, uint64_t now);
/* The detection timer: 1 when it expired and took the session Down. */
int bfd_session_expire(struct bfd_session *s, uint64_t now);
/* 1 with *out filled when a packet is due now (the timer restarts), else 0. */
int bfd_session_tx(struct bfd_session *s, uint64_t now, struct bfd_ctl *out);
/* The earliest time tx or expire has something to do. */
uint64_t bfd_session_wakeup(const struct bfd_session *s);
/* Detection time for the peer, in microseconds (0 before its first packet). */
uint64_t bfd_session_detect_us(const struct bfd_session *s);
enum bfd_liveness bfd_session_liveness(const struct bfd_session *s);

#endif /* XOVN_BFD_SESSION_H */
