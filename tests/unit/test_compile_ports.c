// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_ports.c - where each port type lives, as seen from each
 * chassis: xovn_ports flags and addresses, xovn_ingress keys, xovn_fdb_v2.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"

#define CHASSIS(name, ip, rest) \
	"{'name':'" name "','encap':{'type':'geneve','ip':'" ip "'}" rest "}"

/* ---- VIFs --------------------------------------------------------------- */

static const char *vifs_model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	"  {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:00:01']},"
	"  {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:00:02']},"
	"  {'name':'c','tunnel_key':3},"
	"  {'name':'d','tunnel_key':4},"
	"  {'name':'e','tunnel_key':5,'addresses':['00:00:00:00:00:05']}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1", ",'vifs':[{'iface':'tap-a','port':'a'}]") ","
	CHASSIS("hv2", "192.168.50.2", ",'vifs':[{'iface':'tap-b','port':'b'}]") ","
	CHASSIS("hv3", "192.168.50.3", ",'vifs':[{'iface':'tap-c','port':'c'}]") "],"
	" 'bindings':[{'port':'d','chassis':'hv3'}]}";

Test(compile_ports, remote_vif_gets_remote_flag_and_its_chassis_ip)
{
	json_t *m = model_from(vifs_model);
	struct xovn_mapset s;
	const struct xovn_port_val *p;

	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 1)->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER);
	p = find_port(&s, 10, 2);
	cr_assert_eq(p->flags, XOVN_PF_REMOTE);
	cr_assert_eq(p->remote_ip, ip4("192.168.50.2"));
	cr_assert_eq(p->ifindex, 0);
	cr_assert_eq(find_port(&s, 10, 3)->remote_ip, ip4("192.168.50.3"));
	/* explicit binding, not attached anywhere */
	p = find_port(&s, 10, 4);
	cr_assert_eq(p->flags, XOVN_PF_REMOTE);
	cr_assert_eq(p->remote_ip, ip4("192.168.50.3"));
	/* unbound: known, but absent */
	p = find_port(&s, 10, 5);
	cr_assert_not_null(p);
	cr_assert_eq(p->flags, 0);
	cr_assert_eq(p->remote_ip, 0);
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:00:05")->port_key, 5);
	/* only a has an interface here */
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 1);
	cr_assert_null(find_ingress(&s, 12, 0), "tap-b of this host is not b's interface");
	xovn_mapset_free(&s);

	compile_ok(m, "hv2", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 1)->flags, XOVN_PF_REMOTE);
	cr_assert_eq(find_port(&s, 10, 1)->remote_ip, ip4("192.168.50.1"));
	cr_assert_eq(find_port(&s, 10, 2)->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER);
	cr_assert_eq(find_port(&s, 10, 2)->ifindex, 12);
	cr_assert_eq(find_ingress(&s, 12, 0)->port_key, 2);
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile_ports, bound_here_but_not_attached_is_absent)
{
	struct xovn_mapset s;

	compile_text_ok(vifs_model, "hv3", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 4)->flags, 0, "d is bound to hv3 but has no interface there");
	cr_assert_eq(find_port(&s, 10, 3)->flags, XOVN_PF_LOCAL, "tap-c is no veth");
	xovn_mapset_free(&s);
}

Test(compile_ports, interface_that_does_not_resolve_leaves_port_absent)
{
	static const struct fake_iface no_tap_a[] = {
		{ "tap-b", 12, 1500, 1 }, { NULL, 0, 0, 0 },
	};
	struct xovn_mapset s;
	const struct xovn_flood_val *f;

	compile_text_ok(vifs_model, "hv1", no_tap_a, &s);
	cr_assert_eq(find_port(&s, 10, 1)->flags, 0);
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 0);
	f = find_flood(&s, 10, XOVN_MC_FLOOD);
	cr_assert_eq(f->n_local, 0, "an absent port is no flood member");
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:00:01")->port_key, 1, "its MAC is still known");
	xovn_mapset_free(&s);
}

/* ---- container ports ---------------------------------------------------- */

