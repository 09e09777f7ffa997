/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * netns.h - a private network namespace for the per-packet benchmarks.
 *
 * The process moves into a namespace of its own, which disappears with it,
 * so nothing is left behind even on a crash.  Inside: a veth pair per local
 * port of the measured switches (bv0 <-> bv0p ...), the underlay bul
 * (192.0.2.1/24, MTU 1600) <-> bulp with permanent neighbours for hv2 and
 * hv3 (so flood copies find their next hop), and bx0 <-> bx1 as the XDP
 * redirect target.
 */
#ifndef XOVN_BENCH_NETNS_H
#define XOVN_BENCH_NETNS_H

#include <stddef.h>

#include "datapath.h"

#define BN_N_IFACES 14  /* bv0..bv4, blp, bps, bw, bul, bs0, bd0, bn0, bn1, bc0 */

/* Fills ifaces[BN_N_IFACES]; 0 ok, -1 with a message on stderr. */
int bn_setup(struct bd_iface ifaces[BN_N_IFACES]);

/* ifindex of name in the table, 0 if absent. */
unsigned bn_ifindex(const struct bd_iface *ifaces, const char *name);

#endif /* XOVN_BENCH_NETNS_H */
