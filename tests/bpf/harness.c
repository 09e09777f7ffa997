// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* harness.c - loading the datapath with private maps and running it on frames. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <jansson.h>
#include <linux/if_ether.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "compile/compile.h"
#include "dataplane/counters.h"
#include "harness.h"
#include "dataplane/map_apply.h"
#include "dataplane/slots.h"
#include "dataplane/skel_maps.h"
#include "frame/frame.h"

const uint8_t XH_BROADCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* Keeps libbpf quiet except for warnings (the verifier log comes with them). */
static int xh_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* The per-CPU trace slot is read for the CPU the test runs on: stay there.
 * Pinning to the current CPU (not a fixed one) lets parallel test processes
 * verify and run their programs on every core. */
static int xh_pin_current_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	cr_assert_geq(cpu, 0, "sched_getcpu: %s", strerror(errno));
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	cr_assert_eq(sched_setaffinity(0, sizeof(set), &set), 0,
		     "sched_setaffinity: %s", strerror(errno));
	return cpu;
}

/* The skeleton's TC programs: each test verifies only those it runs. */
static struct bpf_program *xh_skel_prog(struct xovn *skel, enum xh_prog prog)
{
	switch (prog) {
	case XH_VIF_LIVE:
		return skel->progs.xovn_vif_ingress;
	case XH_VIF_TRACE:
		return skel->progs.xovn_vif_trace;
	case XH_UNDERLAY_LIVE:
		return skel->progs.xovn_underlay_ingress;
	case XH_UNDERLAY_TRACE:
		return skel->progs.xovn_underlay_trace;
	}
	cr_assert_fail("unknown program %d", prog);
	return NULL;
}

static struct xovn *xh_skel_open(void)
{
	struct xovn *skel = xovn__open();
	struct bpf_map *map;

	cr_assert_not_null(skel, "cannot open the xovn BPF object");
	/* Private maps: a test must never see (or disturb) a running chassis. */
	bpf_object__for_each_map(map, skel->obj)
		cr_assert_eq(bpf_map__set_pin_path(map, NULL), 0);
	for (int p = 0; p < XH_N_PROGS; p++)
		cr_assert_eq(bpf_program__set_autoload(xh_skel_prog(skel, p), false), 0);
	return skel;
}

void xh_open(struct xh *h)
{
	struct bpf_map *maps[XOVN_MAP__ALL];
	int i;

	memset(h, 0, sizeof(*h));
	libbpf_set_print(xh_libbpf_print);
	h->cpu = xh_pin_current_cpu();
	h->skel = xh_skel_open();
	cr_assert_eq(xovn__load(h->skel), 0, "the verifier rejected the datapath");
	xovn_skel_maps(h->skel, maps);
	for (i = 0; i < XOVN_MAP__COUNT; i++)
		h->map_fds[i] = bpf_map__fd(maps[i]);
	h->drops_fd = bpf_map__fd(maps[XOVN_MAP_DROPS]);
	h->trace_fd = bpf_map__fd(maps[XOVN_MAP_TRACE]);
	h->stats_fd = bpf_map__fd(maps[XOVN_MAP_PORT_STATS]);
	h->ncpus = libbpf_num_possible_cpus();
	cr_assert_gt(h->ncpus, 0);
	cr_assert_lt(h->cpu, h->ncpus);
}

struct bpf_program *xh_program(struct xh *h, enum xh_prog prog)
{
	struct bpf_map *map;
	struct xovn *skel;

	cr_assert(prog >= 0 && prog < XH_N_PROGS, "unknown program %d", prog);
	if (h->prog_skel[prog])
		return xh_skel_prog(h->prog_skel[prog], prog);
	skel = xh_skel_open();
	/* The same object again, on the maps of the first: one datapath state. */
	bpf_object__for_each_map(map, skel->obj) {
		struct bpf_map *own = bpf_object__find_map_by_name(h->skel->obj, bpf_map__name(map));

		cr_assert_not_null(own, "map %s missing", bpf_map__name(map));
		cr_assert_eq(bpf_map__reuse_fd(map, bpf_map__fd(own)), 0);
	}
	cr_assert_eq(bpf_program__set_autoload(xh_skel_prog(skel, prog), true), 0);
	cr_assert_eq(xovn__load(skel), 0, "the verifier rejected the datapath");
	h->prog_skel[prog] = skel;
	return xh_skel_prog(skel, prog);
}

void xh_close(struct xh *h)
{
	for (int p = 0; p < XH_N_PROGS; p++)
		if (h->prog_skel[p])
			xovn__destroy(h->prog_skel[p]);
	xovn__destroy(h->skel);
	memset(h->prog_skel, 0, sizeof(h->prog_skel));
	h->skel = NULL;
}

/* ---- model ---------------------------------------------------------------- */

struct xh_iface_table {
	const struct xh_iface *v;
	size_t n;
};

