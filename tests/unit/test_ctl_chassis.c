/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_chassis.c - xovnctl chassis, VIF attachment, binding and HA
 * chassis group verbs, and show.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1", "--", "lsp-add", "sw0", "vm2",
	       "--", "chassis-add", "hv1", "geneve", "192.0.2.1",
	       "--", "chassis-add", "hv2", "geneve", "192.0.2.2");
}

TestSuite(ctl_chassis, .init = setup, .fini = ctl_fixture_fini);

static const char *member_str(json_t *arr, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(arr, i), key));
}

Test(ctl_chassis, chassis_add_records_encap)
{
	json_t *m, *encap;

	CTL_OUT("hv1\nhv2\n", "chassis-list");
	m = ctl_load();
	encap = json_object_get(ctl_json_chassis(m, "hv2"), "encap");
	cr_assert_str_eq(json_string_value(json_object_get(encap, "type")), "geneve");
	cr_assert_str_eq(json_string_value(json_object_get(encap, "ip")), "192.0.2.2");
	json_decref(m);
}

Test(ctl_chassis, encap_iface_bridge_mappings_state)
{
	json_t *m, *ch, *maps;

	CTL_OK("chassis-set-encap-iface", "hv1", "eth1",
	       "--", "chassis-set-bridge-mappings", "hv1", "phys:br-phys,ext:eth2",
	       "--", "chassis-set-state", "hv1", "down");
	m = ctl_load();
	ch = ctl_json_chassis(m, "hv1");
	maps = json_object_get(ch, "bridge_mappings");
	cr_assert_str_eq(json_string_value(json_object_get(ch, "encap_iface")), "eth1");
	cr_assert_eq(json_object_size(maps), 2);
	cr_assert_str_eq(json_string_value(json_object_get(maps, "phys")), "br-phys");
	cr_assert_str_eq(json_string_value(json_object_get(maps, "ext")), "eth2");
	cr_assert_str_eq(json_string_value(json_object_get(ch, "state")), "down");
	json_decref(m);
	CTL_OK("chassis-set-bridge-mappings", "hv1", "", "--", "chassis-set-state", "hv1", "up");
	m = ctl_load();
	ch = ctl_json_chassis(m, "hv1");
	cr_assert_null(json_object_get(ch, "bridge_mappings"));
	cr_assert_str_eq(json_string_value(json_object_get(ch, "state")), "up");
	json_decref(m);
	CTL_FAIL("neither up nor down", "chassis-set-state", "hv1", "sideways");
	CTL_FAIL("NETWORK:IFNAME", "chassis-set-bridge-mappings", "hv1", "phys");
}

Test(ctl_chassis, vif_attach_and_detach)
{
	json_t *m, *vifs;

	CTL_OK("vif-attach", "hv1", "tap1", "vm1", "--", "vif-attach", "hv2", "tap2", "vm2");
	m = ctl_load();
	vifs = json_object_get(ctl_json_chassis(m, "hv1"), "vifs");
	cr_assert_eq(json_array_size(vifs), 1);
	cr_assert_str_eq(member_str(vifs, 0, "iface"), "tap1");
	cr_assert_str_eq(member_str(vifs, 0, "port"), "vm1");
	json_decref(m);
	CTL_FAIL("already attached on chassis hv1", "vif-attach", "hv2", "tap9", "vm1");
	CTL_OK("vif-detach", "hv1", "tap1");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(ctl_json_chassis(m, "hv1"), "vifs")), 0);
	json_decref(m);
	CTL_FAIL("no VIF attached", "vif-detach", "hv1", "tap1");
	CTL_OK("vif-attach", "hv2", "tap9", "vm1");
}

Test(ctl_chassis, localport_attached_on_every_chassis)
{
	CTL_OK("lsp-add", "sw0", "meta", "--", "lsp-set-type", "meta", "localport",
	       "--", "vif-attach", "hv1", "meta1", "meta", "--", "vif-attach", "hv2", "meta2", "meta");
	CTL_FAIL("already attached", "vif-attach", "hv1", "meta3", "meta");
	CTL_FAIL("cannot be bound", "lsp-bind", "meta", "hv1");
}

