// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_ingress_idx.c - the two ways into a switch: untagged frames on
 * interfaces below XOVN_MAX_INGRESS_IFINDEX find their port in the
 * ifindex-indexed array, tagged frames and larger ifindexes in the
 * (ifindex, VID) hash.  Both must give the same port and the same drops.
 *
 * One switch ls1 (key 1) on hv1: vm1 on a small ifindex with container c1
 * (tag 100) on it, vm2 past the array, vm4 in its last slot.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "dataplane/map_apply.h"
#include "harness.h"

#define PORTS_VM1_VM2 \
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:01:01 10.0.0.1\"]}," \
	"  {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.0.2\"]}"
#define PORTS_VM4_C1 \
	"  {\"name\":\"vm4\",\"tunnel_key\":4,\"addresses\":[\"00:00:00:00:01:04 10.0.0.4\"]}," \
	"  {\"name\":\"c1\",\"tunnel_key\":5,\"parent_name\":\"vm1\",\"tag\":100," \
	"   \"addresses\":[\"00:00:00:00:01:05 10.0.0.5\"]}"
#define CHASSIS_HEAD \
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},\"vifs\":["
#define VIFS_VM2_VM4 "{\"iface\":\"tap2\",\"port\":\"vm2\"},{\"iface\":\"tap4\",\"port\":\"vm4\"}"

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	PORTS_VM1_VM2 "," PORTS_VM4_C1 "]}]," CHASSIS_HEAD
	"{\"iface\":\"tap1\",\"port\":\"vm1\"}," VIFS_VM2_VM4 "]}]}";

/* vm1 (and with it c1) deleted. */
static const char *model_without_vm1 =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	"  {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.0.2\"]},"
	"  {\"name\":\"vm4\",\"tunnel_key\":4,\"addresses\":[\"00:00:00:00:01:04 10.0.0.4\"]}]}],"
	CHASSIS_HEAD VIFS_VM2_VM4 "]}]}";

enum {
	IF_TAP1 = 101,
	IF_TAP2 = XOVN_MAX_INGRESS_IFINDEX + 5,
	IF_TAP4 = XOVN_MAX_INGRESS_IFINDEX - 1,
	IF_NOBODY_SMALL = 999,
	IF_NOBODY_LARGE = XOVN_MAX_INGRESS_IFINDEX + 100,
};

static const struct xh_iface ifaces[] = {
	{ "tap1", IF_TAP1, 1 }, { "tap2", IF_TAP2, 1 }, { "tap4", IF_TAP4, 1 },
};

static struct xh h;
static uint8_t vm1[6], vm2[6], vm4[6], c1[6];

static void setup(void)
{
	static const struct xh_mac_row macs[] = {
		{ "00:00:00:00:01:01", vm1 }, { "00:00:00:00:01:02", vm2 },
		{ "00:00:00:00:01:04", vm4 }, { "00:00:00:00:01:05", c1 },
	};

	xh_macs(macs, XH_LEN(macs));
	xh_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_ingress_idx, .init = setup, .fini = teardown);

static void load(const char *json)
{
	xh_load_model(&h, json, "hv1", ifaces, XH_LEN(ifaces));
}

/* A unicast IPv4 frame from src to dst, tagged with vid when not 0. */
static size_t frame(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t vid)
{
	size_t len = xh_ipv4_udp(f, dst, src, "10.0.0.9", "10.0.0.8", 16);

	return vid ? xh_vlan_insert(f, len, ETH_P_8021Q, vid) : len;
}

struct path_case {
	const char *name;
	uint32_t in_ifindex;
	uint16_t vid;
	const uint8_t *src, *dst;
	uint16_t in_port, out_port;
	uint32_t out_ifindex;
};

static const struct path_case paths[] = {
	{ "array to past the array", IF_TAP1, 0, vm1, vm2, 1, 2, IF_TAP2 },
	{ "past the array: the hash", IF_TAP2, 0, vm2, vm1, 2, 1, IF_TAP1 },
	{ "the array's last slot", IF_TAP4, 0, vm4, vm1, 4, 1, IF_TAP1 },
	{ "tagged: the hash", IF_TAP1, 100, c1, vm4, 5, 4, IF_TAP4 },
};

Test(l2_ingress_idx, every_way_in_finds_its_port)
{
	uint8_t f[XH_FRAME_MAX];

	load(model);
	for (size_t i = 0; i < XH_LEN(paths); i++) {
		const struct path_case *c = &paths[i];
		size_t len = frame(f, c->dst, c->src, c->vid);
		struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, c->in_ifindex, f, len, NULL);

		cr_log_info("%s", c->name);
		cr_assert_eq(tr.in_port, c->in_port, "%s: in port %u", c->name, tr.in_port);
		xh_expect_one_out(&tr, XOVN_ACT_DELIVER, c->out_port, XOVN_OUT_LOCAL,
				  c->out_ifindex);
		cr_assert_eq(xh_run(&h, XH_VIF_LIVE, c->in_ifindex, f, len), TC_ACT_REDIRECT,
			     "%s", c->name);
		cr_assert_eq(xh_port_stats(&h, 1, c->in_port).rx_packets, 1, "%s", c->name);
	}
	cr_assert_eq(xh_drops_total(&h), 0);
}

static int idx_slot(uint32_t ifindex, struct xovn_ingress_val *v)
{
	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_INGRESS_IDX], &ifindex, v);
}

