// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_invariants.c - random topologies, random frames, and the contract's
 * invariants checked on every decision the datapath records.
 *
 * Each seed gives one model (compiled for hv1 into fresh maps) and a
 * stream of frames.  Every frame goes through the trace twin, whose record
 * is checked by inv_check(); frames the pipeline drops or sends to a
 * single place are also run through the live program, which must agree
 * (same verdict, the drop counted under the same reason).  Floods are not
 * run live: their clones would really be transmitted.
 *
 * A failure prints its seed; XOVN_INV_SEED=N replays that seed alone
 * (XOVN_INV_FRAMES=N changes the frame count, XOVN_INV_KEEP_GOING=1 lists
 * every broken frame instead of stopping at the first).
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <stdlib.h>

#include "invariants_check.h"

#define INV_FRAMES_PER_SEED 3000

static unsigned long env_or(const char *name, unsigned long dflt)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : dflt;
}

/*
 * A tunnel copy of a non-IP frame (ARP) is routed by a FIB lookup for the
 * remote chassis; the made-up encap IPs have no route on the test host, so
 * live says NO_REMOTE where the trace (which stops before sending) says
 * TUNNEL.  Everything else must match exactly.
 */
static int live_agrees(const struct xovn_trace *tr, int verdict, int no_remote_counted)
{
	if (tr->action == XOVN_ACT_DROP)
		return verdict == TC_ACT_SHOT;
	if (tr->action == XOVN_ACT_TUNNEL && verdict == TC_ACT_SHOT)
		return no_remote_counted;
	return verdict == TC_ACT_REDIRECT;
}

/* The live program decides as the trace did, and counts a drop once under its reason. */
static void check_live(struct xh *h, const struct topo *t, const struct topo_frame *f,
		       const struct xovn_trace *tr, unsigned long n)
{
	enum xh_prog prog = f->origin == TOPO_FROM_TUNNEL ? XH_UNDERLAY_LIVE : XH_VIF_LIVE;
	enum xovn_drop_reason reason = tr->action == XOVN_ACT_DROP ? tr->drop_reason
								  : XOVN_DROP_NO_REMOTE;
	uint64_t before = xh_drops(h, reason), after;
	int verdict;
	char what[512];

	verdict = xh_run(h, prog, f->ifindex, f->buf, f->len);
	after = xh_drops(h, reason);
	if (!live_agrees(tr, verdict, after == before + 1)) {
		inv_describe(t, f, tr, what, sizeof(what));
		cr_assert_fail("seed %" PRIu64 " frame %lu: live verdict %d, trace action %u\n  %s",
			       t->seed, n, verdict, tr->action, what);
	}
	if (tr->action == XOVN_ACT_DROP)
		cr_assert_eq(after, before + 1, "seed %" PRIu64 " frame %lu: drop reason %u counted %"
			     PRIu64 " times", t->seed, n, tr->drop_reason, after - before);
}

static void run_seed(uint64_t seed, unsigned long frames)
{
	struct topo t;
	struct topo_rng r = { seed ^ 0x5eedf00dull };
	struct topo_frame f;
	struct xh h;
	char err[512] = "", why[256], what[512];
	int keep_going = getenv("XOVN_INV_KEEP_GOING") != NULL;
	unsigned long n, broken = 0;

	topo_generate(&t, seed);
	xh_open(&h);
	cr_assert_eq(xh_try_load_model(&h, t.json, "hv1", t.ifaces, t.n_ifaces, err, sizeof(err)),
		     0, "seed %" PRIu64 ": model rejected: %s\n%s", seed, err, t.json);
	for (n = 0; n < frames; n++) {
		enum xh_prog prog;
		struct xovn_trace tr;
		int verdict;

		topo_frame_random(&t, &r, &f);
		prog = f.origin == TOPO_FROM_TUNNEL ? XH_UNDERLAY_TRACE : XH_VIF_TRACE;
		tr = xh_trace(&h, prog, f.ifindex, f.buf, f.len, &verdict);
		if (inv_check(&t, &f, &tr, verdict, why, sizeof(why))) {
			inv_describe(&t, &f, &tr, what, sizeof(what));
			if (!keep_going)
				cr_assert_fail("seed %" PRIu64 " frame %lu: %s\n  %s\n  model: %s",
					       seed, n, why, what, t.json);
			fprintf(stderr, "seed %" PRIu64 " frame %lu: %s\n  %s\n", seed, n, why, what);
			broken++;
			continue;
		}
		if (tr.action != XOVN_ACT_FLOOD)
			check_live(&h, &t, &f, &tr, n);
	}
	xh_close(&h);
	cr_assert_eq(broken, 0, "seed %" PRIu64 ": %lu frames broke an invariant\n  model: %s",
		     seed, broken, t.json);
	topo_free(&t);
}

/* Seeds first..last, unless XOVN_INV_SEED picks one. */
static void run_seeds(uint64_t first, uint64_t last)
{
	unsigned long frames = env_or("XOVN_INV_FRAMES", INV_FRAMES_PER_SEED);
	uint64_t seed;

	if (getenv("XOVN_INV_SEED")) {
		if (first == 1)
			run_seed(env_or("XOVN_INV_SEED", 1), frames);
		return;
	}
	for (seed = first; seed <= last; seed++)
		run_seed(seed, frames);
}

TestSuite(invariants, .timeout = 120);

Test(invariants, seeds_1_to_6)
{
	run_seeds(1, 6);
}

Test(invariants, seeds_7_to_12)
{
	run_seeds(7, 12);
}

/* The generator itself: same seed, same model; different seeds differ. */
Test(invariants, generator_is_deterministic)
{
	struct topo a, b, c;

	topo_generate(&a, 42);
	topo_generate(&b, 42);
	topo_generate(&c, 43);
	cr_assert_str_eq(a.json, b.json);
	cr_assert_str_neq(a.json, c.json);
	topo_free(&a);
	topo_free(&b);
	topo_free(&c);
}

/*
 * A Geneve frame whose egress key is its own logical ingress key: no sender
 * makes one (it would have dropped the hairpin itself), so it is forged or
 * broken, and delivering it would send a frame back to its ingress port.
 */
Test(invariants, tunnel_unicast_to_its_own_ingress_port_is_dropped)
{
	const uint64_t seed = 9;
	uint8_t inner[XH_FRAME_MAX], frame[XH_FRAME_MAX];
	struct xovn_trace tr;
	struct topo t;
	struct xh h;
	size_t len;
	int p;

	topo_generate(&t, seed);
	xh_open(&h);
	xh_load_model(&h, t.json, "hv1", t.ifaces, t.n_ifaces);
	for (p = 0; p < t.n_ports; p++) {
		const struct topo_port *q = &t.ports[p];

		if (!q->ifindex || q->type != XOVN_PT_VIF)
			continue;
		len = xh_eth(inner, q->mac, (const uint8_t[6]){ 2, 0xaa, 0, 0, 0, 1 }, 0x0800, 46);
		len = topo_geneve_wrap(frame, inner, len, t.encap_ip[1], t.encap_ip[0],
				       t.sw[q->sw].dp_key, q->key, q->key);
		tr = xh_trace(&h, XH_UNDERLAY_TRACE, TOPO_UNDERLAY_IF, frame, len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_DROP, "seed %" PRIu64 ": port %s (key %u) got its "
			     "own frame back from a tunnel (action %u)", seed, q->name, q->key,
			     tr.action);
	}
	xh_close(&h);
	topo_free(&t);
}
