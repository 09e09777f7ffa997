/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * frames.h - the frames the per-packet benchmarks send: minimum-size
 * (60 bytes before FCS) IPv4/UDP, a broadcast ARP request, and a Geneve
 * packet with OVN's option around an inner frame.
 */
#ifndef XOVN_BENCH_FRAMES_H
#define XOVN_BENCH_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#define BF_MAX 512
/* UDP payload that makes a 60-byte frame: 64 bytes on the wire with FCS. */
#define BF_MIN_PAYLOAD 18
/* The UDP ports of bf_ipv4_udp's frames. */
#define BF_SPORT 40000
#define BF_DPORT 9

size_t bf_ipv4_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		   const char *saddr, const char *daddr, size_t payload);
/* The same with the UDP ports given (host order). */
size_t bf_ipv4_udp_ports(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
			 const char *saddr, const char *daddr, uint16_t sport, uint16_t dport);
size_t bf_broadcast_udp(uint8_t *buf, const uint8_t src[6], const char *saddr);
size_t bf_arp_request(uint8_t *buf, const uint8_t sha[6], const char *spa, const char *tpa);
/* A DHCPDISCOVER from mac (0.0.0.0:68 -> 255.255.255.255:67, 300 bytes of BOOTP). */
size_t bf_dhcp_discover(uint8_t *buf, const uint8_t mac[6]);
/* Outer Ethernet/IPv4/UDP 6081/Geneve (VNI, OVN option in_key/out_key) + inner. */
size_t bf_geneve(uint8_t *buf, const char *saddr, const char *daddr, uint32_t vni,
		 uint16_t in_key, uint16_t out_key, const uint8_t *inner, size_t inner_len);

#endif /* XOVN_BENCH_FRAMES_H */
