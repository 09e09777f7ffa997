// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_dhcp6.c - native DHCPv6 on the real programs: which client messages
 * get which reply, and the exact bytes of the reply (Ethernet and IPv6
 * headers, UDP checksum, every option).
 *
 * Switch ls1 (key 1) seen from hv1; two options rows on fd00::/64 with
 * server_id 02:00:00:00:00:fe: "full" (dns_server fd00::53, domain_search
 * example.org) and "stateless" (dhcpv6_stateless=true):
 *   vm1 (1) local t1  …:01:01 fd00::1   full
 *   vm2 (2) local t2  …:01:02 fd00::2   no DHCPv6
 *   vm3 (3) local t3  …:01:03 fd00::3   stateless
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <string.h>

#include "frame/dhcp6.h"
#include "frame/headers.h"
#include "harness.h"

#define M(n) "00:00:00:00:01:" #n
#define FULL "66666666-6666-4666-8666-666666666666"
#define STATELESS "77777777-7777-4777-8777-777777777777"
#define PORT(name, key, rest) "{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"
#define DHCP6(u) ",\"dhcpv6_options\":\"" u "\""

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	PORT("vm1", 1, ADDR(M(01) " 10.0.0.1 fd00::1") DHCP6(FULL)) ","
	PORT("vm2", 2, ADDR(M(02) " fd00::2")) ","
	PORT("vm3", 3, ADDR(M(03) " fd00::3") DHCP6(STATELESS))
	"]}],"
	"\"dhcp_options\":["
	" {\"_uuid\":\"" FULL "\",\"cidr\":\"fd00::/64\",\"options\":{"
	"  \"server_id\":\"02:00:00:00:00:fe\",\"dns_server\":\"{fd00::53}\","
	"  \"domain_search\":\"\\\"example.org\\\"\"}},"
	" {\"_uuid\":\"" STATELESS "\",\"cidr\":\"fd00::/64\",\"options\":{"
	"  \"server_id\":\"02:00:00:00:00:fe\",\"dhcpv6_stateless\":\"true\"}}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"vifs\":[{\"iface\":\"t1\",\"port\":\"vm1\"},{\"iface\":\"t2\",\"port\":\"vm2\"},"
	"   {\"iface\":\"t3\",\"port\":\"vm3\"}]}]}";

enum { IF_T1 = 101, IF_T2 = 102, IF_T3 = 103 };

static const struct xh_iface ifaces[] = {
	{ "t1", IF_T1, 1 }, { "t2", IF_T2, 1 }, { "t3", IF_T3, 1 },
};

static struct xh h;
static uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX];
static uint8_t vm1[6], vm2[6], vm3[6], server_mac[6];

static void setup(void)
{
	const struct xh_mac_row macs[] = {
		{ M(01), vm1 }, { M(02), vm2 }, { M(03), vm3 },
		{ "02:00:00:00:00:fe", server_mac },
	};

	xh_open_model(&h, model, "hv1", ifaces, XH_LEN(ifaces));
	xh_macs(macs, XH_LEN(macs));
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(dhcp6, .init = setup, .fini = teardown);

/* ---- client messages ---------------------------------------------------- */

#define XID 0x5a6b7cu
#define IAID 0x0a0b0c0du

/* DUID-LLT, 14 bytes: an even offset after the row's options of vm3, odd after vm1's. */
static const uint8_t duid_llt[] = { 0, 1, 0, 1, 0x2c, 0x3d, 0x4e, 0x5f, 0, 0, 0, 0, 1, 1 };
/* DUID-LL of 02:00:00:00:00:fe: the server's own */
static const uint8_t our_duid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 0xfe };
static const uint8_t other_duid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 0xfd };

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad IPv6 %s", s);
	return a;
}

struct client_msg {
	uint8_t type;
	int ia_na;
	const uint8_t *server_duid;
	size_t n_server_duid;
	const uint8_t *duid;       /* NULL: duid_llt */
	size_t n_duid;
};

static size_t client_frame(uint8_t *b, const uint8_t mac[6], const char *src,
			   const struct client_msg *m)
{
	struct xovn_dhcp6_client c = {
		.type = m->type, .xid = XID, .src = ip6(src),
		.duid = m->duid ? m->duid : duid_llt,
		.n_duid = m->duid ? m->n_duid : sizeof(duid_llt),
		.server_duid = m->server_duid, .n_server_duid = m->n_server_duid,
		.iaid = IAID, .ia_na = m->ia_na,
	};
	size_t len;

	memcpy(c.mac, mac, 6);
	len = xovn_frame_dhcp6_client(b, XH_FRAME_MAX, &c);
	cr_assert_gt(len, 0);
	return len;
}

/* ---- the exact replies ------------------------------------------------------- */

static const uint8_t ia_na[] = {
	0, 3, 0, 40, 0x0a, 0x0b, 0x0c, 0x0d,            /* IA_NA, IAID */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* T1, T2: infinity */
	0, 5, 0, 24,                                    /* IAADDR fd00::1 */
	0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* preferred, valid: infinity */
};

