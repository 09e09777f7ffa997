/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * iface.h - the compiler's interface resolver for this network namespace.
 */
#ifndef XOVND_IFACE_H
#define XOVND_IFACE_H

#include <net/if.h>

#include "compile/compile.h"

/*
 * The interfaces of this namespace at one moment: one netlink dump instead
 * of a lookup (a socket, an ioctl) per interface the model names, most of
 * which may not be here yet.  Sorted by name.
 */
struct iface_table {
	struct if_nameindex *links;
	size_t n;
	int sock;               /* for the MTU and driver ioctls */
};

/* 0 ok; -1 (errno set) when the namespace cannot be listed. */
int iface_table_load(struct iface_table *t);
void iface_table_free(struct iface_table *t);
/* ifindex of ifname, 0 when it is not here; a NULL t asks the kernel. */
unsigned int iface_table_index(const struct iface_table *t, const char *ifname);

/*
 * xovn_iface_resolver: ifindex, MTU and veth-ness of ifname; -1 if absent.
 * arg is a loaded struct iface_table, or NULL to ask the kernel directly.
 */
int iface_resolve(const char *ifname, struct xovn_iface_info *info, void *arg);

#endif /* XOVND_IFACE_H */
