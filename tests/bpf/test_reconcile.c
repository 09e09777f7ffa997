// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_reconcile.c - xovnd's reconcile step (loader/reconcile.c) on the
 * datapath's real maps: a whole result writes only the difference, a
 * partial one replaces its switches' entries, and a write that fails half
 * way leaves the record equal to what the maps hold and the host facts
 * those of the last result written.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "compile/compile.h"
#include "dataplane/slots.h"
#include "model/follow.h"
#include "harness.h"
#include "../../loader/map_dump.h"
#include "../../loader/reconcile.h"

static struct xh h;
static struct reconcile r;

static void setup(void)
{
	xh_open(&h);
	cr_assert_eq(reconcile_init(&r, h.map_fds, 0), 0);
}

static void teardown(void)
{
	reconcile_free(&r);
	xh_close(&h);
}

TestSuite(reconcile, .init = setup, .fini = teardown);

static const struct xh_iface ifaces[] = {
	{ "ta", 21, 1 }, { "tb", 22, 1 }, { "tc", 23, 1 }, { "td", 24, 1 }, { "eth0", 2, 0 },
};

static int resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++) {
		if (strcmp(ifaces[i].name, ifname) == 0) {
			info->ifindex = ifaces[i].ifindex;
			info->mtu = 1500;
			info->is_veth = ifaces[i].is_veth;
			return 0;
		}
	}
	return -1;
}

/* ls1 (a, b) and, with two_switches, ls2 (c); b's interface is b_iface. */
static json_t *model(const char *b_iface, int two_switches)
{
	json_t *m = json_pack(
		"{s:i,s:i,s:[{s:s,s:i,s:[{s:s,s:i,s:[s]},{s:s,s:i,s:[s]}]}],"
		"s:[{s:s,s:{s:s,s:s},s:s,s:[{s:s,s:s},{s:s,s:s},{s:s,s:s}]},"
		"{s:s,s:{s:s,s:s}}]}",
		"version", 1, "generation", 1, "logical_switches",
		"name", "ls1", "tunnel_key", 1, "ports",
		"name", "a", "tunnel_key", 1, "addresses", "00:00:00:00:00:0a",
		"name", "b", "tunnel_key", 2, "addresses", "00:00:00:00:00:0b",
		"chassis", "name", "hv1", "encap", "type", "geneve", "ip", "192.0.2.1",
		"encap_iface", "eth0", "vifs", "iface", "ta", "port", "a",
		"iface", b_iface, "port", "b", "iface", "tc", "port", "c",
		"name", "hv2", "encap", "type", "geneve", "ip", "192.0.2.2");

	cr_assert_not_null(m);
	if (two_switches)
		json_array_append_new(json_object_get(m, "logical_switches"),
				      json_pack("{s:s,s:i,s:[{s:s,s:i,s:[s]}]}", "name", "ls2",
						"tunnel_key", 2, "ports", "name", "c",
						"tunnel_key", 1, "addresses", "00:00:00:00:00:0c"));
	return m;
}

/* The whole result of the typed model read from m (the result borrows nothing from it). */
static void compile_whole(const json_t *m, struct xovn_compile_result *res)
{
	struct xovn_model *typed = xovn_model_read(m);
	char err[256] = "";

	cr_assert_not_null(typed);
	xovn_compile_result_init(res);
	cr_assert_eq(xovn_compile_result(typed, "hv1", resolve, NULL, res, err, sizeof(err)), 0,
		     "%s", err);
	xovn_model_free(typed);
}

static void assert_sets_equal(const struct xovn_mapset *a, const struct xovn_mapset *b,
			      const char *what)
{
	size_t at = xovn_mapset_mismatch(a, b);

	cr_assert(at == XOVN_MAPSETS_EQUAL, "%s: %zu entries against %zu, entry %zu differs",
		  what, a->n, b->n, at);
}

/* The record must be exactly what the maps hold. */
static void assert_record_is_the_maps(const char *what)
{
	struct xovn_mapset maps;

	xovn_mapset_init(&maps);
	cr_assert_eq(map_dump_all(h.map_fds, &maps), 0);
	assert_sets_equal(&r.applied, &maps, what);
	xovn_mapset_free(&maps);
}

static int ingress_present(uint32_t ifindex)
{
	struct xovn_ingress_key k = { .ifindex = ifindex };
	struct xovn_ingress_val v;

	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_INGRESS], &k, &v) == 0;
}

static uint32_t dp_flags(uint32_t dp)
{
	struct xovn_dp_val v;

	cr_assert_eq(bpf_map_lookup_elem(h.map_fds[XOVN_MAP_DATAPATHS], &dp, &v), 0,
		     "datapath %u missing", dp);
	return v.flags;
}

