// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_dhcp.c - native DHCPv4 on the real programs: which client messages
 * get which reply, and the exact bytes of the reply (BOOTP fields, every
 * option, IPv4 and UDP checksums).
 *
 * Switch ls1 (key 1) seen from hv1; options row 10.0.0.0/24 with
 * server_id 10.0.0.254, server_mac 02:00:00:00:00:fe, lease_time 3600,
 * router 10.0.0.254, dns_server {10.0.0.53, 8.8.8.8}, mtu 1442:
 *   vm1 (1) local t1  …:01:01 10.0.0.1   DHCP
 *   vm2 (2) local t2  …:01:02 10.0.0.2   no DHCP
 *   vm3 (3) on hv2    …:01:03 10.0.0.3   DHCP (answered by hv2)
 *   c1 (4) container of vm1, tag 10, …:01:04 10.0.0.4  DHCP
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "frame/dhcp.h"
#include "frame/headers.h"
#include "harness.h"

#define M(n) "00:00:00:00:01:" #n
#define U "11111111-1111-4111-8111-111111111111"
#define PORT(name, key, rest) "{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"
#define DHCP ",\"dhcpv4_options\":\"" U "\""

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	PORT("vm1", 1, ADDR(M(01) " 10.0.0.1") DHCP) ","
	PORT("vm2", 2, ADDR(M(02) " 10.0.0.2")) ","
	PORT("vm3", 3, ADDR(M(03) " 10.0.0.3") DHCP) ","
	PORT("c1", 4, ",\"parent_name\":\"vm1\",\"tag\":10" ADDR(M(04) " 10.0.0.4") DHCP)
	"]}],"
	"\"dhcp_options\":[{\"_uuid\":\"" U "\",\"cidr\":\"10.0.0.0/24\",\"options\":{"
	" \"server_id\":\"10.0.0.254\",\"server_mac\":\"02:00:00:00:00:fe\","
	" \"lease_time\":\"3600\",\"router\":\"10.0.0.254\","
	" \"dns_server\":\"{10.0.0.53, 8.8.8.8}\",\"mtu\":\"1442\"}}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"vifs\":[{\"iface\":\"t1\",\"port\":\"vm1\"},{\"iface\":\"t2\",\"port\":\"vm2\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},"
	"  \"vifs\":[{\"iface\":\"t3\",\"port\":\"vm3\"}]}]}";

enum { IF_T1 = 101, IF_T2 = 102 };

static const struct xh_iface ifaces[] = { { "t1", IF_T1, 1 }, { "t2", IF_T2, 1 } };

static struct xh h;
static uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX];
static uint8_t vm1[6], vm2[6], c1[6], server_mac[6];

