/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * frame.h - a BFD control packet inside the Geneve tunnel to another
 * chassis, as Open vSwitch sends it on a tunnel port with BFD enabled:
 *
 *   Geneve (VNI 0, no option, Transparent Ethernet Bridging)
 *     Ethernet dst 00:23:20:00:00:01
 *       IPv4 169.254.1.1 -> 169.254.1.0, TTL 255 (RFC 5881 section 5)
 *         UDP sport 49152-65535 -> 3784
 *           BFD control (24 bytes)
 *
 * The outer IPv4/UDP headers are the kernel's (a UDP socket to the peer's
 * encap IP, port 6081): what is built and parsed here starts at Geneve.
 */
#ifndef XOVN_BFD_FRAME_H
#define XOVN_BFD_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "bfd/packet.h"

#define BFD_GENEVE_HLEN 8
/* Geneve + Ethernet + IPv4 + UDP + BFD. */
#define BFD_FRAME_LEN (BFD_GENEVE_HLEN + 14 + 20 + 8 + BFD_CTL_LEN)

extern const uint8_t bfd_dst_mac[6];

/* Why a Geneve payload is not a BFD control packet for us. */
enum bfd_frame_reject {
	BFD_FRAME_OK = 0,
	BFD_FRAME_SHORT,
	BFD_FRAME_GENEVE,       /* version, protocol or options beyond the payload */
	BFD_FRAME_ETH,          /* not to 00:23:20:00:00:01, or not IPv4 */
	BFD_FRAME_IPV4,         /* malformed header, a fragment, not UDP */
	BFD_FRAME_TTL,          /* not 255: not from a neighbour one hop away */
	BFD_FRAME_UDP,          /* not to port 3784, or a bad length */
	BFD_FRAME__COUNT,
};

/* Writes the frame of ctl into out (BFD_FRAME_LEN bytes); src_mac names this chassis. */
size_t bfd_frame_build(uint8_t out[BFD_FRAME_LEN], const uint8_t src_mac[6], uint16_t sport,
		       const struct bfd_ctl *ctl);
/* Finds the control packet in a Geneve payload: *ctl_off and *ctl_len, or why not. */
enum bfd_frame_reject bfd_frame_parse(const uint8_t *buf, size_t len, size_t *ctl_off,
				      size_t *ctl_len);
const char *bfd_frame_reject_name(enum bfd_frame_reject r);

#endif /* XOVN_BFD_FRAME_H */
