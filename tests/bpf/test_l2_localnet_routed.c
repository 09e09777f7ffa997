// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_localnet_routed.c - how a frame reaches a port of another
 * chassis depends on the switch it is on at that point, not on the switch
 * it entered.  A VIF's ingress entry says when its own switch has no
 * localnet here (XOVN_IN_TUNNEL_ONLY), which spares the switch lookup on
 * the way to a tunnel; after a router hop the frame is on another switch,
 * which must be asked.
 *
 *   lsv (1): vm1 (1, hv1, tap1), vm2 (2, hv2), rp1 (9) -- R1 lrp 1 10.0.1.254/24
 *   lsn (2): vm3 (3, hv2), ln (10, localnet "phys" -> br0), rp2 (9) -- R1 lrp 2 10.0.2.254/24
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>

#include "harness.h"
#include "router_topo.h"

enum { LR_LSV = 1, LR_LSN = 2, LR_IF_TAP1 = 501, LR_IF_BR0 = 502, LR_IF_UL0 = 599 };

#define LR_VM1_MAC "00:00:00:00:01:01"
#define LR_R1_LSV  "00:00:00:00:ff:01"
#define LR_R1_LSN  "00:00:00:00:ff:02"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"lsv\",\"tunnel_key\":1,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"" LR_VM1_MAC " 10.0.1.1\"]},"
	"  {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.1.2\"]},"
	"  {\"name\":\"rp1\",\"tunnel_key\":9,\"type\":\"router\",\"addresses\":[\"router\"],"
	"   \"options\":{\"router-port\":\"r1-lsv\"}}]},"
	" {\"name\":\"lsn\",\"tunnel_key\":2,\"ports\":["
	"  {\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:02:03 10.0.2.3\"]},"
	"  {\"name\":\"ln\",\"tunnel_key\":10,\"type\":\"localnet\",\"addresses\":[\"unknown\"],"
	"   \"options\":{\"network_name\":\"phys\"}},"
	"  {\"name\":\"rp2\",\"tunnel_key\":9,\"type\":\"router\",\"addresses\":[\"router\"],"
	"   \"options\":{\"router-port\":\"r1-lsn\"}}]}],"
	"\"logical_routers\":["
	" {\"name\":\"R1\",\"tunnel_key\":100,\"ports\":["
	"  {\"name\":\"r1-lsv\",\"tunnel_key\":1,\"mac\":\"" LR_R1_LSV "\","
	"   \"networks\":[\"10.0.1.254/24\"]},"
	"  {\"name\":\"r1-lsn\",\"tunnel_key\":2,\"mac\":\"" LR_R1_LSN "\","
	"   \"networks\":[\"10.0.2.254/24\"]}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"encap_iface\":\"ul0\",\"bridge_mappings\":{\"phys\":\"br0\"},"
	"  \"vifs\":[{\"iface\":\"tap1\",\"port\":\"vm1\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},"
	"  \"bridge_mappings\":{\"phys\":\"br0\"},"
	"  \"vifs\":[{\"iface\":\"tap2\",\"port\":\"vm2\"},{\"iface\":\"tap3\",\"port\":\"vm3\"}]}]}";

static const struct xh_iface ifaces[] = {
	{ "tap1", LR_IF_TAP1, 1 }, { "br0", LR_IF_BR0, 0 }, { "ul0", LR_IF_UL0, 0 },
};

static struct xh h;

static void setup(void)
{
	xh_open_model(&h, model, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_localnet_routed, .init = setup, .fini = teardown);

#define UDP " udp.src=40000 udp.dst=9 payload.len=30"

/* The trace of fields from vm1, then the live run: redirected, no drop counted. */
static struct xovn_trace from_vm1(const char *fields)
{
	uint8_t f[XH_FRAME_MAX];
	size_t len = rt_frame(f, fields);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, LR_IF_TAP1, f, len, NULL);

	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, LR_IF_TAP1, f, len), TC_ACT_REDIRECT);
	cr_assert_eq(xh_drops_total(&h), 0, "the live run counted a drop");
	return tr;
}

Test(l2_localnet_routed, a_remote_port_of_the_ingress_switch_is_tunneled)
{
	struct xovn_trace tr = from_vm1("eth.src=" LR_VM1_MAC " eth.dst=00:00:00:00:01:02"
					" ip4.src=10.0.1.1 ip4.dst=10.0.1.2 ip.ttl=64" UDP);

	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL, "action %u reason %u", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.out[0].remote_ip, inet_addr("192.0.2.2"));
	cr_assert_eq(tr.out[0].port_key, 2);
}

Test(l2_localnet_routed, routed_to_a_remote_port_of_a_localnet_switch_leaves_by_the_localnet)
{
	struct xovn_trace tr = from_vm1("eth.src=" LR_VM1_MAC " eth.dst=" LR_R1_LSV
					" ip4.src=10.0.1.1 ip4.dst=10.0.2.3 ip.ttl=64" UDP);

	xh_expect_one_out(&tr, XOVN_ACT_LOCALNET, 3, XOVN_OUT_LOCALNET, LR_IF_BR0);
	cr_assert_eq(tr.out[0].port_key, 10);
}
