/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_bfd_session.c - the BFD state machine and timers (lib/bfd/session.c)
 * driven by hand: two sessions exchanging the packets they produce, with
 * time moved explicitly.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "bfd/session.h"

#define MS 1000000ull
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct bfd_config cfg = { .min_tx_ms = 100, .min_rx_ms = 100, .mult = 3 };

/* What a sends now, received by b (which must accept it). */
static int deliver(struct bfd_session *a, struct bfd_session *b, uint64_t now)
{
	struct bfd_ctl p;

	cr_assert_eq(bfd_session_tx(a, now, &p), 1, "nothing to send at %llu", (unsigned long long)now);
	return bfd_session_rx(b, &p, now);
}

/* Two sessions brought Up by the three-way handshake at time 0. */
static void handshake(struct bfd_session *a, struct bfd_session *b)
{
	bfd_session_init(a, &cfg, 0x11, 1, 0);
	bfd_session_init(b, &cfg, 0x22, 2, 0);
	cr_assert_eq(deliver(a, b, 0), 1);      /* Down -> b: Init */
	cr_assert_eq(b->state, BFD_INIT);
	cr_assert_eq(deliver(b, a, 0), 1);      /* Init -> a: Up */
	cr_assert_eq(a->state, BFD_UP);
	cr_assert_eq(deliver(a, b, 0), 1);      /* Up -> b: Up */
	cr_assert_eq(b->state, BFD_UP);
	cr_assert_eq(deliver(b, a, 0), 0);      /* b's Up, with its rate now */
}

/* Packets both ways every 50 ms until neither has a Poll running (bounded). */
static uint64_t settle(struct bfd_session *a, struct bfd_session *b, uint64_t t)
{
	struct bfd_ctl p;

	for (int i = 0; i < 20 && (a->poll || b->poll); i++, t += 50 * MS) {
		if (bfd_session_tx(a, t, &p))
			bfd_session_rx(b, &p, t);
		if (bfd_session_tx(b, t, &p))
			bfd_session_rx(a, &p, t);
	}
	cr_assert(!a->poll && !b->poll, "polls still running: a %d b %d", a->poll, b->poll);
	return t;
}

Test(bfd_session, three_way_handshake_and_discriminators)
{
	struct bfd_session a, b;
	struct bfd_ctl p;

	bfd_session_init(&a, &cfg, 0x11, 1, 0);
	cr_assert_eq(bfd_session_tx(&a, 0, &p), 1, "a new session speaks at once");
	cr_assert_eq(p.state, BFD_DOWN);
	cr_assert_eq(p.your_discr, 0);
	cr_assert_eq(p.desired_min_tx_us, BFD_SLOW_TX_US, "at most one packet a second until Up");
	cr_assert_eq(p.required_min_rx_us, 100000);
	bfd_session_init(&b, &cfg, 0x22, 2, 0);
	cr_assert_eq(bfd_session_rx(&b, &p, 0), 1);
	cr_assert_eq(bfd_session_tx(&b, 0, &p), 1, "Init goes out at once");
	cr_assert_eq(bfd_session_rx(&a, &p, 0), 1);
	cr_assert_eq(a.state, BFD_UP);
	cr_assert_eq(bfd_session_tx(&a, 0, &p), 1, "Up goes out at once");
	cr_assert_eq(p.state, BFD_UP);
	cr_assert_eq(p.your_discr, 0x22);
	cr_assert_eq(p.desired_min_tx_us, 100000, "the configured rate once Up");
	cr_assert(p.flags & BFD_FLAG_POLL, "the rate change is announced by a poll");
	cr_assert_eq(bfd_session_rx(&b, &p, 0), 1);
	cr_assert_eq(b.state, BFD_UP);
	cr_assert_eq(a.remote_discr, 0x22);
	cr_assert_eq(b.remote_discr, 0x11);
	cr_assert_eq(bfd_session_liveness(&a), BFD_LIVE_UP);
}

Test(bfd_session, a_packet_for_another_discriminator_is_discarded)
{
	struct bfd_session a;
	struct bfd_ctl p = { .state = BFD_UP, .detect_mult = 3, .my_discr = 5, .your_discr = 0x99 };

	bfd_session_init(&a, &cfg, 0x11, 1, 0);
	cr_assert_eq(bfd_session_rx(&a, &p, 0), -1);
	cr_assert_eq(a.state, BFD_DOWN);
	cr_assert_eq(a.remote_discr, 0);
}

/*
 * RFC 5880 section 6.8.6: the state after receiving [received] in
 * [local] (AdminDown holds and discards everything, tested below).  A
 * session forced Down by its peer says so in its diagnostic.
 */
