// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * packet_fuzz_frames.c - the mutators: each takes a well-formed frame
 * and breaks it in one of the ways a parser gets wrong.
 */
#include <linux/if_ether.h>
#include <string.h>

#include "frame/headers.h"
#include "packet_fuzz_frames.h"

#define GENEVE_INNER_OFF (14 + 20 + 8 + 16)  /* outer eth, IPv4, UDP, Geneve + option */
#define GENEVE_OFF       (14 + 20 + 8)

static void fill_random(struct topo_rng *r, uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)topo_next(r);
}

/* Where the Ethernet header that matters starts: the inner one of a tunnel frame. */
static size_t eth_base(const struct topo_frame *f)
{
	return f->origin == TOPO_FROM_TUNNEL && f->len >= GENEVE_INNER_OFF + 14 ? GENEVE_INNER_OFF : 0;
}

/* Opens n bytes at off (the frame grows, clipped to the buffer); the bytes are left as they were. */
static size_t open_gap(struct topo_frame *f, size_t off, size_t n)
{
	size_t tail = f->len - off;

	if (f->len + n > XH_FRAME_MAX)
		tail = XH_FRAME_MAX - n - off;
	memmove(f->buf + off + n, f->buf + off, tail);
	f->len = off + n + tail;
	return f->len;
}

static void mutate_flip(struct topo_rng *r, struct topo_frame *f)
{
	int n = 1 + (int)topo_below(r, 8), i;

	for (i = 0; i < n; i++) {
		/* Headers live at the front: aim most flips there. */
		size_t span = topo_chance(r, 80) && f->len > 80 ? 80 : f->len;

		f->buf[topo_below(r, (uint32_t)span)] ^= (uint8_t)(1 + topo_below(r, 255));
	}
}

static void mutate_stacked_vlan(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	size_t base = eth_base(f) + 12;
	int n = 2 + (int)topo_below(r, 2), i;

	for (i = 0; i < n; i++) {
		uint16_t tpid = topo_chance(r, 50) ? ETH_P_8021Q : ETH_P_8021AD;
		uint16_t vid = (uint16_t)topo_below(r, 4096);

		/* Sometimes a tag somebody owns, so the outer lookup succeeds. */
		if (topo_chance(r, 50) && t->n_ports)
			vid = t->ports[topo_below(r, (uint32_t)t->n_ports)].tag;
		open_gap(f, base, 4);
		xovn_put16(f->buf + base, tpid);
		xovn_put16(f->buf + base + 2, vid);
	}
}

/* An IPv6 packet whose next-header chain walks through extension headers. */
static void mutate_ipv6_ext(struct topo_rng *r, struct topo_frame *f)
{
	static const uint8_t exts[] = { 0, 43, 44, 60, 51, 135 };
	static const uint8_t last[] = { 58, 17, 6, 59 };
	size_t off = eth_base(f) + 12, ip, p;
	int n = (int)topo_below(r, 6), i;

	xovn_put16(f->buf + off, ETH_P_IPV6);
	ip = off + 2;
	f->len = ip + 40 + (size_t)n * 16 + 32;
	if (f->len > XH_FRAME_MAX)
		f->len = XH_FRAME_MAX;
	fill_random(r, f->buf + ip, f->len - ip);
	f->buf[ip] = 0x60;
	xovn_put16(f->buf + ip + 4, (uint16_t)topo_below(r, 2000));
	f->buf[ip + 7] = topo_chance(r, 50) ? 255 : (uint8_t)topo_next(r);
	p = ip + 6;   /* the next-header byte to fill in */
	for (i = 0; i < n; i++) {
		size_t ext = ip + 40 + (size_t)i * 16;

		f->buf[p] = exts[topo_below(r, sizeof(exts))];
		f->buf[ext + 1] = topo_chance(r, 70) ? 1 : (uint8_t)topo_next(r);  /* length lies sometimes */
		p = ext;
	}
	f->buf[p] = last[topo_below(r, sizeof(last))];
	if (topo_chance(r, 30))
		f->len = ip + topo_below(r, (uint32_t)(f->len - ip));
}