Test(reconcile, a_whole_result_writes_only_the_difference)
{
	json_t *before = model("tb", 0), *after = model("tc", 0);
	struct xovn_compile_result res;
	struct xovn_dp_val marked = { .flags = 0x80 };
	uint32_t dp = 1;

	compile_whole(before, &res);
	cr_assert_eq(reconcile_step(&r, &res, 1), 0);
	cr_assert_eq(res.entries.n, 0, "the entries moved into the record");
	assert_record_is_the_maps("first write");
	cr_assert(ingress_present(22));
	cr_assert_eq(r.facts.n_vifs, 3);
	cr_assert_str_eq(r.facts.vifs[1].name, "tb");
	xovn_compile_result_free(&res);

	/* A value the record does not know: rewritten only if the step rewrote everything. */
	cr_assert_eq(bpf_map_update_elem(h.map_fds[XOVN_MAP_DATAPATHS], &dp, &marked, BPF_ANY), 0);
	compile_whole(after, &res);
	cr_assert_eq(reconcile_step(&r, &res, 2), 0);
	cr_assert_eq(dp_flags(1), 0x80, "an entry that did not change was written");
	cr_assert(ingress_present(23), "b's new interface receives");
	cr_assert_not(ingress_present(22), "b's old interface still receives");
	cr_assert_str_eq(r.facts.vifs[1].name, "tc");
	cr_assert_eq(r.facts.n_remote_ips, 1);
	cr_assert(r.has_attach && r.has_chassis_facts);
	xovn_compile_result_free(&res);
	json_decref(before);
	json_decref(after);
}

Test(reconcile, a_partial_result_replaces_its_switches_entries)
{
	json_t *m = model("tb", 1), *sws = json_object_get(m, "logical_switches");
	json_t *olds = json_pack("[O]", json_array_get(sws, 1)), *ls2, *news;
	struct xovn_model *typed = xovn_model_read(m);
	struct xovn_switch_change chg = { 0 };
	struct xovn_compile_result res, whole;
	struct xovn_compile_state *st;
	char err[256] = "";

	compile_whole(m, &res);
	cr_assert_eq(reconcile_step(&r, &res, 1), 0);
	xovn_compile_result_free(&res);
	cr_assert(ingress_present(23));

	/* ls2 loses c and gains d: only ls2's entries change. */
	cr_assert_not_null(typed);
	st = xovn_compile_state_new(typed, "hv1", err, sizeof(err));
	cr_assert_not_null(st, "%s", err);
	ls2 = json_pack("{s:s,s:i,s:[{s:s,s:i,s:[s]}]}", "name", "ls2", "tunnel_key", 2,
			"ports", "name", "d", "tunnel_key", 2, "addresses", "00:00:00:00:00:0d");
	json_array_set_new(sws, 1, ls2);
	news = json_pack("[O]", ls2);
	/* As xovnd: the typed model follows; the typed ls2 replaced still reads olds. */
	cr_assert_eq(xovn_model_follow_switches(typed, m, news, &chg), 0);
	xovn_compile_result_init(&res);
	cr_assert_eq(xovn_compile_switches(st, typed, resolve, NULL,
					   (const struct xovn_ls *const *)chg.old, chg.n_old, chg.cur,
					   chg.n_cur, &r.applied, &res, err, sizeof(err)), 0,
		     "%s", err);
	cr_assert_eq(res.n_dps, 2, "ls2 before and after");
	cr_assert_eq(reconcile_step(&r, &res, 2), 0);
	xovn_switch_change_free(&chg);
	assert_record_is_the_maps("after the partial write");
	cr_assert_not(ingress_present(23), "c, gone, still receives");
	cr_assert(ingress_present(21) && ingress_present(22), "ls1's ports stopped receiving");

	/* The record equals a whole compile of the same model. */
	compile_whole(m, &whole);
	cr_assert_eq(xovn_slots_assign(&r.applied, &whole.entries), 0);
	assert_sets_equal(&r.applied, &whole.entries, "partial against whole");
	xovn_compile_result_free(&whole);
	xovn_compile_result_free(&res);
	xovn_compile_state_free(st);
	xovn_model_free(typed);
	json_decref(news);
	json_decref(olds);
	json_decref(m);
}

Test(reconcile, a_write_that_fails_half_way_keeps_the_record_true)
{
	json_t *before = model("tb", 0), *after = model("td", 1);
	struct xovn_psec_ip4_key bad = { .prefixlen = 200 }; /* beyond the trie's 128 bits */
	struct xovn_compile_result res;
	uint32_t one = 1;

	compile_whole(before, &res);
	cr_assert_eq(reconcile_step(&r, &res, 1), 0);
	xovn_compile_result_free(&res);

	/* Datapaths go before port security: ls2's is written, then the bad key fails. */
	compile_whole(after, &res);
	cr_assert_eq(xovn_mapset_add(&res.entries, XOVN_MAP_PSEC_IN4, &bad, sizeof(bad), &one,
				     sizeof(one)), 0);
	xovn_mapset_sort(&res.entries);
	cr_assert_eq(reconcile_step(&r, &res, 2), -1);
	dp_flags(2);
	assert_record_is_the_maps("after a failed write");
	cr_assert_not_null(xovn_mapset_find(&r.applied, XOVN_MAP_DATAPATHS, &(uint32_t){ 2 },
					    sizeof(uint32_t)),
			   "the record missed what the failed write left in the maps");
	cr_assert_str_eq(r.facts.vifs[1].name, "tb", "the facts of a refused result were taken");
	xovn_compile_result_free(&res);

	/* The next good result converges. */
	compile_whole(after, &res);
	cr_assert_eq(reconcile_step(&r, &res, 3), 0);
	assert_record_is_the_maps("after the retry");
	cr_assert_str_eq(r.facts.vifs[1].name, "td");
	xovn_compile_result_free(&res);
	json_decref(before);
	json_decref(after);
}