static const uint8_t next_state[4][4] = {
	[BFD_DOWN] = { [BFD_ADMIN_DOWN] = BFD_DOWN, [BFD_DOWN] = BFD_INIT,
		       [BFD_INIT] = BFD_UP, [BFD_UP] = BFD_DOWN },
	[BFD_INIT] = { [BFD_ADMIN_DOWN] = BFD_DOWN, [BFD_DOWN] = BFD_INIT,
		       [BFD_INIT] = BFD_UP, [BFD_UP] = BFD_UP },
	[BFD_UP] = { [BFD_ADMIN_DOWN] = BFD_DOWN, [BFD_DOWN] = BFD_DOWN,
		     [BFD_INIT] = BFD_UP, [BFD_UP] = BFD_UP },
};

Test(bfd_session, transitions_by_received_state)
{
	for (uint8_t local = BFD_DOWN; local <= BFD_UP; local++) {
		for (uint8_t remote = BFD_ADMIN_DOWN; remote <= BFD_UP; remote++) {
			uint8_t want = next_state[local][remote];
			uint8_t diag = local != BFD_DOWN && want == BFD_DOWN ? BFD_DIAG_NEIGHBOR_DOWN
									     : BFD_DIAG_NONE;
			struct bfd_ctl p = { .state = remote, .detect_mult = 3, .my_discr = 7,
					     .your_discr = 0x11, .desired_min_tx_us = 100000,
					     .required_min_rx_us = 100000 };
			struct bfd_session s;

			bfd_session_init(&s, &cfg, 0x11, 1, 0);
			s.state = local;
			bfd_session_rx(&s, &p, 10 * MS);
			cr_expect_eq(s.state, want, "%s + %s -> %s", bfd_state_name(local),
				     bfd_state_name(remote), bfd_state_name(s.state));
			cr_expect_eq(s.local_diag, diag, "%s + %s: diag %s", bfd_state_name(local),
				     bfd_state_name(remote), bfd_diag_name(s.local_diag));
		}
	}
}

Test(bfd_session, detection_time_expires_into_down_and_counts_a_flap)
{
	struct bfd_session a, b;
	uint64_t detect;

	handshake(&a, &b);
	/* b's Up packet advertised 100 ms: a detects after 3 x 100 ms. */
	detect = bfd_session_detect_us(&a);
	cr_assert_eq(detect, 300000);
	cr_assert_eq(bfd_session_expire(&a, 299 * MS), 0);
	cr_assert_eq(a.state, BFD_UP);
	cr_assert_eq(bfd_session_expire(&a, 300 * MS), 1);
	cr_assert_eq(a.state, BFD_DOWN);
	cr_assert_eq(a.local_diag, BFD_DIAG_DETECT_EXPIRED);
	cr_assert_eq(a.remote_discr, 0, "forgotten after a detection time of silence");
	cr_assert_eq(a.flaps, 1);
	cr_assert_eq(bfd_session_liveness(&a), BFD_LIVE_DOWN);
	cr_assert_eq(bfd_session_expire(&a, 900 * MS), 0, "the timer fires once");
}

Test(bfd_session, packets_keep_the_session_up)
{
	struct bfd_session a, b;
	uint64_t t;

	handshake(&a, &b);
	for (t = 0; t < 2000 * MS; t += 10 * MS) {
		struct bfd_ctl p;

		if (bfd_session_tx(&b, t, &p))
			bfd_session_rx(&a, &p, t);
		if (bfd_session_tx(&a, t, &p))
			bfd_session_rx(&b, &p, t);
		bfd_session_expire(&a, t);
		bfd_session_expire(&b, t);
	}
	cr_assert_eq(a.state, BFD_UP);
	cr_assert_eq(b.state, BFD_UP);
	cr_assert_eq(a.flaps, 0);
	/* 2 s at 75-100% of 100 ms. */
	cr_assert_geq(a.tx_packets, 20);
	cr_assert_leq(a.tx_packets, 30);
}

Test(bfd_session, transmit_interval_is_jittered_between_75_and_100_percent)
{
	struct bfd_session a, b;
	uint64_t t = 0, prev = 0, lo = ~0ull, hi = 0;
	struct bfd_ctl p;

	handshake(&a, &b);
	while (bfd_session_tx(&a, 0, &p))
		;
	for (int sent = 0; sent < 200; t += 1000) {
		if (!bfd_session_tx(&a, t, &p))
			continue;
		if (sent++ > 0) {
			lo = t - prev < lo ? t - prev : lo;
			hi = t - prev > hi ? t - prev : hi;
		}
		prev = t;
	}
	cr_assert_geq(lo, 75 * MS);
	cr_assert_leq(hi, 100 * MS + 1000);
	cr_assert_lt(lo, 80 * MS, "jitter reaches down to 75%%");
	cr_assert_gt(hi, 95 * MS, "jitter reaches up to 100%%");
}

