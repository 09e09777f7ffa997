/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * datapath.h - the loaded BPF object of one chassis: programs and map fds.
 *
 * Maps are pinned by name under the pin dir; loading again with the same
 * pin dir reuses them (contents included), which is what makes a restart
 * of xovnd invisible to traffic.
 */
#ifndef XOVND_DATAPATH_H
#define XOVND_DATAPATH_H

#include "dataplane/mapset.h"

struct xovn;
struct bpf_map;

struct datapath {
	struct xovn *skel;
	struct bpf_map *maps[XOVN_MAP__ALL]; /* the skeleton's, by enum xovn_map_id */
	int map_fds[XOVN_MAP__ALL];          /* their fds, same order */
	int vif_prog_fd;               /* xovn_vif_ingress */
	int underlay_prog_fd;          /* xovn_underlay_ingress */
	int underlay_xdp_prog_fd;      /* xovn_underlay_xdp, the optional guard */
	int reused;                    /* maps were already pinned */
};

/* Opens, verifies and loads the object, reusing pinned maps.  0 ok, -1 logged. */
int datapath_load(struct datapath *dp, const char *pin_dir);
/* Releases our references; pinned maps and attached programs live on. */
void datapath_close(struct datapath *dp);

#endif /* XOVND_DATAPATH_H */
