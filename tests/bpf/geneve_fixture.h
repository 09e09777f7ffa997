/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * geneve_fixture.h - what the Geneve packet tests share: a model with
 * switches spanning 1, 2 and 3 remote chassis, an optional private
 * underlay (veth pair in a network namespace of the test's own), a builder
 * for received Geneve frames and a checker for sent ones.
 *
 * Model (chassis hv1 under test, encap 192.0.2.1, underlay ul0):
 *   ls1 (VNI 11): a1 on hv1 | a3 on hv2
 *   ls2 (VNI 12): b1 on hv1 | b3 on hv2, b4 on hv3
 *   ls3 (VNI 13): c1, c2, localport lp3 on hv1 | c3 on hv2, c4 on hv3, c5 on hv4
 *   ls4 (VNI 14): d1, d2, localport lp4, localnet ln4 (phys -> br0) on hv1 | d3 on hv2
 * Port keys: the digit in the name (a1 = 1 ...), localports 6, localnet 10.
 * MACs: 00:00:00:00:<VNI>:<key>.
 */
#ifndef XOVN_TEST_GENEVE_FIXTURE_H
#define XOVN_TEST_GENEVE_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "frame/headers.h"
#include "harness.h"

enum { GN_VNI1 = 11, GN_VNI2 = 12, GN_VNI3 = 13, GN_VNI4 = 14 };
enum { GN_LOCALPORT = 6, GN_LOCALNET = 10 };

/* Made-up interface numbers; with a private underlay use gn_ifindex(). */
enum {
	GN_IF_A1 = 1101, GN_IF_B1 = 1201, GN_IF_C1 = 1301, GN_IF_C2 = 1302, GN_IF_LP3 = 1306,
	GN_IF_D1 = 1401, GN_IF_D2 = 1402, GN_IF_LP4 = 1406, GN_IF_BR0 = 1410,
	GN_IF_UL0_FAKE = 1900,
};

#define GN_LOCAL_IP  "192.0.2.1"
#define GN_HV2_IP    "192.0.2.2"
#define GN_HV3_IP    "192.0.2.3"
#define GN_HV4_IP    "192.0.2.4"
/* Neighbour entries of the private underlay: hv2 and hv3 only, hv4 unresolved. */
#define GN_HV2_MAC   "02:00:00:00:00:02"
#define GN_HV3_MAC   "02:00:00:00:00:03"

/* Offsets in a frame with xovn's encapsulation. */
enum {
	GN_OFF_IP = 14, GN_OFF_UDP = 34, GN_OFF_GNV = 42, GN_OFF_OPT = 50,
	GN_OFF_KEYS = 54, GN_OFF_INNER = 58,
};

struct gn {
	struct xh h;
	uint32_t ul_ifindex;  /* underlay interface in xovn_config */
	uint8_t ul_mac[6];    /* its MAC (private underlay only) */
};

/* Opens the datapath with the model; fake underlay ifindex. */
void gn_open(struct gn *g);
/*
 * Same, after moving this test process into a network namespace of its
 * own with ul0 (192.0.2.1/24) <-> ul1, permanent neighbours for hv2 and
 * hv3, and a veth pair for every local port (tap11 <-> tap11p ...).  The
 * namespace disappears with the process.
 */
void gn_open_private_underlay(struct gn *g);
void gn_close(struct gn *g);

/* The datapath of the running Geneve test, opened by the suite's .init. */
extern struct gn gn_dp;
/* .init and .fini of the Geneve suites: gn_open or gn_open_private_underlay on gn_dp. */
void gn_setup_fake(void);
void gn_setup_private(void);
void gn_teardown(void);

/* The ifindex the model was loaded with for a local interface name. */
uint32_t gn_ifindex(const char *name);

/* A packet socket on interface ifname (every protocol). */
int gn_packet_socket(const char *ifname);
/*
 * Reads frames arriving on fd for up to ~300 ms of silence (at most 32):
 * keeps those that are Geneve (UDP 6081) when geneve is set, or those with
 * source MAC src otherwise.  Copies up to max frames into frames/lens.
 */
int gn_collect(int fd, int geneve, const uint8_t src[6], uint8_t (*frames)[XH_FRAME_MAX + 64],
	       size_t *lens, int max);

/* 00:00:00:00:<vni>:<key> */
void gn_mac(uint8_t mac[6], uint32_t vni, uint16_t key);

/* An inner IPv4/UDP frame between two ports of switch vni. */
size_t gn_inner_udp(uint8_t *buf, uint32_t vni, uint16_t from, uint16_t to, size_t payload);

/* A Geneve frame from hv2 to us for (vni, in_port -> out_key) around a UDP frame c3 -> c1. */
size_t gn_from_hv2(uint8_t *buf, uint32_t vni, uint16_t in_port, uint16_t out_key);

/* Outer Ethernet/IPv4/UDP/Geneve with the OVN option around inner. */
size_t gn_geneve(uint8_t *buf, const char *saddr, const char *daddr, uint32_t vni,
		 uint16_t in_port, uint16_t out_key, const uint8_t *inner, size_t inner_len);

/* Checks every header xovn put around inner in frame (outer MACs excepted). */
void gn_expect_encap(const uint8_t *frame, size_t len, const char *daddr, uint32_t vni,
		     uint16_t in_port, uint16_t out_key, const uint8_t *inner, size_t inner_len);

/* Editing a built Geneve frame: outer lengths and IPv4 checksum after an
 * edit, and an option inserted in front of the OVN one. */
void gn_fix_lengths(uint8_t *f, size_t len);
size_t gn_add_option(uint8_t *f, size_t len, uint16_t cls, uint8_t type, uint8_t words);

#endif /* XOVN_TEST_GENEVE_FIXTURE_H */
