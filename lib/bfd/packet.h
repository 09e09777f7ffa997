/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * packet.h - the BFD control packet (RFC 5880 section 4.1), mandatory
 * section only: encoding, and decoding with every reception check of
 * section 6.8.6 that needs no session.
 */
#ifndef XOVN_BFD_PACKET_H
#define XOVN_BFD_PACKET_H

#include <stddef.h>
#include <stdint.h>

#define BFD_VERSION 1
#define BFD_CTL_LEN 24          /* the mandatory section */
#define BFD_UDP_PORT 3784       /* RFC 5881: single-hop control packets */

/* In the order of their codes on the wire, from 0. */
enum bfd_state { BFD_ADMIN_DOWN, BFD_DOWN, BFD_INIT, BFD_UP };

/* Diagnostic codes (RFC 5880 section 4.1), in the order of their codes, from 0. */
enum bfd_diag {
	BFD_DIAG_NONE, BFD_DIAG_DETECT_EXPIRED, BFD_DIAG_ECHO_FAILED, BFD_DIAG_NEIGHBOR_DOWN,
	BFD_DIAG_FWD_RESET, BFD_DIAG_PATH_DOWN, BFD_DIAG_CONCAT_DOWN, BFD_DIAG_ADMIN_DOWN,
	BFD_DIAG_REV_CONCAT_DOWN,
};

/* The flag bits of the second byte. */
#define BFD_FLAG_POLL   0x20
#define BFD_FLAG_FINAL  0x10
#define BFD_FLAG_CPI    0x08    /* control plane independent */
#define BFD_FLAG_AUTH   0x04
#define BFD_FLAG_DEMAND 0x02
#define BFD_FLAG_MULTI  0x01    /* multipoint, reserved: must be zero */

struct bfd_ctl {
	uint8_t diag;           /* enum bfd_diag */
	uint8_t state;          /* enum bfd_state */
	uint8_t flags;          /* BFD_FLAG_* */
	uint8_t detect_mult;
	uint32_t my_discr;
	uint32_t your_discr;
	uint32_t desired_min_tx_us;
	uint32_t required_min_rx_us;
	uint32_t required_min_echo_rx_us;
};

/* Why a received packet is discarded (RFC 5880 section 6.8.6). */
enum bfd_reject {
	BFD_OK = 0,
	BFD_REJECT_SHORT,         /* fewer bytes than the mandatory section */
	BFD_REJECT_VERSION,
	BFD_REJECT_LENGTH,        /* length field too small or beyond the payload */
	BFD_REJECT_DETECT_MULT,   /* zero */
	BFD_REJECT_MULTIPOINT,    /* M bit set */
	BFD_REJECT_MY_DISCR,      /* zero */
	BFD_REJECT_YOUR_DISCR,    /* zero while the sender is neither Down nor AdminDown */
	BFD_REJECT_AUTH,          /* authentication asked for: no session uses it */
	BFD_REJECT__COUNT,
};

/* Writes the 24 bytes of p into out. */
void bfd_ctl_encode(const struct bfd_ctl *p, uint8_t out[BFD_CTL_LEN]);
/* Reads len bytes into p: BFD_OK or why the packet must be discarded. */
enum bfd_reject bfd_ctl_decode(const uint8_t *buf, size_t len, struct bfd_ctl *p);

const char *bfd_state_name(unsigned state);
const char *bfd_diag_name(unsigned diag);
const char *bfd_reject_name(enum bfd_reject r);

#endif /* XOVN_BFD_PACKET_H */
