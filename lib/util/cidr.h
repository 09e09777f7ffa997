/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cidr.h - IPv4/IPv6 prefixes of the model's routers: a port's networks
 * ("10.0.0.1/24": the port's address and its subnet) and a static route's
 * ip_prefix ("10.1.0.0/16", or an address alone for one host).
 */
#ifndef XOVN_CIDR_H
#define XOVN_CIDR_H

#include "util/addr.h"

/*
 * "ADDRESS/PLEN" into out (family, address as written, plen); with
 * allow_bare also "ADDRESS" alone, as a host prefix (/32, /128).
 * 0 ok, -1 bad.
 */
int xovn_parse_cidr(const char *s, int allow_bare, struct xovn_ip *out);

/* An IPv4 or IPv6 address alone.  0 ok, -1 bad. */
int xovn_parse_ip(const char *s, struct xovn_ip *out);

/* The bits of the address beyond the prefix: 0 all zero, 1 all one, -1 mixed. */
int xovn_cidr_host_bits(const struct xovn_ip *p);

/* addr (an address, same family or not) lies inside the prefix p. */
int xovn_cidr_contains(const struct xovn_ip *p, const struct xovn_ip *addr);

/* Orders prefixes by family, then network address, then length (shorter first). */
int xovn_cidr_cmp(const struct xovn_ip *a, const struct xovn_ip *b);

#endif /* XOVN_CIDR_H */
