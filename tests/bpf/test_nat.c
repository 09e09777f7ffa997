// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_nat.c - NAT of a gateway router on the real programs: the bytes of
 * the translated packets (addresses, ports, echo identifiers, every
 * checksum recomputed, a zero UDP checksum kept zero), replies translated
 * back, ICMP errors with their quoted packet, ports that collide, a full
 * connection table, and stateless floating IPs.  Topology: nat_topo.h.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/pkt_cls.h>
#include <netinet/in.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dataplane/nat_age.h"
#include "nat_topo.h"
#include "xovn.skel.h"

static struct xh h;

static void setup(void)
{
	nt_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(nat, .init = setup, .fini = teardown);

#define FLOW(p, s, d, sp, dp) { .proto = (p), .src = (s), .dst = (d), .sport = (sp), .dport = (dp) }

/* Sends f from ifindex (eth addresses given) and expects want delivered from the router. */
static void expect_translated(uint32_t ifindex, const char *eth_src, const char *eth_dst,
			      const struct nt_flow *f, const char *out_dst,
			      const char *out_src, const struct nt_flow *want, const char *what)
{
	uint8_t in[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = nt_frame(in, eth_dst, eth_src, f), out_len = 0;
	int verdict = nt_run(&h, ifindex, in, len, out, &out_len);

	cr_assert_eq(verdict, TC_ACT_REDIRECT, "%s: verdict %d", what, verdict);
	nt_expect(out, out_len, out_dst, out_src, want, what);
}

/* From an inside VM through the router to the client. */
static void out_to_client(uint32_t ifindex, const char *vm_mac, const struct nt_flow *f,
			  const struct nt_flow *want, const char *what)
{
	expect_translated(ifindex, vm_mac, NT_GW_IN, f, NT_CLIENT_MAC, NT_GW_OUT, want, what);
}

/* From the client through the router to an inside VM. */
static void in_from_client(const char *vm_mac, const struct nt_flow *f,
			   const struct nt_flow *want, const char *what)
{
	expect_translated(NT_IF_CLIENT, NT_CLIENT_MAC, NT_GW_OUT, f, vm_mac, NT_GW_IN, want, what);
}

/*
 * Connection f from an inside VM leaves as ext:ext_port (an ICMP echo: with
 * identifier ext_port) and its reply comes back to the VM untranslated.
 */
static void round_trip(uint32_t ifindex, const char *vm_mac, const struct nt_flow *f,
		       const char *ext, uint16_t ext_port, const char *what)
{
	struct nt_flow out_x = *f, back = *f, back_x;
	int echo = f->proto == IPPROTO_ICMP;

	out_x.src = ext;
	out_x.sport = ext_port;
	back.src = f->dst;
	back.dst = ext;
	back.sport = echo ? ext_port : f->dport;
	back.dport = ext_port;
	back.icmp_type = 0;             /* echo reply */
	if (echo)
		out_x.dport = ext_port;
	back_x = back;
	back_x.dst = f->src;
	back_x.dport = f->sport;
	if (echo)
		back_x.sport = f->sport;
	out_to_client(ifindex, vm_mac, f, &out_x, what);
	in_from_client(vm_mac, &back, &back_x, what);
}

/* ---- SNAT, one protocol at a time --------------------------------------------------- */

struct snat_case {
	const char *what;
	uint8_t proto, icmp_type, udp_no_csum;
};

static const struct snat_case snat_cases[] = {
	{ "TCP", IPPROTO_TCP, 0, 0 },
	{ "UDP", IPPROTO_UDP, 0, 0 },
	{ "UDP without checksum", IPPROTO_UDP, 0, 1 },
	{ "ICMP echo", IPPROTO_ICMP, 8, 0 },
};

Test(nat, snat_out_and_the_reply_back_for_each_protocol)
{
	for (size_t i = 0; i < XH_LEN(snat_cases); i++) {
		const struct snat_case *c = &snat_cases[i];
		uint16_t sport = (uint16_t)(40000 + i);
		struct nt_flow f = FLOW(c->proto, "10.0.0.1", "172.16.0.100", sport, 80);

		f.icmp_type = c->icmp_type;
		f.udp_no_csum = c->udp_no_csum;
		if (c->proto == IPPROTO_ICMP)  /* the identifier is both "ports" */
			f.dport = sport;
		round_trip(NT_IF_VM1, NT_VM1_MAC, &f, "172.16.0.1", sport, c->what);
	}
	cr_expect_eq(nt_conn_count(&h), 2 * XH_LEN(snat_cases), "two entries per connection");
}

Test(nat, two_inside_hosts_with_one_source_port_get_distinct_external_ports)
{
	struct nt_flow a = FLOW(IPPROTO_UDP, "10.0.0.1", "172.16.0.100", 5555, 53);
	struct nt_flow b = FLOW(IPPROTO_UDP, "10.0.0.4", "172.16.0.100", 5555, 53);

	round_trip(NT_IF_VM1, NT_VM1_MAC, &a, "172.16.0.1", 5555, "first host keeps its port");
	round_trip(NT_IF_VM4, NT_VM4_MAC, &b, "172.16.0.1", 5556, "second host: the next port");
}

Test(nat, a_port_range_that_runs_out_drops_the_new_connection)
{
	struct nt_flow f = FLOW(IPPROTO_UDP, "10.0.0.6", "172.16.0.100", 7000, 53);
	struct nt_flow want = FLOW(IPPROTO_UDP, "172.16.0.80", "172.16.0.100", 2000, 53);
	uint8_t in[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len, out_len;

	out_to_client(NT_IF_VM5, NT_VM5_MAC, &f, &want, "first port of the range");
	f.sport = 7001;
	want.sport = 2001;
	out_to_client(NT_IF_VM5, NT_VM5_MAC, &f, &want, "second port of the range");
	f.sport = 7002;
	len = nt_frame(in, NT_GW_IN, NT_VM5_MAC, &f);
	cr_assert_eq(nt_run(&h, NT_IF_VM5, in, len, out, &out_len), TC_ACT_SHOT);
	cr_expect_eq(xh_drops(&h, XOVN_DROP_NAT_NO_PORT), 1);
	cr_expect_eq(nt_conn_count(&h), 4, "the refused connection left nothing behind");
}

/* ---- DNAT and floating IPs ---------------------------------------------------------- */

struct dnat_case {
	const char *what;
	const char *external, *logical, *vm_mac;
	uint32_t vm_if;
	size_t conns;              /* entries the exchange leaves */
};

static const struct dnat_case dnat_cases[] = {
	{ "dnat", "172.16.0.60", "10.0.0.1", NT_VM1_MAC, NT_IF_VM1, 2 },
	{ "dnat_and_snat", "172.16.0.50", "10.0.0.2", NT_VM2_MAC, NT_IF_VM2, 2 },
	{ "stateless dnat_and_snat", "172.16.0.70", "10.0.0.3", NT_VM3_MAC, NT_IF_VM3, 0 },
};

Test(nat, dnat_in_and_the_reply_back)
{
	for (size_t i = 0; i < XH_LEN(dnat_cases); i++) {
		const struct dnat_case *c = &dnat_cases[i];
		struct nt_flow in = FLOW(IPPROTO_TCP, "172.16.0.100", c->external, 33000, 22);
		struct nt_flow in_x = FLOW(IPPROTO_TCP, "172.16.0.100", c->logical, 33000, 22);
		struct nt_flow rep = FLOW(IPPROTO_TCP, c->logical, "172.16.0.100", 22, 33000);
		struct nt_flow rep_x = FLOW(IPPROTO_TCP, c->external, "172.16.0.100", 22, 33000);
		size_t before = nt_conn_count(&h);

		in_from_client(c->vm_mac, &in, &in_x, c->what);
		out_to_client(c->vm_if, c->vm_mac, &rep, &rep_x, c->what);
		cr_expect_eq(nt_conn_count(&h) - before, c->conns, "%s: %zu entries", c->what,
			     nt_conn_count(&h) - before);
	}
}

Test(nat, a_floating_ip_is_one_to_one_for_connections_from_inside)
{
	struct nt_flow f = FLOW(IPPROTO_TCP, "10.0.0.2", "172.16.0.100", 45000, 443);
	struct nt_flow fx = FLOW(IPPROTO_TCP, "172.16.0.50", "172.16.0.100", 45000, 443);
	struct nt_flow s = FLOW(IPPROTO_UDP, "10.0.0.3", "172.16.0.100", 45001, 53);
	struct nt_flow sx = FLOW(IPPROTO_UDP, "172.16.0.70", "172.16.0.100", 45001, 53);

	out_to_client(NT_IF_VM2, NT_VM2_MAC, &f, &fx, "floating IP, not the snat /24");
	out_to_client(NT_IF_VM3, NT_VM3_MAC, &s, &sx, "stateless floating IP");
	cr_expect_eq(nt_conn_count(&h), 2, "only the stateful one is a connection");
}

/* ---- ICMP errors --------------------------------------------------------------------- */

Test(nat, an_icmp_error_about_a_snat_connection_reaches_the_inside_host)
{
	uint8_t protos[] = { IPPROTO_UDP, IPPROTO_TCP };
	uint8_t gw_in[6];

	xh_mac(NT_GW_IN, gw_in);

	for (size_t i = 0; i < XH_LEN(protos); i++) {
		uint16_t sport = (uint16_t)(5000 + i);
		struct nt_flow f = FLOW(protos[i], "10.0.0.1", "172.16.0.100", sport, 53);
		struct nt_flow fx = FLOW(protos[i], "172.16.0.1", "172.16.0.100", sport, 53);
		uint8_t in[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
		size_t len, out_len = 0;

		out_to_client(NT_IF_VM1, NT_VM1_MAC, &f, &fx, "the connection");
		len = nt_icmp_error(in, NT_GW_OUT, NT_CLIENT_MAC, "172.16.0.100", "172.16.0.1", 3,
				    &fx);
		cr_assert_eq(nt_run(&h, NT_IF_CLIENT, in, len, out, &out_len), TC_ACT_REDIRECT);
		cr_expect_arr_eq(out + 6, gw_in, 6, "sent from the inside port");
		nt_expect_error(out, out_len, "172.16.0.100", "10.0.0.1", &f,
				protos[i] == IPPROTO_UDP ? "UDP quoted" : "TCP quoted");
	}
}

Test(nat, an_icmp_error_about_no_connection_is_routed_untouched)
{
	struct nt_flow q = FLOW(IPPROTO_UDP, "172.16.0.1", "172.16.0.100", 9999, 53);
	uint8_t in[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = nt_icmp_error(in, NT_GW_OUT, NT_CLIENT_MAC, "172.16.0.100", "172.16.0.1", 3,
				   &q), out_len = 0;

	/* To the router's own address, not translated: the router drops it as local. */
	cr_expect_eq(nt_run(&h, NT_IF_CLIENT, in, len, out, &out_len), TC_ACT_SHOT);
	cr_expect_eq(xh_drops(&h, XOVN_DROP_ROUTER_LOCAL), 1);
	cr_expect_eq(nt_conn_count(&h), 0);
}

/* ---- a full table --------------------------------------------------------------------- */

/* Fills xovn_nat_ct with entries of a router that does not exist. */
static void fill_table(void)
{
	int fd = bpf_map__fd(h.skel->maps.xovn_nat_ct);
	struct xovn_nat_ct_key k = { .rtr_key = 999, .proto = IPPROTO_UDP };
	struct xovn_nat_ct_val v = { 0 };
	uint32_t i;

	for (i = 0;; i++) {
		k.src = i;
		if (bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST))
			break;
	}
	cr_assert_eq(errno, E2BIG, "the table filled up (%u entries): %s", i, strerror(errno));
}

Test(nat, a_full_table_drops_new_connections_and_keeps_the_live_ones)
{
	struct nt_flow live = FLOW(IPPROTO_TCP, "10.0.0.1", "172.16.0.100", 41000, 80);
	struct nt_flow fresh = FLOW(IPPROTO_TCP, "10.0.0.1", "172.16.0.100", 41001, 80);
	uint8_t in[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len, out_len;

	round_trip(NT_IF_VM1, NT_VM1_MAC, &live, "172.16.0.1", 41000, "before the table fills");
	fill_table();
	len = nt_frame(in, NT_GW_IN, NT_VM1_MAC, &fresh);
	cr_assert_eq(nt_run(&h, NT_IF_VM1, in, len, out, &out_len), TC_ACT_SHOT);
	cr_expect_eq(xh_drops(&h, XOVN_DROP_NAT_TABLE_FULL), 1);
	round_trip(NT_IF_VM1, NT_VM1_MAC, &live, "172.16.0.1", 41000, "the live connection");
}

/* ---- trace ------------------------------------------------------------------------------ */

Test(nat, the_trace_names_the_translation_and_creates_no_connection)
{
	struct nt_flow f = FLOW(IPPROTO_UDP, "10.0.0.1", "172.16.0.100", 6000, 53);
	struct nt_flow in = FLOW(IPPROTO_UDP, "172.16.0.100", "172.16.0.60", 6000, 53);
	uint8_t buf[XH_FRAME_MAX];
	size_t len = nt_frame(buf, NT_GW_IN, NT_VM1_MAC, &f);
	struct xovn_trace tr = xh_trace(&h, XH_VIF_TRACE, NT_IF_VM1, buf, len, NULL);

	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_assert_eq(tr.n_hops, 1);
	cr_expect(tr.hops[0].flags & XOVN_HOP_SNAT);
	cr_expect_not(tr.hops[0].flags & XOVN_HOP_DNAT);
	len = nt_frame(buf, NT_GW_OUT, NT_CLIENT_MAC, &in);
	tr = xh_trace(&h, XH_VIF_TRACE, NT_IF_CLIENT, buf, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_DELIVER);
	cr_expect(tr.hops[0].flags & XOVN_HOP_DNAT);
	cr_expect_eq(nt_conn_count(&h), 0);
}

/* ---- aging ------------------------------------------------------------------------------ */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

#define SECONDS(s) ((uint64_t)(s) * 1000000000ull)

Test(nat, idle_connections_age_by_protocol_and_tcp_sooner_once_closing)
{
	struct nt_flow udp = FLOW(IPPROTO_UDP, "10.0.0.1", "172.16.0.100", 42000, 53);
	struct nt_flow udp_x = FLOW(IPPROTO_UDP, "172.16.0.1", "172.16.0.100", 42000, 53);
	struct nt_flow tcp = FLOW(IPPROTO_TCP, "10.0.0.1", "172.16.0.100", 42001, 80);
	struct nt_flow tcp_x = FLOW(IPPROTO_TCP, "172.16.0.1", "172.16.0.100", 42001, 80);
	int fd = bpf_map__fd(h.skel->maps.xovn_nat_ct);
	struct xovn_nat_timeouts t;
	uint64_t start;

	xovn_nat_timeouts_default(&t);
	out_to_client(NT_IF_VM1, NT_VM1_MAC, &udp, &udp_x, "UDP");
	out_to_client(NT_IF_VM1, NT_VM1_MAC, &tcp, &tcp_x, "TCP");
	start = now_ns();
	cr_expect_eq(xovn_nat_age(fd, &t, start + SECONDS(t.udp - 5)), 0, "nothing idle yet");
	cr_expect_eq(xovn_nat_age(fd, &t, start + SECONDS(t.udp + 5)), 2, "the UDP pair goes");
	cr_expect_eq(nt_conn_count(&h), 2, "TCP stays");
	tcp.tcp_flags = tcp_x.tcp_flags = 0x11;   /* FIN ACK */
	out_to_client(NT_IF_VM1, NT_VM1_MAC, &tcp, &tcp_x, "TCP FIN");
	cr_expect_eq(xovn_nat_age(fd, &t, now_ns() + SECONDS(t.tcp_closing + 5)), 2,
		     "a closing TCP connection goes after tcp-closing");
	cr_expect_eq(nt_conn_count(&h), 0);
}