static void setup(void)
{
	const struct xh_mac_row macs[] = {
		{ M(01), vm1 }, { M(02), vm2 }, { M(04), c1 },
		{ "02:00:00:00:00:fe", server_mac },
	};

	xh_open_model(&h, model, "hv1", ifaces, XH_LEN(ifaces));
	xh_macs(macs, XH_LEN(macs));
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(dhcp, .init = setup, .fini = teardown);

/* ---- building client messages ------------------------------------------- */

#define XID 0x3903f326u

static uint32_t ip(const char *s)
{
	return xh_ip4(s).s_addr;
}

/* What a client sends; 0 leaves an address out (no option 50 / 54, ciaddr 0). */
struct client_msg {
	uint8_t type;
	const char *ciaddr, *requested, *server_id;
};

/*
 * ciaddr (or 0.0.0.0):68 -> 255.255.255.255:67 from src with chaddr src,
 * xid XID, 3 seconds, broadcast flag, options 53 [50] [54] 55 12 end.
 */
static size_t client_frame(uint8_t *b, const uint8_t src[6], const struct client_msg *m)
{
	static const uint8_t params[] = { 1, 3, 6, 15, 26 };
	struct xovn_dhcp_client c = {
		.type = m->type, .xid = XID, .secs = 3, .broadcast = 1,
		.params = params, .n_params = sizeof(params), .hostname = "vm1",
	};

	memcpy(c.chaddr, src, 6);
	c.ciaddr.s_addr = m->ciaddr ? ip(m->ciaddr) : 0;
	c.requested.s_addr = m->requested ? ip(m->requested) : 0;
	c.server_id.s_addr = m->server_id ? ip(m->server_id) : 0;
	return xovn_frame_dhcp_client(b, &c);
}

/* ---- checking replies ------------------------------------------------------- */

/* The reply options the compiler encodes for this row, then the end and padding. */
static const uint8_t row_opts[] = {
	54, 4, 10, 0, 0, 254,            /* server identifier */
	51, 4, 0, 0, 0x0e, 0x10,         /* lease time 3600 */
	1, 4, 255, 255, 255, 0,          /* subnet mask */
	3, 4, 10, 0, 0, 254,             /* router */
	6, 8, 10, 0, 0, 53, 8, 8, 8, 8,  /* DNS servers */
	26, 2, 0x05, 0xa2,               /* MTU 1442 */
	255,
};

static const uint8_t nak_opts[] = { 54, 4, 10, 0, 0, 254, 255 };

struct reply_want {
	uint8_t type;             /* 2 offer, 5 ack, 6 nak */
	const char *ip_dst;
	const char *yiaddr, *ciaddr;
	const uint8_t *chaddr;
};

static void expect_reply(const uint8_t *r, size_t len, const struct reply_want *w)
{
	const uint8_t *ipp = r + 14, *udp = ipp + 20, *bp = udp + 8, *o = bp + 240;
	const uint8_t *opts = w->type == 6 ? nak_opts : row_opts;
	size_t n_opts = w->type == 6 ? sizeof(nak_opts) : sizeof(row_opts);
	uint32_t a;

	cr_assert_eq(len, 14 + 20 + 8 + 240 + 60, "a 300-byte BOOTP message: frame of %zu", len);
	/* Ethernet: to the client, from server_mac */
	cr_assert_arr_eq(r, w->chaddr, 6);
	cr_assert_arr_eq(r + 6, server_mac, 6);
	cr_assert_eq(r[12] << 8 | r[13], ETH_P_IP);
	/* IPv4 */
	cr_assert_eq(ipp[0], 0x45);
	cr_assert_eq(ipp[2] << 8 | ipp[3], len - 14);
	cr_assert_eq(ipp[8], 64);
	cr_assert_eq(ipp[9], 17);
	a = ip("10.0.0.254");
	cr_assert_arr_eq(ipp + 12, &a, 4);
	a = ip(w->ip_dst);
	cr_assert_arr_eq(ipp + 16, &a, 4);
	cr_assert_eq(xovn_csum(ipp, 20), 0, "IPv4 header checksum");
	/* UDP 67 -> 68, checksum over the pseudo header */
	cr_assert_eq(udp[0] << 8 | udp[1], 67);
	cr_assert_eq(udp[2] << 8 | udp[3], 68);
	cr_assert_eq(udp[4] << 8 | udp[5], len - 34);
	cr_assert_neq(udp[6] << 8 | udp[7], 0, "the UDP checksum is filled in");
	cr_assert_eq(xovn_csum_pseudo(ipp + 12, 8, IPPROTO_UDP, udp, len - 34), 0, "UDP checksum");
	/* BOOTP */
	cr_assert_eq(bp[0], 2, "op BOOTREPLY");
	cr_assert_eq(bp[1], 1);
	cr_assert_eq(bp[2], 6);
	cr_assert_eq(bp[3], 0, "hops");
	cr_assert_eq((uint32_t)bp[4] << 24 | bp[5] << 16 | bp[6] << 8 | bp[7], XID, "xid");
	cr_assert_eq(bp[8] | bp[9], 0, "secs");
	cr_assert_eq(bp[10], 0x80, "the client's flags");
	a = w->ciaddr ? ip(w->ciaddr) : 0;
	cr_assert_arr_eq(bp + 12, &a, 4, "ciaddr");
	a = w->yiaddr ? ip(w->yiaddr) : 0;
	cr_assert_arr_eq(bp + 16, &a, 4, "yiaddr");
	a = 0;
	cr_assert_arr_eq(bp + 20, &a, 4, "siaddr");
	cr_assert_arr_eq(bp + 24, &a, 4, "giaddr");
	cr_assert_arr_eq(bp + 28, w->chaddr, 6, "chaddr");
	for (int i = 34; i < 236; i++)
		cr_assert_eq(bp[i], 0, "BOOTP byte %d (chaddr pad, sname, file) is %u", i, bp[i]);
	cr_assert_eq(bp[236] << 24 | bp[237] << 16 | bp[238] << 8 | bp[239], 0x63825363);
	/* options: message type, then the row's options exactly, then zeros */
	cr_assert_eq(o[0], 53);
	cr_assert_eq(o[1], 1);
	cr_assert_eq(o[2], w->type, "message type %u, want %u", o[2], w->type);
	for (size_t i = 0; i < n_opts; i++)
		cr_assert_eq(o[3 + i], opts[i], "option byte %zu is %u, want %u", 3 + i, o[3 + i],
			     opts[i]);
	for (size_t i = 3 + n_opts; i < 60; i++)
		cr_assert_eq(o[i], 0, "padding byte %zu is %u", i, o[i]);
}

/* Runs the live program: the frame comes back rewritten, redirected to the VM. */
static size_t run_reply(uint32_t ifindex, size_t len)
{
	size_t out_len = 0;
	int verdict = xh_run_out(&h, XH_VIF_LIVE, ifindex, f, len, out, sizeof(out), &out_len);

	cr_assert_eq(verdict, TC_ACT_REDIRECT, "verdict %d", verdict);
	return out_len;
}

/* ---- the table: message -> reply ------------------------------------------ */

struct reply_case {
	const char *what;
	struct client_msg msg;
	struct reply_want want;
};

static const struct reply_case replies[] = {
	{ "DISCOVER -> OFFER", { 1, NULL, NULL, NULL },
	  { 2, "10.0.0.1", "10.0.0.1", NULL, NULL } },
	{ "DISCOVER asking for an address -> OFFER of the port's", { 1, NULL, "10.0.0.9", NULL },
	  { 2, "10.0.0.1", "10.0.0.1", NULL, NULL } },
	{ "REQUEST (selecting) -> ACK", { 3, NULL, "10.0.0.1", "10.0.0.254" },
	  { 5, "10.0.0.1", "10.0.0.1", NULL, NULL } },
	{ "REQUEST (init-reboot) -> ACK", { 3, NULL, "10.0.0.1", NULL },
	  { 5, "10.0.0.1", "10.0.0.1", NULL, NULL } },
	{ "REQUEST (renewing, ciaddr) -> ACK with ciaddr", { 3, "10.0.0.1", NULL, NULL },
	  { 5, "10.0.0.1", "10.0.0.1", "10.0.0.1", NULL } },
	{ "REQUEST for another address -> NAK", { 3, NULL, "10.0.0.99", "10.0.0.254" },
	  { 6, "255.255.255.255", NULL, NULL, NULL } },
	{ "REQUEST renewing another address -> NAK", { 3, "10.0.0.7", NULL, NULL },
	  { 6, "255.255.255.255", NULL, NULL, NULL } },
};

Test(dhcp, client_messages_get_their_exact_replies)
{
	for (size_t i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		struct reply_want w = replies[i].want;
		size_t len = client_frame(f, vm1, &replies[i].msg);

		w.chaddr = vm1;
		cr_log_info("%s", replies[i].what);
		expect_reply(out, run_reply(IF_T1, len), &w);
	}
}

Test(dhcp, trace_records_a_reply_to_the_requester_only)
{
	struct client_msg m = { 1, NULL, NULL, NULL };
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, client_frame(f, vm1, &m),
					&verdict);

	cr_assert_eq(tr.action, XOVN_ACT_DHCP_REPLY, "action %d (reason %d)", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_out, 1, "never flooded, never tunneled");
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(tr.out[0].ifindex, IF_T1);
	cr_assert_eq(tr.out[0].port_key, 1);
	cr_assert_eq(tr.out[0].vid, 0);
}

