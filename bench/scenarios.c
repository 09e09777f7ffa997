// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* scenarios.c - the measured paths: frames and expected decisions. */
#include <linux/pkt_cls.h>
#include <stdio.h>

#include "frames.h"
#include "model_gen.h"
#include "scenarios.h"

/* A 64-byte IPv4/UDP frame between two ports of one measured switch. */
static size_t udp_between(uint8_t *buf, uint32_t vni, uint16_t from, uint16_t to)
{
	uint8_t src[6], dst[6];
	char sip[32], dip[32];

	bm_mac(vni, from, src);
	bm_mac(vni, to, dst);
	bm_ip(vni, from, sip, sizeof(sip));
	bm_ip(vni, to, dip, sizeof(dip));
	return bf_ipv4_udp(buf, dst, src, sip, dip, BF_MIN_PAYLOAD);
}

static size_t unicast(uint8_t *buf)
{
	return udp_between(buf, BM_VNI_BENCH, BM_V0, BM_V1);
}

static size_t encap(uint8_t *buf)
{
	return udp_between(buf, BM_VNI_BENCH, BM_V0, BM_R1);
}

static size_t decap(uint8_t *buf)
{
	uint8_t inner[BF_MAX];
	size_t n = udp_between(inner, BM_VNI_BENCH, BM_R1, BM_V1);

	return bf_geneve(buf, BM_HV2_IP, BM_HV1_IP, BM_VNI_BENCH, BM_R1, BM_V1, inner, n);
}

static size_t flood(uint8_t *buf)
{
	uint8_t src[6];
	char sip[32];

	bm_mac(BM_VNI_BENCH, BM_V0, src);
	bm_ip(BM_VNI_BENCH, BM_V0, sip, sizeof(sip));
	return bf_broadcast_udp(buf, src, sip);
}

static size_t localport_drop(uint8_t *buf)
{
	return udp_between(buf, BM_VNI_BENCH2, BM_LP, BM_R3);
}

static size_t port_security(uint8_t *buf)
{
	return udp_between(buf, BM_VNI_BENCH2, BM_PS, BM_W);
}

static size_t arp_reply(uint8_t *buf)
{
	uint8_t sha[6];
	char spa[32], tpa[32];

	bm_mac(BM_VNI_BENCH, BM_V0, sha);
	bm_ip(BM_VNI_BENCH, BM_V0, spa, sizeof(spa));
	bm_ip(BM_VNI_BENCH, BM_V1, tpa, sizeof(tpa));
	return bf_arp_request(buf, sha, spa, tpa);
}

static size_t dhcp_discover(uint8_t *buf)
{
	uint8_t mac[6];

	bm_mac(BM_VNI_BENCH, BM_V4, mac);
	return bf_dhcp_discover(buf, mac);
}

/* Ordinary unicast from a port with native DHCP: what its check costs other traffic. */
static size_t unicast_dhcp_port(uint8_t *buf)
{
	return udp_between(buf, BM_VNI_BENCH, BM_V4, BM_V1);
}

static void mac_of(const char *text, uint8_t mac[6])
{
	sscanf(text, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4],
	       &mac[5]);
}

/* UDP sport -> dip:dport from port key of switch vni, sent to the router's MAC. */
static size_t via_router(uint8_t *buf, uint32_t vni, uint16_t key, const char *router_mac,
			 const char *dip, uint16_t sport, uint16_t dport)
{
	uint8_t src[6], rt[6];
	char sip[32];

	bm_mac(vni, key, src);
	mac_of(router_mac, rt);
	bm_ip(vni, key, sip, sizeof(sip));
	return bf_ipv4_udp_ports(buf, rt, src, sip, dip, sport, dport);
}

/* bench3's s0 -> brt -> bench4's port key to. */
static size_t routed_to(uint8_t *buf, uint16_t to)
{
	char dip[32];

	bm_ip(BM_VNI_BENCH4, to, dip, sizeof(dip));
	return via_router(buf, BM_VNI_BENCH3, BM_S0, BM_RT3_MAC, dip, BF_SPORT, BF_DPORT);
}

static size_t routed_local(uint8_t *buf)
{
	return routed_to(buf, BM_D0);
}

static size_t routed_encap(uint8_t *buf)
{
	return routed_to(buf, BM_D1);
}

/* Inside VM key of bench6 -> bgw -> the outside client c0. */
static size_t nat_out(uint8_t *buf, uint16_t key, uint16_t sport, uint16_t dport)
{
	char dip[32];

	bm_ip(BM_VNI_OUTSIDE, BM_C0, dip, sizeof(dip));
	return via_router(buf, BM_VNI_INSIDE, key, BM_GW_IN_MAC, dip, sport, dport);
}

/* The client c0 -> bgw's outside MAC, to dip:dport. */
static size_t nat_in(uint8_t *buf, const char *dip, uint16_t sport, uint16_t dport)
{
	return via_router(buf, BM_VNI_OUTSIDE, BM_C0, BM_GW_OUT_MAC, dip, sport, dport);
}

#define NAT_SPORT BF_SPORT
#define NAT_DPORT BF_DPORT

/* n0's one connection; the snat keeps a free source port, so it leaves as SNAT_IP:40000. */
static size_t snat_conn(uint8_t *buf)
{
	return nat_out(buf, BM_N0, NAT_SPORT, NAT_DPORT);
}

/* Its reply from the client, to the external address and port. */
static size_t snat_reply(uint8_t *buf)
{
	return nat_in(buf, BM_SNAT_IP, NAT_DPORT, NAT_SPORT);
}

/* Run n's connection: a source port of its own (ports 1024-65535, then the next dport). */
static size_t snat_new_nth(uint8_t *buf, uint32_t n)
{
	return nat_out(buf, BM_N0, (uint16_t)(1024 + n % 64512), (uint16_t)(NAT_DPORT + n / 64512));
}

