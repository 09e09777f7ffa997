// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_model_read.c - the typed model read from a document: every table's
 * fields, positions kept for error paths, and members of the wrong type
 * read as absent instead of as a value.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/types.h"
#include "xovn_maps.h"

static json_t *parse(const char *text)
{
	json_error_t jerr;
	json_t *doc = json_loads(text, 0, &jerr);

	cr_assert_not_null(doc, "%s", jerr.text);
	return doc;
}

static const char full_model[] =
	"{\"version\":1,\"generation\":7,"
	" \"logical_switches\":[{\"_uuid\":\"u-ls\",\"name\":\"ls0\",\"tunnel_key\":5,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:00:01 10.0.0.1\"],"
	"   \"port_security\":[\"00:00:00:00:00:01\"],\"dhcpv4_options\":\"u-dhcp\"},"
	"  {\"name\":\"c1\",\"tunnel_key\":2,\"parent_name\":\"vm1\",\"tag\":42},"
	"  {\"name\":\"ln\",\"type\":\"localnet\",\"tunnel_key\":3,\"addresses\":[\"unknown\"],"
	"   \"options\":{\"network_name\":\"phys\"}},"
	"  {\"name\":\"ext\",\"type\":\"external\",\"tunnel_key\":4,\"ha_chassis_group\":\"g1\"},"
	"  {\"name\":\"rp\",\"type\":\"router\",\"tunnel_key\":5,\"addresses\":[\"router\"],"
	"   \"options\":{\"router-port\":\"lrp0\"}}]}],"
	" \"logical_routers\":[{\"name\":\"lr0\",\"tunnel_key\":9,\"options\":{\"chassis\":\"hv1\"},"
	"   \"ports\":[{\"name\":\"lrp0\",\"mac\":\"00:00:00:00:01:01\","
	"     \"networks\":[\"10.0.0.254/24\",\"2001:db8::1/64\"],\"tunnel_key\":1,\"enabled\":false}],"
	"   \"static_routes\":[{\"ip_prefix\":\"0.0.0.0/0\",\"nexthop\":\"10.0.0.1\","
	"     \"output_port\":\"lrp0\",\"policy\":\"src-ip\"}]}],"
	" \"ha_chassis_groups\":[{\"name\":\"g1\",\"members\":[{\"chassis\":\"hv1\",\"priority\":20}]}],"
	" \"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.168.0.1\"},"
	"   \"encap_iface\":\"eth1\",\"state\":\"up\",\"bridge_mappings\":{\"phys\":\"br-phys\"},"
	"   \"vifs\":[{\"iface\":\"tap1\",\"port\":\"vm1\"}]}],"
	" \"bindings\":[{\"port\":\"ext\",\"chassis\":\"hv1\"}],"
	" \"dhcp_options\":[{\"_uuid\":\"u-dhcp\",\"cidr\":\"10.0.0.0/24\","
	"   \"options\":{\"router\":\"10.0.0.254\"},\"external_ids\":{\"k\":\"v\"}}]}";

