// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_packet_fuzz.c - malformed frames through the VIF and underlay
 * programs on a populated random topology.
 *
 * Whatever the bytes, the verdict is SHOT, REDIRECT or OK; a drop is
 * counted under a reason; and nothing is ever delivered to a port that is
 * not of the switch the frame was admitted to, or through an interface
 * that is not that port's.  Every frame runs through the trace twin and,
 * unless it floods (flood clones really leave), through the live program.
 *
 * The suite runs a small seeded set.  XOVN_PACKET_FUZZ_FRAMES=N sets the
 * number of mutated frames per seed (bench/stress_packets.sh runs over a
 * million); XOVN_PACKET_FUZZ_SEED=N replays one seed.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <stdlib.h>

#include "invariants_check.h"
#include "packet_fuzz_frames.h"

#define PF_SEEDS          3
#define PF_FRAMES         4000
#define PF_TRUNC_BASES    40

struct pf_run {
	struct topo t;
	struct xh h;
	unsigned long frames;
};

static unsigned long env_or(const char *name, unsigned long dflt)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : dflt;
}

/* ---- what must hold for any frame -------------------------------------------- */

static int port_at(const struct topo *t, int sw, uint16_t key)
{
	return sw >= 0 ? topo_port_by_key(t, sw, key) : -1;
}

/* The copy goes to a port of the admitting switch, through that port's own interface. */
static const char *copy_misdirected(const struct topo *t, int sw, const struct xovn_trace *tr,
				    const struct xovn_trace_out *o)
{
	int p = port_at(t, sw, o->port_key);

	if (tr->action == XOVN_ACT_ARP_REPLY)
		return o->port_key == tr->in_port ? NULL : "answer to a port that did not ask";
	if (o->kind == XOVN_OUT_TUNNEL)
		return p >= 0 || o->port_key >= XOVN_MC_FLOOD ? NULL : "tunnel copy to no port";
	if (p < 0)
		return "copy to a key that is no port of the switch";
	if (o->kind == XOVN_OUT_LOCALNET)
		return o->ifindex == t->sw[sw].bridge_ifindex ? NULL : "localnet copy off the bridge";
	return o->ifindex && o->ifindex == t->ports[p].ifindex ? NULL
							       : "copy through another port's interface";
}

/* The switch that admitted the frame must be the ingress interface's (or a known VNI). */
static int admitting_switch(const struct topo *t, const struct topo_frame *f,
			    const struct xovn_trace *tr)
{
	int sw = topo_sw_by_key(t, tr->dp_key), k;

	if (sw < 0 || f->origin == TOPO_FROM_TUNNEL)
		return sw;
	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].ifindex == f->ifindex && t->ports[k].sw == sw &&
		    t->ports[k].key == tr->in_port)
			return sw;
	return -1;
}

static const char *pf_unsafe(const struct topo *t, const struct topo_frame *f,
			     const struct xovn_trace *tr, int verdict)
{
	int sw;
	unsigned int i;

	if (verdict != TC_ACT_SHOT && verdict != TC_ACT_REDIRECT && verdict != TC_ACT_OK)
		return "verdict outside SHOT/REDIRECT/OK";
	if (tr->action == XOVN_ACT_DROP)
		return verdict == TC_ACT_SHOT && !tr->n_out ? NULL : "drop that is not SHOT";
	if (tr->action == XOVN_ACT_PASS)
		return f->origin == TOPO_FROM_TUNNEL && verdict == TC_ACT_OK && !tr->n_out ? NULL
			: "passed to the host from a switch port";
	sw = admitting_switch(t, f, tr);
	if (sw < 0)
		return "switched in a switch the ingress does not belong to";
	if (tr->n_out > XOVN_MAX_TRACE_OUT)
		return "more copies than a trace holds";
	for (i = 0; i < tr->n_out; i++) {
		const char *why = copy_misdirected(t, sw, tr, &tr->out[i]);

		if (why)
			return why;
	}
	return NULL;
}

/* ---- running frames -------------------------------------------------------------- */

static void pf_fail(const struct pf_run *run, const struct topo_frame *f,
		    const struct xovn_trace *tr, const char *label, unsigned long n, const char *why)
{
	char what[512], hex[3 * 96 + 1] = "";
	size_t i;

	inv_describe(&run->t, f, tr, what, sizeof(what));
	for (i = 0; i < f->len && i < 96; i++)
		sprintf(hex + 3 * i, "%02x ", f->buf[i]);
	cr_assert_fail("seed %" PRIu64 " %s %lu (len %zu): %s\n  %s\n  %s", run->t.seed, label, n,
		       f->len, why, what, hex);
}

