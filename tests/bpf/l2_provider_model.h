/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * l2_provider_model.h - the provider-network model shared by the
 * localnet and localport packet tests.
 *
 * lsn (key 5): vm1 on hv1, vm3 on hv2, untagged localnet ln (network phys),
 *   localport lp (an instance on hv1 only), externals ext1 (held by hv1)
 *   and ext2 (held by hv2).
 * lst (key 6): vmt on hv1, vmt3 on hv2, localnet lnt on phys with VLAN 42.
 * Both chassis map phys to br0, so one bridge carries both networks.
 */
#ifndef XOVN_TEST_L2_PROVIDER_MODEL_H
#define XOVN_TEST_L2_PROVIDER_MODEL_H

#include "harness.h"

extern const char *const provider_model;

enum { IF_TAP1 = 101, IF_TAP3 = 103, IF_TAPL = 106, IF_TAPT = 121, IF_TAPT3 = 123,
       IF_BR0 = 300 };
enum { DP_LSN = 5, DP_LST = 6 };
enum { P_VM1 = 1, P_VM3 = 3, P_LP = 6, P_LN = 10, P_EXT1 = 20, P_EXT2 = 21 };
enum { P_VMT = 1, P_VMT3 = 3, P_LNT = 10 };
#define LNT_VLAN 42

/* Interfaces of each chassis, as its resolver would find them. */
extern const struct xh_iface hv1_ifaces[4];
extern const struct xh_iface hv2_ifaces[3];
#define N_IFACES(a) (sizeof(a) / sizeof((a)[0]))

/* 00:00:00:00:SW:HOST, the MACs above (HOST is the port key for the ports listed). */
static inline void provider_mac(uint8_t mac[6], uint8_t sw, uint8_t host)
{
	const uint8_t m[6] = { 0, 0, 0, 0, sw, host };
	int i;

	for (i = 0; i < 6; i++)
		mac[i] = m[i];
}

/* The datapath of the running test: hv1 with the model, opened by provider_setup. */
extern struct xh provider_dp;
/* .init and .fini of the provider suites. */
void provider_setup(void);
void provider_teardown(void);

/* IPv4/UDP (16 bytes of payload) between two hosts of switch sw, by their MACs above. */
size_t provider_udp(uint8_t *f, uint8_t sw, uint8_t from, uint8_t to, const char *saddr,
		    const char *daddr);

/* A flood of lsn that reaches vm1 alone: no localnet copy, no tunnel copy. */
void provider_expect_flood_to_vm1_only(const struct xovn_trace *tr);

static inline unsigned int provider_count_kind(const struct xovn_trace *tr, uint8_t kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < tr->n_out; i++)
		n += tr->out[i].kind == kind;
	return n;
}

#endif /* XOVN_TEST_L2_PROVIDER_MODEL_H */
