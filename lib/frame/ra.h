/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* ra.h - router advertisement frames (lib/frame/ra.c). */
#ifndef XOVN_FRAME_RA_H
#define XOVN_FRAME_RA_H

#include <stddef.h>
#include <stdint.h>

#include "xovn_maps.h"

/*
 * The advertisement ra to all nodes (33:33:00:00:00:01, ff02::1) from its
 * port's MAC and link-local address, checksummed: the frame's length, 0
 * when it does not fit in cap.
 */
size_t xovn_frame_ra_all_nodes(uint8_t *buf, size_t cap, const struct xovn_ra_val *ra);

#endif /* XOVN_FRAME_RA_H */
