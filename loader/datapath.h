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
#include "prog_load.h"

struct xovn;
struct bpf_map;

struct datapath {
	struct xovn *skel;
	struct bpf_map *maps[XOVN_MAP__ALL]; /* the skeleton's, by enum xovn_map_id */
	int map_fds[XOVN_MAP__ALL];          /* their fds, same order */
	int vif_prog_fd;               /* xovn_vif_ingress */
	int underlay_prog_fd;          /* xovn_underlay_ingress */
	int underlay_xdp_prog_fd;      /* xovn_underlay_xdp, the optional guard (-1: not loaded) */
	int reused;                    /* maps were already pinned */
	struct prog_load progs;        /* the programs, each in an object of its own */
	double t_begin, t_wait;        /* when the load began, when its end was awaited (ms), for -v */
};

/*
 * Opens the object and creates or reuses the pinned maps (their fds are
 * valid on return), then starts verifying the programs in the background;
 * xovn_underlay_xdp only when with_xdp.  0 ok, -1 logged (nothing left).
 */
int datapath_load_begin(struct datapath *dp, const char *pin_dir, int with_xdp);
/* Waits for the programs and pins the trace ones.  0 ok, -1 logged (closed). */
int datapath_load_end(struct datapath *dp, const char *pin_dir);
/* Both of the above. */
int datapath_load(struct datapath *dp, const char *pin_dir, int with_xdp);
/* Releases our references; pinned maps and attached programs live on. */
void datapath_close(struct datapath *dp);

#endif /* XOVND_DATAPATH_H */
