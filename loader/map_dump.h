/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * map_dump.h - reading the datapath maps back into a mapset.
 *
 * On startup with pinned maps, what the maps hold now is what was applied
 * last; diffing the new compile against it means a restart writes nothing
 * that did not change.
 */
#ifndef XOVND_MAP_DUMP_H
#define XOVND_MAP_DUMP_H

#include "dataplane/mapset.h"

/* Adds every entry of every map (fds by enum xovn_map_id) to out.  0 ok, -1 logged. */
int map_dump_all(const int fds[XOVN_MAP__COUNT], struct xovn_mapset *out);

#endif /* XOVND_MAP_DUMP_H */
