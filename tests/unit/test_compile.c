// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile.c - the compiler as a whole: the exact set for one chassis,
 * the config entry, and the models it must refuse.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"

static const char *two_switches =
	"{'version':1,'generation':7,"
	" 'logical_switches':["
	"  {'name':'ls1','tunnel_key':100,'ports':["
	"    {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:01:01 10.0.1.1']},"
	"    {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:01:02 10.0.1.2'],"
	"     'port_security':['00:00:00:00:01:02 10.0.1.2']}]},"
	"  {'name':'ls2','tunnel_key':200,'ports':["
	"    {'name':'c','tunnel_key':1,'addresses':['00:00:00:00:02:01 10.0.2.1','unknown']}]}],"
	" 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},"
	"   'encap_iface':'eth-under',"
	"   'vifs':[{'iface':'tap-a','port':'a'},{'iface':'tap-b','port':'b'},"
	"           {'iface':'tap-c','port':'c'}]}]}";

Test(compile, single_chassis_two_switches_exact_entries)
{
	struct xovn_mapset s;
	const struct xovn_port_val *a, *b, *c;
	const struct xovn_ingress_val *in;
	const struct xovn_flood_val *f;

	compile_text_ok(two_switches, "hv1", fake_host, &s);
	cr_assert_eq(count_map(&s, XOVN_MAP_CONFIG), 1);
	cr_assert_eq(count_map(&s, XOVN_MAP_DATAPATHS), 2);
	cr_assert_eq(count_map(&s, XOVN_MAP_PORTS), 3);
	cr_assert_eq(count_map(&s, XOVN_MAP_FDB), 3);
	cr_assert_eq(count_map(&s, XOVN_MAP_INGRESS), 3);
	/* ls1 flood, ls2 flood, ls2 unknown; ls1 has no "unknown" port */
	cr_assert_eq(count_map(&s, XOVN_MAP_FLOOD), 3);

	a = find_port(&s, 100, 1);
	cr_assert_not_null(a);
	cr_assert_eq(a->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER);
	cr_assert_eq(a->ifindex, 11);
	cr_assert_eq(a->remote_ip, 0);
	cr_assert_eq(a->vid, 0);
	cr_assert_eq(a->port_type, XOVN_PT_VIF);

	b = find_port(&s, 100, 2);
	cr_assert_not_null(b);
	cr_assert_eq(b->flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER | XOVN_PF_PORT_SECURITY);
	cr_assert_eq(b->ifindex, 12);

	c = find_port(&s, 200, 1);
	cr_assert_not_null(c);
	cr_assert_eq(c->flags, XOVN_PF_LOCAL | XOVN_PF_UNKNOWN, "tap-c is no veth: no redirect_peer");
	cr_assert_null(find_port(&s, 100, 3));
	cr_assert_null(find_port(&s, 200, 2));

	in = find_ingress(&s, 11, 0);
	cr_assert_not_null(in);
	cr_assert_eq(in->dp_key, 100);
	cr_assert_eq(in->port_key, 1);
	cr_assert_eq(in->port_type, XOVN_PT_VIF);
	cr_assert_eq(in->flags, XOVN_IN_TUNNEL_ONLY, "no localnet: remote ports by tunnel");
	in = find_ingress(&s, 13, 0);
	cr_assert_not_null(in);
	cr_assert_eq(in->dp_key, 200);

	cr_assert_eq(find_fdb(&s, 100, "00:00:00:00:01:02")->port_key, 2);
	cr_assert_eq(find_fdb(&s, 200, "00:00:00:00:02:01")->port_key, 1);
	cr_assert_null(find_fdb(&s, 200, "00:00:00:00:01:02"), "MACs are per switch");

	cr_assert_eq(find_dp(&s, 100)->flags, 0);
	cr_assert_eq(find_dp(&s, 200)->localnet_port, 0);

	f = find_flood(&s, 100, XOVN_MC_FLOOD);
	cr_assert_not_null(f);
	cr_assert_eq(f->n_local, 2);
	cr_assert_eq(f->n_remote, 0);
	cr_assert_eq(f->local[0].port_key, 1);
	cr_assert_eq(f->local[0].ifindex, 11);
	cr_assert_eq(f->local[1].port_key, 2);
	cr_assert_eq(f->local[1].flags, b->flags);
	cr_assert_null(find_flood(&s, 100, XOVN_MC_UNKNOWN));
	cr_assert_eq(find_flood(&s, 200, XOVN_MC_UNKNOWN)->n_local, 1);

	xovn_mapset_free(&s);
}

