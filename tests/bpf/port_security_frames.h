/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * port_security_frames.h - frames the port-security and responder
 * tests need beyond the harness builders: IPv6, neighbour discovery, MLD,
 * DHCP discover and ARP with chosen fields.
 */
#ifndef XOVN_TEST_PSEC_FRAMES_H
#define XOVN_TEST_PSEC_FRAMES_H

#include <stddef.h>
#include <stdint.h>

/* Ethernet + IPv6 (hop limit 255) + ICMPv6 message msg (checksum filled in). */
size_t pf_icmp6(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		const char *daddr, const uint8_t *msg, size_t msg_len);
/* Ethernet + IPv6 + UDP with 16 bytes of payload. */
size_t pf_ipv6_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		   const char *daddr);
/*
 * NS for target from saddr to target's solicited-node group (33:33:ff:..),
 * with a source link-layer option naming sll unless sll is NULL.
 */
size_t pf_ns(uint8_t *buf, const uint8_t src[6], const char *saddr, const char *target,
	     const uint8_t *sll);
/* Same, but to an explicit IPv6 and Ethernet destination (unicast NS). */
size_t pf_ns_to(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const char *saddr,
		const char *daddr, const char *target, const uint8_t *sll);
/* Unsolicited NA to ff02::1 claiming target, with a TLL option unless tll is NULL. */
size_t pf_na(uint8_t *buf, const uint8_t src[6], const char *saddr, const char *target,
	     const uint8_t *tll);
/* MLDv2 report from saddr to ff02::16 behind a hop-by-hop router-alert header. */
size_t pf_mld2_report(uint8_t *buf, const uint8_t src[6], const char *saddr);
/* DHCP discover: 0.0.0.0:68 -> 255.255.255.255:67, broadcast. */
size_t pf_dhcp_discover(uint8_t *buf, const uint8_t src[6]);
/* ARP request with every field chosen: eth.dst/src, sha, spa, tpa. */
size_t pf_arp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], const uint8_t sha[6],
	      const char *spa, const char *tpa);

/* Address text -> bytes; abort the test on bad syntax. */
void pf_ip6(const char *text, uint8_t out[16]);
void pf_ip4(const char *text, uint8_t out[4]);

#endif /* XOVN_TEST_PSEC_FRAMES_H */