static int hash_entry(uint32_t ifindex, uint16_t vid, struct xovn_ingress_val *v)
{
	struct xovn_ingress_key k = { .ifindex = ifindex, .vid = vid };

	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_INGRESS], &k, v);
}

/* The array holds the hash's untagged entries it has room for, and no others. */
Test(l2_ingress_idx, the_array_copies_the_untagged_entries_it_covers)
{
	struct xovn_ingress_val in_hash, in_array, zero = { 0 };

	load(model);
	cr_assert_eq(hash_entry(IF_TAP1, 0, &in_hash), 0);
	cr_assert_eq(idx_slot(IF_TAP1, &in_array), 0);
	cr_assert_eq(memcmp(&in_hash, &in_array, sizeof(in_hash)), 0);
	cr_assert_eq(in_array.port_key, 1);
	cr_assert_neq(in_array.slot, 0, "the array entry lost the counter slot");

	cr_assert_eq(hash_entry(IF_TAP4, 0, &in_hash), 0);
	cr_assert_eq(idx_slot(IF_TAP4, &in_array), 0);
	cr_assert_eq(memcmp(&in_hash, &in_array, sizeof(in_hash)), 0);

	cr_assert_eq(hash_entry(IF_TAP2, 0, &in_hash), 0, "past the array: still in the hash");
	cr_assert_neq(idx_slot(IF_TAP2, &in_array), 0, "the array has a slot past its size");
	cr_assert_eq(hash_entry(IF_TAP1, 100, &in_hash), 0, "the container is in the hash");
	cr_assert_eq(idx_slot(IF_NOBODY_SMALL, &in_array), 0);
	cr_assert_eq(memcmp(&zero, &in_array, sizeof(zero)), 0, "a slot nobody owns is written");
}

struct drop_case {
	const char *name;
	uint32_t in_ifindex;
	uint16_t vid;
	int priority_tag;   /* an 802.1Q tag with VID 0 */
	enum xovn_drop_reason reason;
};

static const struct drop_case drops[] = {
	{ "untagged, empty slot", IF_NOBODY_SMALL, 0, 0, XOVN_DROP_NO_PORT },
	{ "untagged, past the array, no entry", IF_NOBODY_LARGE, 0, 0, XOVN_DROP_NO_PORT },
	{ "tag nobody has", IF_TAP1, 200, 0, XOVN_DROP_VLAN_NOT_ALLOWED },
	{ "priority tag on a VIF", IF_TAP1, 0, 1, XOVN_DROP_VLAN_NOT_ALLOWED },
	{ "priority tag past the array", IF_TAP2, 0, 1, XOVN_DROP_VLAN_NOT_ALLOWED },
};

ParameterizedTestParameters(l2_ingress_idx, dropped_by_reason)
{
	size_t *index = cr_malloc(sizeof(*index) * XH_LEN(drops));

	for (size_t i = 0; i < XH_LEN(drops); i++)
		index[i] = i;
	return cr_make_param_array(size_t, index, XH_LEN(drops));
}

ParameterizedTest(size_t *index, l2_ingress_idx, dropped_by_reason)
{
	const struct drop_case *c = &drops[*index];
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, vm4, vm1, "10.0.0.1", "10.0.0.4", 16);
	struct xovn_trace tr;

	load(model);
	cr_log_info("%s", c->name);
	if (c->vid || c->priority_tag)
		len = xh_vlan_insert(f, len, ETH_P_8021Q, c->vid);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, c->in_ifindex, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, c->reason), 1, "%s: not counted for %d", c->name, c->reason);
	cr_assert_eq(xh_drops_total(&h), 1);
	tr = xh_trace(&h, XH_VIF_TRACE, c->in_ifindex, f, len, NULL);
	cr_assert_eq(tr.drop_reason, c->reason, "%s: traced %d", c->name, tr.drop_reason);
}

/* Removing a port zeroes its slot through the diff: its frames find no port. */
Test(l2_ingress_idx, a_removed_port_leaves_an_empty_slot)
{
	struct xovn_mapset old_set, new_set, up, del;
	struct xovn_ingress_val v, zero = { 0 };
	uint8_t f[XH_FRAME_MAX];
	size_t len = frame(f, vm2, vm1, 0);
	char err[256] = "";

	xovn_mapset_init(&old_set);
	xovn_mapset_init(&new_set);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xh_compile(model, "hv1", ifaces, XH_LEN(ifaces), &old_set, err, sizeof(err)),
		     0, "%s", err);
	cr_assert_eq(xh_compile(model_without_vm1, "hv1", ifaces, XH_LEN(ifaces), &new_set, err,
				sizeof(err)), 0, "%s", err);
	cr_assert_eq(xovn_map_apply(h.map_fds, &old_set, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAP1, f, len), TC_ACT_REDIRECT);

	cr_assert_eq(xovn_mapset_diff(&old_set, &new_set, &up, &del), 0);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, &del, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(idx_slot(IF_TAP1, &v), 0);
	cr_assert_eq(memcmp(&zero, &v, sizeof(v)), 0, "the removed port's slot was not cleared");
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAP1, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_NO_PORT), 1);
	cr_assert_eq(xh_drops_total(&h), 1);
	/* The ports still there keep their way in. */
	len = frame(f, vm4, vm2, 0);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAP2, f, len), TC_ACT_REDIRECT);

	xovn_mapset_free(&old_set);
	xovn_mapset_free(&new_set);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}