Test(ctl_chassis, container_port_cannot_be_attached)
{
	CTL_OK("lsp-add", "sw0", "c1", "vm1", "5");
	CTL_FAIL("attach vm1 instead", "vif-attach", "hv1", "tapc", "c1");
}

Test(ctl_chassis, bind_and_unbind)
{
	json_t *m, *b;

	CTL_OK("lsp-bind", "vm1", "hv2");
	m = ctl_load();
	b = json_object_get(m, "bindings");
	cr_assert_eq(json_array_size(b), 1);
	cr_assert_str_eq(member_str(b, 0, "port"), "vm1");
	cr_assert_str_eq(member_str(b, 0, "chassis"), "hv2");
	json_decref(m);
	CTL_OK("lsp-bind", "vm1", "hv1");
	m = ctl_load();
	b = json_object_get(m, "bindings");
	cr_assert_eq(json_array_size(b), 1);
	cr_assert_str_eq(member_str(b, 0, "chassis"), "hv1");
	json_decref(m);
	CTL_OK("lsp-unbind", "vm1");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "bindings")), 0);
	json_decref(m);
	CTL_FAIL("no explicit binding", "lsp-unbind", "vm1");
}

Test(ctl_chassis, ha_group_members)
{
	json_t *m, *g;

	CTL_OK("ha-chassis-group-add", "g1",
	       "--", "ha-chassis-group-add-chassis", "g1", "hv1", "30",
	       "--", "ha-chassis-group-add-chassis", "g1", "hv2", "20");
	CTL_OK("ha-chassis-group-add-chassis", "g1", "hv2", "40");
	m = ctl_load();
	g = json_object_get(json_array_get(json_object_get(m, "ha_chassis_groups"), 0), "members");
	cr_assert_eq(json_array_size(g), 2);
	cr_assert_str_eq(member_str(g, 1, "chassis"), "hv2");
	cr_assert_eq(ctl_json_int(json_array_get(g, 1), "priority"), 40);
	json_decref(m);
	CTL_OK("ha-chassis-group-remove-chassis", "g1", "hv1");
	m = ctl_load();
	g = json_object_get(json_array_get(json_object_get(m, "ha_chassis_groups"), 0), "members");
	cr_assert_eq(json_array_size(g), 1);
	cr_assert_str_eq(member_str(g, 0, "chassis"), "hv2");
	json_decref(m);
	CTL_FAIL("not a member", "ha-chassis-group-remove-chassis", "g1", "hv1");
	CTL_FAIL("0..32767", "ha-chassis-group-add-chassis", "g1", "hv1", "99999");
}

Test(ctl_chassis, chassis_del_drops_vifs_bindings_and_memberships)
{
	json_t *m, *g;

	CTL_OK("vif-attach", "hv1", "tap1", "vm1", "--", "lsp-bind", "vm2", "hv1",
	       "--", "ha-chassis-group-add", "g1",
	       "--", "ha-chassis-group-add-chassis", "g1", "hv1", "10",
	       "--", "ha-chassis-group-add-chassis", "g1", "hv2", "5");
	CTL_OK("chassis-del", "hv1");
	CTL_OUT("hv2\n", "chassis-list");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "bindings")), 0);
	g = json_object_get(json_array_get(json_object_get(m, "ha_chassis_groups"), 0), "members");
	cr_assert_eq(json_array_size(g), 1);
	cr_assert_str_eq(member_str(g, 0, "chassis"), "hv2");
	json_decref(m);
}

