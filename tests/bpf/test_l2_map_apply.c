// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_map_apply.c - xovn_map_apply() on the datapath's real maps: what
 * it writes is what the pipeline switches on, a model change moves only the
 * difference, and a malformed set writes nothing at all.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "compile/compile.h"
#include "harness.h"
#include "dataplane/map_apply.h"

static struct xh h;

static void setup(void)
{
	xh_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_map_apply, .init = setup, .fini = teardown);

static void ingress_entry(uint32_t ifindex, uint16_t port, struct xovn_ingress_key *k,
			  struct xovn_ingress_val *v)
{
	memset(k, 0, sizeof(*k));
	memset(v, 0, sizeof(*v));
	k->ifindex = ifindex;
	v->dp_key = 1;
	v->port_key = port;
}

static int ingress_present(uint32_t ifindex)
{
	struct xovn_ingress_key k = { .ifindex = ifindex };
	struct xovn_ingress_val v;

	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_INGRESS], &k, &v) == 0;
}

Test(l2_map_apply, upserts_are_written_and_deletes_removed)
{
	struct xovn_mapset up, del;
	struct xovn_ingress_key k;
	struct xovn_ingress_val v;
	char err[256] = "";

	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	ingress_entry(7, 1, &k, &v);
	cr_assert_eq(xovn_mapset_add(&up, XOVN_MAP_INGRESS, &k, sizeof(k), &v, sizeof(v)), 0);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, &del, err, sizeof(err)), 0, "%s", err);
	cr_assert(ingress_present(7));

	cr_assert_eq(xovn_map_apply(h.map_fds, &del, &up, err, sizeof(err)), 0, "%s", err);
	cr_assert_not(ingress_present(7));
	/* Deleting what is already gone is not an error: a retry converges. */
	cr_assert_eq(xovn_map_apply(h.map_fds, &del, &up, err, sizeof(err)), 0, "%s", err);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}

Test(l2_map_apply, a_malformed_entry_rejects_the_whole_set_untouched)
{
	struct xovn_mapset up;
	struct xovn_ingress_key k;
	struct xovn_ingress_val v;
	uint8_t short_key[3] = { 0 };
	char err[256] = "";

	xovn_mapset_init(&up);
	ingress_entry(8, 1, &k, &v);
	cr_assert_eq(xovn_mapset_add(&up, XOVN_MAP_INGRESS, &k, sizeof(k), &v, sizeof(v)), 0);
	cr_assert_eq(xovn_mapset_add(&up, XOVN_MAP_FDB, short_key, sizeof(short_key), &v,
				     sizeof(v)), 0);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, NULL, err, sizeof(err)), -1);
	cr_assert(strstr(err, "xovn_fdb_v2") != NULL, "message names no map: %s", err);
	cr_assert(strstr(err, "key is 3 bytes") != NULL, "message gives no reason: %s", err);
	cr_assert_not(ingress_present(8), "part of a rejected set was written");
	xovn_mapset_free(&up);
}

Test(l2_map_apply, an_unknown_map_id_is_rejected)
{
	struct xovn_mapset up;
	uint32_t key = 1, val = 1;
	char err[256] = "";

	xovn_mapset_init(&up);
	cr_assert_eq(xovn_mapset_add(&up, XOVN_MAP__COUNT + 3, &key, sizeof(key), &val,
				     sizeof(val)), 0);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, NULL, err, sizeof(err)), -1);
	cr_assert(strstr(err, "unknown map id") != NULL, "%s", err);
	xovn_mapset_free(&up);
}

/* A port moving to another interface: applying the diff alone re-steers its frames. */
Test(l2_map_apply, applying_a_model_diff_moves_only_what_changed)
{
	static const char *before =
		"{\"version\":1,\"logical_switches\":[{\"name\":\"ls\",\"tunnel_key\":1,\"ports\":["
		"{\"name\":\"a\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:00:0a\"]},"
		"{\"name\":\"b\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:00:0b\"]}]}],"
		"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
		"\"vifs\":[{\"iface\":\"ta\",\"port\":\"a\"},{\"iface\":\"tb\",\"port\":\"b\"}]}]}";
	static const char *after =
		"{\"version\":1,\"logical_switches\":[{\"name\":\"ls\",\"tunnel_key\":1,\"ports\":["
		"{\"name\":\"a\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:00:0a\"]},"
		"{\"name\":\"b\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:00:0b\"]}]}],"
		"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
		"\"vifs\":[{\"iface\":\"ta\",\"port\":\"a\"},{\"iface\":\"tc\",\"port\":\"b\"}]}]}";
	static const struct xh_iface ifaces[] = { { "ta", 21, 1 }, { "tb", 22, 1 }, { "tc", 23, 1 } };
	struct xovn_mapset old_set, new_set, up, del;
	uint8_t f[XH_FRAME_MAX], a[6], b[6];
	struct xovn_trace tr;
	char err[256] = "";
	size_t len;

	xovn_mapset_init(&old_set);
	xovn_mapset_init(&new_set);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xh_compile(before, "hv1", ifaces, 3, &old_set, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(xh_compile(after, "hv1", ifaces, 3, &new_set, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(xovn_map_apply(h.map_fds, &old_set, NULL, err, sizeof(err)), 0, "%s", err);

	xh_mac("00:00:00:00:00:0a", a);
	xh_mac("00:00:00:00:00:0b", b);
	len = xh_ipv4_udp(f, b, a, "10.0.0.1", "10.0.0.2", 8);
	tr = xh_trace(&h, XH_VIF_TRACE, 21, f, len, NULL);
	cr_assert_eq(tr.out[0].ifindex, 22);

	cr_assert_eq(xovn_mapset_diff(&old_set, &new_set, &up, &del), 0);
	cr_assert_gt(up.n, 0);
	cr_assert_lt(up.n, new_set.n, "the diff rewrote everything (%zu of %zu)", up.n, new_set.n);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, &del, err, sizeof(err)), 0, "%s", err);

	tr = xh_trace(&h, XH_VIF_TRACE, 21, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.out[0].ifindex, 23);
	cr_assert_not(ingress_present(22), "the old interface still maps to a port");
	cr_assert(ingress_present(23));

	xovn_mapset_free(&old_set);
	xovn_mapset_free(&new_set);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}