/* Live: same kind of verdict as the trace, and a drop counted under some reason. */
static void pf_live(struct pf_run *run, const struct topo_frame *f, enum xh_prog prog,
		    const struct xovn_trace *tr, const char *label, unsigned long n)
{
	uint64_t before, after;
	int verdict;

	if (tr->action == XOVN_ACT_FLOOD)
		return;
	before = tr->action == XOVN_ACT_DROP ? xh_drops(&run->h, tr->drop_reason) : 0;
	verdict = xh_run(&run->h, prog, f->ifindex, f->buf, f->len);
	if (verdict != TC_ACT_SHOT && verdict != TC_ACT_REDIRECT && verdict != TC_ACT_OK)
		pf_fail(run, f, tr, label, n, "live verdict outside SHOT/REDIRECT/OK");
	if (tr->action != XOVN_ACT_DROP)
		return;
	after = xh_drops(&run->h, tr->drop_reason);
	if (verdict != TC_ACT_SHOT || after != before + 1)
		pf_fail(run, f, tr, label, n, "live drop not SHOT or not counted once");
}

/*
 * BPF_PROG_TEST_RUN itself refuses an IPv4 or IPv6 frame shorter than its
 * IP header (EINVAL), so those prefixes cannot be fed in; a tagged or other
 * frame of any length can.
 */
static int test_run_takes(const struct topo_frame *f)
{
	uint16_t type = (uint16_t)(f->buf[12] << 8 | f->buf[13]);

	if (type == 0x0800)
		return f->len >= 14 + 20;
	if (type == 0x86dd)
		return f->len >= 14 + 40;
	return 1;
}

static void pf_one(struct pf_run *run, const struct topo_frame *f, const char *label,
		   unsigned long n)
{
	int tunnel = f->ifindex == TOPO_UNDERLAY_IF;
	enum xh_prog trace = tunnel ? XH_UNDERLAY_TRACE : XH_VIF_TRACE;
	struct xovn_trace tr;
	const char *why;
	int verdict;

	if (!test_run_takes(f))
		return;
	tr = xh_trace(&run->h, trace, f->ifindex, f->buf, f->len, &verdict);
	why = pf_unsafe(&run->t, f, &tr, verdict);
	if (why)
		pf_fail(run, f, &tr, label, n, why);
	pf_live(run, f, tunnel ? XH_UNDERLAY_LIVE : XH_VIF_LIVE, &tr, label, n);
}

static void pf_open(struct pf_run *run, uint64_t seed)
{
	topo_generate(&run->t, seed);
	xh_open(&run->h);
	xh_load_model(&run->h, run->t.json, "hv1", run->t.ifaces, run->t.n_ifaces);
}

static void pf_close(struct pf_run *run)
{
	xh_close(&run->h);
	topo_free(&run->t);
}

/* Every prefix of a few well-formed frames, from a bare Ethernet header up. */
static void run_truncations(uint64_t seed)
{
	struct topo_rng r = { seed * 0x9e3779b97f4a7c15ull };
	struct topo_frame f, cut;
	struct pf_run run;
	int b;

	pf_open(&run, seed);
	for (b = 0; b < PF_TRUNC_BASES; b++) {
		topo_frame_random(&run.t, &r, &f);
		cut = f;
		for (cut.len = 14; cut.len <= f.len; cut.len++)
			pf_one(&run, &cut, "truncated frame", (unsigned long)b);
	}
	pf_close(&run);
}

static void run_mutations(uint64_t seed, unsigned long frames)
{
	struct topo_rng r = { seed ^ 0xf022f022ull };
	struct topo_frame f;
	struct pf_run run;
	unsigned long n;

	pf_open(&run, seed);
	for (n = 0; n < frames; n++) {
		topo_frame_random(&run.t, &r, &f);
		pf_mutate(&run.t, &r, &f, (enum pf_kind)(n % PF__COUNT));
		pf_one(&run, &f, "mutated frame", n);
	}
	pf_close(&run);
}

TestSuite(packet_fuzz, .timeout = 3600);

Test(packet_fuzz, truncated_at_every_offset)
{
	uint64_t seed;

	for (seed = 101; seed < 101 + PF_SEEDS; seed++)
		run_truncations(seed);
}

Test(packet_fuzz, mutated_frames)
{
	unsigned long frames = env_or("XOVN_PACKET_FUZZ_FRAMES", PF_FRAMES);
	uint64_t seed;

	if (getenv("XOVN_PACKET_FUZZ_SEED")) {
		run_mutations(env_or("XOVN_PACKET_FUZZ_SEED", 0), frames);
		return;
	}
	for (seed = 201; seed < 201 + PF_SEEDS; seed++)
		run_mutations(seed, frames);
}
