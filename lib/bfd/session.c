// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * session.c - the BFD state machine and timers (RFC 5880 sections 6.2,
 * 6.5, 6.8.2-6.8.7).
 */
#include <string.h>

#include "bfd/session.h"

#define US_NS 1000ull

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* What DesiredMinTxInterval must be in this state (6.8.3: >= 1 s unless Up). */
static uint32_t desired_tx_us(const struct bfd_session *s)
{
	uint32_t tx = s->cfg.min_tx_ms * 1000u;

	return s->state == BFD_UP ? tx : max_u32(tx, BFD_SLOW_TX_US);
}

/*
 * New advertised values.  While Up a change starts a Poll Sequence; until
 * it ends, a slower transmit rate and a shorter receive interval are not
 * used yet (6.8.3), the safe directions are used at once.
 */
static void advertise(struct bfd_session *s)
{
	uint32_t tx = desired_tx_us(s), rx = s->cfg.min_rx_ms * 1000u;

	if (tx == s->adv_tx_us && rx == s->adv_rx_us)
		return;
	s->adv_tx_us = tx;
	s->adv_rx_us = rx;
	if (s->state != BFD_UP) {
		s->use_tx_us = tx;
		s->use_rx_us = rx;
		return;
	}
	s->poll = 1;
	if (tx < s->use_tx_us)
		s->use_tx_us = tx;
	if (rx > s->use_rx_us)
		s->use_rx_us = rx;
}

static void set_state(struct bfd_session *s, uint8_t state, uint8_t diag, uint64_t now)
{
	if (s->state == BFD_UP)
		s->flaps++;
	if (state == BFD_UP) {
		s->ever_up = 1;
		diag = BFD_DIAG_NONE;
	} else {
		s->poll = 0;
	}
	s->state = state;
	s->local_diag = diag;
	s->changed_ns = now;
	/* The peer learns of the change now rather than at the next timer. */
	s->send_now = 1;
	advertise(s);
}

void bfd_session_init(struct bfd_session *s, const struct bfd_config *cfg, uint32_t discr,
		      uint32_t seed, uint64_t now)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	s->local_discr = discr;
	s->rng = seed ? seed : 0x9e3779b9u;
	s->state = BFD_DOWN;
	s->remote_state = BFD_DOWN;
	s->remote_min_rx_us = 1;        /* 6.8.1: initial bfd.RemoteMinRxInterval */
	s->changed_ns = now;
	s->send_now = 1;
	advertise(s);
}

void bfd_session_configure(struct bfd_session *s, const struct bfd_config *cfg, uint64_t now)
{
	(void)now;
	s->cfg = *cfg;
	advertise(s);
}

void bfd_session_admin(struct bfd_session *s, int down, uint64_t now)
{
	if (down && s->state != BFD_ADMIN_DOWN) {
		set_state(s, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN, now);
		s->detect_ns = 0;
	} else if (!down && s->state == BFD_ADMIN_DOWN) {
		set_state(s, BFD_DOWN, BFD_DIAG_ADMIN_DOWN, now);
	}
}

uint64_t bfd_session_detect_us(const struct bfd_session *s)
{
	return (uint64_t)s->remote_mult * max_u32(s->use_rx_us, s->remote_tx_us);
}

/* 6.8.6: the state transitions a received packet causes. */
static int next_state(struct bfd_session *s, const struct bfd_ctl *p, uint64_t now)
{
	uint8_t from = s->state;

	if (p->state == BFD_ADMIN_DOWN) {
		if (from != BFD_DOWN)
			set_state(s, BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN, now);
	} else if (from == BFD_DOWN) {
		if (p->state == BFD_DOWN)
			set_state(s, BFD_INIT, BFD_DIAG_NONE, now);
		else if (p->state == BFD_INIT)
			set_state(s, BFD_UP, BFD_DIAG_NONE, now);
	} else if (from == BFD_INIT) {
		if (p->state == BFD_INIT || p->state == BFD_UP)
			set_state(s, BFD_UP, BFD_DIAG_NONE, now);
	} else if (p->state == BFD_DOWN) {   /* Up */
		set_state(s, BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN, now);
	}
	return s->state != from;
}

