/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_bfd_packet.c - the BFD control packet codec (lib/bfd/packet.c):
 * exact bytes, every reception rule of RFC 5880 section 6.8.6 that needs
 * no session, and the Geneve frame around it (lib/bfd/frame.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "bfd/frame.h"
#include "bfd/packet.h"
#include "frame/headers.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct bfd_ctl sample = {
	.diag = BFD_DIAG_DETECT_EXPIRED, .state = BFD_UP, .flags = BFD_FLAG_POLL,
	.detect_mult = 3, .my_discr = 0x01020304, .your_discr = 0xa0b0c0d0,
	.desired_min_tx_us = 200000, .required_min_rx_us = 300000,
	.required_min_echo_rx_us = 0,
};

static const uint8_t sample_bytes[BFD_CTL_LEN] = {
	0x21,                   /* version 1, diag 1 */
	0xe0,                   /* state Up (3 << 6) | P */
	3, 24,
	0x01, 0x02, 0x03, 0x04,
	0xa0, 0xb0, 0xc0, 0xd0,
	0x00, 0x03, 0x0d, 0x40, /* 200000 */
	0x00, 0x04, 0x93, 0xe0, /* 300000 */
	0, 0, 0, 0,
};

Test(bfd_packet, encodes_the_exact_bytes)
{
	uint8_t out[BFD_CTL_LEN];

	bfd_ctl_encode(&sample, out);
	cr_assert_arr_eq(out, sample_bytes, BFD_CTL_LEN);
}

Test(bfd_packet, decodes_what_it_encodes)
{
	struct bfd_ctl p;

	cr_assert_eq(bfd_ctl_decode(sample_bytes, sizeof(sample_bytes), &p), BFD_OK);
	cr_assert_arr_eq(&p, &sample, sizeof(p));
}

Test(bfd_packet, a_longer_payload_is_read_up_to_the_length_field)
{
	uint8_t buf[BFD_CTL_LEN + 8] = { 0 };
	struct bfd_ctl p;

	memcpy(buf, sample_bytes, BFD_CTL_LEN);
	cr_assert_eq(bfd_ctl_decode(buf, sizeof(buf), &p), BFD_OK);
	cr_assert_eq(p.my_discr, sample.my_discr);
}

Test(bfd_packet, authentication_is_refused_when_the_length_allows_it)
{
	uint8_t buf[BFD_CTL_LEN + 2];
	struct bfd_ctl p;

	memcpy(buf, sample_bytes, BFD_CTL_LEN);
	buf[1] |= BFD_FLAG_AUTH;
	buf[3] = 26;
	cr_assert_eq(bfd_ctl_decode(buf, sizeof(buf), &p), BFD_REJECT_AUTH);
}

Test(bfd_packet, your_discriminator_0_is_fine_while_down_or_admin_down)
{
	static const uint8_t states[] = { BFD_DOWN, BFD_ADMIN_DOWN };
	uint8_t buf[BFD_CTL_LEN];
	struct bfd_ctl p;

	for (size_t i = 0; i < N(states); i++) {
		memcpy(buf, sample_bytes, BFD_CTL_LEN);
		memset(buf + 8, 0, 4);
		buf[1] = (uint8_t)(states[i] << 6);
		cr_expect_eq(bfd_ctl_decode(buf, sizeof(buf), &p), BFD_OK, "%s",
			     bfd_state_name(states[i]));
		cr_expect_eq(p.state, states[i]);
	}
}

/* ---- inside Geneve ------------------------------------------------------- */

static const uint8_t mac[6] = { 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01 };

Test(bfd_frame, builds_geneve_ethernet_ipv4_udp_around_the_packet)
{
	static const uint8_t head[] = {
		/* Geneve: version 0, no options, TEB, VNI 0 */
		0x00, 0x00, 0x65, 0x58, 0, 0, 0, 0,
		/* Ethernet */
		0x00, 0x23, 0x20, 0x00, 0x00, 0x01, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01, 0x08, 0x00,
		/* IPv4: 52 bytes, TTL 255, UDP, 169.254.1.1 -> 169.254.1.0 */
		0x45, 0x00, 0x00, 0x34, 0x00, 0x00, 0x00, 0x00, 0xff, 0x11,
	};
	uint8_t f[BFD_FRAME_LEN];
	const uint8_t *ip = f + 22, *udp = f + 42;

	cr_assert_eq(bfd_frame_build(f, mac, 49999, &sample), BFD_FRAME_LEN);
	cr_assert_arr_eq(f, head, sizeof(head));
	cr_assert_eq(xovn_csum(ip, 20), 0, "IPv4 header checksum");
	cr_assert_arr_eq(ip + 12, ((uint8_t[]){ 169, 254, 1, 1, 169, 254, 1, 0 }), 8);
	cr_assert_eq(xovn_get16(udp), 49999);
	cr_assert_eq(xovn_get16(udp + 2), 3784);
	cr_assert_eq(xovn_get16(udp + 4), 32);
	cr_assert_eq(xovn_csum_pseudo(ip + 12, 8, 17, udp, 32), 0, "UDP checksum");
	cr_assert_arr_eq(f + 50, sample_bytes, BFD_CTL_LEN);
}

