/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_gen.h - northbound models of any size for the benchmarks.
 *
 * Every model holds the same two measured switches, so a frame takes the
 * same path whatever the size, plus filler switches of 100 ports each that
 * only make the maps bigger:
 *
 *   bench  (VNI 1): v0..v4 on hv1 (ifaces bv0..bv4), r1 on hv2, r2 on hv3
 *   bench2 (VNI 2): localport lp (iface blp), ps with port_security (iface
 *                   bps), w (iface bw) on hv1, r3 on hv2
 *   bench3 (VNI 3): s0 (iface bs0) on hv1, router port rt3 of brt
 *   bench4 (VNI 4): d0 (iface bd0) on hv1, d1 on hv2, router port rt4 of brt
 *   brt: a distributed router between bench3 (10.3.0.254/24) and bench4
 *        (10.4.0.254/24), for the routed paths
 *   bench6 (VNI 6): n0 (iface bn0), n1 (iface bn1) on hv1, router port of bgw
 *   bench7 (VNI 7): c0 (iface bc0) on hv1, the outside; router port of bgw
 *   bgw: a gateway router pinned to hv1 between bench6 (10.6.0.254/24) and
 *        bench7 (10.7.0.254/24) with snat 10.7.0.254 <- 10.6.0.0/24 and the
 *        floating IP 10.7.0.50 <-> n1 (dnat_and_snat), for the NAT paths
 *   f<j>   (VNI 100+j): ports f<i>; even i on hv1 (iface "f<i>"), odd i on
 *                   one of hv2..hv9; every fourth port has port_security.
 *
 * hv1 is the chassis under test: encap 192.0.2.1 on interface bul.
 */
#ifndef XOVN_BENCH_MODEL_GEN_H
#define XOVN_BENCH_MODEL_GEN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Ports in the measured switches; a model never has fewer. */
#define BM_FIXED_PORTS 21
#define BM_FILLER_PER_SWITCH 100
/* Made-up ifindexes of filler VIFs on hv1: BM_FILLER_IFINDEX_BASE + i. */
#define BM_FILLER_IFINDEX_BASE 1000000u

#define BM_DHCP_UUID "b0b0b0b0-0000-4000-8000-00000000d4c9"
#define BM_HV1_IP "192.0.2.1"
#define BM_HV2_IP "192.0.2.2"
#define BM_HV3_IP "192.0.2.3"

enum { BM_VNI_BENCH = 1, BM_VNI_BENCH2 = 2, BM_VNI_BENCH3 = 3, BM_VNI_BENCH4 = 4,
       BM_VNI_INSIDE = 6, BM_VNI_OUTSIDE = 7 };
/* Port keys in switch bench. */
enum { BM_V0 = 1, BM_V1, BM_V2, BM_V3, BM_V4, BM_R1, BM_R2 };
/* Port keys in switch bench2. */
enum { BM_LP = 1, BM_PS, BM_W, BM_R3 };
/* Port keys in switches bench3 and bench4. */
enum { BM_S0 = 1, BM_RT3 };
enum { BM_D0 = 1, BM_D1, BM_RT4 };
/* Port keys in switches bench6 (inside) and bench7 (outside). */
enum { BM_N0 = 1, BM_N1, BM_GW_IN };
enum { BM_C0 = 1, BM_GW_OUT };
/* The router brt's MAC on bench3 (the routed frames' destination). */
#define BM_RT3_MAC "02:00:00:00:fe:03"
/* brt's datapath key: switches and routers share one key space. */
#define BM_RT_KEY 5
#define BM_GW_KEY 8
/* bgw's MACs on bench6 and bench7, its outside IP (also the SNAT address), the floating IP. */
#define BM_GW_IN_MAC "02:00:00:00:fe:06"
#define BM_GW_OUT_MAC "02:00:00:00:fe:07"
#define BM_SNAT_IP "10.7.0.254"
#define BM_FIP "10.7.0.50"

/* A model with n_ports logical ports in all (at least BM_FIXED_PORTS). NULL on ENOMEM. */
json_t *bm_model(size_t n_ports);

/* Number of logical switches bm_model(n_ports) makes. */
size_t bm_switch_count(size_t n_ports);

/* The MAC and IPv4 (dotted) of port key in switch vni of the measured switches. */
void bm_mac(uint32_t vni, uint16_t key, uint8_t mac[6]);
void bm_ip(uint32_t vni, uint16_t key, char *buf, size_t len);

#endif /* XOVN_BENCH_MODEL_GEN_H */
