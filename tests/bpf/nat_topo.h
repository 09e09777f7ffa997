/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat_topo.h - the NAT packet tests' topology and their frames.
 *
 * A gateway router pinned to hv1 (the chassis under test) between an
 * inside and an outside switch, compiled by the real compiler:
 *
 *   inside (1) 10.0.0.0/24: vm1 .1 (t1), vm2 .2 (t2), vm3 .3 (t4), vm4 .4 (t5),
 *                           vm5 .6 (t6)
 *      | lrp 1 ..:ff:01 10.0.0.254
 *   GW (key 100, options:chassis=hv1)
 *      | lrp 2 ..:ff:02 172.16.0.1
 *   outside (2) 172.16.0.0/24: client .100 (t3)
 *
 * NAT of GW: snat 172.16.0.1 <- 10.0.0.0/24; dnat_and_snat 172.16.0.50 <->
 * 10.0.0.2; dnat 172.16.0.60 -> 10.0.0.1; dnat_and_snat 172.16.0.70 <->
 * 10.0.0.3 with options:stateless=true; snat 172.16.0.80 <- 10.0.0.6/32
 * with external_port_range 2000-2001.
 */
#ifndef XOVN_TEST_NAT_TOPO_H
#define XOVN_TEST_NAT_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"

enum { NT_INSIDE = 1, NT_OUTSIDE = 2, NT_GW = 100 };
enum { NT_IF_VM1 = 401, NT_IF_VM2 = 402, NT_IF_CLIENT = 403, NT_IF_VM3 = 404, NT_IF_VM4 = 405,
       NT_IF_VM5 = 406 };

/* vm1..vm5 have MACs ..:00:01 to ..:00:04 and ..:00:06, the client ..:00:64. */
#define NT_VM_MAC(last) "00:00:00:00:00:" last
#define NT_VM1_MAC    NT_VM_MAC("01")
#define NT_VM2_MAC    NT_VM_MAC("02")
#define NT_VM3_MAC    NT_VM_MAC("03")
#define NT_VM4_MAC    NT_VM_MAC("04")
#define NT_VM5_MAC    NT_VM_MAC("06")
#define NT_CLIENT_MAC NT_VM_MAC("64")
/* The router's ports: inside, outside. */
#define NT_GW_IN      "00:00:00:00:ff:01"
#define NT_GW_OUT     "00:00:00:00:ff:02"

/* Opens the object and loads the topology for hv1. */
void nt_open(struct xh *h);
/* The topology's model (JSON). */
const char *nt_model(void);

/* One packet's IPv4 tuple; ICMP: an echo (icmp_type 8 or 0) with sport as its identifier. */
struct nt_flow {
	uint8_t proto;        /* IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP */
	const char *src, *dst;
	uint16_t sport, dport;
	uint8_t icmp_type;
	uint8_t udp_no_csum;  /* UDP sent with checksum 0 */
	uint8_t tcp_flags;    /* 0: SYN */
};

/* Ethernet eth_src -> eth_dst carrying f (16 bytes of payload), checksums right. */
size_t nt_frame(uint8_t *buf, const char *eth_dst, const char *eth_src, const struct nt_flow *f);

/*
 * An ICMP error (type, code) from src to dst quoting the whole packet of
 * quoted (its IP header, transport header and payload).
 */
size_t nt_icmp_error(uint8_t *buf, const char *eth_dst, const char *eth_src, const char *src,
		     const char *dst, uint8_t type, const struct nt_flow *quoted);

/*
 * Asserts that frame (len bytes) goes from eth_src to eth_dst and carries
 * exactly want, its IPv4, TCP / UDP / ICMP checksums right by recomputation
 * (a UDP checksum of 0 where want has none); what names the case.
 */
void nt_expect(const uint8_t *frame, size_t len, const char *eth_dst, const char *eth_src,
	       const struct nt_flow *want, const char *what);

/* The same for an ICMP error from src to dst quoting want (quote checksums included). */
void nt_expect_error(const uint8_t *frame, size_t len, const char *src, const char *dst,
		     const struct nt_flow *want, const char *what);

/* Runs the live program on frame from ifindex: the verdict, the frame after it in out. */
int nt_run(struct xh *h, uint32_t ifindex, const uint8_t *frame, size_t len, uint8_t *out,
	   size_t *out_len);

/* Entries in xovn_nat_ct. */
size_t nt_conn_count(struct xh *h);

#endif /* XOVN_TEST_NAT_TOPO_H */
