// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_security.c - the compiler's port-security and responder
 * entries: which keys exist (with which prefix lengths) and which do not.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <string.h>

#include "util/addr.h"
#include "compile_fixture.h"

static const char *model =
	"{'version':1,'logical_switches':[{'name':'ls','tunnel_key':10,'ports':["
	" {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:00:01 10.0.0.1 fd00::1'],"
	"  'port_security':['00:00:00:00:00:01 10.0.0.1 10.0.2.5/24 10.0.1.0/24 fd00::1']},"
	" {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:00:02 10.0.0.2'],"
	"  'port_security':['00:00:00:00:00:02']},"
	" {'name':'c','tunnel_key':3,'addresses':['00:00:00:00:00:03 10.0.0.3']},"
	" {'name':'d','tunnel_key':4,'addresses':['00:00:00:00:00:04 10.0.0.4']},"
	" {'name':'e','tunnel_key':5,'type':'external','addresses':['00:00:00:00:00:05 10.0.0.5']},"
	" {'name':'m','tunnel_key':6,'type':'localport','addresses':['00:00:00:00:00:06 10.0.0.6']},"
	" {'name':'r','tunnel_key':7,'type':'router','addresses':['00:00:00:00:00:07 10.0.0.254 fd00::fe']},"
	" {'name':'u','tunnel_key':8,'addresses':['00:00:00:00:00:08 10.0.0.8','unknown']}]}],"
	" 'chassis':["
	" {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},"
	"  'vifs':[{'iface':'tap-a','port':'a'},{'iface':'tap-meta','port':'m'}]},"
	" {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.2'},"
	"  'vifs':[{'iface':'tap-b','port':'c'},{'iface':'tap-c','port':'u'}]}]}";

static void mac_of(const char *text, uint8_t mac[6])
{
	cr_assert_eq(xovn_parse_mac(text, mac), 0);
}

static const struct xovn_psec_mac_val *find_mac(const struct xovn_mapset *s, uint16_t port,
						const char *mac)
{
	struct xovn_psec_mac_key k = { .dp_key = 10, .port_key = port };
	const struct xovn_map_entry *e;

	mac_of(mac, k.mac);
	e = xovn_mapset_find(s, XOVN_MAP_PSEC_MAC, &k, sizeof(k));
	return e ? (const void *)e->val : NULL;
}

static int has_v4(const struct xovn_mapset *s, uint32_t map, const char *mac, const char *ip,
		  int plen)
{
	struct xovn_psec_ip4_key k = { .prefixlen = XOVN_PSEC_FIXED_BITS + plen, .dp_key = 10,
				       .port_key = 1 };

	mac_of(mac, k.mac);
	k.ip = ip4(ip);
	return xovn_mapset_find(s, map, &k, sizeof(k)) != NULL;
}

static int has_host4(const struct xovn_mapset *s, uint32_t dir, const char *ip)
{
	struct xovn_psec_host4_key k = { .dp_key = 10, .port_key = 1, .dir = dir };

	mac_of("00:00:00:00:00:01", k.mac);
	k.ip = ip4(ip);
	return xovn_mapset_find(s, XOVN_MAP_PSEC_HOST4, &k, sizeof(k)) != NULL;
}

static int has_host6(const struct xovn_mapset *s, uint32_t dir, const char *ip)
{
	struct xovn_psec_host6_key k = { .dp_key = 10, .port_key = 1, .dir = dir };

	mac_of("00:00:00:00:00:01", k.mac);
	cr_assert_eq(inet_pton(AF_INET6, ip, k.ip), 1);
	return xovn_mapset_find(s, XOVN_MAP_PSEC_HOST6, &k, sizeof(k)) != NULL;
}

static const struct xovn_resp_val *find_arp(const struct xovn_mapset *s, const char *ip)
{
	struct xovn_arp_resp_key k = { .dp_key = 10, .ip = ip4(ip) };
	const struct xovn_map_entry *e = xovn_mapset_find(s, XOVN_MAP_ARP_RESP, &k, sizeof(k));

	return e ? (const void *)e->val : NULL;
}

static const struct xovn_resp_val *find_nd(const struct xovn_mapset *s, const char *ip)
{
	struct xovn_nd_resp_key k = { .dp_key = 10 };
	const struct xovn_map_entry *e;

	cr_assert_eq(inet_pton(AF_INET6, ip, k.ip), 1);
	e = xovn_mapset_find(s, XOVN_MAP_ND_RESP, &k, sizeof(k));
	return e ? (const void *)e->val : NULL;
}

Test(compile_security, port_with_security_is_flagged_on_ingress_and_egress)
{
	struct xovn_mapset s;

	compile_text_ok(model, "hv1", fake_host, &s);
	cr_assert(find_ingress(&s, 11, 0)->flags & XOVN_IN_PORT_SECURITY);
	cr_assert_not(find_ingress(&s, 14, 0)->flags & XOVN_IN_PORT_SECURITY);
	cr_assert(find_port(&s, 10, 1)->flags & XOVN_PF_PORT_SECURITY);
	cr_assert_not(find_port(&s, 10, 3)->flags & XOVN_PF_PORT_SECURITY);
	xovn_mapset_free(&s);
}

