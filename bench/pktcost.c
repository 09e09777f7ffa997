// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * pktcost.c - per-packet cost of xovn's datapath paths against a minimal
 * redirect program, for models of several sizes.
 *
 *   bench_pktcost --sizes 11,1000,10000,100000 --reps 5 --repeat N --runs N
 *                 [--only SCENARIO,SCENARIO...]
 *
 * The floors (floor.h: minimal programs making the same lookups as a path)
 * are measured in the same block as the paths, in both modes.
 *
 * Prints one tab-separated row per measurement:
 *   pkt PORTS SWITCHES SCENARIO MODE REP NS BASELINE_NS
 * where BASELINE_NS is the minimal redirect measured the same way in the
 * same repetition and model size (the ratio NS / BASELINE_NS is what
 * matters: machines are noisy).  Modes: repeat, single (kernel time), wall
 * (syscall included), single_iqm (the single runs' interquartile mean, finer
 * than their median); timing.h says how each is taken.  Rows encap_floor
 * and decap_floor time the least program that moves the same bytes as the
 * tunnel paths (baseline.bpf.c), on their frames; rows lookup_* make one
 * lookup of a path in that model size's own maps (lookup.bpf.c).
 *
 * Fairness across model sizes: every size has its own loaded copy of the
 * datapath (the same object, its own maps), so one repetition measures
 * every size, one after the other, in an order that rotates from one
 * repetition to the next.  Slow phases of a shared machine then spread
 * over all sizes instead of landing on the one measured at that time.
 * Within a size, the baseline is measured right before and right after
 * the paths and the ratio divides by their mean.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/pkt_cls.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "baseline.skel.h"
#include "datapath.h"
#include "floor.h"
#include "floor_grow.h"
#include "frames.h"
#include "lookup.h"
#include "model/model.h"
#include "model_gen.h"
#include "netns.h"
#include "scenarios.h"
#include "timing.h"

#define MAX_SIZES 8
#define MAX_SCENARIOS 16

struct options {
	size_t sizes[MAX_SIZES];
	size_t n_sizes;
	unsigned reps;
	uint32_t repeat;
	uint32_t runs;
	const char *only;          /* comma-separated scenario names; NULL = all */
};

struct bench {
	struct options opt;
	struct baseline *xdp_sink;      /* NULL: no XDP live-frames baseline */
	struct bd_iface ifaces[BN_N_IFACES];
	struct bd dps[MAX_SIZES];       /* one loaded datapath per model size */
	struct blk lookups[MAX_SIZES];  /* single lookups in each size's maps */
	struct bfg grow[MAX_SIZES];     /* floors on each size's own maps */
	struct baseline *base;
	struct bfl floor;
	struct bt_input tc_base, xdp_base;
	uint8_t base_frame[BF_MAX];
};

static int parse_sizes(struct options *o, char *list)
{
	char *tok, *save = NULL;

	o->n_sizes = 0;
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long v = strtol(tok, NULL, 10);

		if (o->n_sizes == MAX_SIZES || v < BM_FIXED_PORTS) {
			fprintf(stderr, "bench: sizes: at most %d, each >= %d\n", MAX_SIZES,
				BM_FIXED_PORTS);
			return -1;
		}
		o->sizes[o->n_sizes++] = (size_t)v;
	}
	return o->n_sizes ? 0 : -1;
}

static int parse_args(struct options *o, int argc, char **argv)
{
	int i;

	*o = (struct options){ .n_sizes = 1, .sizes = { BM_FIXED_PORTS }, .reps = 5,
			       .repeat = 100000, .runs = 10000 };
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--sizes")) {
			if (parse_sizes(o, argv[i + 1]))
				return -1;
		} else if (!strcmp(argv[i], "--reps")) {
			o->reps = (unsigned)atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--repeat")) {
			o->repeat = (uint32_t)atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--runs")) {
			o->runs = (uint32_t)atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--only")) {
			o->only = argv[i + 1];
		} else {
			break;
		}
	}
	if (i != argc || o->reps < 1 || o->repeat < 1 || o->runs < 1) {
		fprintf(stderr, "usage: bench_pktcost [--sizes N,N...] [--reps N] "
				"[--repeat N] [--runs N] [--only NAME,NAME...]\n");
		return -1;
	}
	return 0;
}

