// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_router_neigh_fdb.c - a compiled neighbour carries its switch's fdb
 * value for its MAC (xovn_neigh_v2), and a routed frame is delivered from
 * that copy with no L2 lookup in the out switch; without a usable copy (none,
 * another switch's, a learned neighbour) the frame is delivered from the
 * lookup.  Each case changes R1's neighbour 10.0.2.1 (vm2 on ls2, t2) and
 * routes one frame from vm1 to it.  Topology: router_topo.h.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "router_topo.h"
#include "util/addr.h"
#include "xovn.skel.h"

static struct xh h;

static void setup(void)
{
	rt_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(router_neigh_fdb, .init = setup, .fini = teardown);

static int map_fd(const char *name)
{
	struct bpf_map *m = bpf_object__find_map_by_name(h.skel->obj, name);

	cr_assert_not_null(m, "no map %s", name);
	return bpf_map__fd(m);
}

static struct xovn_neigh_key vm2_key(void)
{
	struct xovn_neigh_key k = { .rtr_key = RT_R1, .family = XOVN_AF_IPV4 };

	cr_assert_eq(inet_pton(AF_INET, "10.0.2.1", k.ip), 1);
	return k;
}

static struct xovn_fdb_val vm2_fdb(void)
{
	struct xovn_fdb_key k = { .dp_key = RT_LS2 };
	struct xovn_fdb_val v;

	cr_assert_eq(xovn_parse_mac(RT_VM2_MAC, k.mac), 0);
	cr_assert_eq(bpf_map_lookup_elem(map_fd("xovn_fdb_v2"), &k, &v), 0);
	return v;
}

/* What a case does to R1's neighbour entry for vm2 (n) before routing. */
enum neigh_change {
	AS_COMPILED,
	COPY_ELSEWHERE,    /* the copy names t8: delivery must follow the copy */
	NO_COPY,           /* port key 0: the lookup decides */
	OTHER_SWITCH,      /* a copy of ls1's, not of the route's out switch */
	LEARNED_ONLY,      /* no compiled entry: a learned MAC, then the lookup */
};

struct neigh_fdb_case {
	const char *what;
	enum neigh_change change;
	uint32_t want_ifindex;
};

static const struct neigh_fdb_case cases[] = {
	{ "the compiled copy delivers to vm2", AS_COMPILED, RT_IF_T2 },
	{ "delivery follows the copy: no lookup in ls2", COPY_ELSEWHERE, RT_IF_T8 },
	{ "a neighbour without a copy is looked up", NO_COPY, RT_IF_T2 },
	{ "another switch's copy is not used", OTHER_SWITCH, RT_IF_T2 },
	{ "a learned neighbour is looked up", LEARNED_ONLY, RT_IF_T2 },
};

static void apply_change(enum neigh_change c)
{
	struct xovn_neigh_key k = vm2_key();
	struct xovn_neigh_fdb_val n;
	struct xovn_neigh_val learned = { .lrp_key = 2, .seen_ns = 1 };
	int fd = map_fd("xovn_neigh_v2");

	cr_assert_eq(bpf_map_lookup_elem(fd, &k, &n), 0, "vm2 is a compiled neighbour of R1");
	switch (c) {
	case AS_COMPILED:
		return;
	case COPY_ELSEWHERE:
		n.fdb.port.ifindex = RT_IF_T8;
		break;
	case NO_COPY:
		n.fdb.port.ifindex = RT_IF_T8;
		n.fdb.port_key = 0;
		break;
	case OTHER_SWITCH:
		n.fdb.port.ifindex = RT_IF_T8;
		n.ls_dp_key = RT_LS1;
		break;
	case LEARNED_ONLY:
		memcpy(learned.mac, n.mac, sizeof(learned.mac));
		cr_assert_eq(bpf_map_delete_elem(fd, &k), 0);
		cr_assert_eq(bpf_map_update_elem(map_fd("xovn_mac_binding"), &k, &learned, BPF_ANY),
			     0);
		return;
	}
	cr_assert_eq(bpf_map_update_elem(fd, &k, &n, BPF_EXIST), 0);
}

Test(router_neigh_fdb, the_compiled_copy_is_the_out_switchs_fdb_value)
{
	struct xovn_neigh_key k = vm2_key();
	struct xovn_neigh_fdb_val n;
	struct xovn_fdb_val f = vm2_fdb();

	cr_assert_eq(bpf_map_lookup_elem(map_fd("xovn_neigh_v2"), &k, &n), 0);
	cr_assert_eq(n.ls_dp_key, RT_LS2);
	cr_assert_neq(n.fdb.port_key, 0);
	cr_assert_neq(n.fdb.port.slot, 0, "the copy has the port's counter slot");
	cr_assert_eq(memcmp(&n.fdb, &f, sizeof(f)), 0, "copy and fdb entry differ");
}

Test(router_neigh_fdb, routed_delivery_from_the_copy_or_the_lookup)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len, out_len;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct neigh_fdb_case *c = &cases[i];
		struct xovn_trace tr;

		xh_close(&h);
		rt_open(&h);
		apply_change(c->change);
		len = rt_frame(f, "eth.src=" RT_VM1_MAC " eth.dst=" RT_R1_LS1
				  " ip4.src=10.0.1.1 ip4.dst=10.0.2.1 ip.ttl=64"
				  " udp.src=40000 udp.dst=9 payload.len=30");
		tr = rt_trace(&h, RT_IF_T1, f, len, out, &out_len, NULL);
		cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "%s: action %u", c->what, tr.action);
		cr_assert_eq(tr.n_hops, 1, "%s", c->what);
		cr_assert_eq(tr.n_out, 1, "%s", c->what);
		cr_assert_eq(tr.out[0].ifindex, c->want_ifindex, "%s: out on %u", c->what,
			     tr.out[0].ifindex);
	}
}