static const char *container_model =
	"{'version':1,'logical_switches':["
	" {'name':'ls-vm','tunnel_key':10,'ports':["
	"   {'name':'vm1','tunnel_key':1},{'name':'vm2','tunnel_key':2}]},"
	" {'name':'ls-c','tunnel_key':20,'ports':["
	"   {'name':'c1','tunnel_key':1,'parent_name':'vm1','tag':100},"
	"   {'name':'c2','tunnel_key':2,'parent_name':'vm1','tag':200},"
	"   {'name':'c3','tunnel_key':3,'parent_name':'vm2','tag':100}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1", ",'vifs':[{'iface':'tap-a','port':'vm1'}]") ","
	CHASSIS("hv2", "192.168.50.2", ",'vifs':[{'iface':'tap-b','port':'vm2'}]") "]}";

Test(compile_ports, container_port_lives_on_parent_interface_with_its_tag)
{
	struct xovn_mapset s;
	const struct xovn_port_val *p;
	const struct xovn_ingress_val *in;

	compile_text_ok(container_model, "hv1", fake_host, &s);
	p = find_port(&s, 20, 1);
	cr_assert_eq(p->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER, "like its parent");
	cr_assert_eq(p->ifindex, 11);
	cr_assert_eq(p->vid, 100);
	cr_assert_eq(find_port(&s, 20, 2)->vid, 200);

	in = find_ingress(&s, 11, 100);
	cr_assert_not_null(in);
	cr_assert_eq(in->dp_key, 20);
	cr_assert_eq(in->port_key, 1);
	cr_assert_eq(in->port_type, XOVN_PT_VIF);
	cr_assert_eq(find_ingress(&s, 11, 200)->port_key, 2);
	cr_assert_eq(find_ingress(&s, 11, 0)->dp_key, 10, "the parent keeps VID 0");

	/* c3's parent lives on hv2 */
	p = find_port(&s, 20, 3);
	cr_assert_eq(p->flags, XOVN_PF_REMOTE);
	cr_assert_eq(p->remote_ip, ip4("192.168.50.2"));
	cr_assert_eq(p->vid, 0, "tags are local: none towards a tunnel");
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 3);
	xovn_mapset_free(&s);
}

Test(compile_ports, container_of_absent_parent_is_absent)
{
	static const struct fake_iface nothing[] = { { NULL, 0, 0, 0 } };
	struct xovn_mapset s;

	compile_text_ok(container_model, "hv1", nothing, &s);
	cr_assert_eq(find_port(&s, 20, 1)->flags, 0);
	cr_assert_eq(find_port(&s, 20, 3)->flags, XOVN_PF_REMOTE, "remote parent still remote");
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 0);
	xovn_mapset_free(&s);
}

/* ---- localport ----------------------------------------------------------- */

static const char *localport_model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	"  {'name':'meta','type':'localport','tunnel_key':1,"
	"   'addresses':['00:00:00:00:00:fe 10.0.0.254']},"
	"  {'name':'a','tunnel_key':2},{'name':'b','tunnel_key':3}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1",
		",'vifs':[{'iface':'tap-meta','port':'meta'},{'iface':'tap-a','port':'a'}]") ","
	CHASSIS("hv2", "192.168.50.2",
		",'vifs':[{'iface':'tap-meta','port':'meta'},{'iface':'tap-b','port':'b'}]") ","
	CHASSIS("hv3", "192.168.50.3", "") "]}";

Test(compile_ports, localport_is_local_on_each_chassis_and_never_remote)
{
	json_t *m = model_from(localport_model);
	struct xovn_mapset s;
	const char *attached[] = { "hv1", "hv2" };
	const struct xovn_port_val *p;

	for (int i = 0; i < 2; i++) {
		compile_ok(m, attached[i], fake_host, &s);
		p = find_port(&s, 10, 1);
		cr_assert_eq(p->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER, "on %s", attached[i]);
		cr_assert_eq(p->ifindex, 14);
		cr_assert_eq(p->remote_ip, 0);
		cr_assert_eq(p->port_type, XOVN_PT_LOCALPORT);
		cr_assert_eq(find_ingress(&s, 14, 0)->port_type, XOVN_PT_LOCALPORT);
		cr_assert_eq(find_ingress(&s, 14, 0)->port_key, 1);
		xovn_mapset_free(&s);
	}
	compile_ok(m, "hv3", fake_host, &s);
	p = find_port(&s, 10, 1);
	cr_assert_eq(p->flags, 0, "no instance on hv3, and never reached through a tunnel");
	cr_assert_eq(p->remote_ip, 0);
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:00:fe")->port_key, 1);
	xovn_mapset_free(&s);
	json_decref(m);
}

