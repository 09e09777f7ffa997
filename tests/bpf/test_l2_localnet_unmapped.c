// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_localnet_unmapped.c - a chassis with no bridge mapping for a
 * switch's localnet network treats the switch as overlay: remote VIFs are
 * reached through Geneve, floods get tunnel copies and no localnet copy.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <linux/pkt_cls.h>
#include <arpa/inet.h>
#include <stdlib.h>

#include "l2_provider_model.h"

#define IF_UNDERLAY 400

/* hv1's interfaces without br0: the "phys" network is not mapped here. */
static const struct xh_iface hv1_no_bridge[] = {
	{ "tap1", IF_TAP1, 1 }, { "tapl", IF_TAPL, 1 }, { "tapt", IF_TAPT, 1 },
	{ "ul0", IF_UNDERLAY, 0 },
};

static struct xh h;

/* The provider model with an underlay on hv1, so tunnels are possible. */
static char *model_with_underlay(void)
{
	json_t *m = json_loads(provider_model, 0, NULL);
	char *text;

	cr_assert_not_null(m);
	json_object_set_new(json_array_get(json_object_get(m, "chassis"), 0), "encap_iface",
			    json_string("ul0"));
	text = json_dumps(m, 0);
	json_decref(m);
	return text;
}

static void setup(void)
{
	char *model = model_with_underlay();

	xh_open(&h);
	xh_load_model(&h, model, "hv1", hv1_no_bridge, N_IFACES(hv1_no_bridge));
	free(model);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_localnet_unmapped, .init = setup, .fini = teardown);

Test(l2_localnet_unmapped, remote_vif_is_reached_by_tunnel_when_the_network_is_not_mapped_here)
{
	uint8_t f[XH_FRAME_MAX], src[6], dst[6];
	struct xovn_trace tr;
	size_t len;

	provider_mac(src, DP_LSN, P_VM1);
	provider_mac(dst, DP_LSN, P_VM3);
	len = xh_ipv4_udp(f, dst, src, "10.5.0.1", "10.5.0.3", 16);
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_TUNNEL, "action %d, drop reason %d", tr.action, tr.drop_reason);
	cr_assert_eq(tr.out_port, P_VM3);
	cr_assert_eq(tr.n_out, 1);
	cr_assert_eq(tr.out[0].kind, XOVN_OUT_TUNNEL);
	cr_assert_eq(tr.out[0].port_key, P_VM3);
	cr_assert_eq(tr.out[0].remote_ip, htonl(0xc0000202), "to hv2's encap IP");
	cr_assert_eq(provider_count_kind(&tr, XOVN_OUT_LOCALNET), 0);
}

Test(l2_localnet_unmapped, broadcast_gets_a_tunnel_copy_and_no_localnet_copy)
{
	uint8_t f[XH_FRAME_MAX], src[6];
	struct xovn_trace tr;
	size_t len;

	provider_mac(src, DP_LSN, P_VM1);
	len = xh_arp_request(f, src, "10.5.0.1", "10.5.0.99");
	tr = xh_trace(&h, XH_VIF_TRACE, IF_TAP1, f, len, NULL);
	cr_assert_eq(tr.action, XOVN_ACT_FLOOD);
	cr_assert_eq(provider_count_kind(&tr, XOVN_OUT_TUNNEL), 1, "one copy for hv2");
	cr_assert_eq(provider_count_kind(&tr, XOVN_OUT_LOCALNET), 0);
}