static const uint8_t server_id_opt[] = { 0, 2, 0, 10, 0, 3, 0, 1, 2, 0, 0, 0, 0, 0xfe };

static const uint8_t full_opts[] = {
	0, 23, 0, 16, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,  /* DNS */
	0, 24, 0, 13, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'o', 'r', 'g', 0, /* search */
};

struct reply_want {
	uint8_t type;              /* 2 advertise, 7 reply */
	const uint8_t *mac;        /* the client's */
	const char *dst;           /* its link-local address */
	int ia_na;
	int full;                  /* the "full" row's options follow the server id */
};

/* Appends len bytes to the expected message. */
static size_t put(uint8_t *w, size_t n, const void *p, size_t len)
{
	memcpy(w + n, p, len);
	return n + len;
}

static size_t expected_message(uint8_t *w, const struct reply_want *x)
{
	uint8_t head[4] = { x->type, XID >> 16, (XID >> 8) & 0xff, XID & 0xff };
	uint8_t cid[4] = { 0, 1, 0, sizeof(duid_llt) };
	size_t n = put(w, 0, head, 4);

	if (x->ia_na)
		n = put(w, n, ia_na, sizeof(ia_na));
	n = put(w, n, server_id_opt, sizeof(server_id_opt));
	if (x->full)
		n = put(w, n, full_opts, sizeof(full_opts));
	n = put(w, n, cid, 4);
	return put(w, n, duid_llt, sizeof(duid_llt));
}

static void expect_reply(const uint8_t *r, size_t len, const struct reply_want *x)
{
	const uint8_t *ipp = r + 14, *udp = ipp + 40;
	struct in6_addr src = ip6("fe80::ff:fe00:fe"), dst = ip6(x->dst);
	uint8_t want[512];
	size_t n = expected_message(want, x);

	cr_assert_eq(len, 14 + 40 + 8 + n, "frame of %zu bytes, want %zu", len, 14 + 40 + 8 + n);
	cr_assert_arr_eq(r, x->mac, 6, "to the client's MAC");
	cr_assert_arr_eq(r + 6, server_mac, 6, "from server_id");
	cr_assert_eq(r[12] << 8 | r[13], ETH_P_IPV6);
	cr_assert_eq(ipp[0], 0x60);
	cr_assert_eq(ipp[1] | ipp[2] | ipp[3], 0, "traffic class, flow label");
	cr_assert_eq(ipp[4] << 8 | ipp[5], 8 + n, "payload length");
	cr_assert_eq(ipp[6], 17);
	cr_assert_eq(ipp[7], 255);
	cr_assert_arr_eq(ipp + 8, &src, 16, "from fe80::EUI-64 of server_id");
	cr_assert_arr_eq(ipp + 24, &dst, 16, "to the client's source address");
	cr_assert_eq(udp[0] << 8 | udp[1], 547);
	cr_assert_eq(udp[2] << 8 | udp[3], 546);
	cr_assert_eq(udp[4] << 8 | udp[5], 8 + n);
	cr_assert_eq(xovn_csum_pseudo(ipp + 8, 32, 17, udp, 8 + n), 0, "UDP checksum");
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(udp[8 + i], want[i], "message byte %zu is %u, want %u", i, udp[8 + i],
			     want[i]);
}

static size_t run_reply(uint32_t ifindex, size_t len)
{
	size_t out_len = 0;
	int verdict = xh_run_out(&h, XH_VIF_LIVE, ifindex, f, len, out, sizeof(out), &out_len);

	cr_assert_eq(verdict, TC_ACT_REDIRECT, "verdict %d", verdict);
	return out_len;
}

struct reply_case {
	const char *what;
	uint32_t ifindex;
	const uint8_t *mac;
	const char *src;
	struct client_msg msg;
	struct reply_want want;
};

#define SRV our_duid, sizeof(our_duid)