static int xh_resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	const struct xh_iface_table *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].name, ifname) == 0) {
			info->ifindex = t->v[i].ifindex;
			info->mtu = 1500;
			info->is_veth = t->v[i].is_veth;
			return 0;
		}
	}
	return -1;
}

int xh_compile(const char *model_json, const char *chassis, const struct xh_iface *ifaces,
	       size_t n, struct xovn_mapset *out, char *err, size_t errlen)
{
	struct xh_iface_table table = { ifaces, n };
	struct xovn_mapset none = { 0 };
	struct xovn_model *typed;
	json_error_t jerr;
	json_t *model;
	int rc;

	model = json_loads(model_json, 0, &jerr);
	if (!model) {
		snprintf(err, errlen, "model JSON line %d: %s", jerr.line, jerr.text);
		return -1;
	}
	typed = xovn_model_read(model);
	rc = typed ? xovn_compile(typed, chassis, xh_resolve, &table, out, err, errlen) : -1;
	if (!typed)
		snprintf(err, errlen, "out of memory reading the model");
	xovn_model_free(typed);
	/* As xovnd does before writing: every port gets its counter slot. */
	if (rc == 0 && xovn_slots_assign(&none, out) < 0) {
		snprintf(err, errlen, "no counter slots left");
		rc = -1;
	}
	json_decref(model);
	return rc;
}

int xh_try_load_model(struct xh *h, const char *model_json, const char *chassis,
		      const struct xh_iface *ifaces, size_t n, char *err, size_t errlen)
{
	struct xovn_mapset set;
	int rc;

	xovn_mapset_init(&set);
	rc = xh_compile(model_json, chassis, ifaces, n, &set, err, errlen);
	if (rc == 0)
		rc = xovn_map_apply(h->map_fds, &set, NULL, err, errlen);
	xovn_mapset_free(&set);
	return rc;
}

void xh_load_model(struct xh *h, const char *model_json, const char *chassis,
		   const struct xh_iface *ifaces, size_t n)
{
	char err[512] = "";

	cr_assert_eq(xh_try_load_model(h, model_json, chassis, ifaces, n, err, sizeof(err)), 0,
		     "loading the model failed: %s", err);
}

void xh_open_model(struct xh *h, const char *model_json, const char *chassis,
		   const struct xh_iface *ifaces, size_t n)
{
	xh_open(h);
	xh_load_model(h, model_json, chassis, ifaces, n);
}

/* ---- running ---------------------------------------------------------------- */

static int xh_prog_fd(struct xh *h, enum xh_prog prog)
{
	return bpf_program__fd(xh_program(h, prog));
}

int xh_run_out(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
	       const void *frame, size_t len, void *out, size_t out_cap, size_t *out_len)
{
	struct __sk_buff skb_ctx = { .ingress_ifindex = ingress_ifindex };
	LIBBPF_OPTS(bpf_test_run_opts, opts,
		    .data_in = frame,
		    .data_size_in = len,
		    .data_out = out,
		    .data_size_out = out_cap,
		    .ctx_in = &skb_ctx,
		    .ctx_size_in = sizeof(skb_ctx),
		    .repeat = 1);
	int rc;

	rc = bpf_prog_test_run_opts(xh_prog_fd(h, prog), &opts);
	cr_assert_eq(rc, 0, "BPF_PROG_TEST_RUN failed: %s", strerror(errno));
	if (out_len)
		*out_len = opts.data_size_out;
	return (int)opts.retval;
}

int xh_run(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
	   const void *frame, size_t len)
{
	uint8_t out[XH_FRAME_MAX + 64];

	return xh_run_out(h, prog, ingress_ifindex, frame, len, out, sizeof(out), NULL);
}

struct xovn_trace xh_trace(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
			   const void *frame, size_t len, int *verdict)
{
	uint8_t out[XH_FRAME_MAX + 64];

	return xh_trace_out(h, prog, ingress_ifindex, frame, len, out, sizeof(out), NULL, verdict);
}

struct xovn_trace xh_trace_out(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
			       const void *frame, size_t len, void *out, size_t out_cap,
			       size_t *out_len, int *verdict)
{
	struct xovn_trace *per_cpu = calloc(h->ncpus, sizeof(*per_cpu));
	struct xovn_trace tr;
	uint32_t zero = 0, seq_before;
	int v;

	cr_assert_not_null(per_cpu);
	cr_assert_eq(bpf_map_lookup_elem(h->trace_fd, &zero, per_cpu), 0);
	seq_before = per_cpu[h->cpu].seq;
	v = xh_run_out(h, prog, ingress_ifindex, frame, len, out, out_cap, out_len);
	cr_assert_eq(bpf_map_lookup_elem(h->trace_fd, &zero, per_cpu), 0);
	tr = per_cpu[h->cpu];
	free(per_cpu);
	cr_assert_eq(tr.seq, seq_before + 1, "the program wrote no trace record");
	if (verdict)
		*verdict = v;
	return tr;
}

