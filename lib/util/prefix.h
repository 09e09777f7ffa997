/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * prefix.h - IPv4/IPv6 addresses with a prefix length, as logical router
 * ports ("networks") and static routes ("ip_prefix", "nexthop") spell them.
 */
#ifndef XOVN_PREFIX_H
#define XOVN_PREFIX_H

#include <stddef.h>

#include "util/addr.h"

/* Room for the longest IPv6 address, "/128" and the NUL. */
#define XOVN_PREFIX_STRLEN 64

enum xovn_plen_rule {
	XOVN_PLEN_REQUIRED,   /* "IP/PLEN" */
	XOVN_PLEN_OPTIONAL,   /* "IP" (a host: 32 or 128) or "IP/PLEN" */
	XOVN_PLEN_NONE,       /* "IP" only */
};

/*
 * Parses an IPv4 (dotted quad, no leading zeros) or IPv6 address with a
 * decimal prefix length of at most 32 or 128.  Host bits are kept.
 * 0 ok, -1 bad.
 */
int xovn_parse_prefix(const char *s, enum xovn_plen_rule rule, struct xovn_ip *out);

/* ip with its host bits cleared. */
void xovn_prefix_mask(struct xovn_ip *ip);

/*
 * The canonical spelling: "A.B.C.D" or compressed lowercase IPv6, with
 * "/PLEN" unless the prefix is a single host (32 or 128).
 */
void xovn_prefix_str(const struct xovn_ip *ip, char out[XOVN_PREFIX_STRLEN]);

#endif /* XOVN_PREFIX_H */