/* ---- localnet ------------------------------------------------------------ */

static const char *localnet_model =
	"{'version':1,'logical_switches':["
	" {'name':'tagged','tunnel_key':10,'ports':["
	"   {'name':'ln10','type':'localnet','tunnel_key':1,'tag':50,"
	"    'addresses':['unknown'],'options':{'network_name':'phys'}},"
	"   {'name':'a','tunnel_key':2}]},"
	" {'name':'untagged','tunnel_key':20,'ports':["
	"   {'name':'ln20','type':'localnet','tunnel_key':7,"
	"    'addresses':['unknown'],'options':{'network_name':'phys'}}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1",
		",'bridge_mappings':{'phys':'br-phys'},'vifs':[{'iface':'tap-a','port':'a'}]") ","
	CHASSIS("hv2", "192.168.50.2", ",'bridge_mappings':{'other':'br-other'}") "]}";

Test(compile_ports, mapped_localnet_sets_dp_flag_port_and_tagged_ingress)
{
	struct xovn_mapset s;
	const struct xovn_port_val *p;
	const struct xovn_ingress_val *in;

	compile_text_ok(localnet_model, "hv1", fake_host, &s);
	cr_assert_eq(find_dp(&s, 10)->flags, XOVN_DPF_LOCALNET);
	cr_assert_eq(find_dp(&s, 10)->localnet_port, 1);
	cr_assert_eq(find_dp(&s, 20)->localnet_port, 7);

	p = find_port(&s, 10, 1);
	cr_assert_eq(p->flags, XOVN_PF_LOCAL | XOVN_PF_UNKNOWN, "a bridge gets no redirect_peer");
	cr_assert_eq(p->ifindex, 20);
	cr_assert_eq(p->vid, 50);
	cr_assert_eq(p->port_type, XOVN_PT_LOCALNET);

	/* two switches share br-phys, told apart by VLAN */
	in = find_ingress(&s, 20, 50);
	cr_assert_not_null(in);
	cr_assert_eq(in->dp_key, 10);
	cr_assert_eq(in->port_key, 1);
	cr_assert_eq(in->port_type, XOVN_PT_LOCALNET);
	cr_assert_eq(in->flags, 0, "a tagged network does not take priority tags, "
		     "its switch reaches other chassis through it");
	in = find_ingress(&s, 20, 0);
	cr_assert_not_null(in);
	cr_assert_eq(in->dp_key, 20);
	cr_assert_eq(in->port_key, 7);
	cr_assert_eq(in->flags, XOVN_IN_ACCEPT_PRIO_TAG);
	cr_assert_eq(find_port(&s, 20, 7)->vid, 0);
	in = find_ingress(&s, 11, 0);
	cr_assert_not_null(in);
	cr_assert_eq(in->port_key, 2);
	cr_assert_eq(in->flags & XOVN_IN_TUNNEL_ONLY, 0,
		     "a VIF of a switch with a mapped localnet reaches other chassis through it");
	xovn_mapset_free(&s);
}

Test(compile_ports, unmapped_localnet_is_absent)
{
	static const struct fake_iface no_bridge[] = {
		{ "tap-a", 11, 1500, 1 }, { NULL, 0, 0, 0 },
	};
	json_t *m = model_from(localnet_model);
	struct xovn_mapset s;

	compile_ok(m, "hv2", fake_host, &s);
	cr_assert_eq(find_dp(&s, 10)->flags, 0);
	cr_assert_eq(find_dp(&s, 10)->localnet_port, 0);
	cr_assert_eq(find_port(&s, 10, 1)->flags, XOVN_PF_UNKNOWN);
	cr_assert_eq(find_port(&s, 10, 1)->ifindex, 0);
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 0);
	xovn_mapset_free(&s);

	/* mapped, but the bridge does not exist on this host */
	compile_ok(m, "hv1", no_bridge, &s);
	cr_assert_eq(find_dp(&s, 10)->flags, 0);
	cr_assert_eq(find_port(&s, 10, 1)->flags, XOVN_PF_UNKNOWN);
	cr_assert_null(find_ingress(&s, 20, 50));
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile_ports, two_localnets_with_one_vlan_on_one_bridge_collide)
{
	json_t *m = model_from(localnet_model);
	json_t *sw20 = json_array_get(json_object_get(m, "logical_switches"), 1);
	const char *err;

	json_object_set_new(json_array_get(json_object_get(sw20, "ports"), 0), "tag",
			    json_integer(50));
	err = compile_err(m, "hv1", fake_host);
	cr_assert_not_null(strstr(err, "ln10"), "%s", err);
	cr_assert_not_null(strstr(err, "ln20"), "%s", err);
	json_decref(m);
}