/* ovn-nbctl show's layout for switches, then ovn-sbctl show's for chassis. */
Test(ctl_chassis, show_in_ovn_layout)
{
	static const char layout[] =
		"switch %s (sw0)\n"
		"    port vm1\n"
		"        addresses: [\"00:00:00:00:00:01 10.0.0.1\", \"00:00:00:00:00:02\"]\n"
		"    port vm2\n"
		"    port c1\n"
		"        parent: vm1\n"
		"        tag: 7\n"
		"    port ln\n"
		"        type: localnet\n"
		"        tag: 100\n"
		"    port gw\n"
		"        type: l2gateway\n"
		"    port rp (inactive: router-port \"lrp0\" is not a logical router port yet)\n"
		"        type: router\n"
		"        router-port: lrp0\n"
		"Chassis hv1\n"
		"    Encap geneve\n"
		"        ip: \"192.0.2.1\"\n"
		"        options: {csum=\"true\"}\n"
		"    Port_Binding vm1\n"
		"Chassis hv2\n"
		"    Encap geneve\n"
		"        ip: \"192.0.2.2\"\n"
		"        options: {csum=\"true\"}\n"
		"    Port_Binding vm2\n"
		"    Port_Binding gw\n";
	struct ctl_result r;
	char want[2048];
	json_t *m;

	CTL_OK("lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0.1", "00:00:00:00:00:02",
	       "--", "lsp-add", "sw0", "c1", "vm1", "7",
	       "--", "lsp-add", "sw0", "ln", "--", "lsp-set-type", "ln", "localnet",
	       "--", "lsp-set-options", "ln", "network_name=phys", "--", "lsp-set-tag", "ln", "100",
	       "--", "lsp-add", "sw0", "gw", "--", "lsp-set-type", "gw", "l2gateway",
	       "--", "lsp-set-options", "gw", "network_name=phys", "l2gateway-chassis=hv2",
	       "--", "lsp-add", "sw0", "rp", "--", "lsp-set-type", "rp", "router",
	       "--", "lsp-set-options", "rp", "router-port=lrp0",
	       "--", "lsp-set-addresses", "rp", "router",
	       "--", "chassis-set-bridge-mappings", "hv1", "phys:br0",
	       "--", "chassis-set-bridge-mappings", "hv2", "phys:br0",
	       "--", "vif-attach", "hv1", "tap1", "vm1",
	       "--", "lsp-bind", "vm2", "hv2");
	m = ctl_load();
	snprintf(want, sizeof(want), layout,
		 json_string_value(json_object_get(ctl_json_switch(m, "sw0"), "_uuid")));
	json_decref(m);
	ctl_runv(&r, ctl_db, CTL_ARGV("show"));
	cr_assert_eq(r.status, 0, "show failed: %s", r.err);
	cr_assert_str_eq(r.out, want);
	ctl_result_free(&r);
}

Test(ctl_chassis, reattaching_an_iface_replaces_its_port)
{
	json_t *m, *vifs;

	CTL_OK("vif-attach", "hv1", "tap1", "vm1");
	CTL_OK("vif-attach", "hv1", "tap1", "vm2");
	m = ctl_load();
	vifs = json_object_get(ctl_json_chassis(m, "hv1"), "vifs");
	cr_assert_eq(json_array_size(vifs), 1);
	cr_assert_str_eq(member_str(vifs, 0, "port"), "vm2");
	json_decref(m);
	CTL_OK("vif-attach", "hv2", "tap5", "vm1");
}

Test(ctl_chassis, encap_iface_cleared_by_empty_name)
{
	CTL_OK("chassis-set-encap-iface", "hv2", "eth0");
	CTL_OK("chassis-set-encap-iface", "hv2", "");
	ctl_expect_absent(ctl_json_chassis, "hv2", "encap_iface");
}

Test(ctl_chassis, lsp_del_drops_its_attachment_and_binding)
{
	json_t *m;

	CTL_OK("vif-attach", "hv1", "tap1", "vm1", "--", "lsp-bind", "vm2", "hv2");
	CTL_OK("lsp-del", "vm1", "--", "lsp-del", "vm2");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(ctl_json_chassis(m, "hv1"), "vifs")), 0);
	cr_assert_eq(json_array_size(json_object_get(m, "bindings")), 0);
	json_decref(m);
}
