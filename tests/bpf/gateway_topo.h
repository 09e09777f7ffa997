/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gateway_topo.h - the topology of the gateway packet tests (chassis hv1
 * under test, encap 192.0.2.1; hv2 192.0.2.2; hv3 192.0.2.3), compiled by
 * the real compiler like router_topo.h's:
 *
 *   ls1 (1): vm1 (1, hv1, t1) 10.0.1.1, vm2 (2, hv2) 10.0.1.2
 *     | rp1 (9) -- R1 (100, distributed) lrp 1 ..:ff:01 10.0.1.254/24
 *   R1 lrp 2 ..:ff:02 100.64.0.1/24 -- join (3): j1 (1), j2 (2) -- GW lrp 1
 *   R1 lrp 3 ..:ff:03 172.16.0.1/24, distributed gateway port --
 *        ext (5): ln-ext (1, localnet "ext" -> br-ext), re (9)
 *   GW (200, gateway router, options:chassis) lrp 1 ..:ff:04 100.64.0.2/24,
 *        lrp 2 ..:ff:05 10.9.0.1/16 -- outside (4): ln-out (1, localnet
 *        "phys" -> br-phys), go (9)
 *
 * Routes: R1 0.0.0.0/0 via 172.16.0.254 (out the gateway port), 10.9.0.0/16
 * via 100.64.0.2 (the gateway router); GW 10.0.0.0/8 via 100.64.0.1.
 */
#ifndef XOVN_TEST_GATEWAY_TOPO_H
#define XOVN_TEST_GATEWAY_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"

enum { GT_LS1 = 1, GT_JOIN = 3, GT_OUTSIDE = 4, GT_EXT = 5 };
enum { GT_R1 = 100, GT_GW = 200 };
enum { GT_R1_EXT_LRP = 3, GT_LSP = 9 };
enum { GT_IF_T1 = 401, GT_IF_PHYS = 402, GT_IF_EXT = 403, GT_IF_UL0 = 499 };

#define GT_HV1_IP   "192.0.2.1"
#define GT_HV2_IP   "192.0.2.2"
#define GT_VM1_MAC  "00:00:00:00:01:01"
#define GT_R1_LS1   "00:00:00:00:ff:01"
#define GT_R1_JOIN  "00:00:00:00:ff:02"
#define GT_R1_EXT   "00:00:00:00:ff:03"
#define GT_GW_JOIN  "00:00:00:00:ff:04"
#define GT_GW_OUT   "00:00:00:00:ff:05"
#define GT_CLIENT   "00:00:00:00:aa:01"  /* a host on the physical networks */
#define GT_UPSTREAM "00:00:00:00:aa:fe"  /* 172.16.0.254 on the external network */

/* Where things are: a variant of the topology. */
struct gt_variant {
	const char *gw_chassis;     /* GW's options:chassis */
	int dgp_prio_hv1;           /* r1-ext's gateway chassis priorities (0 = not one) */
	int dgp_prio_hv2;
	const char *hv2_state;      /* "up", "down" or NULL */
};

/* The model of variant v (static buffer). */
const char *gt_model(const struct gt_variant *v);
/* Opens h with variant v compiled for hv1; the model must be valid and wholly active. */
void gt_open(struct xh *h, const struct gt_variant *v);
/* Makes router rtr_key know IPv4 ip at mac (learned on port lrp_key). */
void gt_learn(struct xh *h, uint32_t rtr_key, uint16_t lrp_key, const char *ip, const char *mac);

#endif /* XOVN_TEST_GATEWAY_TOPO_H */
