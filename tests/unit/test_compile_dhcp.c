// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_dhcp.c - the compiler's xovn_dhcp entries: which ports get
 * one (complete options, address in the cidr, living here), the exact
 * option bytes, and the ingress flag that sends their DHCP to the server.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"

#define U_OK   "11111111-1111-4111-8111-111111111111"
#define U_HALF "22222222-2222-4222-8222-222222222222"

/*
 * a: local, complete options, address in the cidr -> an entry
 * b: local, options missing lease_time            -> none
 * c: local, address outside the cidr              -> none
 * d: on hv2                                       -> none (hv2 answers)
 * e: container of a (tag 7), complete              -> an entry, tagged ingress flag
 */
static const char *model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	" {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:00:01 10.0.0.1'],"
	"  'dhcpv4_options':'" U_OK "'},"
	" {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:00:02 10.0.0.2'],"
	"  'dhcpv4_options':'" U_HALF "'},"
	" {'name':'c','tunnel_key':3,'addresses':['00:00:00:00:00:03 192.168.0.3'],"
	"  'dhcpv4_options':'" U_OK "'},"
	" {'name':'d','tunnel_key':4,'addresses':['00:00:00:00:00:04 10.0.0.4'],"
	"  'dhcpv4_options':'" U_OK "'},"
	" {'name':'e','tunnel_key':5,'parent_name':'a','tag':7,"
	"  'addresses':['00:00:00:00:00:05 10.0.0.5'],'dhcpv4_options':'" U_OK "'}]}],"
	" 'dhcp_options':["
	"  {'_uuid':'" U_OK "','cidr':'10.0.0.0/24','options':{'server_id':'10.0.0.254',"
	"   'server_mac':'02:00:00:00:00:fe','lease_time':'3600','router':'10.0.0.254',"
	"   'dns_server':'{8.8.8.8, 1.1.1.1}','mtu':'1400','domain_name':'lab',"
	"   'classless_static_route':'{30.0.0.0/24,10.0.0.10, 0.0.0.0/0,10.0.0.254}'}},"
	"  {'_uuid':'" U_HALF "','cidr':'10.0.0.0/24','options':{'server_id':'10.0.0.254',"
	"   'server_mac':'02:00:00:00:00:fe'}}],"
	DHCP_FIXTURE_CHASSIS "}";

Test(compile_dhcp, complete_local_ports_in_the_cidr_only)
{
	json_t *m = model_from(model);
	struct xovn_mapset s;

	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_not_null(find_dhcp(&s, 10, 1), "a has complete options");
	cr_assert_null(find_dhcp(&s, 10, 2), "b lacks lease_time: incomplete");
	cr_assert_null(find_dhcp(&s, 10, 3), "c's address is outside the cidr");
	cr_assert_null(find_dhcp(&s, 10, 4), "d lives on hv2");
	cr_assert_not_null(find_dhcp(&s, 10, 5), "e is a container of a local VIF");
	cr_assert_eq(count_map(&s, XOVN_MAP_DHCP), 2);
	/* the ingress flag sends only a's (and e's) DHCP to the server */
	cr_assert(find_ingress(&s, 11, 0)->flags & XOVN_IN_DHCP);
	cr_assert(find_ingress(&s, 11, 7)->flags & XOVN_IN_DHCP);
	cr_assert_not(find_ingress(&s, 12, 0)->flags & XOVN_IN_DHCP);
	cr_assert_not(find_ingress(&s, 14, 0)->flags & XOVN_IN_DHCP);
	xovn_mapset_free(&s);

	compile_ok(m, "hv2", fake_host, &s);
	cr_assert_not_null(find_dhcp(&s, 10, 4), "hv2 answers d");
	cr_assert_eq(count_map(&s, XOVN_MAP_DHCP), 1);
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile_dhcp, value_carries_addresses_and_encoded_options)
{
	static const uint8_t want[] = {
		53, 1, 0,                          /* message type, filled per reply */
		54, 4, 10, 0, 0, 254,              /* server identifier */
		51, 4, 0, 0, 0x0e, 0x10,           /* lease time 3600 */
		1, 4, 255, 255, 255, 0,            /* subnet mask of the cidr */
		3, 4, 10, 0, 0, 254,               /* router */
		6, 8, 8, 8, 8, 8, 1, 1, 1, 1,      /* DNS servers */
		15, 3, 'l', 'a', 'b',              /* domain name */
		26, 2, 0x05, 0x78,                 /* MTU 1400 */
		121, 13, 24, 30, 0, 0, 10, 0, 0, 10, 0, 10, 0, 0, 254, /* RFC 3442 */
		255,
	};
	const struct xovn_dhcp_val *v;
	struct xovn_mapset s;
	uint8_t mac[6] = { 0, 0, 0, 0, 0, 1 }, smac[6] = { 2, 0, 0, 0, 0, 0xfe };

	compile_text_ok(model, "hv1", fake_host, &s);
	v = find_dhcp(&s, 10, 1);
	cr_assert_not_null(v);
	cr_assert_arr_eq(v->mac, mac, 6);
	cr_assert_arr_eq(v->server_mac, smac, 6);
	cr_assert_eq(v->ip, ip4("10.0.0.1"));
	cr_assert_eq(v->server_ip, ip4("10.0.0.254"));
	cr_assert_eq(v->opts_len, 64, "%zu bytes of options, 4-aligned: %u", sizeof(want),
		     v->opts_len);
	cr_assert_eq(v->opts_len % 4, 0);
	for (size_t i = 0; i < sizeof(want); i++)
		cr_assert_eq(v->opts[i], want[i], "option byte %zu is %u, want %u", i, v->opts[i],
			     want[i]);
	for (size_t i = sizeof(want); i < sizeof(v->opts); i++)
		cr_assert_eq(v->opts[i], 0, "padding byte %zu is %u", i, v->opts[i]);
	xovn_mapset_free(&s);
}

Test(compile_dhcp, short_options_pad_to_a_300_byte_message)
{
	json_t *m = model_from(model);
	json_t *row = json_array_get(json_object_get(m, "dhcp_options"), 1);
	struct xovn_mapset s;
	const struct xovn_dhcp_val *v;

	json_object_set_new(json_object_get(row, "options"), "lease_time", json_string("60"));
	compile_ok(m, "hv1", fake_host, &s);
	v = find_dhcp(&s, 10, 2);
	cr_assert_not_null(v, "b is complete now");
	cr_assert_eq(v->opts_len, 60);
	cr_assert_eq(v->opts[21], 255, "end after mask: byte %u", v->opts[21]);
	xovn_mapset_free(&s);
	json_decref(m);
}
