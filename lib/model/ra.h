/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ra.h - a router port's ipv6_ra_configs (ovn-nb(5) Logical_Router_Port)
 * as typed values, and the router advertisement they make.
 *
 * One parser serves the validator (it reports the parser's error at the
 * key at fault) and the compiler and xovnd (they read the values).  The
 * advertisement is OVN's answer to a router solicitation (ovn-northd's
 * put_nd_ra_opts, pinctrl): hop limit 255, M for dhcpv6_stateful, O for
 * dhcpv6_stateless, the router preference, router lifetime 0xffff,
 * reachable time and retransmit timer 0; then the source link-layer
 * address (the port's MAC), the MTU, RDNSS and DNSSL when set, and one
 * prefix information option per non-link-local IPv6 network of the port
 * (L always, A unless stateful, lifetimes infinite).
 */
#ifndef XOVN_MODEL_RA_H
#define XOVN_MODEL_RA_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "model/types.h"

enum xovn_ra_mode {
	XOVN_RA_NONE = 0,          /* no address_mode: the port sends no RA */
	XOVN_RA_SLAAC,
	XOVN_RA_DHCPV6_STATEFUL,
	XOVN_RA_DHCPV6_STATELESS,
};

#define XOVN_RA_MAX_INTERVAL_DEFAULT 600
#define XOVN_RA_MAX_INTERVAL_MIN     4
#define XOVN_RA_MAX_INTERVAL_MAX     1800
#define XOVN_RA_MIN_INTERVAL_MIN     3
#define XOVN_RA_MTU_MIN              1280   /* RFC 8200: no IPv6 link is smaller */
#define XOVN_RA_MAX_DNSSL            4
#define XOVN_RA_MAX_NAME             128

struct xovn_ra_config {
	enum xovn_ra_mode mode;
	uint32_t mtu;              /* 0: no MTU option */
	int send_periodic;
	uint32_t max_interval;     /* seconds */
	uint32_t min_interval;
	uint8_t prf;               /* the flags byte's preference bits (RFC 4191) */
	int has_rdnss;
	struct in6_addr rdnss;
	int n_dnssl;               /* domain search list (RFC 8106 DNSSL) */
	char dnssl[XOVN_RA_MAX_DNSSL][XOVN_RA_MAX_NAME];
};

/*
 * Parses m into out (defaults for what is absent).  0 ok; -1 with a reason
 * in err and *bad_key the key at fault.  route_info, which OVN has, is
 * accepted and not sent.
 */
int xovn_ra_config_parse(const struct xovn_smap *m, struct xovn_ra_config *out,
			 const char **bad_key, char *err, size_t errlen);

/*
 * The ICMPv6 router advertisement of port lrp (its MAC and networks) under
 * cfg into out[cap], checksum zero: its length, 0 when the port has no
 * prefix to announce (OVN then does not answer), -1 when it does not fit.
 */
int xovn_ra_encode(const struct xovn_ra_config *cfg, const struct xovn_lrp *lrp, uint8_t *out,
		   size_t cap);

#endif /* XOVN_MODEL_RA_H */
