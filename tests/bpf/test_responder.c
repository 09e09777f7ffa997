// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_responder.c - the ARP/ND responder on the real programs: which
 * requests are answered on this chassis, and the exact bytes of the reply.
 *
 * Switch ls1 (key 1) seen from hv1, with a localnet port on br0:
 *   vm1 (1) local t1      …:01:01 10.0.0.1 fd00::1
 *   vm2 (2) local t2      …:01:02 10.0.0.2 fd00::2
 *   vm3 (3) on hv2        …:01:03 10.0.0.3 fd00::3
 *   vm4 (4) unbound       …:01:04 10.0.0.4
 *   lp  (5) localport, attached here (tlp)  …:01:05 10.0.0.5
 *   ext (6) external, held by hv1           …:01:06 10.0.0.6
 *   rtr (7) router        …:01:07 10.0.0.254 fd00::fe
 *   unk (8) local t8      …:01:08 10.0.0.8 + unknown
 *   ln  (9) localnet "phys" -> br0
 *   ext2 (10) external, held by hv2         …:01:0a 10.0.0.10
 *   c1 (11) container of vm1, tag 10        …:01:0b 10.0.0.11
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "frame/headers.h"
#include "harness.h"
#include "port_security_frames.h"

#define M(n) "00:00:00:00:01:" #n
#define PORT(name, key, rest) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	PORT("vm1", 1, ADDR(M(01) " 10.0.0.1 fd00::1")) ","
	PORT("vm2", 2, ADDR(M(02) " 10.0.0.2 fd00::2")) ","
	PORT("vm3", 3, ADDR(M(03) " 10.0.0.3 fd00::3")) ","
	PORT("vm4", 4, ADDR(M(04) " 10.0.0.4")) ","
	PORT("lp", 5, ",\"type\":\"localport\"" ADDR(M(05) " 10.0.0.5")) ","
	PORT("ext", 6, ",\"type\":\"external\",\"ha_chassis_group\":\"g1\"" ADDR(M(06) " 10.0.0.6")) ","
	PORT("rtr", 7, ",\"type\":\"router\"" ADDR(M(07) " 10.0.0.254 fd00::fe")) ","
	PORT("unk", 8, ",\"addresses\":[\"" M(08) " 10.0.0.8\",\"unknown\"]") ","
	PORT("ln", 9, ",\"type\":\"localnet\",\"addresses\":[\"unknown\"],"
		      "\"options\":{\"network_name\":\"phys\"}") ","
	PORT("ext2", 10, ",\"type\":\"external\",\"ha_chassis_group\":\"g2\"" ADDR(M(0a) " 10.0.0.10")) ","
	PORT("c1", 11, ",\"parent_name\":\"vm1\",\"tag\":10" ADDR(M(0b) " 10.0.0.11"))
	"]}],"
	"\"ha_chassis_groups\":["
	" {\"name\":\"g1\",\"members\":[{\"chassis\":\"hv1\",\"priority\":10}]},"
	" {\"name\":\"g2\",\"members\":[{\"chassis\":\"hv2\",\"priority\":10}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"bridge_mappings\":{\"phys\":\"br0\"},"
	"  \"vifs\":[{\"iface\":\"t1\",\"port\":\"vm1\"},{\"iface\":\"t2\",\"port\":\"vm2\"},"
	"   {\"iface\":\"tlp\",\"port\":\"lp\"},{\"iface\":\"t8\",\"port\":\"unk\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},"
	"  \"bridge_mappings\":{\"phys\":\"br0\"},"
	"  \"vifs\":[{\"iface\":\"t3\",\"port\":\"vm3\"}]}]}";

enum { IF_T1 = 101, IF_T2 = 102, IF_LP = 105, IF_T8 = 108, IF_BR0 = 200 };

static const struct xh_iface ifaces[] = {
	{ "t1", IF_T1, 1 }, { "t2", IF_T2, 1 }, { "tlp", IF_LP, 1 }, { "t8", IF_T8, 1 },
	{ "br0", IF_BR0, 0 },
};