static const struct reply_case replies[] = {
	{ "SOLICIT -> ADVERTISE with the port's address", IF_T1, vm1, "fe80::200:ff:fe00:101",
	  { 1, 1, NULL, 0, NULL, 0 }, { 2, vm1, "fe80::200:ff:fe00:101", 1, 1 } },
	{ "REQUEST -> REPLY with the port's address", IF_T1, vm1, "fe80::200:ff:fe00:101",
	  { 3, 1, SRV, NULL, 0 }, { 7, vm1, "fe80::200:ff:fe00:101", 1, 1 } },
	{ "RENEW -> REPLY", IF_T1, vm1, "fd00::1",
	  { 5, 1, SRV, NULL, 0 }, { 7, vm1, "fd00::1", 1, 1 } },
	{ "REBIND -> REPLY", IF_T1, vm1, "fd00::1",
	  { 6, 1, NULL, 0, NULL, 0 }, { 7, vm1, "fd00::1", 1, 1 } },
	{ "INFORMATION-REQUEST -> REPLY, options only", IF_T1, vm1, "fe80::200:ff:fe00:101",
	  { 11, 0, NULL, 0, NULL, 0 }, { 7, vm1, "fe80::200:ff:fe00:101", 0, 1 } },
	{ "SOLICIT without IA_NA -> ADVERTISE without address", IF_T1, vm1,
	  "fe80::200:ff:fe00:101",
	  { 1, 0, NULL, 0, NULL, 0 }, { 2, vm1, "fe80::200:ff:fe00:101", 0, 1 } },
	{ "stateless row: SOLICIT with IA_NA -> ADVERTISE without address", IF_T3, vm3,
	  "fe80::200:ff:fe00:103",
	  { 1, 1, NULL, 0, NULL, 0 }, { 2, vm3, "fe80::200:ff:fe00:103", 0, 0 } },
	{ "stateless row: INFORMATION-REQUEST -> REPLY", IF_T3, vm3, "fe80::200:ff:fe00:103",
	  { 11, 0, NULL, 0, NULL, 0 }, { 7, vm3, "fe80::200:ff:fe00:103", 0, 0 } },
};

Test(dhcp6, client_messages_get_their_exact_replies)
{
	for (size_t i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		const struct reply_case *c = &replies[i];
		size_t len = client_frame(f, c->mac, c->src, &c->msg);

		cr_log_info("%s", c->what);
		expect_reply(out, run_reply(c->ifindex, len), &c->want);
	}
}

Test(dhcp6, trace_records_a_reply_to_the_requester_only)
{
	struct client_msg m = { 1, 1, NULL, 0, NULL, 0 };
	int verdict;
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f,
					client_frame(f, vm1, "fe80::200:ff:fe00:101", &m),
					&verdict);

	cr_assert_eq(tr.action, XOVN_ACT_DHCP_REPLY, "action %d (reason %d)", tr.action,
		     tr.drop_reason);
	cr_assert_eq(tr.n_out, 1, "never flooded, never tunneled");
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(tr.out[0].ifindex, IF_T1);
	cr_assert_eq(tr.out[0].port_key, 1);
}

/* ---- no reply ----------------------------------------------------------------- */

struct silent_case {
	const char *what;
	uint32_t ifindex;
	const uint8_t *mac;
	struct client_msg msg;
	uint8_t action;           /* XOVN_ACT_DROP (reason dhcp) or the switching action */
};

static const uint8_t long_duid[126] = { 0, 2 };

Test(dhcp6, messages_without_reply)
{
	const struct silent_case cases[] = {
		{ "port without DHCPv6: switched as any multicast", IF_T2, vm2,
		  { 1, 1, NULL, 0, NULL, 0 }, XOVN_ACT_FLOOD },
		{ "REQUEST to another server", IF_T1, vm1,
		  { 3, 1, other_duid, sizeof(other_duid), NULL, 0 }, XOVN_ACT_DROP },
		{ "RELEASE", IF_T1, vm1, { 8, 1, SRV, NULL, 0 }, XOVN_ACT_DROP },
		{ "DECLINE", IF_T1, vm1, { 9, 1, SRV, NULL, 0 }, XOVN_ACT_DROP },
		{ "no client identifier", IF_T1, vm1, { 1, 1, NULL, 0, duid_llt, 0 },
		  XOVN_ACT_DROP },
		{ "a client DUID longer than 124 bytes", IF_T1, vm1,
		  { 1, 1, NULL, 0, long_duid, sizeof(long_duid) }, XOVN_ACT_DROP },
		{ "a MAC that is not the port's", IF_T1, vm2, { 1, 1, NULL, 0, NULL, 0 },
		  XOVN_ACT_DROP },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = client_frame(f, cases[i].mac, "fe80::1", &cases[i].msg);
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

Test(dhcp6, an_option_running_past_the_message_is_dropped)
{
	struct client_msg m = { 1, 1, NULL, 0, NULL, 0 };
	size_t len = client_frame(f, vm1, "fe80::200:ff:fe00:101", &m);
	int verdict;
	struct xovn_trace tr;

	f[14 + 40 + 8 + 4 + 3] = 200;  /* the client identifier claims 200 bytes */
	tr = xh_trace(&h, XH_VIF_TRACE, IF_T1, f, len, &verdict);
	cr_assert_eq(tr.action, XOVN_ACT_DROP);
	cr_assert_eq(tr.drop_reason, XOVN_DROP_DHCP);
}

Test(dhcp6, replies_count_as_sent_to_the_port)
{
	struct client_msg solicit = { 1, 1, NULL, 0, NULL, 0 };
	struct xovn_port_stats st;

	run_reply(IF_T1, client_frame(f, vm1, "fe80::200:ff:fe00:101", &solicit));
	st = xh_port_stats(&h, 1, 1);
	cr_assert_eq(st.rx_packets, 1);
	cr_assert_eq(st.tx_packets, 1, "the reply delivered to vm1");
	cr_assert_eq(xh_drops_total(&h), 0);
}
