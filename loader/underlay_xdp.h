/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * underlay_xdp.h - the optional XDP guard on the underlay interface
 * (xovn_underlay_xdp, `xovnd --underlay-xdp`).  Only a program of ours is
 * ever replaced or removed: an XDP program someone else attached stays.
 */
#ifndef XOVND_UNDERLAY_XDP_H
#define XOVND_UNDERLAY_XDP_H

#include <stddef.h>

#include "compile/compile.h"

/*
 * Puts the guard prog_fd on the underlay named in want (native mode, else
 * generic), replacing an older guard in place; with prog_fd < 0 removes a
 * guard left by an earlier xovnd.  0 ok or nothing to do, -1 logged.
 */
int underlay_xdp_sync(const struct xovn_attach *want, size_t n, int prog_fd);
/* Removes our guard from ifindex, if it has one.  0 ok, -1 logged. */
int underlay_xdp_detach(int ifindex, const char *ifname);

#endif /* XOVND_UNDERLAY_XDP_H */