Test(compile, config_carries_encap_underlay_and_generation)
{
	json_t *m = model_from(two_switches);
	struct xovn_mapset s;
	const struct xovn_config *cfg;

	compile_ok(m, "hv1", fake_host, &s);
	cfg = find_config(&s);
	cr_assert_not_null(cfg);
	cr_assert_eq(cfg->encap_ip, ip4("192.168.50.1"));
	cr_assert_eq(cfg->underlay_ifindex, 2);
	cr_assert_eq(cfg->underlay_mtu, 9000);
	cr_assert_eq(cfg->generation, 7);
	xovn_mapset_free(&s);

	/* No generation and an underlay that does not exist on this host. */
	json_object_del(m, "generation");
	json_object_set_new(json_array_get(json_object_get(m, "chassis"), 0), "encap_iface",
			    json_string("eth-gone"));
	compile_ok(m, "hv1", fake_host, &s);
	cfg = find_config(&s);
	cr_assert_eq(cfg->generation, 0);
	cr_assert_eq(cfg->underlay_ifindex, 0);
	cr_assert_eq(cfg->underlay_mtu, 0);
	cr_assert_eq(cfg->encap_ip, ip4("192.168.50.1"));
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile, empty_model_has_only_config)
{
	json_t *m = model_from("{'version':1,'logical_switches':[],"
			       " 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'10.9.9.9'}}]}");
	struct xovn_mapset s;

	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_eq(s.n, 1);
	cr_assert_eq(find_config(&s)->encap_ip, ip4("10.9.9.9"));
	cr_assert_eq(find_config(&s)->underlay_ifindex, 0);
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile, chassis_not_in_model_is_an_error)
{
	json_t *m = model_from(two_switches);

	cr_assert_not_null(strstr(compile_err(m, "hv9", fake_host), "hv9"));
	json_decref(m);
}

Test(compile, missing_tunnel_keys_are_errors)
{
	json_t *m = model_from(two_switches);
	json_t *ls1 = json_array_get(json_object_get(m, "logical_switches"), 0);
	json_t *port_b = json_array_get(json_object_get(ls1, "ports"), 1);

	json_object_del(port_b, "tunnel_key");
	cr_assert_not_null(strstr(compile_err(m, "hv1", fake_host), "'b'"));
	json_object_del(ls1, "tunnel_key");
	cr_assert_not_null(strstr(compile_err(m, "hv1", fake_host), "'ls1'"));
	json_decref(m);
}

Test(compile, two_ports_on_one_interface_is_an_error)
{
	json_t *m = model_from(two_switches);
	json_t *vifs = json_object_get(json_array_get(json_object_get(m, "chassis"), 0), "vifs");
	const char *err;

	/* c moves onto tap-a, which a already uses untagged */
	json_object_set_new(json_array_get(vifs, 2), "iface", json_string("tap-a"));
	err = compile_err(m, "hv1", fake_host);
	cr_assert_not_null(strstr(err, "'a'"), "message names both ports: %s", err);
	cr_assert_not_null(strstr(err, "'c'"), "message names both ports: %s", err);
	json_decref(m);
}

Test(compile, same_model_compiles_to_the_same_set)
{
	json_t *m = model_from(two_switches);
	struct xovn_mapset s1, s2, up, del;

	compile_ok(m, "hv1", fake_host, &s1);
	compile_ok(m, "hv1", fake_host, &s2);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xovn_mapset_diff(&s1, &s2, &up, &del), 0);
	cr_assert_eq(up.n, 0);
	cr_assert_eq(del.n, 0);
	xovn_mapset_free(&s1);
	xovn_mapset_free(&s2);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	json_decref(m);
}

static const struct xovn_map_entry *first_of(const struct xovn_mapset *s, uint32_t map)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].map == map)
			return &s->v[i];
	}
	cr_assert_fail("no %s entry", xovn_map_names[map]);
	return NULL;
}

Test(compile, model_edit_diffs_to_the_touched_entries_only)
{
	json_t *m = model_from(two_switches);
	json_t *ls1 = json_array_get(json_object_get(m, "logical_switches"), 0);
	json_t *port_b = json_array_get(json_object_get(ls1, "ports"), 1);
	struct xovn_mapset before, after, up, del;
	const struct xovn_map_entry *e;

	compile_ok(m, "hv1", fake_host, &before);
	/*
	 * b changes its MAC: in the switching maps one fdb entry goes and one
	 * comes; ports, flood, ingress, datapaths and config do not move.
	 * (The responder and port-security maps follow the MAC too.)
	 */
	json_array_set_new(json_object_get(port_b, "addresses"), 0,
			   json_string("00:00:00:00:01:99 10.0.1.2"));
	compile_ok(m, "hv1", fake_host, &after);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xovn_mapset_diff(&before, &after, &up, &del), 0);
	static const uint32_t switching_maps[] = {
		XOVN_MAP_CONFIG, XOVN_MAP_DATAPATHS, XOVN_MAP_PORTS,
		XOVN_MAP_FLOOD, XOVN_MAP_FDB, XOVN_MAP_INGRESS,
	};
	for (size_t i = 0; i < sizeof(switching_maps) / sizeof(switching_maps[0]); i++) {
		uint32_t map = switching_maps[i];
		size_t want = map == XOVN_MAP_FDB;

		cr_assert_eq(count_map(&up, map), want, "%s upserts", xovn_map_names[map]);
		cr_assert_eq(count_map(&del, map), want, "%s deletes", xovn_map_names[map]);
	}
	e = first_of(&up, XOVN_MAP_FDB);
	cr_assert_eq(((const struct xovn_fdb_key *)e->key)->mac[5], 0x99);
	e = first_of(&del, XOVN_MAP_FDB);
	cr_assert_eq(((const struct xovn_fdb_key *)e->key)->mac[5], 0x02);
	xovn_mapset_free(&before);
	xovn_mapset_free(&after);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	json_decref(m);
}