/* ---- external ------------------------------------------------------------ */

static const char *external_model =
	"{'version':1,'logical_switches':["
	" {'name':'prov','tunnel_key':10,'ports':["
	"   {'name':'ln','type':'localnet','tunnel_key':1,'options':{'network_name':'phys'}},"
	"   {'name':'x1','type':'external','tunnel_key':2,'ha_chassis_group':'g1',"
	"    'addresses':['00:00:00:00:0e:01 10.0.0.201']},"
	"   {'name':'x2','type':'external','tunnel_key':3,'ha_chassis_group':'g2'},"
	"   {'name':'x3','type':'external','tunnel_key':4},"
	"   {'name':'x4','type':'external','tunnel_key':5,'ha_chassis_group':'tie'}]},"
	" {'name':'overlay','tunnel_key':20,'ports':["
	"   {'name':'x5','type':'external','tunnel_key':1,'ha_chassis_group':'g2'}]}],"
	" 'ha_chassis_groups':["
	"   {'name':'g1','members':[{'chassis':'hv1','priority':10},{'chassis':'hv2','priority':20}]},"
	"   {'name':'g2','members':[{'chassis':'hv1','priority':5},{'chassis':'hv2','priority':20}]},"
	"   {'name':'tie','members':[{'chassis':'hv2','priority':10},{'chassis':'hv1','priority':10}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1", ",'bridge_mappings':{'phys':'br-phys'}") ","
	CHASSIS("hv2", "192.168.50.2", ",'bridge_mappings':{'phys':'br-phys'},'state':'down'") "]}";

Test(compile_ports, external_is_held_by_highest_priority_live_chassis)
{
	json_t *m = model_from(external_model);
	json_t *hv2 = json_array_get(json_object_get(m, "chassis"), 1);
	struct xovn_mapset s;
	const struct xovn_port_val *p;

	/* hv2 is down: hv1 holds every group it is in */
	compile_ok(m, "hv1", fake_host, &s);
	p = find_port(&s, 10, 2);
	cr_assert_eq(p->flags, XOVN_PF_HELD);
	cr_assert_eq(p->port_type, XOVN_PT_EXTERNAL);
	cr_assert_eq(p->ifindex, 0);
	cr_assert_eq(p->remote_ip, 0);
	cr_assert_eq(find_port(&s, 10, 3)->flags, XOVN_PF_HELD);
	cr_assert_eq(find_port(&s, 10, 4)->flags, 0, "no group: held by nobody");
	cr_assert_eq(find_port(&s, 20, 1)->flags, 0, "no localnet on the switch: held by nobody");
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:0e:01")->port_key, 2);
	cr_assert_eq(find_flood(&s, 10, XOVN_MC_FLOOD)->n_local, 1, "only the localnet floods");
	xovn_mapset_free(&s);

	/* hv2 comes up: it wins g1 and g2 on priority; the tie goes to hv1 by name */
	json_object_set_new(hv2, "state", json_string("up"));
	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 2)->flags, 0);
	cr_assert_eq(find_port(&s, 10, 3)->flags, 0);
	cr_assert_eq(find_port(&s, 10, 5)->flags, XOVN_PF_HELD);
	xovn_mapset_free(&s);
	compile_ok(m, "hv2", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 2)->flags, XOVN_PF_HELD);
	cr_assert_eq(find_port(&s, 10, 3)->flags, XOVN_PF_HELD);
	cr_assert_eq(find_port(&s, 10, 5)->flags, 0);
	cr_assert_eq(find_port(&s, 20, 1)->flags, 0);
	xovn_mapset_free(&s);
	json_decref(m);
}

