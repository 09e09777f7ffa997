// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_flood.c - the flood and unknown-unicast groups: who is a
 * local member (with which VID), which remote chassis get a copy.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_fixture.h"

static const char *flood_model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	"  {'name':'a','tunnel_key':1,'addresses':['unknown']},"
	"  {'name':'c1','tunnel_key':2,'parent_name':'a','tag':7},"
	"  {'name':'b','tunnel_key':3},"
	"  {'name':'d','tunnel_key':4},"
	"  {'name':'e','tunnel_key':5,'addresses':['00:00:00:00:00:05','unknown']},"
	"  {'name':'f','tunnel_key':6,'addresses':['unknown']},"
	"  {'name':'meta','type':'localport','tunnel_key':7},"
	"  {'name':'x','type':'external','tunnel_key':8,'ha_chassis_group':'g'},"
	"  {'name':'ln','type':'localnet','tunnel_key':9,'options':{'network_name':'phys'}}]}],"
	" 'ha_chassis_groups':[{'name':'g','members':[{'chassis':'hv1','priority':1}]}],"
	" 'chassis':["
	"  {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},"
	"   'bridge_mappings':{'phys':'br-phys'},"
	"   'vifs':[{'iface':'tap-a','port':'a'},{'iface':'tap-meta','port':'meta'}]},"
	"  {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.20'},"
	"   'vifs':[{'iface':'tap-b','port':'b'},{'iface':'tap-c','port':'d'}]},"
	"  {'name':'hv3','encap':{'type':'geneve','ip':'192.168.50.3'},"
	"   'vifs':[{'iface':'tap-a','port':'e'}]}]}";

static int has_local(const struct xovn_flood_val *f, uint16_t port_key)
{
	for (int i = 0; i < f->n_local; i++) {
		if (f->local[i].port_key == port_key)
			return 1;
	}
	return 0;
}

/* flood_model compiled for chassis into s; switch 10's flood group in it. */
static const struct xovn_flood_val *flood_seen_from(const char *chassis, struct xovn_mapset *s)
{
	json_t *m = model_from(flood_model);

	compile_ok(m, chassis, fake_host, s);
	json_decref(m);
	return find_flood(s, 10, XOVN_MC_FLOOD);
}

Test(compile_flood, local_members_and_distinct_sorted_remote_chassis)
{
	struct xovn_mapset s;
	const struct xovn_flood_val *f = flood_seen_from("hv1", &s);

	cr_assert_not_null(f);
	cr_assert_eq(f->n_local, 4, "a, its container, the localport and the localnet");
	cr_assert_eq(f->local[0].port_key, 1);
	cr_assert_eq(f->local[0].ifindex, 11);
	cr_assert_eq(f->local[0].vid, 0);
	cr_assert_eq(f->local[0].flags, XOVN_PF_LOCAL | XOVN_PF_REDIRECT_PEER | XOVN_PF_UNKNOWN);
	cr_assert_eq(f->local[1].port_key, 2);
	cr_assert_eq(f->local[1].ifindex, 11, "the container shares its parent's interface");
	cr_assert_eq(f->local[1].vid, 7, "each copy carries its receiver's tag");
	cr_assert_eq(f->local[2].port_key, 7);
	cr_assert_eq(f->local[2].port_type, XOVN_PT_LOCALPORT);
	cr_assert_eq(f->local[3].port_key, 9);
	cr_assert_eq(f->local[3].ifindex, 20);
	cr_assert_eq(f->local[3].port_type, XOVN_PT_LOCALNET);
	cr_assert_not(has_local(f, 8), "externals are no members");
	/* b and d share hv2: one copy; sorted by address, not by text or model order */
	cr_assert_eq(f->n_remote, 2);
	cr_assert_eq(f->remote_ip[0], ip4("192.168.50.3"));
	cr_assert_eq(f->remote_ip[1], ip4("192.168.50.20"));
	cr_assert_eq(f->remote_ip[2], 0, "unused slots stay zero");
	cr_assert_eq(f->local[4].port_key, 0, "unused slots stay zero");

	f = find_flood(&s, 10, XOVN_MC_UNKNOWN);
	cr_assert_not_null(f);
	cr_assert_eq(f->n_local, 2, "a has unknown; a localnet always counts");
	cr_assert_eq(f->local[0].port_key, 1);
	cr_assert_eq(f->local[1].port_key, 9);
	cr_assert_eq(f->local[1].vid, 0);
	cr_assert_eq(f->n_remote, 1, "e on hv3; f is unbound");
	cr_assert_eq(f->remote_ip[0], ip4("192.168.50.3"));
	xovn_mapset_free(&s);
}

Test(compile_flood, seen_from_another_chassis)
{
	struct xovn_mapset s;
	const struct xovn_flood_val *f = flood_seen_from("hv2", &s);

	cr_assert_eq(f->n_local, 2);
	cr_assert_eq(f->local[0].port_key, 3);
	cr_assert_eq(f->local[1].port_key, 4);
	cr_assert_eq(f->local[1].ifindex, 13);
	cr_assert_eq(f->n_remote, 2, "hv1 (a, c1; not the localport) and hv3 (e)");
	cr_assert_eq(f->remote_ip[0], ip4("192.168.50.1"));
	cr_assert_eq(f->remote_ip[1], ip4("192.168.50.3"));

	f = find_flood(&s, 10, XOVN_MC_UNKNOWN);
	cr_assert_eq(f->n_local, 0, "phys is not mapped on hv2");
	cr_assert_eq(f->n_remote, 2);
	cr_assert_eq(f->remote_ip[0], ip4("192.168.50.1"));
	cr_assert_eq(f->remote_ip[1], ip4("192.168.50.3"));
	xovn_mapset_free(&s);
}

