// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_flood.c - broadcast floods and container (parent + tag) ports.
 *
 * ls1 (key 1) seen from hv1: vm1 and vm2 local; containers c1 (tag 100) and
 * c2 (tag 200) inside vm1, sharing its interface; a localport lp; vm3 on hv2
 * and vm4 on hv3.  Floods are checked with the trace program: the live one
 * would really clone frames to the made-up interfaces.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>

#include "harness.h"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:01:01 10.0.0.1\"]},"
	"  {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.0.2\"]},"
	"  {\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:01:03 10.0.0.3\"]},"
	"  {\"name\":\"c1\",\"tunnel_key\":4,\"parent_name\":\"vm1\",\"tag\":100,"
	"   \"addresses\":[\"00:00:00:00:01:04 10.0.0.4\"]},"
	"  {\"name\":\"c2\",\"tunnel_key\":5,\"parent_name\":\"vm1\",\"tag\":200,"
	"   \"addresses\":[\"00:00:00:00:01:05 10.0.0.5\"]},"
	"  {\"name\":\"lp\",\"tunnel_key\":6,\"type\":\"localport\","
	"   \"addresses\":[\"00:00:00:00:01:06 10.0.0.6\"]},"
	"  {\"name\":\"vm4\",\"tunnel_key\":7,\"addresses\":[\"00:00:00:00:01:07 10.0.0.7\"]}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},\"vifs\":["
	"  {\"iface\":\"tap1\",\"port\":\"vm1\"},{\"iface\":\"tap2\",\"port\":\"vm2\"},"
	"  {\"iface\":\"tapl\",\"port\":\"lp\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},\"vifs\":["
	"  {\"iface\":\"tap3\",\"port\":\"vm3\"}]},"
	" {\"name\":\"hv3\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.3\"},\"vifs\":["
	"  {\"iface\":\"tap4\",\"port\":\"vm4\"}]}]}";

enum { IF_TAP1 = 101, IF_TAP2 = 102, IF_TAPL = 106 };
enum { P_VM1 = 1, P_VM2 = 2, P_VM3 = 3, P_C1 = 4, P_C2 = 5, P_LP = 6, P_VM4 = 7 };

static const struct xh_iface ifaces[] = {
	{ "tap1", IF_TAP1, 1 }, { "tap2", IF_TAP2, 1 }, { "tapl", IF_TAPL, 1 },
};

static struct xh h;
static uint8_t vm1[6], vm2[6], c1[6], c2[6];

static void setup(void)
{
	xh_open(&h);
	xh_load_model(&h, model, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
	xh_mac("00:00:00:00:01:01", vm1);
	xh_mac("00:00:00:00:01:02", vm2);
	xh_mac("00:00:00:00:01:04", c1);
	xh_mac("00:00:00:00:01:05", c2);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_flood, .init = setup, .fini = teardown);

static unsigned int count_kind(const struct xovn_trace *tr, uint8_t kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < tr->n_out; i++)
		n += tr->out[i].kind == kind;
	return n;
}

static void expect_local_copy(const struct xovn_trace *tr, uint16_t port, uint32_t ifindex,
			      uint16_t vid)
{
	const struct xovn_trace_out *o = xh_trace_find(tr, port);

	cr_assert_not_null(o, "no copy for port %u", port);
	cr_assert_eq(o->kind, XOVN_OUT_LOCAL, "port %u", port);
	cr_assert_eq(o->ifindex, ifindex, "port %u went to ifindex %u", port, o->ifindex);
	cr_assert_eq(o->vid, vid, "port %u tagged %u, wanted %u", port, o->vid, vid);
}

static int has_tunnel_to(const struct xovn_trace *tr, const char *ip)
{
	unsigned int i;

	for (i = 0; i < tr->n_out; i++)
		if (tr->out[i].kind == XOVN_OUT_TUNNEL && tr->out[i].remote_ip == inet_addr(ip))
			return 1;
	return 0;
}

Test(l2_flood, broadcast_arp_reaches_every_other_local_port_and_each_remote_chassis_once)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_arp_request(f, vm2, "10.0.0.2", "10.0.0.99");
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP2, f, len, &verdict);

	cr_assert_eq(tr.in_port, P_VM2);
	cr_assert_eq(tr.out_port, XOVN_MC_FLOOD);
	cr_assert_eq(count_kind(&tr, XOVN_OUT_LOCAL), 4);
	expect_local_copy(&tr, P_VM1, IF_TAP1, 0);
	expect_local_copy(&tr, P_C1, IF_TAP1, 100);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
	expect_local_copy(&tr, P_LP, IF_TAPL, 0);
	cr_assert_null(xh_trace_find(&tr, P_VM2), "the sender got its own broadcast back");
	cr_assert_eq(count_kind(&tr, XOVN_OUT_TUNNEL), 2);
	cr_assert(has_tunnel_to(&tr, "192.0.2.2"));
	cr_assert(has_tunnel_to(&tr, "192.0.2.3"));
	cr_assert_eq(count_kind(&tr, XOVN_OUT_LOCALNET), 0);
}