Test(bfd_frame, parse_finds_the_packet_also_behind_geneve_options)
{
	uint8_t f[BFD_FRAME_LEN], g[BFD_FRAME_LEN + 8];
	size_t off, len;

	bfd_frame_build(f, mac, 49999, &sample);
	cr_assert_eq(bfd_frame_parse(f, sizeof(f), &off, &len), BFD_FRAME_OK);
	cr_assert_eq(off, 50);
	cr_assert_eq(len, BFD_CTL_LEN);
	/* One 4-byte option (OVN's class, non-critical type) in front. */
	memcpy(g, f, 8);
	g[0] = 2;
	memset(g + 8, 0, 8);
	xovn_put16(g + 8, 0x0102);
	g[11] = 1;
	memcpy(g + 16, f + 8, sizeof(f) - 8);
	cr_assert_eq(bfd_frame_parse(g, sizeof(g), &off, &len), BFD_FRAME_OK);
	cr_assert_eq(off, 58);
}

/*
 * A spoiled input: byte off set to val, or (off -1) only the first val
 * bytes handed over; and the reason the decoder must give.
 */
struct spoiled {
	const char *what;
	int off;
	uint8_t val;
	int want;
};

/* A valid Down packet from discriminator 1, spoiled. */
static const struct spoiled packet_rejects[] = {
	{ "shorter than 24 bytes", -1, 23, BFD_REJECT_SHORT },
	{ "version 0", 0, 0x01, BFD_REJECT_VERSION },
	{ "length field 23", 3, 23, BFD_REJECT_LENGTH },
	{ "length field beyond the payload", 3, 25, BFD_REJECT_LENGTH },
	{ "A bit with a 24-byte length", 1, 0x44, BFD_REJECT_LENGTH },
	{ "detect mult 0", 2, 0, BFD_REJECT_DETECT_MULT },
	{ "multipoint bit", 1, 0x41, BFD_REJECT_MULTIPOINT },
	{ "my discriminator 0", 7, 0, BFD_REJECT_MY_DISCR },
	{ "your discriminator 0 while Up", 1, 0xc0, BFD_REJECT_YOUR_DISCR },
	{ "your discriminator 0 while Init", 1, 0x80, BFD_REJECT_YOUR_DISCR },
};

/* Where each header starts in the frame. */
enum { GNV = 0, ETH = 8, IP = 22, UDP = 42 };

/* A valid frame around sample, spoiled. */
static const struct spoiled frame_rejects[] = {
	{ "shorter than the Geneve header", -1, 7, BFD_FRAME_SHORT },
	{ "Geneve version 1", GNV + 0, 0x40, BFD_FRAME_GENEVE },
	{ "not Ethernet inside", GNV + 2, 0x08, BFD_FRAME_GENEVE },
	{ "options beyond the payload", GNV + 0, 0x3f, BFD_FRAME_GENEVE },
	{ "cut inside the Ethernet header", -1, 20, BFD_FRAME_SHORT },
	{ "another destination MAC", ETH + 5, 0x02, BFD_FRAME_ETH },
	{ "not IPv4", ETH + 13, 0xdd, BFD_FRAME_ETH },
	{ "IPv6 version nibble", IP + 0, 0x65, BFD_FRAME_IPV4 },
	{ "TCP", IP + 9, 6, BFD_FRAME_IPV4 },
	{ "a fragment", IP + 6, 0x20, BFD_FRAME_IPV4 },
	{ "TTL 254", IP + 8, 254, BFD_FRAME_TTL },
	{ "UDP to 3785", UDP + 3, 0xc9, BFD_FRAME_UDP },
	{ "UDP length beyond the payload", UDP + 5, 40, BFD_FRAME_UDP },
	{ "IPv4 length beyond a cut payload", -1, 46, BFD_FRAME_IPV4 },
};

/* The bytes of buf (len of them) that case c hands over. */
static size_t spoil(const struct spoiled *c, uint8_t *buf, size_t len)
{
	if (c->off < 0)
		return c->val;
	buf[c->off] = c->val;
	return len;
}

Test(bfd_decode, every_rule_refuses_its_input)
{
	static const struct bfd_ctl down = { .state = BFD_DOWN, .detect_mult = 3, .my_discr = 1 };
	uint8_t buf[BFD_FRAME_LEN];
	struct bfd_ctl p;
	size_t i, len, off, clen;
	int r;

	for (i = 0; i < N(packet_rejects); i++) {
		bfd_ctl_encode(&down, buf);
		len = spoil(&packet_rejects[i], buf, BFD_CTL_LEN);
		r = bfd_ctl_decode(buf, len, &p);
		cr_expect_eq(r, packet_rejects[i].want, "%s: %s", packet_rejects[i].what,
			     bfd_reject_name(r));
	}
	for (i = 0; i < N(frame_rejects); i++) {
		len = spoil(&frame_rejects[i], buf, bfd_frame_build(buf, mac, 49999, &sample));
		r = bfd_frame_parse(buf, len, &off, &clen);
		cr_expect_eq(r, frame_rejects[i].want, "%s: %s", frame_rejects[i].what,
			     bfd_frame_reject_name(r));
	}
}
