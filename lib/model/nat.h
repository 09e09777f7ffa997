/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat.h - the rules of a NAT row (ovn-nb(5) NAT) that xovnctl's lr-nat-add
 * and the validator share: which types exist, which address each member
 * takes, the spelling a logical_ip is stored in, and external_port_range.
 */
#ifndef XOVN_MODEL_NAT_H
#define XOVN_MODEL_NAT_H

#include "util/prefix.h"

/* "snat", "dnat" or "dnat_and_snat". */
int xovn_nat_type_ok(const char *type);

/* snat: logical_ip is an address or a network; the others: an address. */
int xovn_nat_is_snat(const char *type);

/* external_ip: one IPv4 or IPv6 address.  0 and *ip, or -1. */
int xovn_nat_external_ip(const char *s, struct xovn_ip *ip);

/*
 * logical_ip of a NAT of type, in family (the external_ip's): an address,
 * or for snat also ADDRESS/PLEN.  0 with *ip (host bits cleared) and
 * canon (its canonical spelling, what lr-nat-add stores), or -1.
 */
int xovn_nat_logical_ip(const char *type, int family, const char *s, struct xovn_ip *ip,
			char canon[XOVN_PREFIX_STRLEN]);

/* The schema's spelling of external_port_range: "DIGITS" or "DIGITS-DIGITS", 1 to 9 digits each. */
int xovn_nat_port_range_syntax_ok(const char *s);

/*
 * external_port_range as ovn-nbctl accepts it: "LOW-HIGH" with
 * 1 <= LOW < HIGH <= 65535, or one positive PORT.
 */
int xovn_nat_port_range_ok(const char *s);

#endif /* XOVN_MODEL_NAT_H */
