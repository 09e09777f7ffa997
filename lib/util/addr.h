/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * addr.h - parsing of the address strings of the model.
 *
 * "addresses" entries: "MAC [IPv4|IPv6]...", "unknown", "router".
 * "port_security" entries: "MAC [IPv4[/MASK]|IPv6[/PLEN]]...".
 */
#ifndef XOVN_ADDR_H
#define XOVN_ADDR_H

#include <stdint.h>
#include <stddef.h>
#include <netinet/in.h>

#define XOVN_ADDR_MAX_IPS 16

struct xovn_ip {
	int family;              /* AF_INET or AF_INET6 */
	int plen;                /* prefix length: 32/128 when no mask given */
	struct in_addr v4;       /* network order */
	struct in6_addr v6;
};

struct xovn_lport_addr {
	uint8_t mac[6];
	int n_ips;
	struct xovn_ip ips[XOVN_ADDR_MAX_IPS];
};

/* "aa:bb:cc:dd:ee:ff" (case-insensitive, exactly 6 colon-separated octets). 0 ok, -1 bad. */
int xovn_parse_mac(const char *s, uint8_t mac[6]);
/* Dotted quad only, no shorthand.  0 ok, -1 bad. */
int xovn_parse_ipv4(const char *s, struct in_addr *out);
int xovn_parse_ipv6(const char *s, struct in6_addr *out);

/*
 * Parses one addresses/port_security entry of the form "MAC IP...".
 * allow_mask: accept IP/MASK (port_security).  On error returns -1 and
 * writes a reason into err (errlen bytes).
 */
int xovn_parse_lport_addr(const char *s, int allow_mask,
			  struct xovn_lport_addr *out, char *err, size_t errlen);

#endif /* XOVN_ADDR_H */
