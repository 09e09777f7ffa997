/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * iface.h - the compiler's interface resolver for this network namespace.
 */
#ifndef XOVND_IFACE_H
#define XOVND_IFACE_H

#include "compile.h"

/* xovn_iface_resolver: ifindex, MTU and veth-ness of ifname; -1 if absent. */
int iface_resolve(const char *ifname, struct xovn_iface_info *info, void *arg);

#endif /* XOVND_IFACE_H */