Test(model_read, every_table_and_field)
{
	json_t *doc = parse(full_model);
	struct xovn_model *m = xovn_model_read(doc);
	const struct xovn_ls *ls;
	const struct xovn_lr *lr;

	cr_assert_not_null(m);
	cr_assert_eq(m->version, 1);
	cr_assert_eq(m->generation, 7);
	cr_assert_eq(m->n_switches, 1);
	ls = m->switches[0];
	cr_assert_str_eq(ls->uuid, "u-ls");
	cr_assert_eq(ls->tunnel_key, 5);
	cr_assert_eq(ls->n_ports, 5);
	cr_assert_eq(ls->ports[0].kind, XOVN_PT_VIF);
	cr_assert_null(ls->ports[0].type);
	cr_assert_str_eq(ls->ports[0].addresses.v[0], "00:00:00:00:00:01 10.0.0.1");
	cr_assert_str_eq(ls->ports[0].port_security.v[0], "00:00:00:00:00:01");
	cr_assert_str_eq(ls->ports[0].dhcpv4_options, "u-dhcp");
	cr_assert_eq(ls->ports[0].ls, ls);
	cr_assert_str_eq(ls->ports[1].parent_name, "vm1");
	cr_assert(ls->ports[1].has_tag);
	cr_assert_eq(ls->ports[1].tag, 42);
	cr_assert_eq(ls->ports[2].kind, XOVN_PT_LOCALNET);
	cr_assert_str_eq(xovn_smap_get(&ls->ports[2].options, "network_name"), "phys");
	cr_assert_str_eq(ls->ports[3].ha_chassis_group, "g1");
	cr_assert_eq(ls->ports[4].kind, XOVN_PT_ROUTER);
	cr_assert_str_eq(xovn_smap_get(&ls->ports[4].options, "router-port"), "lrp0");

	cr_assert_eq(m->n_routers, 1);
	lr = &m->routers[0];
	cr_assert_eq(lr->tunnel_key, 9);
	cr_assert_eq(lr->enabled, XOVN_UNSET);
	cr_assert_str_eq(xovn_smap_get(&lr->options, "chassis"), "hv1");
	cr_assert_eq(lr->n_ports, 1);
	cr_assert_str_eq(lr->ports[0].mac, "00:00:00:00:01:01");
	cr_assert_eq(lr->ports[0].networks.n, 2);
	cr_assert_str_eq(lr->ports[0].networks.v[1], "2001:db8::1/64");
	cr_assert_eq(lr->ports[0].enabled, XOVN_FALSE);
	cr_assert_eq(lr->ports[0].lr, lr);
	cr_assert_eq(lr->n_routes, 1);
	cr_assert_str_eq(lr->routes[0].nexthop, "10.0.0.1");
	cr_assert_str_eq(lr->routes[0].output_port, "lrp0");
	cr_assert_str_eq(lr->routes[0].policy, "src-ip");

	cr_assert_eq(m->n_groups, 1);
	cr_assert_eq(m->groups[0].members[0].priority, 20);
	cr_assert_eq(m->n_chassis, 1);
	cr_assert_str_eq(m->chassis[0].encap_ip, "192.168.0.1");
	cr_assert_str_eq(m->chassis[0].encap_type, "geneve");
	cr_assert_str_eq(m->chassis[0].encap_iface, "eth1");
	cr_assert_str_eq(xovn_smap_get(&m->chassis[0].bridge_mappings, "phys"), "br-phys");
	cr_assert_str_eq(m->chassis[0].vifs[0].iface, "tap1");
	cr_assert_str_eq(m->bindings[0].chassis, "hv1");
	cr_assert_str_eq(m->dhcp_options[0].cidr, "10.0.0.0/24");
	cr_assert_str_eq(xovn_smap_get(&m->dhcp_options[0].external_ids, "k"), "v");

	cr_assert_eq(xovn_model_port(m, "ln"), &ls->ports[2]);
	cr_assert_eq(xovn_model_switch(m, "ls0"), ls);
	cr_assert_eq(xovn_model_router(m, "lr0"), lr);
	cr_assert_eq(xovn_model_group(m, "g1"), &m->groups[0]);
	cr_assert_null(xovn_model_chassis(m, "hv9"));
	xovn_model_free(m);
	json_decref(doc);
}

/* Wrong types read as absent; positions stay those of the document. */
Test(model_read, wrong_types_are_absent_and_positions_kept)
{
	json_t *doc = parse(
		"{\"version\":\"1\",\"logical_switches\":[7,{\"name\":\"ls\",\"tunnel_key\":\"5\","
		" \"ports\":[true,{\"name\":3,\"type\":\"vxlan\",\"tag\":1.5,"
		"  \"addresses\":[\"00:00:00:00:00:01\",4,\"x\"],\"options\":{\"a\":1,\"b\":\"c\"}},"
		"  {\"name\":\"p\",\"type\":5}]}],"
		" \"chassis\":{\"not\":\"an array\"}}");
	struct xovn_model *m = xovn_model_read(doc);
	const struct xovn_ls *ls;

	cr_assert_not_null(m);
	cr_assert_eq(m->version, 0);
	cr_assert_eq(m->n_chassis, 0);
	cr_assert_eq(m->n_switches, 1);
	ls = m->switches[0];
	cr_assert_eq(ls->index, 1);
	cr_assert_eq(ls->tunnel_key, 0);
	cr_assert_eq(ls->n_ports, 2);
	cr_assert_eq(ls->ports[0].index, 1);
	cr_assert_null(ls->ports[0].name);
	cr_assert_eq(ls->ports[0].kind, -1);
	cr_assert_eq(ls->ports[0].has_tag, 0);
	cr_assert_eq(ls->ports[0].addresses.n, 3);
	cr_assert_null(ls->ports[0].addresses.v[1]);
	cr_assert_str_eq(ls->ports[0].addresses.v[2], "x");
	cr_assert_eq(ls->ports[0].options.n, 1);
	cr_assert_str_eq(ls->ports[0].options.v[0].key, "b");
	cr_assert_eq(ls->ports[1].index, 2);
	cr_assert_eq(ls->ports[1].kind, -1, "a type that is not a string is not a VIF");
	xovn_model_free(m);
	json_decref(doc);
}

