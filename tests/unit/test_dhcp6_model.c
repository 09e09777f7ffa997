// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_dhcp6_model.c - DHCPv6 rows: the v6 option parser (stateless flag,
 * domain search names), the encoded reply options, and the compiler's
 * xovn_dhcp6 entries and ingress flag.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>

#include "compile_fixture.h"
#include "model/dhcp.h"

#define U6 "66666666-6666-4666-8666-666666666666"
#define U7 "77777777-7777-4777-8777-777777777777"

static int parse6(json_t *opts, struct xovn_dhcp_options *o, char *err)
{
	json_t *r = json_pack("{s:s, s:s, s:o}", "_uuid", U6, "cidr", "fd00::/64", "options",
			      opts);
	const char *bad;
	int rc = xovn_dhcp_from_json(r, o, &bad, err, 256);

	json_decref(r);
	return rc;
}

Test(dhcp6_model, options_parse_and_encode)
{
	static const uint8_t want[] = {
		0, 2, 0, 10, 0, 3, 0, 1, 2, 0, 0, 0, 0, 0xfe,                  /* DUID-LL */
		0, 23, 0, 32, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,    /* DNS */
		0, 24, 0, 10, 3, 'l', 'a', 'b', 4, 'c', 'o', 'r', 'p', 0,      /* search */
	};
	struct xovn_dhcp_options o;
	uint8_t enc[XOVN_DHCP6_OPTS_MAX];
	char err[256];

	cr_assert_eq(parse6(json_pack("{s:s, s:s, s:s, s:s}", "server_id", "02:00:00:00:00:fe",
				      "dns_server", "{fd00::53, 2001:db8::1}",
				      "domain_search", "\"lab.corp\"", "dhcpv6_stateless",
				      "false"), &o, err), 0, "%s", err);
	cr_assert(xovn_dhcp_complete(&o));
	cr_assert_eq(o.stateless, 0);
	cr_assert_eq(xovn_dhcp6_encode(&o, enc, sizeof(enc)), sizeof(want));
	cr_assert_arr_eq(enc, want, sizeof(want));
	cr_assert_eq(parse6(json_pack("{s:s}", "dhcpv6_stateless", "true"), &o, err), 0, "%s",
		     err);
	cr_assert_eq(o.stateless, 1);
	cr_assert_not(xovn_dhcp_complete(&o), "server_id is required");
}

Test(dhcp6_model, bad_values_name_the_option)
{
	static const struct { const char *key, *value; } bad[] = {
		{ "server_id", "fd00::1" }, { "dns_server", "10.0.0.1" },
		{ "domain_search", "a..b" }, { "domain_search", "a." }, { "domain_search", ".a" },
		{ "dhcpv6_stateless", "yes" }, { "lease_time", "3600" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct xovn_dhcp_options o;

		cr_assert_eq(parse6(json_pack("{s:s}", bad[i].key, bad[i].value), &o, err), -1,
			     "%s=%s accepted", bad[i].key, bad[i].value);
		cr_assert_not_null(strstr(err, bad[i].key), "%s=%s: error \"%s\"", bad[i].key,
				   bad[i].value, err);
	}
}

/*
 * a: local, stateful row, address in the cidr -> an entry with its address
 * b: local, stateless row                     -> an entry without address
 * c: local, no IPv6 address in the cidr       -> none
 * d: on hv2                                   -> none
 */
static const char *model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	" {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:00:01 10.0.0.1 fd00::1'],"
	"  'dhcpv6_options':'" U6 "'},"
	" {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:00:02 fd00::2'],"
	"  'dhcpv6_options':'" U7 "'},"
	" {'name':'c','tunnel_key':3,'addresses':['00:00:00:00:00:03 fd01::3'],"
	"  'dhcpv6_options':'" U6 "'},"
	" {'name':'d','tunnel_key':4,'addresses':['00:00:00:00:00:04 fd00::4'],"
	"  'dhcpv6_options':'" U6 "'}]}],"
	" 'dhcp_options':["
	"  {'_uuid':'" U6 "','cidr':'fd00::/64','options':{'server_id':'02:00:00:00:00:fe'}},"
	"  {'_uuid':'" U7 "','cidr':'fd00::/64','options':{'server_id':'02:00:00:00:00:fe',"
	"   'dhcpv6_stateless':'true'}}],"
	DHCP_FIXTURE_CHASSIS "}";

Test(dhcp6_model, compiler_answers_local_ports_in_the_cidr)
{
	static const uint8_t lla[16] = { 0xfe, 0x80, [11] = 0xff, [12] = 0xfe, [15] = 0xfe };
	const struct xovn_dhcp6_val *a, *b;
	struct xovn_mapset s;
	struct in6_addr ip;

	compile_text_ok(model, "hv1", fake_host, &s);
	a = find_dhcp6(&s, 10, 1);
	b = find_dhcp6(&s, 10, 2);
	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_assert_null(find_dhcp6(&s, 10, 3), "c has no address in the cidr");
	cr_assert_null(find_dhcp6(&s, 10, 4), "d lives on hv2");
	cr_assert_eq(count_map(&s, XOVN_MAP_DHCP6), 2);
	inet_pton(AF_INET6, "fd00::1", &ip);
	cr_assert_arr_eq(a->ip, &ip, 16);
	cr_assert_eq(a->flags, XOVN_DHCP6_STATEFUL);
	cr_assert_arr_eq(a->server_ip, lla, 16, "fe80::EUI-64 of server_id");
	cr_assert_eq(a->opts_len, 14);
	cr_assert_eq(b->flags, 0, "stateless");
	cr_assert_eq(b->ip[0], 0);
	cr_assert(find_ingress(&s, 11, 0)->flags & XOVN_IN_DHCP6);
	cr_assert(find_ingress(&s, 12, 0)->flags & XOVN_IN_DHCP6);
	cr_assert_not(find_ingress(&s, 14, 0)->flags & XOVN_IN_DHCP6);
	cr_assert_not(find_ingress(&s, 11, 0)->flags & XOVN_IN_DHCP, "no DHCPv4 row");
	xovn_mapset_free(&s);
}
