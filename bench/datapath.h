/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * datapath.h - the real xovn datapath with private maps, for benchmarks.
 *
 * Loads build/xovn.bpf.o through its skeleton with unpinned maps (a
 * benchmark never touches a running chassis), compiles models for hv1
 * against an interface table and applies only the difference to what the
 * maps hold, as xovnd does.
 */
#ifndef XOVN_BENCH_DATAPATH_H
#define XOVN_BENCH_DATAPATH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "xovn_maps.h"

struct xovn;

struct bd_iface {
	const char *name;
	uint32_t ifindex;
	uint32_t mtu;
	int is_veth;
};

struct bd {
	struct xovn *skel;
	int map_fds[XOVN_MAP__COUNT];
	int drops_fd;
	int trace_fd;
	int ncpus;
	struct xovn_mapset applied;     /* what the maps hold now */
	const struct bd_iface *ifaces;  /* real interfaces of hv1 */
	size_t n_ifaces;
};

/* Opens and loads the datapath; -1 with a message on stderr. */
int bd_open(struct bd *d, const struct bd_iface *ifaces, size_t n_ifaces);
void bd_close(struct bd *d);

/*
 * Compiles model for hv1 (names in the interface table are real, filler
 * names "f<i>" get made-up ifindexes) and applies the difference from the
 * last applied set.  0 ok, -1 with a message on stderr.
 */
int bd_apply_model(struct bd *d, const json_t *model);

/* Resolver handed to xovn_compile: the table first, then filler names. */
int bd_resolve(const char *ifname, struct xovn_iface_info *info, void *arg);

/* Packets counted for reason over all CPUs. */
uint64_t bd_drops(struct bd *d, enum xovn_drop_reason reason);

/* Runs the trace twin of a live program (vif or underlay) once: its record. */
int bd_trace(struct bd *d, int underlay, uint32_t ifindex, const void *frame, size_t len,
	     struct xovn_trace *out);

/* Runs the live program (vif or underlay) once on frame: its TC verdict, -1 on error. */
int bd_run_live(struct bd *d, int underlay, uint32_t ifindex, const void *frame, size_t len);

/* NAT connections (xovn_nat_ct): entries held; removing them all (0 ok). */
size_t bd_nat_entries(struct bd *d);
int bd_nat_clear(struct bd *d);

/* Program fds of the live entry points. */
int bd_vif_fd(struct bd *d);
int bd_underlay_fd(struct bd *d);

#endif /* XOVN_BENCH_DATAPATH_H */