Test(bfd_session, a_multiplier_of_one_keeps_jitter_under_90_percent)
{
	struct bfd_config one = cfg;
	struct bfd_session a;
	struct bfd_ctl p;
	uint64_t t = 0;

	one.mult = 1;
	bfd_session_init(&a, &one, 0x11, 3, 0);
	bfd_session_tx(&a, 0, &p);
	for (int i = 0; i < 100; i++) {
		uint64_t due = bfd_session_wakeup(&a);

		cr_assert_leq(due - t, 900 * MS, "next packet after %llu ns", (unsigned long long)(due - t));
		cr_assert_geq(due - t, 750 * MS);
		t = due;
		cr_assert_eq(bfd_session_tx(&a, t, &p), 1);
	}
}

Test(bfd_session, admin_down_is_sent_and_ends_the_peers_session)
{
	struct bfd_session a, b;
	struct bfd_ctl p;

	handshake(&a, &b);
	bfd_session_admin(&a, 1, 5 * MS);
	cr_assert_eq(a.state, BFD_ADMIN_DOWN);
	cr_assert_eq(bfd_session_liveness(&a), BFD_LIVE_UNKNOWN, "held down here: says nothing");
	cr_assert_eq(bfd_session_tx(&a, 5 * MS, &p), 1);
	cr_assert_eq(p.state, BFD_ADMIN_DOWN);
	cr_assert_eq(p.diag, BFD_DIAG_ADMIN_DOWN);
	cr_assert_eq(bfd_session_rx(&b, &p, 5 * MS), 1);
	cr_assert_eq(b.state, BFD_DOWN);
	cr_assert_eq(b.local_diag, BFD_DIAG_NEIGHBOR_DOWN);
	/* AdminDown ignores what it receives. */
	cr_assert_eq(bfd_session_tx(&b, 5 * MS, &p), 1);
	cr_assert_eq(bfd_session_rx(&a, &p, 5 * MS), -1);
	cr_assert_eq(bfd_session_expire(&a, 10000 * MS), 0, "no detection while AdminDown");
	bfd_session_admin(&a, 0, 6 * MS);
	cr_assert_eq(a.state, BFD_DOWN);
}

Test(bfd_session, poll_sequence_ends_with_final_and_only_then_slows_down)
{
	struct bfd_session a, b;
	struct bfd_config slow = cfg;
	struct bfd_ctl p;

	handshake(&a, &b);
	/* The polls the handshake started (rates leaving the 1 s floor) end first. */
	settle(&a, &b, 1 * MS);

	slow.min_tx_ms = 300;
	slow.min_rx_ms = 50;
	bfd_session_configure(&a, &slow, 2 * MS);
	cr_assert(a.poll);
	cr_assert_eq(a.use_tx_us, 100000, "a slower rate waits for the poll's end");
	cr_assert_eq(a.use_rx_us, 100000, "a shorter receive interval waits too");
	cr_assert_eq(bfd_session_tx(&a, 1000 * MS, &p), 1);
	cr_assert_eq(p.flags, BFD_FLAG_POLL);
	cr_assert_eq(p.desired_min_tx_us, 300000, "the new values are advertised at once");
	cr_assert_eq(p.required_min_rx_us, 50000);
	cr_assert_eq(bfd_session_rx(&b, &p, 1000 * MS), 0);
	cr_assert_eq(bfd_session_tx(&b, 1000 * MS, &p), 1, "the final goes out without waiting");
	cr_assert_eq(p.flags, BFD_FLAG_FINAL);
	cr_assert_eq(bfd_session_rx(&a, &p, 1000 * MS), 0);
	cr_assert(!a.poll, "the final ends the poll");
	cr_assert_eq(a.use_tx_us, 300000);
	cr_assert_eq(a.use_rx_us, 50000);
	/* b sends to a 50 ms receiver at b's own 100 ms; a detects b after 3 x 100 ms. */
	cr_assert_eq(bfd_session_detect_us(&a), 300000);
}

Test(bfd_session, a_peer_asking_for_no_packets_gets_none)
{
	struct bfd_session a, b;
	struct bfd_ctl p;

	handshake(&a, &b);
	b.adv_rx_us = 0;
	b.send_now = 1;
	cr_assert_eq(deliver(&b, &a, 1 * MS), 0);
	while (bfd_session_tx(&a, 1 * MS, &p))
		;
	cr_assert_eq(bfd_session_tx(&a, 5000 * MS, &p), 0);
	cr_assert_eq(bfd_session_wakeup(&a), a.detect_ns, "only the detection timer is left");
}

Test(bfd_session, liveness_is_unknown_until_the_session_was_up_once)
{
	struct bfd_session a;

	bfd_session_init(&a, &cfg, 0x11, 1, 0);
	cr_assert_eq(bfd_session_liveness(&a), BFD_LIVE_UNKNOWN);
	cr_assert_eq(bfd_session_expire(&a, 60000 * MS), 0, "Down has no detection timer");
	cr_assert_eq(bfd_session_liveness(&a), BFD_LIVE_UNKNOWN);
}