Test(l2_flood, broadcast_from_a_container_reaches_its_parent_untagged_and_sibling_tagged)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_arp_request(f, c1, "10.0.0.4", "10.0.0.99");
	struct xovn_trace tr;

	len = xh_vlan_insert(f, len, ETH_P_8021Q, 100);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	cr_assert_eq(tr.in_port, P_C1);
	cr_assert_eq(tr.in_vid, 100);
	cr_assert_eq(tr.out_port, XOVN_MC_FLOOD);
	expect_local_copy(&tr, P_VM1, IF_TAP1, 0);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
	expect_local_copy(&tr, P_VM2, IF_TAP2, 0);
	cr_assert_null(xh_trace_find(&tr, P_C1), "the container got its own broadcast back");
	cr_assert_eq(count_kind(&tr, XOVN_OUT_LOCAL), 4);
}

Test(l2_flood, broadcast_from_a_parent_reaches_its_containers_with_their_tags)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_arp_request(f, vm1, "10.0.0.1", "10.0.0.99");
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	cr_assert_eq(tr.in_port, P_VM1);
	expect_local_copy(&tr, P_C1, IF_TAP1, 100);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
	cr_assert_null(xh_trace_find(&tr, P_VM1));
}

Test(l2_flood, container_frame_is_recognised_by_its_tag_and_delivered_untagged)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = xh_ipv4_udp(f, vm2, c1, "10.0.0.4", "10.0.0.2", 16), out_len = 0;
	struct xovn_trace tr;

	len = xh_vlan_insert(f, len, ETH_P_8021Q, 100);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.in_port, P_C1);
	cr_assert_eq(tr.n_out, 1);
	expect_local_copy(&tr, P_VM2, IF_TAP2, 0);

	/* Live: the container's tag is gone from the frame that is delivered. */
	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_TAP1, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, len - 4);
	cr_assert_eq(xh_frame_vid(out, out_len), -1);
	cr_assert_eq(xh_drops_total(&h), 0);
}

Test(l2_flood, parent_to_container_leaves_through_the_same_interface_with_the_tag)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, c2, vm1, "10.0.0.1", "10.0.0.5", 16);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.in_port, P_VM1);
	cr_assert_eq(tr.out_port, P_C2);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAP1, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&h), 0);
}

Test(l2_flood, container_to_sibling_container_swaps_the_tag)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, c2, c1, "10.0.0.4", "10.0.0.5", 16);
	struct xovn_trace tr;

	len = xh_vlan_insert(f, len, ETH_P_8021Q, 100);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.in_port, P_C1);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
}

/* A tag no container has, and a container's tag on a vif it is not behind. */
Test(l2_flood, container_tag_not_behind_the_vif_is_dropped)
{
	const struct {
		const uint8_t *dst;
		const char *dst_ip;
		uint16_t tag;
		uint32_t ifindex;
	} cases[] = {
		{ vm2, "10.0.0.2", 300, IF_TAP1 },
		{ vm1, "10.0.0.1", 100, IF_TAP2 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t f[XH_FRAME_MAX];
		size_t len = xh_ipv4_udp(f, cases[i].dst, c1, "10.0.0.4", cases[i].dst_ip, 16);

		len = xh_vlan_insert(f, len, ETH_P_8021Q, cases[i].tag);
		cr_assert_eq(xh_run(&h, XH_VIF_LIVE, cases[i].ifindex, f, len), TC_ACT_SHOT,
			     "case %zu", i);
		cr_assert_eq(xh_drops(&h, XOVN_DROP_VLAN_NOT_ALLOWED), i + 1, "case %zu", i);
	}
}

Test(l2_flood, localport_broadcast_stays_on_this_chassis)
{
	uint8_t f[XH_FRAME_MAX], lp[6];
	size_t len;
	struct xovn_trace tr;

	xh_mac("00:00:00:00:01:06", lp);
	len = xh_arp_request(f, lp, "10.0.0.6", "10.0.0.99");
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAPL, f, len, NULL);
	cr_assert_eq(tr.in_port, P_LP);
	cr_assert_eq(tr.out_port, XOVN_MC_FLOOD);
	cr_assert_eq(count_kind(&tr, XOVN_OUT_TUNNEL), 0, "a localport broadcast was tunneled");
	cr_assert_eq(count_kind(&tr, XOVN_OUT_LOCAL), 4);
	expect_local_copy(&tr, P_VM1, IF_TAP1, 0);
	expect_local_copy(&tr, P_VM2, IF_TAP2, 0);
	expect_local_copy(&tr, P_C1, IF_TAP1, 100);
	expect_local_copy(&tr, P_C2, IF_TAP1, 200);
}

Test(l2_flood, localport_unicast_to_a_remote_vif_is_not_tunneled)
{
	uint8_t f[XH_FRAME_MAX], lp[6], vm3[6];
	size_t len;

	xh_mac("00:00:00:00:01:06", lp);
	xh_mac("00:00:00:00:01:03", vm3);
	len = xh_ipv4_udp(f, vm3, lp, "10.0.0.6", "10.0.0.3", 8);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAPL, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_LOCALPORT), 1);
}