uint64_t xh_drops(struct xh *h, enum xovn_drop_reason reason)
{
	struct xovn_drop_count *per_cpu = calloc(h->ncpus, sizeof(*per_cpu));
	uint32_t key = reason;
	uint64_t sum = 0;
	int i;

	cr_assert_not_null(per_cpu);
	cr_assert_eq(bpf_map_lookup_elem(h->drops_fd, &key, per_cpu), 0);
	for (i = 0; i < h->ncpus; i++)
		sum += per_cpu[i].packets;
	free(per_cpu);
	return sum;
}

uint64_t xh_drops_total(struct xh *h)
{
	uint64_t sum = 0;
	int r;

	for (r = XOVN_DROP_NONE + 1; r < XOVN_DROP__COUNT; r++)
		sum += xh_drops(h, r);
	return sum;
}

struct xovn_port_stats xh_port_stats(struct xh *h, uint32_t dp_key, uint16_t port_key)
{
	struct xovn_port_key key = { .dp_key = dp_key, .port_key = port_key };
	struct xovn_port_stats sum = { 0 };

	/* The readers' own code (lib/dataplane/counters.c), as xovnctl stats uses it. */
	cr_assert_eq(xovn_read_port_stat(h->stats_fd, &key, &sum), 0);
	return sum;
}

void xh_expect_one_out(const struct xovn_trace *tr, uint8_t action, uint16_t out_port,
		       uint8_t kind, uint32_t ifindex)
{
	cr_assert_eq(tr->action, action, "action %d (drop reason %d), wanted %d", tr->action,
		     tr->drop_reason, action);
	cr_assert_eq(tr->out_port, out_port);
	cr_assert_eq(tr->n_out, 1);
	cr_assert_eq(tr->out[0].kind, kind);
	cr_assert_eq(tr->out[0].ifindex, ifindex);
}

const struct xovn_trace_out *xh_trace_find(const struct xovn_trace *tr, uint16_t port_key)
{
	unsigned int i;

	for (i = 0; i < tr->n_out && i < XOVN_MAX_TRACE_OUT; i++)
		if (tr->out[i].port_key == port_key)
			return &tr->out[i];
	return NULL;
}

/* ---- frames ------------------------------------------------------------------- */

void xh_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	int i;

	cr_assert_eq(sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]), 6,
		     "bad MAC %s", s);
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
}

void xh_macs(const struct xh_mac_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		xh_mac(rows[i].text, rows[i].mac);
}

struct in_addr xh_ip4(const char *s)
{
	struct in_addr a;

	cr_assert_eq(inet_pton(AF_INET, s, &a), 1, "bad IPv4 %s", s);
	return a;
}

size_t xh_eth(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
	      uint16_t ethertype, size_t payload_len)
{
	cr_assert_leq(ETH_HLEN + payload_len, XH_FRAME_MAX);
	xovn_put_eth(buf, dst, src, ethertype);
	xovn_fill_pattern(buf + ETH_HLEN, payload_len);
	return ETH_HLEN + payload_len;
}

size_t xh_arp_request(uint8_t *buf, const uint8_t sha[6], const char *spa, const char *tpa)
{
	static const uint8_t unknown[6];

	xovn_put_eth(buf, XH_BROADCAST, sha, ETH_P_ARP);
	return ETH_HLEN + xovn_put_arp(buf + ETH_HLEN, 1, sha, xh_ip4(spa), unknown, xh_ip4(tpa));
}

size_t xh_ipv4_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		   const char *saddr, const char *daddr, size_t payload_len)
{
	struct xovn_ip4 ip = { .src = xh_ip4(saddr), .dst = xh_ip4(daddr), .proto = IPPROTO_UDP,
			       .ttl = 64 };
	uint8_t *p = buf;

	cr_assert_leq(XOVN_HDR_ETH + XOVN_HDR_IP4 + XOVN_HDR_UDP + payload_len, XH_FRAME_MAX);
	p += xovn_put_eth(p, dst, src, ETH_P_IP);
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + payload_len);
	p += xovn_put_udp(p, 40000, 9 /* discard */, payload_len);
	xovn_fill_pattern(p, payload_len);
	return (size_t)(p - buf) + payload_len;
}

size_t xh_vlan_insert(uint8_t *buf, size_t len, uint16_t tpid, uint16_t vid)
{
	size_t tagged = xovn_insert_tag(buf, len, XH_FRAME_MAX, tpid, vid);

	cr_assert_neq(tagged, 0, "no room for a tag in a %zu-byte frame", len);
	return tagged;
}

int xh_frame_vid(const uint8_t *frame, size_t len)
{
	return xovn_frame_vid(frame, len);
}
