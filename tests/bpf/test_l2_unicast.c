// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_unicast.c - single-chassis switching: ingress port, admission and
 * the L2 lookup, on the real programs with BPF_PROG_TEST_RUN.
 *
 * Two switches on chassis hv1.  ls1 (key 1): vm1, vm2 local, vm3 on hv2.
 * ls2 (key 2): vma with vm1's MAC (isolation), vmb, and "u" with unknown.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <arpa/inet.h>

#include "harness.h"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:01:01 10.0.0.1\"]},"
	"  {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.0.2\"]},"
	"  {\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:01:03 10.0.0.3\"]}]},"
	" {\"name\":\"ls2\",\"tunnel_key\":2,\"ports\":["
	"  {\"name\":\"vma\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:01:01 10.0.0.1\"]},"
	"  {\"name\":\"vmb\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:02:02 10.0.0.2\"]},"
	"  {\"name\":\"u\",\"tunnel_key\":3,\"addresses\":[\"unknown\"]}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},\"vifs\":["
	"  {\"iface\":\"tap1\",\"port\":\"vm1\"},{\"iface\":\"tap2\",\"port\":\"vm2\"},"
	"  {\"iface\":\"tapa\",\"port\":\"vma\"},{\"iface\":\"tapb\",\"port\":\"vmb\"},"
	"  {\"iface\":\"tapu\",\"port\":\"u\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},\"vifs\":["
	"  {\"iface\":\"tap3\",\"port\":\"vm3\"}]}]}";

enum { IF_TAP1 = 101, IF_TAP2 = 102, IF_TAPA = 111, IF_TAPB = 112, IF_TAPU = 113,
       IF_NOBODY = 999 };

static const struct xh_iface ifaces[] = {
	{ "tap1", IF_TAP1, 1 }, { "tap2", IF_TAP2, 1 }, { "tapa", IF_TAPA, 1 },
	{ "tapb", IF_TAPB, 1 }, { "tapu", IF_TAPU, 1 }, { "tap3", 103, 1 },
};

static struct xh h;
static uint8_t vm1[6], vm2[6], vm3[6], vmb[6], stranger[6];

static void setup(void)
{
	xh_open(&h);
	xh_load_model(&h, model, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
	xh_mac("00:00:00:00:01:01", vm1);
	xh_mac("00:00:00:00:01:02", vm2);
	xh_mac("00:00:00:00:01:03", vm3);
	xh_mac("00:00:00:00:02:02", vmb);
	xh_mac("00:00:00:00:99:99", stranger);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_unicast, .init = setup, .fini = teardown);

/* Runs the live program, expects a drop for reason and nothing else counted. */
static void expect_live_drop(uint32_t ifindex, const uint8_t *frame, size_t len,
			     enum xovn_drop_reason reason)
{
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, ifindex, frame, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, reason), 1, "reason %d counted %lu times", reason,
		     (unsigned long)xh_drops(&h, reason));
	cr_assert_eq(xh_drops_total(&h), 1, "another drop reason was counted too");
}

static void expect_trace_drop(uint32_t ifindex, const uint8_t *frame, size_t len,
			      enum xovn_drop_reason reason)
{
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, ifindex, frame, len, &verdict);

	cr_assert_eq(verdict, TC_ACT_SHOT);
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, reason, "trace says reason %d", tr.drop_reason);
	cr_assert_eq(tr.n_out, 0);
}

Test(l2_unicast, known_unicast_is_redirected_to_the_destination_vif)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, vm2, vm1, "10.0.0.1", "10.0.0.2", 32);
	struct xovn_trace tr;
	struct xovn_port_stats rx, tx;
	int verdict;

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_TAP1, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&h), 0);
	rx = xh_port_stats(&h, 1, 1);
	tx = xh_port_stats(&h, 1, 2);
	cr_assert_eq(rx.rx_packets, 1);
	cr_assert_eq(tx.tx_packets, 1);
	cr_assert_eq(tx.tx_bytes, len);

	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, &verdict);
	cr_assert_eq(verdict, TC_ACT_REDIRECT);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, 1);
	cr_assert_eq(tr.in_port, 1);
	cr_assert_eq(tr.out_port, 2);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(tr.out[0].ifindex, IF_TAP2);
	cr_assert_eq(tr.out[0].port_key, 2);
	cr_assert_eq(tr.out[0].vid, 0);
	/* Tracing neither counts nor disturbs the live counters. */
	cr_assert_eq(xh_port_stats(&h, 1, 2).tx_packets, 1);
}

Test(l2_unicast, tracing_a_drop_does_not_count_it)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, vm1, vm1, "10.0.0.1", "10.0.0.1", 8);

	expect_trace_drop(IF_TAP1, f, len, XOVN_DROP_HAIRPIN);
	cr_assert_eq(xh_drops_total(&h), 0);
}

Test(l2_unicast, unknown_unicast_goes_only_to_the_unknown_port)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, stranger, vmb, "10.0.0.2", "10.0.0.9", 8);
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAPB, f, len, &verdict);

	cr_assert_eq(verdict, TC_ACT_SHOT);
	xh_expect_one_out(&tr, XOVN_ACT_FLOOD, XOVN_MC_UNKNOWN, XOVN_OUT_LOCAL, IF_TAPU);
	cr_assert_eq(tr.out[0].port_key, 3);
}

