/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * neigh.h - keeping the underlay ready for Geneve copies.
 *
 * The datapath sends flood copies and non-IP frames with the outer MACs
 * it finds through bpf_fib_lookup(), which never resolves a neighbour by
 * itself: a copy toward a chassis whose encap IP is not in the neighbour
 * table is lost (counted as XOVN_DROP_NO_REMOTE).  xovnd therefore asks the
 * kernel to keep every remote encap IP resolved, and enables the FIB
 * lookup on the underlay interface.
 */
#ifndef XOVN_LOADER_NEIGH_H
#define XOVN_LOADER_NEIGH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Asks the kernel (rtnetlink) to keep the neighbour entry of ip_be
 * (network order) on ifindex resolved: a "managed" entry (NTF_EXT_MANAGED,
 * kernel >= 5.16) that the kernel refreshes by itself, or, where managed
 * entries are not supported, a one-shot resolution (NTF_USE) that the
 * caller should repeat now and then.  An existing permanent entry is left
 * alone.  0 or a negative errno.
 */
int xovn_neigh_keep_resolved(int ifindex, uint32_t ip_be);

/* Asks for the neighbour entry of ip_be on ifindex: the answer's length in buf, or -errno. */
ssize_t xovn_neigh_get(int ifindex, uint32_t ip_be, void *buf, size_t len);

/* Forgets the managed entry of ip_be on ifindex (a chassis went away). 0 or -errno. */
int xovn_neigh_release(int ifindex, uint32_t ip_be);

/*
 * bpf_fib_lookup() answers BPF_FIB_LKUP_RET_FWD_DISABLED on an interface
 * without IPv4 forwarding, even for output lookups: turns
 * net.ipv4.conf.<ifname>.forwarding on.  0 or a negative errno.
 */
int xovn_neigh_enable_fib_lookup(const char *ifname);

#endif /* XOVN_LOADER_NEIGH_H */