static struct xh h;
static uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX];
static uint8_t vm1[6], vm2[6], vm3[6], lp[6], ext[6], rtr[6], ext2[6], c1[6], host[6];

static void setup(void)
{
	const struct xh_mac_row macs[] = {
		{ M(01), vm1 }, { M(02), vm2 }, { M(03), vm3 }, { M(05), lp }, { M(06), ext },
		{ M(07), rtr }, { M(0a), ext2 }, { M(0b), c1 }, { "00:00:00:00:77:77", host },
	};

	xh_open_model(&h, model, "hv1", ifaces, XH_LEN(ifaces));
	xh_macs(macs, XH_LEN(macs));
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(responder, .init = setup, .fini = teardown);

/* The ARP reply "target_ip is at target_mac" to requester (mac, ip). */
static size_t expected_arp_reply(uint8_t *e, const uint8_t *target_mac, const char *target_ip,
				 const uint8_t *req_mac, const char *req_ip)
{
	size_t len = xovn_put_eth(e, req_mac, target_mac, ETH_P_ARP);

	return len + xovn_put_arp(e + len, 2, target_mac, xh_ip4(target_ip), req_mac,
				  xh_ip4(req_ip));
}

/* The live program answers: TC_ACT_REDIRECT, and the frame is now exactly want. */
static void expect_reply_bytes(uint32_t ifindex, size_t len, const uint8_t *want,
			       size_t want_len)
{
	size_t out_len = 0;

	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, ifindex, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_geq(out_len, want_len);
	for (size_t i = 0; i < want_len; i++)
		cr_assert_eq(out[i], want[i], "byte %zu is %02x, want %02x", i, out[i], want[i]);
}

/* The trace twin records an answer back out the ingress interface. */
static void expect_answered(uint32_t ifindex, size_t len, uint16_t in_port, uint16_t vid)
{
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, ifindex, f, len, &verdict);

	cr_assert_eq(tr.action, XOVN_ACT_ARP_REPLY, "action %d (reason %d)", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_out, 1, "a reply goes to the requester only");
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(tr.out[0].ifindex, ifindex);
	cr_assert_eq(tr.out[0].port_key, in_port);
	cr_assert_eq(tr.out[0].vid, vid);
}

/* Not answered here: the request goes on to the L2 stage (flood or unicast). */
static void expect_not_answered(uint32_t ifindex, size_t len, uint8_t action)
{
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, ifindex, f, len, &verdict);

	cr_assert_eq(tr.action, action, "action %d, want %d (reason %d)", tr.action, action,
		     tr.drop_reason);
}

/* ---- ARP: eligible targets ---------------------------------------------- */

/*
 * A request (from mac/spa on ifindex, tagged with vid when not 0) that is
 * answered: the trace twin sends one reply back to in_port, and the live
 * program turns the request into exactly "tpa is at target".
 */
struct arp_answered {
	const char *what;
	uint32_t ifindex;
	const uint8_t *mac;
	const char *spa, *tpa;
	uint16_t in_port, vid;
	const uint8_t *target;
};

static const struct arp_answered arp_answered[] = {
	{ "local VIF", IF_T2, vm2, "10.0.0.2", "10.0.0.1", 2, 0, vm1 },
	{ "VIF bound on another chassis", IF_T1, vm1, "10.0.0.1", "10.0.0.3", 1, 0, vm3 },
	{ "local localport instance", IF_T1, vm1, "10.0.0.1", "10.0.0.5", 1, 0, lp },
	{ "router port", IF_T2, vm2, "10.0.0.2", "10.0.0.254", 2, 0, rtr },
	{ "container, answered with its tag", IF_T1, c1, "10.0.0.11", "10.0.0.2", 11, 10, vm2 },
	{ "fabric host, for a VIF living here", IF_BR0, host, "10.0.0.200", "10.0.0.1", 9, 0, vm1 },
	{ "held external port, for the router", IF_BR0, ext, "10.0.0.6", "10.0.0.254", 9, 0, rtr },
};