Test(compile_security, mac_entries_carry_the_listed_families)
{
	struct xovn_mapset s;

	compile_text_ok(model, "hv1", fake_host, &s);
	cr_assert_eq(find_mac(&s, 1, "00:00:00:00:00:01")->flags,
		     XOVN_PSEC_IPV4 | XOVN_PSEC_IPV6 | XOVN_PSEC_IN4_NETS | XOVN_PSEC_OUT4_NETS,
		     "10.0.1.0/24 is a subnet; its IPv6 addresses are hosts only");
	cr_assert_eq(find_mac(&s, 2, "00:00:00:00:00:02")->flags, 0, "MAC only: IP unrestricted");
	cr_assert_null(find_mac(&s, 3, "00:00:00:00:00:03"), "no port_security, no entry");
	cr_assert_eq(count_map(&s, XOVN_MAP_PSEC_MAC), 2);
	xovn_mapset_free(&s);
}

Test(compile_security, hosts_go_to_the_hash_and_subnets_to_the_tries)
{
	const char *a = "00:00:00:00:00:01";
	struct xovn_mapset s;

	compile_text_ok(model, "hv1", fake_host, &s);
	cr_assert(has_host4(&s, XOVN_PSEC_DIR_IN, "10.0.0.1"));
	cr_assert(has_host4(&s, XOVN_PSEC_DIR_OUT, "10.0.0.1"));
	/* 10.0.2.5/24: the host itself, plus its subnet broadcast on the way out */
	cr_assert(has_host4(&s, XOVN_PSEC_DIR_IN, "10.0.2.5"));
	cr_assert(has_host4(&s, XOVN_PSEC_DIR_OUT, "10.0.2.5"));
	cr_assert(has_host4(&s, XOVN_PSEC_DIR_OUT, "10.0.2.255"));
	cr_assert_not(has_host4(&s, XOVN_PSEC_DIR_IN, "10.0.2.255"));
	cr_assert_not(has_v4(&s, XOVN_MAP_PSEC_IN4, a, "10.0.2.0", 24));
	/* 10.0.1.0/24: the whole subnet both ways, in the tries */
	cr_assert(has_v4(&s, XOVN_MAP_PSEC_IN4, a, "10.0.1.0", 24));
	cr_assert(has_v4(&s, XOVN_MAP_PSEC_OUT4, a, "10.0.1.0", 24));
	cr_assert_not(has_host4(&s, XOVN_PSEC_DIR_IN, "10.0.1.0"));
	cr_assert_eq(count_map(&s, XOVN_MAP_PSEC_IN4), 1, "only the subnet");
	cr_assert_eq(count_map(&s, XOVN_MAP_PSEC_OUT4), 1, "only the subnet");
	xovn_mapset_free(&s);
}

Test(compile_security, ipv6_entry_also_allows_the_eui64_link_local)
{
	struct xovn_mapset s;

	compile_text_ok(model, "hv1", fake_host, &s);
	cr_assert(has_host6(&s, XOVN_PSEC_DIR_IN, "fd00::1"));
	cr_assert(has_host6(&s, XOVN_PSEC_DIR_IN, "fe80::200:ff:fe00:1"));
	cr_assert(has_host6(&s, XOVN_PSEC_DIR_OUT, "fe80::200:ff:fe00:1"));
	cr_assert_eq(count_map(&s, XOVN_MAP_PSEC_HOST6), 4, "two hosts, both ways");
	cr_assert_eq(count_map(&s, XOVN_MAP_PSEC_IN6), 0, "no IPv6 subnet listed");
	xovn_mapset_free(&s);
}

Test(compile_security, bad_port_security_entry_fails_with_the_port_name)
{
	json_t *m = model_from(model);
	json_t *ps = json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(m, "logical_switches"), 0), "ports"), 1),
		"port_security");

	json_array_append_new(ps, json_string("00:00:00:00:00:02 10.0.0.300"));
	cr_assert(strstr(compile_err(m, "hv1", fake_host), "port 'b'"));
	json_decref(m);
}

Test(compile_responder, eligible_targets_and_their_flags)
{
	json_t *m = model_from(model);
	struct xovn_mapset s;
	const struct xovn_resp_val *v;

	compile_ok(m, "hv1", fake_host, &s);
	v = find_arp(&s, "10.0.0.1");
	cr_assert_not_null(v, "local VIF");
	cr_assert_eq(v->port_key, 1);
	cr_assert_eq(v->flags, XOVN_RESP_RESIDENT);
	cr_assert_eq(v->mac[5], 0x01);
	cr_assert_not_null(find_nd(&s, "fd00::1"));
	cr_assert_eq(find_arp(&s, "10.0.0.3")->flags, 0, "bound on hv2: answered, not resident");
	cr_assert_null(find_arp(&s, "10.0.0.4"), "unbound VIF");
	cr_assert_null(find_arp(&s, "10.0.0.5"), "external port");
	cr_assert_eq(find_arp(&s, "10.0.0.6")->flags, 0, "localport attached here");
	cr_assert_eq(find_arp(&s, "10.0.0.254")->flags, XOVN_RESP_ROUTER);
	cr_assert_eq(find_nd(&s, "fd00::fe")->flags, XOVN_RESP_ROUTER);
	cr_assert_null(find_arp(&s, "10.0.0.8"), "a port with unknown");
	xovn_mapset_free(&s);

	/* hv2 has no localport instance: nothing to answer with */
	compile_ok(m, "hv2", fake_host, &s);
	cr_assert_null(find_arp(&s, "10.0.0.6"));
	cr_assert_eq(find_arp(&s, "10.0.0.3")->flags, XOVN_RESP_RESIDENT);
	cr_assert_eq(find_arp(&s, "10.0.0.1")->flags, 0);
	xovn_mapset_free(&s);
	json_decref(m);
}
