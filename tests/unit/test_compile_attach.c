// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_attach.c - the interfaces a chassis attaches programs to.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "compile_fixture.h"

static const char *attach_model =
	"{'version':1,'logical_switches':["
	" {'name':'prov','tunnel_key':10,'ports':["
	"   {'name':'ln','type':'localnet','tunnel_key':1,'options':{'network_name':'phys'}},"
	"   {'name':'gw','type':'l2gateway','tunnel_key':2,"
	"    'options':{'network_name':'seg','l2gateway-chassis':'hv1'}},"
	"   {'name':'gw2','type':'l2gateway','tunnel_key':3,"
	"    'options':{'network_name':'seg2','l2gateway-chassis':'hv2'}},"
	"   {'name':'a','tunnel_key':4}]},"
	" {'name':'prov2','tunnel_key':20,'ports':["
	"   {'name':'ln2','type':'localnet','tunnel_key':1,'tag':5,'options':{'network_name':'phys'}}]}],"
	" 'chassis':["
	"  {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},'encap_iface':'eth-under',"
	"   'bridge_mappings':{'phys':'br-phys','seg':'nic-gw','seg2':'nic-other','unused':'br-x'},"
	"   'vifs':[{'iface':'tap-a','port':'a'}]},"
	"  {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.2'}}]}";

static int find_attach(const struct xovn_attach *v, size_t n, const char *ifname, int role)
{
	int found = 0;

	for (size_t i = 0; i < n; i++)
		found += strcmp(v[i].ifname, ifname) == 0 && v[i].role == role;
	return found;
}

Test(compile_attach, vifs_used_bridges_and_underlay)
{
	json_t *m = model_from(attach_model);
	struct xovn_attach *v;
	size_t n;

	cr_assert_eq(attachments_doc(m, "hv1", &v, &n), 0);
	cr_assert_eq(n, 4, "tap-a, br-phys (once for two switches), nic-gw, eth-under");
	cr_assert_eq(find_attach(v, n, "tap-a", XOVN_ATTACH_VIF), 1);
	cr_assert_eq(find_attach(v, n, "br-phys", XOVN_ATTACH_VIF), 1);
	cr_assert_eq(find_attach(v, n, "nic-gw", XOVN_ATTACH_VIF), 1);
	cr_assert_eq(find_attach(v, n, "eth-under", XOVN_ATTACH_UNDERLAY), 1);
	cr_assert_eq(find_attach(v, n, "nic-other", XOVN_ATTACH_VIF), 0, "gw2 lives on hv2");
	cr_assert_eq(find_attach(v, n, "br-x", XOVN_ATTACH_VIF), 0, "no port uses that network");
	free(v);
	json_decref(m);
}

Test(compile_attach, chassis_with_nothing_and_unknown_chassis)
{
	json_t *m = model_from(attach_model);
	struct xovn_attach *v = (void *)1;
	size_t n = 99;

	cr_assert_eq(attachments_doc(m, "hv2", &v, &n), 0);
	cr_assert_eq(n, 0);
	free(v);
	cr_assert_eq(attachments_doc(m, "hv9", &v, &n), -1);
	cr_assert_null(v);
	cr_assert_eq(n, 0);
	json_decref(m);
}

Test(compile_attach, interface_with_two_roles_is_listed_for_each)
{
	json_t *m = model_from(attach_model);
	json_t *hv1 = json_array_get(json_object_get(m, "chassis"), 0);
	struct xovn_attach *v;
	size_t n;

	/* provider network and tunnels on one NIC */
	json_object_set_new(hv1, "encap_iface", json_string("br-phys"));
	cr_assert_eq(attachments_doc(m, "hv1", &v, &n), 0);
	cr_assert_eq(n, 4);
	cr_assert_eq(find_attach(v, n, "br-phys", XOVN_ATTACH_VIF), 1);
	cr_assert_eq(find_attach(v, n, "br-phys", XOVN_ATTACH_UNDERLAY), 1);
	free(v);
	json_decref(m);
}