static void mutate_arp_odd(struct topo_rng *r, struct topo_frame *f)
{
	static const uint8_t sizes[] = { 0, 1, 4, 6, 8, 16, 255 };
	size_t off = eth_base(f) + 12, arp;

	xovn_put16(f->buf + off, ETH_P_ARP);
	arp = off + 2;
	f->len = arp + topo_below(r, 64);
	if (f->len < 14)
		f->len = 14;
	fill_random(r, f->buf + arp, f->len - arp);
	if (f->len >= arp + 8) {
		xovn_put16(f->buf + arp, topo_chance(r, 70) ? 1 : (uint16_t)topo_next(r));
		xovn_put16(f->buf + arp + 2, topo_chance(r, 70) ? ETH_P_IP : (uint16_t)topo_next(r));
		f->buf[arp + 4] = sizes[topo_below(r, sizeof(sizes))];
		f->buf[arp + 5] = sizes[topo_below(r, sizeof(sizes))];
		xovn_put16(f->buf + arp + 6, (uint16_t)(1 + topo_below(r, 3)));
	}
}

static void mutate_geneve(const struct topo *t, struct topo_rng *r, struct topo_frame *f)
{
	uint8_t *g;

	if (f->origin != TOPO_FROM_TUNNEL) {
		uint8_t inner[XH_FRAME_MAX];
		size_t len = f->len < XH_FRAME_MAX - GENEVE_INNER_OFF ? f->len
								      : XH_FRAME_MAX - GENEVE_INNER_OFF;

		memcpy(inner, f->buf, len);
		f->len = topo_geneve_wrap(f->buf, inner, len, t->encap_ip[1], t->encap_ip[0],
					  t->sw[0].dp_key, 1, XOVN_MC_FLOOD);
		f->origin = TOPO_FROM_TUNNEL;
		f->ifindex = TOPO_UNDERLAY_IF;
	}
	g = f->buf + GENEVE_OFF;
	switch (topo_below(r, 6)) {
	case 0:
		g[0] = (uint8_t)topo_next(r);                 /* version, options length */
		break;
	case 1:
		g[11] = (uint8_t)topo_next(r);                /* option length */
		break;
	case 2:
		fill_random(r, g + 8, 4);                     /* option class, type, length */
		break;
	case 3:
		fill_random(r, g + 4, 3);                     /* VNI */
		break;
	case 4:
		/* Extra options of random shape between the OVN one and the inner frame. */
		open_gap(f, GENEVE_INNER_OFF, 8);
		fill_random(r, f->buf + GENEVE_INNER_OFF, 8);
		g[0] = (uint8_t)((g[0] & 0xc0) | ((g[0] & 0x3f) + 2));
		break;
	default:
		f->len = GENEVE_OFF + topo_below(r, 16 + 14);  /* cut inside Geneve or inner eth */
	}
}

static void mutate_garbage(struct topo_rng *r, struct topo_frame *f)
{
	size_t keep = topo_chance(r, 50) ? 12 : 14;

	f->len = 14 + topo_below(r, 200);
	fill_random(r, f->buf + keep, f->len - keep);
}

void pf_mutate(const struct topo *t, struct topo_rng *r, struct topo_frame *f, enum pf_kind k)
{
	switch (k) {
	case PF_FLIP:
		mutate_flip(r, f);
		break;
	case PF_STACKED_VLAN:
		mutate_stacked_vlan(t, r, f);
		break;
	case PF_IPV6_EXT:
		mutate_ipv6_ext(r, f);
		break;
	case PF_ARP_ODD:
		mutate_arp_odd(r, f);
		break;
	case PF_GENEVE_BAD:
		mutate_geneve(t, r, f);
		break;
	default:
		mutate_garbage(r, f);
	}
	if (f->len < 14)
		f->len = 14;
}
