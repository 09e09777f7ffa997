/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * router_topo.h - the routed topology of the router packet tests.
 *
 * Switches and routers come from one JSON model, compiled for hv1 by the
 * real compiler and written with xovn_map_apply, as xovnd does.
 *
 *                 ls1 (1) 10.0.1.0/24 fd01::/64: vm1 (1, t1)
 *                    |  rp1 (9) -- R1 lrp 1  ..:ff:01  10.0.1.254 fd01::fe
 *   R1 (key 100)     |
 *      lrp 2 ..:ff:02 10.0.2.254 fd02::fe -- ls2 (2): vm2 (1, t2), vm3 (2, on hv2),
 *                                                 vm6 (4, t8, MAC only: ..:02:77)
 *      lrp 3 ..:ff:03 100.64.0.1 -- join (3) -- ..:ff:04 100.64.0.2 lrp 1 of R2 (200)
 *      lrp 5 ..:ff:06 10.0.5.254 -- ls5 (5): gw1 (1, t6) 10.0.5.1, gw2 (2, t7) 10.0.5.2
 *   R2 lrp 2 ..:ff:05 10.0.4.254 -- ls4 (4): vm5 (1, t5) 10.0.4.1
 *
 * Switch ports of type router have the address "router" (their router
 * port's MAC and networks).
 * Routes of R1: connected, own addresses, 10.0.4.0/24 via 100.64.0.2,
 * 198.51.100.0/24 via 10.0.5.1, 0.0.0.0/0 via ECMP {10.0.5.1, 10.0.5.2},
 * 203.0.113.0/24 via 100.64.0.2, src-ip 10.0.1.128/25 via 10.0.5.2,
 * 192.0.2.128/25 discard.
 * Routes of R2: connected, own addresses, 10.0.0.0/8 via 100.64.0.1,
 * 203.0.113.0/24 via 100.64.0.1 (a loop with R1's).
 * Neighbours (compiled): every port address above except vm6's (learned only).
 */
#ifndef XOVN_TEST_ROUTER_TOPO_H
#define XOVN_TEST_ROUTER_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"

enum { RT_LS1 = 1, RT_LS2 = 2, RT_JOIN = 3, RT_LS4 = 4, RT_LS5 = 5 };
enum { RT_R1 = 100, RT_R2 = 200 };
enum { RT_LSP = 9 };  /* the router LSP's key on ls1, ls2, ls4, ls5 */
enum {
	RT_IF_T1 = 301, RT_IF_T2 = 302, RT_IF_T5 = 305, RT_IF_T6 = 306, RT_IF_T7 = 307,
	RT_IF_T8 = 308, RT_IF_UL0 = 399,
};

#define RT_VM1_MAC  "00:00:00:00:01:01"
#define RT_VM2_MAC  "00:00:00:00:02:01"
#define RT_VM3_MAC  "00:00:00:00:02:02"
#define RT_VM6_MAC  "00:00:00:00:02:77"
#define RT_VM5_MAC  "00:00:00:00:04:01"
#define RT_GW1_MAC  "00:00:00:00:05:01"
#define RT_GW2_MAC  "00:00:00:00:05:02"
#define RT_R1_LS1   "00:00:00:00:ff:01"
#define RT_R1_LS2   "00:00:00:00:ff:02"
#define RT_R1_JOIN  "00:00:00:00:ff:03"
#define RT_R2_JOIN  "00:00:00:00:ff:04"
#define RT_R2_LS4   "00:00:00:00:ff:05"
#define RT_R1_LS5   "00:00:00:00:ff:06"

/* Loads the model (checked valid and wholly active) into h (opened here). */
void rt_open(struct xh *h);

/* The model must be valid and wholly active: the tests rely on every entry. */
void rt_check_model(const char *text);

/* The topology's model (JSON). */
const char *rt_model(void);

/* Builds a frame from ovn-trace-like fields (lib/frame); aborts the test on error. */
size_t rt_frame(uint8_t *buf, const char *fields);

/*
 * Runs the trace program on frame from ifindex: the record, the verdict and
 * the frame as the program left it (out, *out_len).
 */
struct xovn_trace rt_trace(struct xh *h, uint32_t ifindex, const uint8_t *frame, size_t len,
			   uint8_t *out, size_t *out_len, int *verdict);

/* The learned neighbour of router rtr_key for an address (IPv4 or IPv6), 0 ok / -1 none. */
int rt_learned(struct xh *h, uint32_t rtr_key, const char *ip, uint8_t mac[6]);

#endif /* XOVN_TEST_ROUTER_TOPO_H */
