/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * dhcp.h - a DHCPv4 client message (RFC 2131) in a whole frame, as a VM's
 * client sends it: broadcast from its MAC, ciaddr (or 0.0.0.0):68 to
 * 255.255.255.255:67, a 300-byte BOOTP message, UDP checksum 0.
 */
#ifndef XOVN_FRAME_DHCP_H
#define XOVN_FRAME_DHCP_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define XOVN_DHCP_BOOTP_LEN 300
/* Ethernet + IPv4 + UDP + BOOTP */
#define XOVN_DHCP_FRAME_LEN (14 + 20 + 8 + XOVN_DHCP_BOOTP_LEN)

struct xovn_dhcp_client {
	uint8_t type;                  /* option 53: 1 discover, 3 request, 7 release ... */
	uint32_t xid;
	uint16_t secs;
	int broadcast;                 /* the BOOTP broadcast flag */
	uint8_t chaddr[6];
	struct in_addr ciaddr;         /* also the IPv4 source; 0 when the client has none */
	struct in_addr requested;      /* option 50, left out when 0 */
	struct in_addr server_id;      /* option 54, left out when 0 */
	const uint8_t *params;         /* option 55, left out when n_params is 0 */
	size_t n_params;
	const char *hostname;          /* option 12, left out when NULL */
};

/* Writes the frame (XOVN_DHCP_FRAME_LEN bytes) into buf; its length. */
size_t xovn_frame_dhcp_client(uint8_t *buf, const struct xovn_dhcp_client *m);

#endif /* XOVN_FRAME_DHCP_H */