Test(responder, arp_requests_for_eligible_targets_get_exact_replies_to_the_requester_only)
{
	size_t i;

	for (i = 0; i < sizeof(arp_answered) / sizeof(arp_answered[0]); i++) {
		const struct arp_answered *c = &arp_answered[i];
		size_t len = xh_arp_request(f, c->mac, c->spa, c->tpa);
		uint8_t want[42];

		cr_log_info("ARP from %s for %s: %s", c->spa, c->tpa, c->what);
		if (c->vid)
			len = xh_vlan_insert(f, len, ETH_P_8021Q, c->vid);
		expect_answered(c->ifindex, len, c->in_port, c->vid);
		expected_arp_reply(want, c->target, c->tpa, c->mac, c->spa);
		expect_reply_bytes(c->ifindex, len, want, sizeof(want));
	}
}

Test(responder, arp_reply_keeps_the_frame_length_of_a_padded_request)
{
	uint8_t want[42];
	size_t out_len = 0, len = xh_arp_request(f, vm2, "10.0.0.2", "10.0.0.3");

	memset(f + len, 0, 60 - len);
	expected_arp_reply(want, vm3, "10.0.0.3", vm2, "10.0.0.2");
	expect_reply_bytes(IF_T2, 60, want, sizeof(want));
	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_T2, f, 60, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, 60);
}

/* ---- ARP: exclusions (the request floods instead) ------------------------- */

/* A broadcast request from mac/spa on ifindex that is not answered here but flooded. */
struct arp_flooded {
	const char *what;
	uint32_t ifindex;
	const uint8_t *mac;
	const char *spa, *tpa;
};

static const struct arp_flooded arp_flooded[] = {
	{ "unbound VIF", IF_T1, vm1, "10.0.0.1", "10.0.0.4" },
	{ "port with unknown", IF_T1, vm1, "10.0.0.1", "10.0.0.8" },
	{ "external port", IF_T1, vm1, "10.0.0.1", "10.0.0.6" },
	{ "unknown IP", IF_T1, vm1, "10.0.0.1", "10.0.0.77" },
	{ "gratuitous: sender and target the same", IF_T1, vm1, "10.0.0.1", "10.0.0.1" },
	{ "the owner asking for its own address", IF_T1, vm1, "0.0.0.0", "10.0.0.1" },
	/* hv2 answers the fabric for vm3; the localport answers its own chassis only */
	{ "fabric host, for a VIF on another chassis", IF_BR0, host, "10.0.0.200", "10.0.0.3" },
	{ "fabric host, for the localport", IF_BR0, host, "10.0.0.200", "10.0.0.5" },
	{ "fabric host that is no external port, for the router", IF_BR0, host, "10.0.0.200",
	  "10.0.0.254" },
};

Test(responder, arp_requests_for_ineligible_targets_flood)
{
	size_t i;

	for (i = 0; i < sizeof(arp_flooded) / sizeof(arp_flooded[0]); i++) {
		const struct arp_flooded *c = &arp_flooded[i];

		cr_log_info("ARP from %s for %s: %s", c->spa, c->tpa, c->what);
		expect_not_answered(c->ifindex, xh_arp_request(f, c->mac, c->spa, c->tpa),
				    XOVN_ACT_FLOOD);
	}
}

Test(responder, unicast_arp_request_is_switched_not_answered)
{
	expect_not_answered(IF_T2, pf_arp(f, vm1, vm2, vm2, "10.0.0.2", "10.0.0.1"),
			    XOVN_ACT_DELIVER);
}

Test(responder, arp_reply_is_not_answered)
{
	size_t len = xh_arp_request(f, vm2, "10.0.0.2", "10.0.0.1");

	f[ETH_HLEN + 7] = 2;
	expect_not_answered(IF_T2, len, XOVN_ACT_FLOOD);
}

