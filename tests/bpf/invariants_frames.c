// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * invariants_frames.c - random frames on a random topology: from a
 * local interface (with or without a container tag), from a localnet
 * bridge, by Geneve from another chassis, or from an interface nobody owns.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <string.h>

#include "frame/headers.h"
#include "invariants_topo.h"

static int random_port_of(const struct topo *t, struct topo_rng *r, int sw)
{
	int cand[TOPO_MAX_PORTS], n = 0, k;

	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].sw == sw && t->ports[k].type != XOVN_PT_LOCALNET)
			cand[n++] = k;
	return n ? cand[topo_below(r, (uint32_t)n)] : -1;
}

/* ---- where the frame arrives ------------------------------------------------ */

static int pick_iface_origin(const struct topo *t, struct topo_rng *r, struct topo_frame *f,
			     uint16_t *vid)
{
	int cand[TOPO_MAX_PORTS], n = 0, k, p;

	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].ifindex && t->ports[k].parent < 0 &&
		    t->ports[k].type != XOVN_PT_LOCALNET)
			cand[n++] = k;
	if (!n)
		return -1;
	p = cand[topo_below(r, (uint32_t)n)];
	f->ifindex = t->ports[p].ifindex;
	*vid = 0;
	if (topo_chance(r, 40)) {
		for (k = 0; k < t->n_ports; k++)
			if (t->ports[k].parent == p && topo_chance(r, 60))
				*vid = t->ports[k].tag;
	} else if (topo_chance(r, 5)) {
		*vid = (uint16_t)topo_below(r, 4096);
	}
	return 0;
}

static int pick_localnet_origin(const struct topo *t, struct topo_rng *r, struct topo_frame *f,
				uint16_t *vid)
{
	int cand[TOPO_MAX_SW], n = 0, i;

	for (i = 0; i < t->n_sw; i++)
		if (t->sw[i].bridge_ifindex)
			cand[n++] = i;
	if (!n)
		return -1;
	i = cand[topo_below(r, (uint32_t)n)];
	f->ifindex = t->sw[i].bridge_ifindex;
	*vid = t->ports[t->sw[i].localnet].tag;
	if (topo_chance(r, 10))
		*vid = (uint16_t)topo_below(r, 4096);
	return 0;
}

static void pick_tunnel_origin(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	int p;

	f->ifindex = TOPO_UNDERLAY_IF;
	f->sw = (int)topo_below(r, (uint32_t)t->n_sw);
	p = random_port_of(t, r, f->sw);
	f->tunnel_in = p >= 0 && topo_chance(r, 90) ? t->ports[p].key
						    : (uint16_t)topo_below(r, 32768);
	f->tunnel_src = t->encap_ip[1 + topo_below(r, TOPO_N_CHASSIS - 1)];
	p = random_port_of(t, r, f->sw);
	switch (topo_below(r, 10)) {
	case 0: case 1:
		f->tunnel_out = XOVN_MC_FLOOD;
		break;
	case 2:
		f->tunnel_out = XOVN_MC_UNKNOWN;
		break;
	case 3:
		f->tunnel_out = (uint16_t)topo_below(r, 65536);
		break;
	default:
		f->tunnel_out = p >= 0 ? t->ports[p].key : XOVN_MC_FLOOD;
	}
	/* A unicast back to its own ingress key has a test of its own. */
	if (f->tunnel_out == f->tunnel_in)
		f->tunnel_out = XOVN_MC_FLOOD;
	f->in_port = topo_port_by_key(t, f->sw, f->tunnel_in);
}

/* ---- the inner frame -------------------------------------------------------- */

static void random_unicast(struct topo_rng *r, uint8_t mac[6])
{
	uint64_t v = topo_next(r);

	memcpy(mac, &v, 6);
	mac[0] = (uint8_t)((mac[0] & 0xfc) | 0x02);
}

static void pick_src(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	int any = f->sw >= 0 ? random_port_of(t, r, f->sw) : -1;
	unsigned int roll = topo_below(r, 100);

	if (roll < 70 && f->in_port >= 0 && t->ports[f->in_port].type != XOVN_PT_LOCALNET)
		memcpy(f->src, t->ports[f->in_port].mac, 6);
	else if (roll < 85 && any >= 0)
		memcpy(f->src, t->ports[any].mac, 6);
	else if (roll < 95)
		random_unicast(r, f->src);
	else
		memcpy(f->src, (const uint8_t[6]){ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 }, 6);
}

