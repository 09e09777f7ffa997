// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* l2_provider_model.c - the datapath and frames of the provider-network suites. */
#include <criterion/criterion.h>

#include "l2_provider_model.h"

const char *const provider_model =
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

/* Interfaces of each chassis, as its resolver would find them. */
const struct xh_iface hv1_ifaces[4] = {
	{ "tap1", IF_TAP1, 1 }, { "tapl", IF_TAPL, 1 }, { "tapt", IF_TAPT, 1 },
	{ "br0", IF_BR0, 0 },
};
const struct xh_iface hv2_ifaces[3] = {
	{ "tap3", IF_TAP3, 1 }, { "tapt3", IF_TAPT3, 1 }, { "br0", IF_BR0, 0 },
};
struct xh provider_dp;

void provider_setup(void)
{
	xh_open(&provider_dp);
	xh_load_model(&provider_dp, provider_model, "hv1", hv1_ifaces, N_IFACES(hv1_ifaces));
}

void provider_teardown(void)
{
	xh_close(&provider_dp);
}

size_t provider_udp(uint8_t *f, uint8_t sw, uint8_t from, uint8_t to, const char *saddr,
		    const char *daddr)
{
	uint8_t src[6], dst[6];

	provider_mac(src, sw, from);
	provider_mac(dst, sw, to);
	return xh_ipv4_udp(f, dst, src, saddr, daddr, 16);
}

void provider_expect_flood_to_vm1_only(const struct xovn_trace *tr)
{
	cr_assert_eq(tr->out_port, XOVN_MC_FLOOD);
	cr_assert_eq(tr->n_out, 1, "copies: %u", tr->n_out);
	cr_assert_eq(tr->out[0].port_key, P_VM1);
	cr_assert_eq(tr->out[0].kind, XOVN_OUT_LOCAL);
	cr_assert_eq(provider_count_kind(tr, XOVN_OUT_LOCALNET), 0);
	cr_assert_eq(provider_count_kind(tr, XOVN_OUT_TUNNEL), 0);
}
