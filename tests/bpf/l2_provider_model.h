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

static const char *provider_model =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"lsn\",\"tunnel_key\":5,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:05:01 10.5.0.1\"]},"
	"  {\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:05:03 10.5.0.3\"]},"
	"  {\"name\":\"lp\",\"tunnel_key\":6,\"type\":\"localport\","
	"   \"addresses\":[\"00:00:00:00:05:06 10.5.0.6\"]},"
	"  {\"name\":\"ln\",\"tunnel_key\":10,\"type\":\"localnet\",\"addresses\":[\"unknown\"],"
	"   \"options\":{\"network_name\":\"phys\"}},"
	"  {\"name\":\"ext1\",\"tunnel_key\":20,\"type\":\"external\",\"ha_chassis_group\":\"hg1\","
	"   \"addresses\":[\"00:00:00:00:05:14 10.5.0.20\"]},"
	"  {\"name\":\"ext2\",\"tunnel_key\":21,\"type\":\"external\",\"ha_chassis_group\":\"hg2\","
	"   \"addresses\":[\"00:00:00:00:05:15 10.5.0.21\"]}]},"
	" {\"name\":\"lst\",\"tunnel_key\":6,\"ports\":["
	"  {\"name\":\"vmt\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:06:01 10.6.0.1\"]},"
	"  {\"name\":\"vmt3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:06:03 10.6.0.3\"]},"
	"  {\"name\":\"lnt\",\"tunnel_key\":10,\"type\":\"localnet\",\"tag\":42,"
	"   \"addresses\":[\"unknown\"],\"options\":{\"network_name\":\"phys\"}}]}],"
	"\"ha_chassis_groups\":["
	" {\"name\":\"hg1\",\"members\":[{\"chassis\":\"hv1\",\"priority\":10}]},"
	" {\"name\":\"hg2\",\"members\":[{\"chassis\":\"hv2\",\"priority\":10}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"bridge_mappings\":{\"phys\":\"br0\"},\"vifs\":["
	"  {\"iface\":\"tap1\",\"port\":\"vm1\"},{\"iface\":\"tapl\",\"port\":\"lp\"},"
	"  {\"iface\":\"tapt\",\"port\":\"vmt\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},"
	"  \"bridge_mappings\":{\"phys\":\"br0\"},\"vifs\":["
	"  {\"iface\":\"tap3\",\"port\":\"vm3\"},{\"iface\":\"tapt3\",\"port\":\"vmt3\"}]}]}";

enum { IF_TAP1 = 101, IF_TAP3 = 103, IF_TAPL = 106, IF_TAPT = 121, IF_TAPT3 = 123,
       IF_BR0 = 300 };
enum { DP_LSN = 5, DP_LST = 6 };
enum { P_VM1 = 1, P_VM3 = 3, P_LP = 6, P_LN = 10, P_EXT1 = 20, P_EXT2 = 21 };
enum { P_VMT = 1, P_VMT3 = 3, P_LNT = 10 };
#define LNT_VLAN 42

/* Interfaces of each chassis, as its resolver would find them. */
static const struct xh_iface hv1_ifaces[] = {
	{ "tap1", IF_TAP1, 1 }, { "tapl", IF_TAPL, 1 }, { "tapt", IF_TAPT, 1 },
	{ "br0", IF_BR0, 0 },
};
static const struct xh_iface hv2_ifaces[] = {
	{ "tap3", IF_TAP3, 1 }, { "tapt3", IF_TAPT3, 1 }, { "br0", IF_BR0, 0 },
};
#define N_IFACES(a) (sizeof(a) / sizeof((a)[0]))

/* 00:00:00:00:SW:HOST, the MACs above (HOST is the port key for the ports listed). */
static inline void provider_mac(uint8_t mac[6], uint8_t sw, uint8_t host)
{
	const uint8_t m[6] = { 0, 0, 0, 0, sw, host };
	int i;

	for (i = 0; i < 6; i++)
		mac[i] = m[i];
}

static inline unsigned int provider_count_kind(const struct xovn_trace *tr, uint8_t kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < tr->n_out; i++)
		n += tr->out[i].kind == kind;
	return n;
}

#endif /* XOVN_TEST_L2_PROVIDER_MODEL_H */