Test(l2_unicast, unknown_unicast_from_the_unknown_port_itself_goes_nowhere)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, stranger, vmb, "10.0.0.2", "10.0.0.9", 8);
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAPU, f, len, &verdict);

	cr_assert_eq(verdict, TC_ACT_SHOT);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.in_port, 3);
	cr_assert_eq(tr.n_out, 0);
}

Test(l2_unicast, same_mac_on_two_switches_stays_inside_each_switch)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len;
	struct xovn_trace tr;

	/* ls2: vmb -> 00:..:01:01 is vma, never vm1 on ls1. */
	len = xh_ipv4_udp(f, vm1, vmb, "10.0.0.2", "10.0.0.1", 8);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAPB, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, 2);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_TAPA);

	/* ls1: vm2 -> the same MAC is vm1. */
	len = xh_ipv4_udp(f, vm1, vm2, "10.0.0.2", "10.0.0.1", 8);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP2, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.dp_key, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_TAP1);

	/* ls2 does not know vm2's MAC: it floods to ls2's unknown port only. */
	len = xh_ipv4_udp(f, vm2, vmb, "10.0.0.2", "10.0.0.1", 8);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAPB, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].ifindex, IF_TAPU);
}

Test(l2_unicast, remote_vif_on_an_overlay_switch_is_sent_to_its_chassis)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = xh_ipv4_udp(f, vm3, vm1, "10.0.0.1", "10.0.0.3", 8);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);

	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_TUNNEL);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr("192.0.2.2"));
	cr_assert_eq(tr.out[0].port_key, 3);
}

/* ---- frames a VIF may not send: one table, each case on a fresh datapath --- */

static size_t vm1_to_vm2(uint8_t *f)
{
	return xh_ipv4_udp(f, vm2, vm1, "10.0.0.1", "10.0.0.2", 8);
}

static size_t to_the_senders_own_mac(uint8_t *f)
{
	return xh_ipv4_udp(f, vm1, vm1, "10.0.0.1", "10.0.0.1", 8);
}

static size_t unknown_unicast_without_an_unknown_port(uint8_t *f)
{
	return xh_ipv4_udp(f, stranger, vm1, "10.0.0.1", "10.0.0.9", 8);
}

static size_t vlan_tagged(uint8_t *f)
{
	return xh_vlan_insert(f, vm1_to_vm2(f), ETH_P_8021Q, 10);
}

static size_t priority_tagged(uint8_t *f)
{
	return xh_vlan_insert(f, vm1_to_vm2(f), ETH_P_8021Q, 0);
}

static size_t stacked_vlan_tags(uint8_t *f)
{
	size_t len = xh_vlan_insert(f, vm1_to_vm2(f), ETH_P_8021Q, 20);

	return xh_vlan_insert(f, len, ETH_P_8021AD, 10);
}

static size_t source_mac_with_the_group_bit(uint8_t *f)
{
	uint8_t mcast_src[6];

	xh_mac("01:00:5e:00:00:01", mcast_src);
	return xh_ipv4_udp(f, vm2, mcast_src, "10.0.0.1", "10.0.0.2", 8);
}

static size_t truncated_vlan_header(uint8_t *f)
{
	return xh_eth(f, vm2, vm1, ETH_P_8021Q, 2);  /* half a tag */
}

struct vif_drop {
	const char *name;
	uint32_t ifindex;
	size_t (*build)(uint8_t *f);
	enum xovn_drop_reason reason;
};

#define DROP(fn, ifindex, reason) { #fn, ifindex, fn, reason }

static const struct vif_drop vif_drops[] = {
	DROP(to_the_senders_own_mac, IF_TAP1, XOVN_DROP_HAIRPIN),
	DROP(unknown_unicast_without_an_unknown_port, IF_TAP1, XOVN_DROP_NO_UNKNOWN_PORT),
	DROP(vlan_tagged, IF_TAP1, XOVN_DROP_VLAN_NOT_ALLOWED),
	DROP(priority_tagged, IF_TAP1, XOVN_DROP_VLAN_NOT_ALLOWED),
	DROP(stacked_vlan_tags, IF_TAP1, XOVN_DROP_STACKED_VLAN),
	DROP(source_mac_with_the_group_bit, IF_TAP1, XOVN_DROP_SRC_MULTICAST),
	DROP(vm1_to_vm2, IF_NOBODY, XOVN_DROP_NO_PORT),  /* an interface with no port */
	DROP(truncated_vlan_header, IF_TAP1, XOVN_DROP_MALFORMED),
};

#define N_VIF_DROPS (sizeof(vif_drops) / sizeof(vif_drops[0]))

/* Indices only: a test instance runs in a process of its own. */
ParameterizedTestParameters(l2_unicast, dropped_by_reason_live_and_in_trace)
{
	size_t *index = cr_malloc(sizeof(*index) * N_VIF_DROPS), i;

	for (i = 0; i < N_VIF_DROPS; i++)
		index[i] = i;
	return cr_make_param_array(size_t, index, N_VIF_DROPS);
}

ParameterizedTest(size_t *index, l2_unicast, dropped_by_reason_live_and_in_trace)
{
	const struct vif_drop *c = &vif_drops[*index];
	uint8_t f[XH_FRAME_MAX];
	size_t len = c->build(f);

	cr_log_info("%s", c->name);
	expect_live_drop(c->ifindex, f, len, c->reason);
	expect_trace_drop(c->ifindex, f, len, c->reason);
}
