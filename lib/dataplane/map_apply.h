/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * map_apply.h - writing a mapset difference into the BPF maps.
 *
 * Used by xovnd after every recompile and by the packet tests.  Upserts go
 * front to back and deletes back to front (enum xovn_map_id order), so a
 * frame never meets an ingress or fdb entry whose target is missing.
 */
#ifndef XOVN_MAP_APPLY_H
#define XOVN_MAP_APPLY_H

#include <stddef.h>

#include "dataplane/mapset.h"

/*
 * Writes upserts (created or replaced), then removes deletes (a key already
 * gone is fine).  fds[] holds one map fd per enum xovn_map_id.  Every entry
 * is checked against its map's key and value sizes before anything is
 * written, so a malformed set changes nothing.  0 ok; -1 with the map, the
 * entry index and the reason in err.
 */
int xovn_map_apply(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *upserts,
		   const struct xovn_mapset *deletes, char *err, size_t errlen);

#endif /* XOVN_MAP_APPLY_H */
