/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * skel_maps.h - the skeleton's maps (build/xovn.skel.h) in enum xovn_map_id
 * order, for whoever loads the object (xovnd, the packet tests).
 *
 * Header only, because it includes the skeleton and with it the whole
 * object: a program embeds it once, in the file that loads it.  A row of
 * include/xovn_map_table.h without its BTF definition does not compile.
 */
#ifndef XOVN_SKEL_MAPS_H
#define XOVN_SKEL_MAPS_H

#include "dataplane/map_desc.h"
#include "xovn.skel.h"

static inline void xovn_skel_maps(const struct xovn *skel, struct bpf_map *maps[XOVN_MAP__ALL])
{
#define XOVN_SKEL_MAP_(ID, NAME, ...) maps[XOVN_MAP_##ID] = skel->maps.NAME;
	XOVN_MAPS(XOVN_SKEL_MAP_)
#undef XOVN_SKEL_MAP_
}

#endif /* XOVN_SKEL_MAPS_H */