Test(compile_flood, groups_without_members_are_not_emitted)
{
	json_t *m = model_from(
		"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
		"  {'name':'lonely','tunnel_key':1,'addresses':['unknown']},"
		"  {'name':'x','type':'external','tunnel_key':2}]}],"
		" 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'}}]}");
	struct xovn_mapset s;

	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_eq(count_map(&s, XOVN_MAP_FLOOD), 0);
	cr_assert_not_null(find_dp(&s, 10), "the switch itself is still known");
	xovn_mapset_free(&s);
	json_decref(m);
}

/* Every interface exists: "vN" has ifindex 1000 + N. */
static int any_iface(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	(void)arg;
	info->ifindex = 1000 + (uint32_t)atoi(ifname + 1);
	info->mtu = 1500;
	info->is_veth = 1;
	return 0;
}

/* One switch, nports ports; port i attached on chassis i % nchassis as "v<i>". */
static json_t *wide_switch(int nports, int nchassis)
{
	json_t *m = model_from("{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,"
			       "'ports':[]}],'chassis':[]}");
	json_t *ports = json_object_get(json_array_get(json_object_get(m, "logical_switches"), 0),
					"ports");
	json_t *chassis = json_object_get(m, "chassis");
	char name[32], ip[32];

	for (int c = 0; c < nchassis; c++) {
		snprintf(name, sizeof(name), "hv%d", c);
		snprintf(ip, sizeof(ip), "10.1.%d.%d", c / 200, 1 + c % 200);
		json_array_append_new(chassis, json_pack("{s:s, s:{s:s, s:s}, s:[]}", "name", name,
							 "encap", "type", "geneve", "ip", ip, "vifs"));
	}
	for (int i = 0; i < nports; i++) {
		char iface[16];

		snprintf(name, sizeof(name), "p%d", i);
		snprintf(iface, sizeof(iface), "v%d", i);
		json_array_append_new(ports, json_pack("{s:s, s:i}", "name", name, "tunnel_key", i + 1));
		json_array_append_new(json_object_get(json_array_get(chassis, i % nchassis), "vifs"),
				      json_pack("{s:s, s:s}", "iface", iface, "port", name));
	}
	return m;
}

static const char *compile_wide(json_t *m, int *rc, struct xovn_mapset *s)
{
	static char err[256];

	xovn_mapset_init(s);
	*rc = compile_doc(m, "hv0", any_iface, NULL, s, err, sizeof(err));
	return err;
}

Test(compile_flood, local_member_limit)
{
	struct xovn_mapset s;
	json_t *m = wide_switch(XOVN_MAX_FLOOD_LOCAL, 1);
	const char *err;
	int rc;

	compile_wide(m, &rc, &s);
	cr_assert_eq(rc, 0, "exactly the limit fits");
	cr_assert_eq(find_flood(&s, 10, XOVN_MC_FLOOD)->n_local, XOVN_MAX_FLOOD_LOCAL);
	xovn_mapset_free(&s);
	json_decref(m);

	m = wide_switch(XOVN_MAX_FLOOD_LOCAL + 1, 1);
	err = compile_wide(m, &rc, &s);
	cr_assert_eq(rc, -1);
	cr_assert_eq(s.n, 0);
	cr_assert_not_null(strstr(err, "local members"), "%s", err);
	json_decref(m);
}

Test(compile_flood, remote_chassis_limit)
{
	struct xovn_mapset s;
	json_t *m = wide_switch(XOVN_MAX_FLOOD_REMOTE + 1, XOVN_MAX_FLOOD_REMOTE + 1);
	const char *err;
	int rc;

	compile_wide(m, &rc, &s);
	cr_assert_eq(rc, 0, "hv0 plus the limit of remote chassis fits");
	cr_assert_eq(find_flood(&s, 10, XOVN_MC_FLOOD)->n_remote, XOVN_MAX_FLOOD_REMOTE);
	xovn_mapset_free(&s);
	json_decref(m);

	m = wide_switch(XOVN_MAX_FLOOD_REMOTE + 2, XOVN_MAX_FLOOD_REMOTE + 2);
	err = compile_wide(m, &rc, &s);
	cr_assert_eq(rc, -1);
	cr_assert_not_null(strstr(err, "remote chassis"), "%s", err);
	json_decref(m);
}

/* BPF hash maps compare whole keys: every pad byte must be zero. */
Test(compile_flood, keys_and_values_have_zero_padding)
{
	struct xovn_mapset s;
	size_t checked = 0;

	compile_text_ok(flood_model, "hv1", fake_host, &s);
	for (size_t i = 0; i < s.n; i++) {
		const struct xovn_map_entry *e = &s.v[i];

		switch (e->map) {
		case XOVN_MAP_PORTS:
			cr_assert_eq(((const struct xovn_port_key *)e->key)->pad, 0);
			break;
		case XOVN_MAP_FDB:
			cr_assert_eq(((const struct xovn_fdb_key *)e->key)->pad, 0);
			cr_assert_eq(((const struct xovn_fdb_val *)e->val)->pad, 0);
			break;
		case XOVN_MAP_INGRESS:
			cr_assert_eq(((const struct xovn_ingress_key *)e->key)->pad, 0);
			break;
		case XOVN_MAP_FLOOD: {
			const struct xovn_flood_val *f = (const void *)e->val;

			cr_assert_eq(((const struct xovn_flood_key *)e->key)->pad, 0);
			cr_assert_eq(f->pad, 0);
			for (int j = 0; j < XOVN_MAX_FLOOD_LOCAL; j++)
				cr_assert_eq(f->local[j].pad, 0);
			break;
		}
		default:
			continue;
		}
		checked++;
	}
	cr_assert_gt(checked, 10);
	xovn_mapset_free(&s);
}