/* ---- l2gateway ----------------------------------------------------------- */

static const char *l2gw_model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	"  {'name':'gw','type':'l2gateway','tunnel_key':1,'addresses':['unknown'],"
	"   'options':{'network_name':'phys','l2gateway-chassis':'hv2'}},"
	"  {'name':'a','tunnel_key':2}]}],"
	" 'chassis':["
	CHASSIS("hv1", "192.168.50.1",
		",'bridge_mappings':{'phys':'br-phys'},'vifs':[{'iface':'tap-a','port':'a'}]") ","
	CHASSIS("hv2", "192.168.50.2", ",'bridge_mappings':{'phys':'nic-gw'}") "]}";

Test(compile_ports, l2gateway_local_on_its_chassis_remote_elsewhere)
{
	json_t *m = model_from(l2gw_model);
	struct xovn_mapset s;
	const struct xovn_port_val *p;
	const struct xovn_ingress_val *in;

	compile_ok(m, "hv2", fake_host, &s);
	p = find_port(&s, 10, 1);
	cr_assert_eq(p->flags, XOVN_PF_LOCAL | XOVN_PF_UNKNOWN);
	cr_assert_eq(p->ifindex, 30);
	cr_assert_eq(p->port_type, XOVN_PT_L2GATEWAY);
	in = find_ingress(&s, 30, 0);
	cr_assert_not_null(in);
	cr_assert_eq(in->port_key, 1);
	cr_assert_eq(in->port_type, XOVN_PT_L2GATEWAY);
	cr_assert_eq(in->flags, XOVN_IN_TUNNEL_ONLY, "an l2gateway is no localnet");
	cr_assert_eq(find_dp(&s, 10)->flags, 0, "an l2gateway is no localnet");
	xovn_mapset_free(&s);

	compile_ok(m, "hv1", fake_host, &s);
	p = find_port(&s, 10, 1);
	cr_assert_eq(p->flags, XOVN_PF_REMOTE | XOVN_PF_UNKNOWN);
	cr_assert_eq(p->remote_ip, ip4("192.168.50.2"));
	cr_assert_null(find_ingress(&s, 20, 0), "hv1's own mapping of phys is not the gateway's");
	xovn_mapset_free(&s);
	json_decref(m);
}

/* ---- flags and addresses --------------------------------------------------- */

Test(compile_ports, flags_types_and_fdb_from_addresses)
{
	json_t *m = model_from(
		"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
		"  {'name':'multi','tunnel_key':1,'addresses':['00:00:00:00:00:11 10.0.0.11',"
		"    '00:00:00:00:00:12 10.0.0.12 fd00::12','unknown'],"
		"   'port_security':['00:00:00:00:00:11 10.0.0.11']},"
		"  {'name':'rtr','type':'router','tunnel_key':2,'addresses':['router']},"
		"  {'name':'sec','tunnel_key':3,'port_security':['00:00:00:00:00:13']}]}],"
		" 'chassis':[" CHASSIS("hv1", "192.168.50.1", "") "]}");
	struct xovn_mapset s;

	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_eq(find_port(&s, 10, 1)->flags, XOVN_PF_UNKNOWN | XOVN_PF_PORT_SECURITY);
	cr_assert_eq(find_port(&s, 10, 2)->flags, 0);
	cr_assert_eq(find_port(&s, 10, 2)->port_type, XOVN_PT_ROUTER);
	cr_assert_eq(find_port(&s, 10, 3)->flags, XOVN_PF_PORT_SECURITY);
	cr_assert_eq(count_map(&s, XOVN_MAP_FDB), 2, "router, unknown and port_security add no MAC");
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:00:11")->port_key, 1);
	cr_assert_eq(find_fdb(&s, 10, "00:00:00:00:00:12")->port_key, 1);
	cr_assert_null(find_fdb(&s, 10, "00:00:00:00:00:13"));
	xovn_mapset_free(&s);
	json_decref(m);
}