Test(dhcp, container_gets_its_reply_with_its_tag)
{
	struct client_msg m = { 1, NULL, NULL, NULL };
	struct reply_want w = { 2, "10.0.0.4", "10.0.0.4", NULL, c1 };
	size_t len = xh_vlan_insert(f, client_frame(f, c1, &m), ETH_P_8021Q, 10);
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, &verdict);

	cr_assert_eq(tr.action, XOVN_ACT_DHCP_REPLY);
	cr_assert_eq(tr.out[0].port_key, 4);
	cr_assert_eq(tr.out[0].vid, 10, "back with the container's tag");
	len = xh_vlan_insert(f, client_frame(f, c1, &m), ETH_P_8021Q, 10);
	expect_reply(out, run_reply(IF_T1, len), &w);
}

/* ---- no reply ----------------------------------------------------------------- */

struct silent_case {
	const char *what;
	uint32_t ifindex;
	const uint8_t *src;
	struct client_msg msg;
	uint8_t action;           /* XOVN_ACT_DROP (reason dhcp) or the switching action */
};

Test(dhcp, messages_without_reply)
{
	const struct silent_case cases[] = {
		{ "port without DHCP: switched as any broadcast", IF_T2, vm2,
		  { 1, NULL, NULL, NULL }, XOVN_ACT_FLOOD },
		{ "REQUEST to another server", IF_T1, vm1, { 3, NULL, "10.0.0.1", "10.0.0.9" },
		  XOVN_ACT_DROP },
		{ "RELEASE", IF_T1, vm1, { 7, "10.0.0.1", NULL, "10.0.0.254" }, XOVN_ACT_DROP },
		{ "DECLINE", IF_T1, vm1, { 4, NULL, "10.0.0.1", "10.0.0.254" }, XOVN_ACT_DROP },
		{ "a MAC that is not the port's", IF_T1, vm2, { 1, NULL, NULL, NULL },
		  XOVN_ACT_DROP },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = client_frame(f, cases[i].src, &cases[i].msg);
		int verdict;
		struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, cases[i].ifindex, f, len,
						&verdict);

		cr_assert_eq(tr.action, cases[i].action, "%s: action %d (reason %d)",
			     cases[i].what, tr.action, tr.drop_reason);
		if (cases[i].action == XOVN_ACT_DROP)
			cr_assert_eq(tr.drop_reason, XOVN_DROP_DHCP, "%s: reason %d", cases[i].what,
				     tr.drop_reason);
	}
}