Test(model_read, a_switch_alone_for_the_incremental_path)
{
	json_t *sw = parse("{\"name\":\"ls9\",\"tunnel_key\":9,\"ports\":[{\"name\":\"a\"}]}");
	struct xovn_ls *ls = xovn_ls_read(sw, 4);

	cr_assert_not_null(ls);
	cr_assert_eq(ls->index, 4);
	cr_assert_eq(ls->n_ports, 1);
	cr_assert_eq(ls->ports[0].ls, ls);
	xovn_ls_free(ls);
	json_decref(sw);
}

Test(model_read, not_an_object_is_an_empty_model)
{
	json_t *doc = json_array();
	struct xovn_model *m = xovn_model_read(doc);

	cr_assert_not_null(m);
	cr_assert_eq(m->n_switches + m->n_chassis + m->n_routers, 0);
	xovn_model_free(m);
	json_decref(doc);
}

Test(model_read, nat_rules_and_gateway_chassis)
{
	json_t *doc = parse(
		"{\"logical_routers\":[{\"name\":\"lr0\",\"nat\":["
		"  {\"_uuid\":\"u-nat\",\"type\":\"snat\",\"external_ip\":\"172.16.0.1\","
		"   \"logical_ip\":\"10.0.0.0/24\",\"options\":{\"stateless\":\"false\"}},"
		"  7,"
		"  {\"type\":\"dnat_and_snat\",\"external_ip\":\"172.16.0.2\",\"logical_ip\":\"10.0.0.2\","
		"   \"logical_port\":\"vm1\",\"external_mac\":\"02:00:00:00:00:02\","
		"   \"external_port_range\":\"80-90\"}],"
		" \"ports\":[{\"name\":\"lrp0\",\"mac\":\"00:00:00:00:01:01\",\"networks\":[\"10.0.0.1/24\"],"
		"   \"ha_chassis_group\":\"g1\",\"gateway_chassis\":["
		"     {\"name\":\"lrp0-hv1\",\"chassis_name\":\"hv1\",\"priority\":20},"
		"     {\"name\":\"lrp0-hv2\",\"chassis_name\":\"hv2\",\"priority\":\"high\"}]}]}]}");
	struct xovn_model *m = xovn_model_read(doc);
	const struct xovn_lr *lr;
	const struct xovn_lrp *p;

	cr_assert_not_null(m);
	lr = &m->routers[0];
	cr_assert_eq(lr->n_nat, 2);
	cr_expect_str_eq(lr->nat[0].uuid, "u-nat");
	cr_expect_str_eq(lr->nat[0].type, "snat");
	cr_expect_str_eq(lr->nat[0].logical_ip, "10.0.0.0/24");
	cr_expect_str_eq(xovn_smap_get(&lr->nat[0].options, "stateless"), "false");
	cr_expect_null(lr->nat[0].logical_port);
	cr_expect_eq(lr->nat[1].index, 2, "the non-object keeps its position");
	cr_expect_str_eq(lr->nat[1].logical_port, "vm1");
	cr_expect_str_eq(lr->nat[1].external_mac, "02:00:00:00:00:02");
	cr_expect_str_eq(lr->nat[1].external_port_range, "80-90");
	p = &lr->ports[0];
	cr_expect_str_eq(p->ha_chassis_group, "g1");
	cr_assert_eq(p->n_gateway_chassis, 2);
	cr_expect_str_eq(p->gateway_chassis[0].name, "lrp0-hv1");
	cr_expect_str_eq(p->gateway_chassis[0].chassis_name, "hv1");
	cr_expect(p->gateway_chassis[0].has_priority && p->gateway_chassis[0].priority == 20);
	cr_expect(!p->gateway_chassis[1].has_priority, "a string priority reads as absent");
	cr_expect_eq(p->gateway_chassis[1].index, 1);
	xovn_model_free(m);
	json_decref(doc);
}