int bfd_session_rx(struct bfd_session *s, const struct bfd_ctl *p, uint64_t now)
{
	if ((p->your_discr && p->your_discr != s->local_discr) || s->state == BFD_ADMIN_DOWN)
		return -1;
	s->rx_packets++;
	s->remote_discr = p->my_discr;
	s->remote_state = p->state;
	s->remote_diag = p->diag;
	s->remote_demand = !!(p->flags & BFD_FLAG_DEMAND);
	s->remote_mult = p->detect_mult;
	s->remote_min_rx_us = p->required_min_rx_us;
	s->remote_tx_us = p->desired_min_tx_us;
	if ((p->flags & BFD_FLAG_FINAL) && s->poll) {
		s->poll = 0;
		s->use_tx_us = s->adv_tx_us;
		s->use_rx_us = s->adv_rx_us;
	}
	if (p->flags & BFD_FLAG_POLL) {
		s->send_final = 1;
		s->send_now = 1;
	}
	s->detect_ns = now + bfd_session_detect_us(s) * US_NS;
	return next_state(s, p, now);
}

int bfd_session_expire(struct bfd_session *s, uint64_t now)
{
	uint8_t from = s->state;

	if (!s->detect_ns || now < s->detect_ns)
		return 0;
	s->detect_ns = 0;
	s->remote_discr = 0;   /* 6.8.1: a Detection Time without a packet */
	if (from == BFD_INIT || from == BFD_UP)
		set_state(s, BFD_DOWN, BFD_DIAG_DETECT_EXPIRED, now);
	return s->state != from;
}

static uint32_t next_random(struct bfd_session *s)
{
	uint32_t x = s->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	s->rng = x;
	return x;
}

/* 6.8.7: 75-100% of the interval, at most 90% with a multiplier of 1. */
static uint64_t jittered_ns(struct bfd_session *s, uint32_t interval_us)
{
	uint32_t span = s->cfg.mult == 1 ? 15 : 25;
	uint32_t pct = 75 + next_random(s) % (span + 1);

	return (uint64_t)interval_us * pct / 100 * US_NS;
}

/* Periodic packets stop when the peer asks for none, or in Demand mode once both are Up. */
static int periodic_allowed(const struct bfd_session *s)
{
	if (s->remote_min_rx_us == 0)
		return 0;
	return !(s->remote_demand && s->state == BFD_UP && s->remote_state == BFD_UP);
}

static void fill(struct bfd_session *s, struct bfd_ctl *out)
{
	memset(out, 0, sizeof(*out));
	out->diag = s->local_diag;
	out->state = s->state;
	/* P and F are never set together: the Final goes first (6.8.7). */
	if (s->send_final)
		out->flags = BFD_FLAG_FINAL;
	else if (s->poll)
		out->flags = BFD_FLAG_POLL;
	out->detect_mult = s->cfg.mult;
	out->my_discr = s->local_discr;
	out->your_discr = s->remote_discr;
	out->desired_min_tx_us = s->adv_tx_us;
	out->required_min_rx_us = s->adv_rx_us;
}

int bfd_session_tx(struct bfd_session *s, uint64_t now, struct bfd_ctl *out)
{
	int due = s->send_now || (now >= s->next_tx_ns && periodic_allowed(s));

	if (!due)
		return 0;
	fill(s, out);
	s->send_final = 0;
	s->send_now = 0;
	s->tx_packets++;
	s->next_tx_ns = now + jittered_ns(s, max_u32(s->use_tx_us, s->remote_min_rx_us));
	return 1;
}

uint64_t bfd_session_wakeup(const struct bfd_session *s)
{
	uint64_t t = s->send_now ? 0 : periodic_allowed(s) ? s->next_tx_ns : UINT64_MAX;

	if (s->detect_ns && s->detect_ns < t)
		t = s->detect_ns;
	return t;
}

enum bfd_liveness bfd_session_liveness(const struct bfd_session *s)
{
	if (s->state == BFD_UP)
		return BFD_LIVE_UP;
	if (!s->ever_up || s->state == BFD_ADMIN_DOWN)
		return BFD_LIVE_UNKNOWN;
	return BFD_LIVE_DOWN;
}
