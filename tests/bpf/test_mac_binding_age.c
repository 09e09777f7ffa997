// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_mac_binding_age.c - xovnd's aging of learned neighbours on the real
 * xovn_mac_binding map of build/xovn.bpf.o: only bindings older than their
 * router's options:mac_binding_age_threshold go; routers without the
 * option keep theirs.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dataplane/mac_binding_age.h"
#include "harness.h"
#include "model/types.h"
#include "xovn.skel.h"

static const char routers_model[] =
	"{\"logical_routers\":["
	" {\"name\":\"aged\",\"tunnel_key\":7,\"options\":{\"mac_binding_age_threshold\":\"60\"}},"
	" {\"name\":\"kept\",\"tunnel_key\":8},"
	" {\"name\":\"zero\",\"tunnel_key\":9,\"options\":{\"mac_binding_age_threshold\":\"0\"}},"
	" {\"name\":\"junk\",\"tunnel_key\":10,\"options\":{\"mac_binding_age_threshold\":\"1m\"}}]}";

/*
 * The aging pass is told the time, so the tests tell it a fixed one: far
 * enough from zero that "an hour ago" cannot wrap around, as
 * CLOCK_MONOTONIC would on a machine up for less than an hour.
 */
#define TEST_NOW_NS (1000ull * 3600ull * 1000000000ull)

static struct xovn_neigh_key key_of(uint32_t rtr_key, const char *ip4)
{
	struct xovn_neigh_key k = { .rtr_key = rtr_key, .family = XOVN_AF_IPV4 };

	cr_assert_eq(inet_pton(AF_INET, ip4, k.ip), 1);
	return k;
}

static void learn(int fd, uint32_t rtr_key, const char *ip4, uint64_t seen_ns)
{
	struct xovn_neigh_key k = key_of(rtr_key, ip4);
	struct xovn_neigh_val v = { .mac = { 0x0a, 0, 0, 0, 0, 1 }, .lrp_key = 1,
				    .seen_ns = seen_ns };

	cr_assert_eq(bpf_map_update_elem(fd, &k, &v, BPF_ANY), 0);
}

static int present(int fd, uint32_t rtr_key, const char *ip4)
{
	struct xovn_neigh_key k = key_of(rtr_key, ip4);
	struct xovn_neigh_val v;

	return bpf_map_lookup_elem(fd, &k, &v) == 0;
}

static void rules_of(const char *text, struct xovn_age_rules *rules)
{
	json_error_t jerr;
	json_t *doc = json_loads(text, 0, &jerr);
	struct xovn_model *m = xovn_model_read(doc);

	cr_assert_not_null(m);
	cr_assert_eq(xovn_age_rules_from_model(m, rules), 0);
	xovn_model_free(m);
	json_decref(doc);
}

Test(mac_binding_age, only_routers_with_a_positive_threshold_age)
{
	struct xovn_age_rules rules;

	rules_of(routers_model, &rules);
	cr_assert_eq(rules.n, 1, "one router sets a usable threshold");
	cr_assert_eq(rules.v[0].rtr_key, 7);
	cr_assert_eq(rules.v[0].max_age_ns, 60ull * 1000000000ull);
	xovn_age_rules_free(&rules);
}

Test(mac_binding_age, stale_bindings_of_aging_routers_go)
{
	struct xovn_age_rules rules;
	struct xh h;
	uint64_t now = TEST_NOW_NS, minute = 60ull * 1000000000ull;
	int fd;

	xh_open(&h);
	fd = bpf_map__fd(h.skel->maps.xovn_mac_binding);
	rules_of(routers_model, &rules);
	learn(fd, 7, "10.0.0.1", now - 2 * minute);  /* stale */
	learn(fd, 7, "10.0.0.2", now - minute / 2);  /* fresh */
	learn(fd, 7, "10.0.0.3", now - 3 * minute);  /* stale */
	learn(fd, 8, "10.0.0.1", now - 10 * minute); /* router without aging */
	learn(fd, 9, "10.0.0.1", now - 10 * minute); /* threshold 0: no aging */

	cr_assert_eq(xovn_mac_binding_age(fd, &rules, now), 2);
	cr_assert_not(present(fd, 7, "10.0.0.1"));
	cr_assert(present(fd, 7, "10.0.0.2"));
	cr_assert_not(present(fd, 7, "10.0.0.3"));
	cr_assert(present(fd, 8, "10.0.0.1"));
	cr_assert(present(fd, 9, "10.0.0.1"));
	cr_assert_eq(xovn_mac_binding_age(fd, &rules, now), 0, "nothing left to age");
	xovn_age_rules_free(&rules);
	xh_close(&h);
}

Test(mac_binding_age, many_stale_bindings_all_go_in_one_pass)
{
	struct xovn_age_rules rules;
	struct xh h;
	uint64_t now = TEST_NOW_NS, hour = 3600ull * 1000000000ull;
	char ip[32];
	int fd;

	xh_open(&h);
	fd = bpf_map__fd(h.skel->maps.xovn_mac_binding);
	rules_of(routers_model, &rules);
	for (int i = 0; i < 500; i++) {
		snprintf(ip, sizeof(ip), "10.1.%d.%d", i / 250, i % 250 + 1);
		learn(fd, 7, ip, i % 2 ? now : now - hour);
	}
	cr_assert_eq(xovn_mac_binding_age(fd, &rules, now), 250);
	for (int i = 0; i < 500; i++) {
		snprintf(ip, sizeof(ip), "10.1.%d.%d", i / 250, i % 250 + 1);
		cr_assert_eq(present(fd, 7, ip), i % 2, "%s", ip);
	}
	xovn_age_rules_free(&rules);
	xh_close(&h);
}