static size_t snat_new(uint8_t *buf)
{
	return snat_new_nth(buf, 0);
}

/* The client to the floating IP of n1. */
static size_t fip_conn(uint8_t *buf)
{
	return nat_in(buf, BM_FIP, NAT_SPORT, NAT_DPORT);
}

static const struct bs_nat snat_conn_nat = { XOVN_HOP_SNAT, snat_conn, "bn0", NULL };
static const struct bs_nat snat_new_nat = { XOVN_HOP_SNAT, NULL, NULL, snat_new_nth };
static const struct bs_nat dnat_conn_nat = { XOVN_HOP_DNAT, fip_conn, "bc0", NULL };
/* The reply un-SNATed is a destination rewrite. */
static const struct bs_nat snat_reply_nat = { XOVN_HOP_DNAT, snat_conn, "bn0", NULL };

const struct bs_scenario bs_scenarios[] = {
	{ "unicast", "local unicast VIF->VIF", 0, "bv0", 1,
	  XOVN_ACT_DELIVER, BM_V1, 0, TC_ACT_REDIRECT, unicast, NULL },
	{ "encap", "VIF->tunnel (Geneve encap)", 0, "bv0", 0,
	  XOVN_ACT_TUNNEL, BM_R1, 0, TC_ACT_REDIRECT, encap, NULL },
	{ "decap", "tunnel->VIF (Geneve decap)", 1, "bul", 0,
	  XOVN_ACT_DELIVER, BM_V1, 0, TC_ACT_REDIRECT, decap, NULL },
	{ "flood", "flood to 4 local + 2 remote", 0, "bv0", 0,
	  XOVN_ACT_FLOOD, 6, 0, -1, flood, NULL },
	{ "localport_drop", "localport -> remote: drop", 0, "blp", 1,
	  XOVN_ACT_DROP, 0, XOVN_DROP_LOCALPORT, TC_ACT_SHOT, localport_drop, NULL },
	{ "port_security", "port security check + unicast", 0, "bps", 1,
	  XOVN_ACT_DELIVER, BM_W, 0, TC_ACT_REDIRECT, port_security, NULL },
	{ "arp_reply", "ARP responder reply", 0, "bv0", 0,
	  XOVN_ACT_ARP_REPLY, 0, 0, TC_ACT_REDIRECT, arp_reply, NULL },
	{ "dhcp_offer", "DHCP DISCOVER -> OFFER built in BPF", 0, "bv4", 0,
	  XOVN_ACT_DHCP_REPLY, 0, 0, TC_ACT_REDIRECT, dhcp_discover, NULL },
	{ "unicast_dhcp_port", "local unicast from a DHCP port", 0, "bv4", 1,
	  XOVN_ACT_DELIVER, BM_V1, 0, TC_ACT_REDIRECT, unicast_dhcp_port, NULL },
	/* Routed frames change (TTL, MACs): not repeatable. */
	{ "routed_unicast", "routed VIF->router->VIF, same chassis", 0, "bs0", 0,
	  XOVN_ACT_DELIVER, BM_D0, 0, TC_ACT_REDIRECT, routed_local, NULL },
	{ "routed_encap", "routed VIF->router->tunnel", 0, "bs0", 0,
	  XOVN_ACT_TUNNEL, BM_D1, 0, TC_ACT_REDIRECT, routed_encap, NULL },
	/* Through the gateway router bgw; translated frames change: not repeatable. */
	{ "snat_conn", "SNAT, existing connection", 0, "bn0", 0,
	  XOVN_ACT_DELIVER, BM_C0, 0, TC_ACT_REDIRECT, snat_conn, &snat_conn_nat },
	{ "snat_new", "SNAT, new connection", 0, "bn0", 0,
	  XOVN_ACT_DELIVER, BM_C0, 0, TC_ACT_REDIRECT, snat_new, &snat_new_nat },
	{ "dnat_conn", "DNAT to a floating IP, existing connection", 0, "bc0", 0,
	  XOVN_ACT_DELIVER, BM_N1, 0, TC_ACT_REDIRECT, fip_conn, &dnat_conn_nat },
	{ "snat_reply", "SNAT reply, un-NATed", 0, "bc0", 0,
	  XOVN_ACT_DELIVER, BM_N0, 0, TC_ACT_REDIRECT, snat_reply, &snat_reply_nat },
};
const size_t bs_n_scenarios = sizeof(bs_scenarios) / sizeof(bs_scenarios[0]);

int bs_check_trace(const struct bs_scenario *s, const struct xovn_trace *tr)
{
	int ok = tr->action == s->action;

	if (ok && s->action == XOVN_ACT_DELIVER)
		ok = tr->out_port == s->out_port;
	if (ok && s->action == XOVN_ACT_TUNNEL)
		ok = tr->n_out == 1 && tr->out[0].kind == XOVN_OUT_TUNNEL;
	if (ok && s->action == XOVN_ACT_FLOOD)
		ok = tr->n_out == s->out_port;
	if (ok && s->action == XOVN_ACT_DROP)
		ok = tr->drop_reason == s->drop_reason;
	if (ok && s->nat)
		ok = tr->n_hops >= 1 &&
		     (tr->hops[0].flags & s->nat->hop_flags) == s->nat->hop_flags;
	if (!ok)
		fprintf(stderr, "bench: %s: trace says action %u out_port %u n_out %u drop %u "
			"hop flags %#x\n", s->name, tr->action, tr->out_port, tr->n_out,
			tr->drop_reason, tr->n_hops ? tr->hops[0].flags : 0);
	return ok ? 0 : -1;
}