Test(dhcp, malformed_client_messages_are_dropped_not_switched)
{
	struct client_msg m = { 1, NULL, NULL, NULL };
	size_t len = client_frame(f, vm1, &m);
	int verdict;
	struct xovn_trace tr;

	f[14 + 20 + 8 + 236] = 0;  /* no magic cookie */
	tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, &verdict);
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_DHCP);
	len = client_frame(f, vm1, &m);
	f[14 + 20 + 8 + 240] = 12;  /* no message type: hostname first, then garbage */
	f[14 + 20 + 8 + 241] = 200;
	tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, &verdict);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_DHCP);
}

Test(dhcp, other_udp_from_a_dhcp_port_is_switched)
{
	size_t len = xh_ipv4_udp(f, vm2, vm1, "10.0.0.1", "10.0.0.2", 64);
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, &verdict);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER, "action %d (reason %d)", tr.action,
		     tr.drop_reason);
}

Test(dhcp, replies_count_as_sent_to_the_port_and_drops_by_reason)
{
	struct client_msg offer = { 1, NULL, NULL, NULL }, release = { 7, "10.0.0.1", NULL, NULL };
	struct xovn_port_stats st;

	run_reply(IF_T1, client_frame(f, vm1, &offer));
	run_reply(IF_T1, client_frame(f, vm1, &offer));
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, IF_T1, f, client_frame(f, vm1, &release)),
		     TC_ACT_SHOT);
	st = xh_port_stats(&h, 1, 1);
	cr_assert_eq(st.rx_packets, 3);
	cr_assert_eq(st.tx_packets, 2, "two replies delivered to vm1");
	cr_assert_eq(st.tx_bytes, 2 * 342);
	cr_assert_eq(xh_drops(&h, XOVN_DROP_DHCP), 1);
	cr_assert_eq(xh_drops_total(&h), 1);
}
