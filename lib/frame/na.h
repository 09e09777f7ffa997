/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* na.h - unsolicited neighbour advertisement frames (lib/frame/na.c). */
#ifndef XOVN_FRAME_NA_H
#define XOVN_FRAME_NA_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

/*
 * An unsolicited neighbour advertisement (RFC 4861 7.2.6) of target from
 * mac, to all nodes (33:33:00:00:00:01, ff02::1) with the override flag
 * and the target link-layer address option, from target itself, hop limit
 * 255, checksummed; 802.1Q-tagged when vid is not 0.  The frame's length,
 * 0 when it does not fit in cap.
 */
size_t xovn_frame_unsolicited_na(uint8_t *buf, size_t cap, const uint8_t mac[6], uint16_t vid,
				 const struct in6_addr *target);

#endif /* XOVN_FRAME_NA_H */
