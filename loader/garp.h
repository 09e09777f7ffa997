/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* garp.h - gratuitous ARPs for the gateway ports a map write made active here. */
#ifndef XOVN_LOADER_GARP_H
#define XOVN_LOADER_GARP_H

#include "dataplane/gw_announce.h"

/* up: the upserts just written; applied: the set the maps hold now. */
void garp_after_write(const struct xovn_mapset *up, const struct xovn_mapset *applied);

#endif /* XOVN_LOADER_GARP_H */