static void pick_dst(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	unsigned int roll = topo_below(r, 100);
	int p = f->sw >= 0 ? random_port_of(t, r, f->sw) : -1;

	if (roll < 45 && p >= 0) {
		memcpy(f->dst, t->ports[p].mac, 6);
	} else if (roll < 55) {
		p = (int)topo_below(r, (uint32_t)t->n_ports);
		memcpy(f->dst, t->ports[p].mac, 6);
	} else if (roll < 75) {
		memcpy(f->dst, XH_BROADCAST, 6);
	} else if (roll < 80) {
		memcpy(f->dst, (const uint8_t[6]){ 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 }, 6);
	} else if (roll < 95) {
		random_unicast(r, f->dst);
	} else {
		memcpy(f->dst, f->src, 6);
	}
}

static uint32_t pick_ip_src(const struct topo *t, struct topo_rng *r, const struct topo_frame *f)
{
	if (f->in_port >= 0 && t->ports[f->in_port].ip && topo_chance(r, 75))
		return t->ports[f->in_port].ip;
	return htonl(0x0a000000u | topo_below(r, 1u << 24));
}

static void build_inner(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	char sip[16], dip[16];
	uint32_t tpa;
	int p;

	pick_src(t, r, f);
	pick_dst(t, r, f);
	f->ip_src = pick_ip_src(t, r, f);
	inet_ntop(AF_INET, &f->ip_src, sip, sizeof(sip));
	p = f->sw >= 0 ? random_port_of(t, r, f->sw) : -1;
	tpa = p >= 0 ? t->ports[p].ip : htonl(0x0a000001);
	inet_ntop(AF_INET, &tpa, dip, sizeof(dip));
	f->is_arp = topo_chance(r, 25);
	if (f->is_arp) {
		f->len = xh_arp_request(f->buf, f->src, sip, dip);
		/* Mostly broadcast as a real request is; sometimes the drawn dst. */
		if (topo_chance(r, 40))
			memcpy(f->buf, f->dst, 6);
		else
			memcpy(f->dst, XH_BROADCAST, 6);
	} else {
		f->len = xh_ipv4_udp(f->buf, f->dst, f->src, sip, dip, topo_below(r, 64));
	}
}

static size_t add_tag(struct topo_frame *f, uint16_t vid)
{
	return xh_vlan_insert(f->buf, f->len, ETH_P_8021Q, vid);
}

void topo_frame_random(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	unsigned int roll = topo_below(r, 100);
	uint16_t vid = 0;
	int tagged = 0;

	memset(f, 0, sizeof(*f));
	f->in_port = -1;
	f->sw = -1;
	if (roll < 55 && pick_iface_origin(t, r, f, &vid) == 0) {
		f->origin = TOPO_FROM_IFACE;
		tagged = vid != 0;
	} else if (roll < 70 && pick_localnet_origin(t, r, f, &vid) == 0) {
		f->origin = TOPO_FROM_LOCALNET;
		tagged = vid != 0 || topo_chance(r, 5);
	} else if (roll < 95) {
		f->origin = TOPO_FROM_TUNNEL;
		pick_tunnel_origin(t, r, f);
	} else {
		f->origin = TOPO_FROM_NOWHERE;
		f->ifindex = 1 + topo_below(r, 99);
	}
	if (f->origin == TOPO_FROM_IFACE || f->origin == TOPO_FROM_LOCALNET) {
		f->in_port = topo_ingress_port(t, f->ifindex, vid);
		f->sw = f->in_port >= 0 ? t->ports[f->in_port].sw : -1;
	}
	build_inner(t, r, f);
	if (tagged)
		f->len = add_tag(f, vid);
	if (f->origin == TOPO_FROM_TUNNEL) {
		uint8_t inner[XH_FRAME_MAX];

		memcpy(inner, f->buf, f->len);
		f->len = topo_geneve_wrap(f->buf, inner, f->len, f->tunnel_src, t->encap_ip[0],
					  t->sw[f->sw].dp_key, f->tunnel_in, f->tunnel_out);
	}
}

/* ---- Geneve ------------------------------------------------------------------- */

size_t topo_geneve_wrap(uint8_t *buf, const uint8_t *inner, size_t len, uint32_t src_ip,
			uint32_t dst_ip, uint32_t vni, uint16_t in_key, uint16_t out_key)
{
	struct xovn_tunnel t = {
		.dst_mac = { 0x02, 0xee, 0, 0, 0, 1 }, .src_mac = { 0x02, 0xee, 0, 0, 0, 2 },
		.src = { src_ip }, .dst = { dst_ip }, .sport = 49152,
		.vni = vni, .in_key = in_key, .out_key = out_key,
	};

	return xovn_put_tunnel(buf, &t, inner, len);
}