/* Is scenario name in the --only list (or is there none)?  For profiling one path. */
static int selected(const struct options *o, const char *name)
{
	size_t n = strlen(name);
	const char *p = o->only;

	if (!p)
		return 1;
	for (; (p = strstr(p, name)); p += n)
		if ((p == o->only || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

/* The minimal redirect programs: TC to bv1, XDP (live frames) to bx0. */
static int open_baselines(struct bench *b)
{
	b->base = baseline__open();
	if (!b->base)
		return -1;
	b->base->rodata->target_ifindex = bn_ifindex(b->ifaces, "bv1");
	if (baseline__load(b->base))
		return -1;
	b->tc_base = (struct bt_input){
		.prog_fd = bpf_program__fd(b->base->progs.bench_tc_redirect),
		.ingress_ifindex = bn_ifindex(b->ifaces, "bv0"),
		.frame = b->base_frame,
		.len = bs_scenarios[0].build(b->base_frame),
	};
	b->xdp_base = b->tc_base;
	b->xdp_base.xdp = b->xdp_base.xdp_live = 1;
	b->xdp_base.prog_fd = bpf_program__fd(b->base->progs.bench_xdp_redirect);
	return 0;
}

/*
 * XDP frames into a veth need an XDP program on the receiving end.  This
 * second copy of the object redirects to bx0 and stays loaded (and
 * attached) until the process, and its namespace, ends.
 */
static int open_xdp_target(struct bench *b)
{
	int ifindex = (int)if_nametoindex("bx0p"), target = (int)if_nametoindex("bx0");
	struct baseline *x = baseline__open();

	if (!x || !ifindex || !target)
		return -1;
	x->rodata->target_ifindex = (uint32_t)target;
	if (baseline__load(x))
		return -1;
	if (bpf_xdp_attach(ifindex, bpf_program__fd(x->progs.bench_xdp_sink),
			   XDP_FLAGS_DRV_MODE, NULL)) {
		fprintf(stderr, "bench: XDP attach on bx0p: %s\n", strerror(errno));
		return -1;
	}
	/* The redirecting program needs bx0 as its target, not bv1. */
	b->xdp_base.prog_fd = bpf_program__fd(x->progs.bench_xdp_redirect);
	b->xdp_sink = x;
	return 0;
}

/* A NAT path's connection, made by its first packet through the live program. */
static int warm_connection(struct bench *b, struct bd *dp, const struct bs_scenario *s)
{
	uint8_t frame[BF_MAX];
	size_t len;
	int verdict;

	if (!s->nat || !s->nat->warm)
		return 0;
	len = s->nat->warm(frame);
	verdict = bd_run_live(dp, 0, bn_ifindex(b->ifaces, s->nat->warm_iface), frame, len);
	if (verdict != TC_ACT_REDIRECT) {
		fprintf(stderr, "bench: %s: the connection's first packet got verdict %d\n", s->name,
			verdict);
		return -1;
	}
	return 0;
}

static int check_scenarios(struct bench *b, struct bd *dp)
{
	uint8_t frame[BF_MAX];
	struct xovn_trace tr;
	size_t i, len;

	for (i = 0; i < bs_n_scenarios; i++) {
		const struct bs_scenario *s = &bs_scenarios[i];

		if (warm_connection(b, dp, s))
			return -1;
		len = s->build(frame);
		if (bd_trace(dp, s->underlay, bn_ifindex(b->ifaces, s->in_iface), frame, len,
			     &tr) || bs_check_trace(s, &tr))
			return -1;
	}
	return 0;
}

static void row(size_t ports, const char *scenario, const char *mode, unsigned rep,
		double ns, double base_ns)
{
	printf("pkt\t%zu\t%zu\t%s\t%s\t%u\t%.2f\t%.2f\n", ports, bm_switch_count(ports),
	       scenario, mode, rep, ns, base_ns);
}

/* Single mode's interquartile mean beside its median (timing.h): mode single_iqm. */
static void row_iqm(size_t ports, const char *scenario, unsigned rep, const struct bt_single *s,
		    const struct bt_single *base)
{
	row(ports, scenario, "single_iqm", rep, s->kernel_iqm_ns, base->kernel_iqm_ns);
}

/* Drop counters must not move, except the scenario's own reason. */
static void drops_snapshot(struct bd *dp, uint64_t out[XOVN_DROP__COUNT])
{
	int r;

	for (r = 0; r < XOVN_DROP__COUNT; r++)
		out[r] = bd_drops(dp, r);
}

static int drops_unchanged(struct bd *dp, const struct bs_scenario *s,
			   const uint64_t before[XOVN_DROP__COUNT])
{
	int r;

	for (r = 1; r < XOVN_DROP__COUNT; r++) {
		if (r == s->drop_reason)
			continue;
		if (bd_drops(dp, r) != before[r]) {
			fprintf(stderr, "bench: %s: drop counter %d grew while timing\n", s->name, r);
			return -1;
		}
	}
	return 0;
}

struct baselines {
	double repeat;
	struct bt_single single;
};

/* One path's figures in one repetition; printed once the closing baseline is in. */
struct path_result {
	int measured;
	int has_repeat;
	double repeat;
	struct bt_single single;
};

/*
 * The connections a path made while timed: two entries for each of its
 * calls when it makes a new connection per run (new_runs > 0), none
 * otherwise (a NAT path's connection already existed).
 */
static int nat_entries_as_expected(struct bd *dp, const struct bs_scenario *s, size_t before,
				   uint32_t new_runs)
{
	size_t want = before + (new_runs ? 2 * (size_t)bt_single_calls(new_runs) : 0);
	size_t got = bd_nat_entries(dp);

	if (got == want)
		return 0;
	fprintf(stderr, "bench: %s: %zu NAT entries after timing, expected %zu\n", s->name, got,
		want);
	return -1;
}

static int measure_scenario(struct bench *b, struct bd *dp, const struct bs_scenario *s,
			    struct path_result *res)
{
	uint8_t frame[BF_MAX];
	struct bt_input in = {
		.prog_fd = s->underlay ? bd_underlay_fd(dp) : bd_vif_fd(dp),
		.ingress_ifindex = bn_ifindex(b->ifaces, s->in_iface),
		.frame = frame,
		.len = s->build(frame),
	};
	uint64_t before[XOVN_DROP__COUNT];

	size_t conns;

	res->measured = selected(&b->opt, s->name);
	if (!res->measured)
		return 0;
	in.frame_nth = s->nat ? s->nat->frame_nth : NULL;
	if (warm_connection(b, dp, s) || (in.frame_nth && bd_nat_clear(dp)))
		return -1;
	conns = bd_nat_entries(dp);
	drops_snapshot(dp, before);
	res->has_repeat = s->repeatable;
	if (s->repeatable && bt_repeat(&in, b->opt.repeat, s->verdict, &res->repeat))
		return -1;
	if (bt_single(&in, b->opt.runs, s->verdict, &res->single))
		return -1;
	if (drops_unchanged(dp, s, before) ||
	    nat_entries_as_expected(dp, s, conns, in.frame_nth ? b->opt.runs : 0))
		return -1;
	return in.frame_nth ? bd_nat_clear(dp) : 0;
}

/*
 * Live frames report no verdict; the sink behind bx0 counts what arrived.
 * Frames are flushed in batches, so allow a batch still in flight.
 */
static int measure_xdp_live(struct bench *b, double *ns)
{
	uint64_t before = b->xdp_sink->bss->sink_packets, got;

	if (bt_repeat(&b->xdp_base, b->opt.repeat, -1, ns))
		return -1;
	got = b->xdp_sink->bss->sink_packets - before;
	/* Warm-up and chunks together send a little more than repeat frames. */
	if (got + 1024 < b->opt.repeat) {
		fprintf(stderr, "bench: XDP live: %llu of %u frames reached the sink\n",
			(unsigned long long)got, b->opt.repeat);
		return -1;
	}
	return 0;
}

static int measure_baselines(struct bench *b, struct baselines *base)
{
	return bt_repeat(&b->tc_base, b->opt.repeat, TC_ACT_REDIRECT, &base->repeat) ||
	       bt_single(&b->tc_base, b->opt.runs, TC_ACT_REDIRECT, &base->single) ? -1 : 0;
}

/* The baseline of a block: the mean of the one before and the one after the paths. */
static void baselines_mean(struct baselines *a, const struct baselines *z)
{
	a->repeat = (a->repeat + z->repeat) / 2;
	a->single.kernel_ns = (a->single.kernel_ns + z->single.kernel_ns) / 2;
	a->single.kernel_iqm_ns = (a->single.kernel_iqm_ns + z->single.kernel_iqm_ns) / 2;
	a->single.wall_ns = (a->single.wall_ns + z->single.wall_ns) / 2;
}

static void print_block(size_t ports, unsigned rep, const struct baselines *base,
			const struct path_result *res)
{
	size_t i;

	row(ports, "baseline_tc", "repeat", rep, base->repeat, base->repeat);
	row(ports, "baseline_tc", "single", rep, base->single.kernel_ns, base->single.kernel_ns);
	row(ports, "baseline_tc", "wall", rep, base->single.wall_ns, base->single.wall_ns);
	row_iqm(ports, "baseline_tc", rep, &base->single, &base->single);
	for (i = 0; i < bs_n_scenarios; i++) {
		const char *name = bs_scenarios[i].name;

		if (!res[i].measured)
			continue;
		if (res[i].has_repeat)
			row(ports, name, "repeat", rep, res[i].repeat, base->repeat);
		row(ports, name, "single", rep, res[i].single.kernel_ns, base->single.kernel_ns);
		row(ports, name, "wall", rep, res[i].single.wall_ns, base->single.wall_ns);
		row_iqm(ports, name, rep, &res[i].single, &base->single);
	}
}

/* Floor programs: those of floor.h the same in every model size, those of floor_grow.h its own. */
static int measure_floors(struct bench *b, const struct bfl_path *paths, size_t n,
			  struct path_result *res)
{
	for (size_t i = 0; i < n; i++) {
		const struct bfl_path *f = &paths[i];

		res[i].measured = selected(&b->opt, f->name);
		res[i].has_repeat = f->repeatable;
		if (!res[i].measured)
			continue;
		if (f->repeatable &&
		    bt_repeat(&f->in, b->opt.repeat, TC_ACT_REDIRECT, &res[i].repeat))
			return -1;
		if (bt_single(&f->in, b->opt.runs, TC_ACT_REDIRECT, &res[i].single))
			return -1;
	}
	return 0;
}

/*
 * The floors of the tunnel paths (baseline.bpf.c): the same helpers that
 * move the bytes, nothing else, on the frames of the paths they bound.
 */
static const struct floor {
	const char *name;      /* row name */
	const char *prog;      /* in baseline.bpf.c */
	const char *scenario;  /* whose frame and ingress interface */
} tunnel_floors[] = {
	{ "encap_floor", "bench_tc_encap_floor", "encap" },
	{ "decap_floor", "bench_tc_decap_floor", "decap" },
};

static const struct bs_scenario *scenario_named(const char *name)
{
	size_t i;

	for (i = 0; i < bs_n_scenarios; i++)
		if (!strcmp(bs_scenarios[i].name, name))
			return &bs_scenarios[i];
	return NULL;
}

static int measure_tunnel_floors(struct bench *b, size_t ports, unsigned rep,
			  const struct baselines *base)
{
	uint8_t frame[BF_MAX];
	struct bt_single one;
	size_t i;

	for (i = 0; i < sizeof(tunnel_floors) / sizeof(tunnel_floors[0]); i++) {
		const struct bs_scenario *s = scenario_named(tunnel_floors[i].scenario);
		struct bpf_program *prog =
			bpf_object__find_program_by_name(b->base->obj, tunnel_floors[i].prog);
		struct bt_input in;

		if (!s || !prog)
			return -1;
		in = (struct bt_input){ .prog_fd = bpf_program__fd(prog),
					.ingress_ifindex = bn_ifindex(b->ifaces, s->in_iface),
					.frame = frame, .len = s->build(frame) };
		if (bt_single(&in, b->opt.runs, TC_ACT_REDIRECT, &one))
			return -1;
		row(ports, tunnel_floors[i].name, "single", rep, one.kernel_ns, base->single.kernel_ns);
		row(ports, tunnel_floors[i].name, "wall", rep, one.wall_ns, base->single.wall_ns);
		row_iqm(ports, tunnel_floors[i].name, rep, &one, &base->single);
	}
	return 0;
}

static void print_floors(const struct bfl_path *paths, size_t n, size_t ports, unsigned rep,
			 const struct baselines *base, const struct path_result *res)
{
	for (size_t i = 0; i < n; i++) {
		if (!res[i].measured)
			continue;
		if (res[i].has_repeat)
			row(ports, paths[i].name, "repeat", rep, res[i].repeat, base->repeat);
		row(ports, paths[i].name, "single", rep, res[i].single.kernel_ns,
		    base->single.kernel_ns);
		row(ports, paths[i].name, "wall", rep, res[i].single.wall_ns, base->single.wall_ns);
		row_iqm(ports, paths[i].name, rep, &res[i].single, &base->single);
	}
}

/*
 * Single lookups in this size's own maps (lookup.bpf.c): what each lookup
 * of the paths costs as the maps grow, nothing else around it.  The NAT
 * rows look up the connection snat_conn's first packet makes.
 */
static int measure_lookups(struct bench *b, size_t size_i, unsigned rep,
			   const struct baselines *base)
{
	struct blk *l = &b->lookups[size_i];
	struct bd *dp = &b->dps[size_i];
	size_t ports = b->opt.sizes[size_i];
	double ns;
	struct bt_single one;

	for (size_t i = 0; i < BLK_N; i++) {
		if (!selected(&b->opt, l->names[i]))
			continue;
		if (strstr(l->names[i], "nat") &&
		    (warm_connection(b, dp, scenario_named("snat_conn")) || blk_take_conn(l, dp)))
			return -1;
		if (bt_repeat(&l->in[i], b->opt.repeat, TC_ACT_REDIRECT, &ns) ||
		    bt_single(&l->in[i], b->opt.runs, TC_ACT_REDIRECT, &one))
			return -1;
		row(ports, l->names[i], "repeat", rep, ns, base->repeat);
		row(ports, l->names[i], "single", rep, one.kernel_ns, base->single.kernel_ns);
		row(ports, l->names[i], "wall", rep, one.wall_ns, base->single.wall_ns);
		row_iqm(ports, l->names[i], rep, &one, &base->single);
	}
	return 0;
}

/* Repetition rep of one model size: baseline, every path, baseline again. */
static int measure_block(struct bench *b, size_t size_i, unsigned rep)
{
	struct path_result res[MAX_SCENARIOS], floors[BFL_N], grow[BFG_N];
	struct baselines base, after;
	size_t ports = b->opt.sizes[size_i], i;
	double xdp_ns;

	if (measure_baselines(b, &base))
		return -1;
	for (i = 0; i < bs_n_scenarios; i++)
		if (measure_scenario(b, &b->dps[size_i], &bs_scenarios[i], &res[i]))
			return -1;
	if (measure_floors(b, b->floor.paths, BFL_N, floors) ||
	    measure_floors(b, b->grow[size_i].paths, BFG_N, grow))
		return -1;
	if (measure_baselines(b, &after))
		return -1;
	baselines_mean(&base, &after);
	print_block(ports, rep, &base, res);
	print_floors(b->floor.paths, BFL_N, ports, rep, &base, floors);
	print_floors(b->grow[size_i].paths, BFG_N, ports, rep, &base, grow);
	if (measure_tunnel_floors(b, ports, rep, &base) || measure_lookups(b, size_i, rep, &base))
		return -1;
	if (b->xdp_sink && measure_xdp_live(b, &xdp_ns) == 0)
		row(ports, "baseline_xdp_live", "repeat", rep, xdp_ns, base.repeat);
	fflush(stdout);
	return 0;
}

/* Every repetition visits every size; the starting size rotates. */
static int measure_all(struct bench *b)
{
	unsigned rep;
	size_t j, i;

	for (rep = 0; rep < b->opt.reps; rep++) {
		for (j = 0; j < b->opt.n_sizes; j++) {
			i = (j + rep) % b->opt.n_sizes;
			if (measure_block(b, i, rep)) {
				fprintf(stderr, "bench: model of %zu ports failed\n", b->opt.sizes[i]);
				return -1;
			}
		}
	}
	return 0;
}

static int load_size(struct bd *dp, size_t ports)
{
	struct xovn_errors errs;
	json_t *model = bm_model(ports);
	int rc = -1;

	xovn_errors_init(&errs);
	if (!model)
		return -1;
	if (xovn_model_validate(model, &errs)) {
		xovn_errors_print(&errs, "bench: generated model: ", stderr);
	} else {
		rc = bd_apply_model(dp, model);
	}
	xovn_errors_free(&errs);
	json_decref(model);
	return rc;
}

int main(int argc, char **argv)
{
	static struct bench b;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (bs_n_scenarios > MAX_SCENARIOS || parse_args(&b.opt, argc, argv) || bt_pin_cpu(0) ||
	    bn_setup(b.ifaces) || open_baselines(&b) || bfl_open(&b.floor, b.ifaces))
		return 1;
	if (open_xdp_target(&b))
		fprintf(stderr, "bench: no XDP live-frames baseline on this machine\n");
	for (i = 0; i < b.opt.n_sizes; i++) {
		if (bd_open(&b.dps[i], b.ifaces, BN_N_IFACES) || load_size(&b.dps[i], b.opt.sizes[i]) ||
		    check_scenarios(&b, &b.dps[i]) || bfg_open(&b.grow[i], &b.dps[i], b.ifaces) ||
		    blk_open(&b.lookups[i], &b.dps[i], bn_ifindex(b.ifaces, "bv0"),
			     bn_ifindex(b.ifaces, "bv1"))) {
			fprintf(stderr, "bench: model of %zu ports failed\n", b.opt.sizes[i]);
			return 1;
		}
	}
	if (measure_all(&b))
		return 1;
	for (i = 0; i < b.opt.n_sizes; i++) {
		blk_close(&b.lookups[i]);
		bfg_close(&b.grow[i]);
		bd_close(&b.dps[i]);
	}
	baseline__destroy(b.base);
	bfl_close(&b.floor);
	return 0;
}
