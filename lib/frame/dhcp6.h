/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * dhcp6.h - a DHCPv6 client message (RFC 8415) in a whole frame, as a VM's
 * client sends it: from its MAC and link-local address, port 546 to
 * ff02::1:2 port 547 (All_DHCP_Relay_Agents_and_Servers), UDP checksummed.
 */
#ifndef XOVN_FRAME_DHCP6_H
#define XOVN_FRAME_DHCP6_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

struct xovn_dhcp6_client {
	uint8_t type;                  /* 1 solicit, 3 request, 5 renew, 11 information-request ... */
	uint32_t xid;                  /* 24 bits */
	uint8_t mac[6];                /* eth.src */
	struct in6_addr src;           /* IPv6 source */
	const uint8_t *duid;           /* client identifier (option 1); left out when n_duid is 0 */
	size_t n_duid;
	const uint8_t *server_duid;    /* server identifier (option 2); left out when NULL */
	size_t n_server_duid;
	uint32_t iaid;                 /* IA_NA (option 3) without addresses, when ia_na */
	int ia_na;
};

/* Writes the frame into buf (cap bytes); its length, 0 when it does not fit. */
size_t xovn_frame_dhcp6_client(uint8_t *buf, size_t cap, const struct xovn_dhcp6_client *m);

#endif /* XOVN_FRAME_DHCP6_H */