/* ---- requests from the physical network ------------------------------------ */

Test(responder, router_arp_from_external_port_held_elsewhere_is_dropped)
{
	size_t len = xh_arp_request(f, ext2, "10.0.0.10", "10.0.0.254");
	uint64_t before = xh_drops(&h, XOVN_DROP_EXTERNAL_NOT_HELD);

	expect_not_answered(IF_BR0, len, XOVN_ACT_DROP);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_BR0, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_EXTERNAL_NOT_HELD), before + 1);
}

/* ---- neighbour discovery ------------------------------------------------------ */

/* The NA "target is at target_mac" from target to the requester. */
static size_t expected_na(uint8_t *e, const uint8_t *target_mac, const char *target,
			  const uint8_t *req_mac, const char *req_ip, uint8_t flags)
{
	uint8_t na[32];
	struct in6_addr t;

	pf_ip6(target, t.s6_addr);
	cr_assert_eq(xovn_put_nd(na, 136, flags, &t, 2, target_mac), sizeof(na));
	return pf_icmp6(e, req_mac, target_mac, target, req_ip, na, sizeof(na));
}

Test(responder, ns_for_vif_gets_exact_na_with_solicited_and_override)
{
	uint8_t want[86];
	size_t out_len = 0, len = pf_ns(f, vm2, "fd00::2", "fd00::1", vm2);

	expect_answered(IF_T2, len, 2, 0);
	cr_assert_eq(expected_na(want, vm1, "fd00::1", vm2, "fd00::2", 0x60), sizeof(want));
	expect_reply_bytes(IF_T2, len, want, sizeof(want));
	cr_assert_eq(xh_run_out(&h, XH_VIF_LIVE, IF_T2, f, len, out, sizeof(out), &out_len),
		     TC_ACT_REDIRECT);
	cr_assert_eq(out_len, sizeof(want));
	cr_assert_eq(xovn_csum_pseudo(out + 22, 32, IPPROTO_ICMPV6, out + 54, 32), 0,
		     "the NA checksum does not verify");
}

Test(responder, na_for_router_port_sets_the_router_flag)
{
	uint8_t want[86];
	size_t len = pf_ns(f, vm1, "fd00::1", "fd00::fe", vm1);

	expected_na(want, rtr, "fd00::fe", vm1, "fd00::1", 0xe0);
	expect_reply_bytes(IF_T1, len, want, sizeof(want));
}

Test(responder, ns_without_link_layer_option_gets_a_full_na)
{
	uint8_t want[86];
	size_t len = pf_ns(f, vm1, "fd00::1", "fd00::3", NULL);

	cr_assert_eq(len, 78);
	expected_na(want, vm3, "fd00::3", vm1, "fd00::1", 0x60);
	expect_reply_bytes(IF_T1, len, want, sizeof(want));
}

Test(responder, unicast_ns_is_switched_not_answered)
{
	expect_not_answered(IF_T2, pf_ns_to(f, vm1, vm2, "fd00::2", "fd00::1", "fd00::1", vm2),
			    XOVN_ACT_DELIVER);
}

Test(responder, dad_ns_from_unspecified_floods)
{
	expect_not_answered(IF_T2, pf_ns(f, vm2, "::", "fd00::1", NULL), XOVN_ACT_FLOOD);
}

Test(responder, ns_for_own_address_or_unknown_target_floods)
{
	expect_not_answered(IF_T1, pf_ns(f, vm1, "fd00::1", "fd00::1", vm1), XOVN_ACT_FLOOD);
	expect_not_answered(IF_T1, pf_ns(f, vm1, "fd00::1", "fd00::99", vm1), XOVN_ACT_FLOOD);
}

Test(responder, ns_with_wrong_hop_limit_is_not_answered)
{
	size_t len = pf_ns(f, vm2, "fd00::2", "fd00::1", vm2);

	f[ETH_HLEN + 7] = 64;
	expect_not_answered(IF_T2, len, XOVN_ACT_FLOOD);
}
