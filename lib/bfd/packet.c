// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * packet.c - BFD control packet codec (RFC 5880 sections 4.1 and 6.8.6).
 */
#include <arpa/inet.h>
#include <string.h>

#include "bfd/packet.h"

static void put32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

void bfd_ctl_encode(const struct bfd_ctl *p, uint8_t out[BFD_CTL_LEN])
{
	out[0] = (uint8_t)(BFD_VERSION << 5 | (p->diag & 0x1f));
	out[1] = (uint8_t)((p->state & 3) << 6 | (p->flags & 0x3f));
	out[2] = p->detect_mult;
	out[3] = BFD_CTL_LEN;
	put32(out + 4, p->my_discr);
	put32(out + 8, p->your_discr);
	put32(out + 12, p->desired_min_tx_us);
	put32(out + 16, p->required_min_rx_us);
	put32(out + 20, p->required_min_echo_rx_us);
}

/* The checks in the order RFC 5880 section 6.8.6 lists them. */
static enum bfd_reject check_header(const uint8_t *buf, size_t len)
{
	uint8_t flags = buf[1] & 0x3f, length = buf[3];

	if (buf[0] >> 5 != BFD_VERSION)
		return BFD_REJECT_VERSION;
	/* With the A bit the minimum is 26 bytes; such a packet is refused below anyway. */
	if (length < BFD_CTL_LEN + ((flags & BFD_FLAG_AUTH) ? 2 : 0) || length > len)
		return BFD_REJECT_LENGTH;
	if (buf[2] == 0)
		return BFD_REJECT_DETECT_MULT;
	if (flags & BFD_FLAG_MULTI)
		return BFD_REJECT_MULTIPOINT;
	if (get32(buf + 4) == 0)
		return BFD_REJECT_MY_DISCR;
	if (get32(buf + 8) == 0 && buf[1] >> 6 != BFD_DOWN && buf[1] >> 6 != BFD_ADMIN_DOWN)
		return BFD_REJECT_YOUR_DISCR;
	if (flags & BFD_FLAG_AUTH)
		return BFD_REJECT_AUTH;
	return BFD_OK;
}

enum bfd_reject bfd_ctl_decode(const uint8_t *buf, size_t len, struct bfd_ctl *p)
{
	enum bfd_reject r;

	if (len < BFD_CTL_LEN)
		return BFD_REJECT_SHORT;
	r = check_header(buf, len);
	if (r != BFD_OK)
		return r;
	p->diag = buf[0] & 0x1f;
	p->state = buf[1] >> 6;
	p->flags = buf[1] & 0x3f;
	p->detect_mult = buf[2];
	p->my_discr = get32(buf + 4);
	p->your_discr = get32(buf + 8);
	p->desired_min_tx_us = get32(buf + 12);
	p->required_min_rx_us = get32(buf + 16);
	p->required_min_echo_rx_us = get32(buf + 20);
	return BFD_OK;
}

const char *bfd_state_name(unsigned state)
{
	static const char *const names[] = { "admin_down", "down", "init", "up" };

	return state < 4 ? names[state] : "?";
}

const char *bfd_diag_name(unsigned diag)
{
	static const char *const names[] = {
		"none", "control-detection-time-expired", "echo-function-failed",
		"neighbor-signaled-session-down", "forwarding-plane-reset", "path-down",
		"concatenated-path-down", "administratively-down",
		"reverse-concatenated-path-down",
	};

	return diag < sizeof(names) / sizeof(names[0]) ? names[diag] : "?";
}

const char *bfd_reject_name(enum bfd_reject r)
{
	static const char *const names[BFD_REJECT__COUNT] = {
		"ok", "short", "version", "length", "detect-mult", "multipoint", "my-discriminator",
		"your-discriminator", "authentication",
	};

	return (unsigned)r < BFD_REJECT__COUNT ? names[r] : "?";
}
