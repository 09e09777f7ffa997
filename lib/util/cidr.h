/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cidr.h - how prefixes relate: host bits, containment, order (parsing and
 * spelling are prefix.h's).
 */
#ifndef XOVN_CIDR_H
#define XOVN_CIDR_H

#include "util/addr.h"

/* The bits of the address beyond the prefix: 0 all zero, 1 all one, -1 mixed. */
int xovn_cidr_host_bits(const struct xovn_ip *p);

/* addr (an address of either family) lies inside the prefix p. */
int xovn_cidr_contains(const struct xovn_ip *p, const struct xovn_ip *addr);

/* Orders prefixes by family, then network address, then length (shorter first). */
int xovn_cidr_cmp(const struct xovn_ip *a, const struct xovn_ip *b);

#endif /* XOVN_CIDR_H */
