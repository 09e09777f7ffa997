/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_nat.c - xovnctl lr-nat-add, lr-nat-del, lr-nat-list: what is
 * stored (logical_ip canonical, external_ip as written, options:stateless),
 * every refusal with ovn-nbctl 23.03's message, duplicates by OVN's keys,
 * deletion filters, and lr-nat-list's table, which is ovn-nbctl 23.03's
 * byte for byte for the same command lines (compared with it when the test
 * was written; tests/e2e/test_nbctl_nat.sh compares it live).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "out", "00:00:00:00:00:02",
	       "172.16.0.1/24", "--", "ls-add", "s1", "--", "lsp-add", "s1", "vm1");
}

TestSuite(ctl_nat, .init = setup, .fini = ctl_fixture_fini);

static json_t *nat_of(json_t *m, size_t i)
{
	return json_array_get(json_object_get(ctl_json_router(m, "r1"), "nat"), i);
}

static const char *member(json_t *nat, const char *key)
{
	return json_string_value(json_object_get(nat, key));
}

Test(ctl_nat, rules_are_stored_as_ovn_nbctl_stores_them)
{
	static const struct {
		const char *type, *ext, *lip, *stored_lip;
	} cases[] = {
		{ "snat", "172.16.0.10", "10.0.0.0/24", "10.0.0.0/24" },
		{ "snat", "172.16.0.10", "10.0.0.7/24", "10.0.0.0/24" },
		{ "snat", "172.16.0.10", "10.0.0.7/32", "10.0.0.7" },
		{ "dnat", "172.16.0.10", "10.0.0.7", "10.0.0.7" },
		{ "dnat_and_snat", "172.16.0.10", "10.0.0.7", "10.0.0.7" },
		{ "snat", "2001:DB8::10", "FD00:0:0:0::/64", "fd00::/64" },
		{ "dnat", "2001:DB8::10", "FD00::0011", "fd00::11" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *m, *nat;

		CTL_OK("lr-nat-add", "r1", cases[i].type, cases[i].ext, cases[i].lip);
		m = ctl_load();
		nat = nat_of(m, 0);
		cr_assert_not_null(nat, "case %zu", i);
		cr_expect_str_eq(member(nat, "type"), cases[i].type);
		cr_expect_str_eq(member(nat, "external_ip"), cases[i].ext);
		cr_expect_str_eq(member(nat, "logical_ip"), cases[i].stored_lip, "case %zu", i);
		cr_expect_str_eq(member(json_object_get(nat, "options"), "stateless"), "false");
		cr_expect_null(json_object_get(nat, "logical_port"));
		cr_expect_not_null(json_object_get(nat, "_uuid"));
		json_decref(m);
		CTL_OK("lr-nat-del", "r1");
	}
}

Test(ctl_nat, distributed_floating_ip_port_range_and_stateless)
{
	json_t *m;

	CTL_OK("--portrange", "lr-nat-add", "r1", "dnat_and_snat", "172.16.0.30", "10.0.0.30",
	       "vm1", "00:00:00:00:01:30", "1000-2000");
	CTL_OK("--stateless", "lr-nat-add", "r1", "dnat_and_snat", "172.16.0.31", "10.0.0.31");
	CTL_OK("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.32", "10.0.0.32", "8080");
	m = ctl_load();
	cr_expect_str_eq(member(nat_of(m, 0), "logical_port"), "vm1");
	cr_expect_str_eq(member(nat_of(m, 0), "external_mac"), "00:00:00:00:01:30");
	cr_expect_str_eq(member(nat_of(m, 0), "external_port_range"), "1000-2000");
	cr_expect_str_eq(member(json_object_get(nat_of(m, 1), "options"), "stateless"), "true");
	cr_expect_str_eq(member(nat_of(m, 2), "external_port_range"), "8080");
	json_decref(m);
}

Test(ctl_nat, refusals_say_what_ovn_nbctl_says)
{
	/* Not static: the argument lists are compound literals. */
	const struct {
		const char *msg;
		const char *const *argv;
	} cases[] = {
		{ "nope: router name not found",
		  CTL_ARGV("lr-nat-add", "nope", "snat", "172.16.0.10", "10.0.0.0/24") },
		{ "masq: type must be one of \"dnat\", \"snat\" and \"dnat_and_snat\".",
		  CTL_ARGV("lr-nat-add", "r1", "masq", "172.16.0.10", "10.0.0.0/24") },
		{ "172.16.0: Not a valid IPv4 or IPv6 address.",
		  CTL_ARGV("lr-nat-add", "r1", "snat", "172.16.0", "10.0.0.0/24") },
		{ "001.16.0.1: Not a valid IPv4 or IPv6 address.",
		  CTL_ARGV("lr-nat-add", "r1", "snat", "001.16.0.1", "10.0.0.0/24") },
		{ "10.0.0.0/24: Not a valid IPv4 address.",
		  CTL_ARGV("lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.0/24") },
		{ "10.0.0.5: Not a valid IPv6 address.",
		  CTL_ARGV("lr-nat-add", "r1", "dnat", "2001:db8::1", "10.0.0.5") },
		{ "10.0.0.0/24: should be an IPv6 address or network.",
		  CTL_ARGV("lr-nat-add", "r1", "snat", "2001:db8::1", "10.0.0.0/24") },
		{ "fd00::/64: should be an IPv4 address or network.",
		  CTL_ARGV("lr-nat-add", "r1", "snat", "172.16.0.10", "fd00::/64") },
		{ "lr-nat-add with logical_port must also specify external_mac.",
		  CTL_ARGV("lr-nat-add", "r1", "dnat_and_snat", "172.16.0.10", "10.0.0.5", "vm1") },
		{ "logical_port and external_mac are only valid when type is \"dnat_and_snat\".",
		  CTL_ARGV("lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.5", "vm1",
			   "00:00:00:00:01:01") },
		{ "nosuch: port name not found",
		  CTL_ARGV("lr-nat-add", "r1", "dnat_and_snat", "172.16.0.10", "10.0.0.5", "nosuch",
			   "00:00:00:00:01:01") },
		{ "invalid mac address zz.",
		  CTL_ARGV("lr-nat-add", "r1", "dnat_and_snat", "172.16.0.10", "10.0.0.5", "vm1",
			   "zz") },
		{ "invalid port range 2000-1000.",
		  CTL_ARGV("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.5",
			   "2000-1000") },
		{ "invalid port range 0-10.",
		  CTL_ARGV("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.5",
			   "0-10") },
		{ "invalid port range 1-70000.",
		  CTL_ARGV("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.5",
			   "1-70000") },
		{ "invalid port range 0.",
		  CTL_ARGV("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.10", "10.0.0.5",
			   "0") },
		{ "stateless is not applicable to dnat or snat types",
		  CTL_ARGV("--stateless", "lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.0/24") },
		{ "bogus: type must be one of",
		  CTL_ARGV("lr-nat-del", "r1", "bogus") },
		{ "nosuch: port name not found",
		  CTL_ARGV("lr-nat-del", "r1", "dnat", "172.16.0.10", "nosuch") },
		{ "no matching NAT with the type (snat), logical_ip (10.0.0.0/24) and gateway_port "
		  "(out)", CTL_ARGV("lr-nat-del", "r1", "snat", "10.0.0.0/24", "out") },
		{ "nope: router name not found", CTL_ARGV("lr-nat-list", "nope") },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ctl_expect_fail_v(cases[i].msg, cases[i].argv);
}

Test(ctl_nat, duplicates_by_the_types_key_and_may_exist)
{
	json_t *m;

	CTL_OK("lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.0/24");
	CTL_FAIL("172.16.0.10, 10.0.0.0/24: a NAT with this external_ip and logical_ip already "
		 "exists", "lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.9/24");
	CTL_FAIL("a NAT with this type (snat), logical_ip (10.0.0.0/24) already exists",
		 "lr-nat-add", "r1", "snat", "172.16.0.11", "10.0.0.0/24");
	CTL_OK("--may-exist", "lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.0/24");
	CTL_OK("lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.1.0/24");
	CTL_OK("lr-nat-add", "r1", "dnat", "172.16.0.20", "10.0.0.20");
	CTL_FAIL("a NAT with this type (dnat), external_ip (172.16.0.20) already exists",
		 "lr-nat-add", "r1", "dnat", "172.16.0.20", "10.0.0.21");
	/* Other types do not clash. */
	CTL_OK("lr-nat-add", "r1", "dnat_and_snat", "172.16.0.20", "10.0.0.20");
	/* --may-exist on the same rule sets its distributed pair. */
	CTL_OK("--may-exist", "lr-nat-add", "r1", "dnat_and_snat", "172.16.0.20", "10.0.0.20",
	       "vm1", "00:00:00:00:01:20");
	m = ctl_load();
	cr_expect_eq(json_array_size(json_object_get(ctl_json_router(m, "r1"), "nat")), 4);
	cr_expect_str_eq(member(nat_of(m, 3), "logical_port"), "vm1");
	json_decref(m);
}

Test(ctl_nat, del_by_type_by_key_and_all)
{
	json_t *m;

	CTL_OK("lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.0/24", "--",
	       "lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.1.0/24", "--",
	       "lr-nat-add", "r1", "dnat", "172.16.0.20", "10.0.0.20", "--",
	       "lr-nat-add", "r1", "dnat", "172.16.0.21", "10.0.0.21", "--",
	       "lr-nat-add", "r1", "dnat_and_snat", "172.16.0.22", "10.0.0.22");
	/* An snat is named by its logical network, in any spelling of it. */
	CTL_OK("lr-nat-del", "r1", "snat", "10.0.1.9/24");
	/* No match deletes nothing and, as in ovn-nbctl 23.03, is no error. */
	CTL_OK("lr-nat-del", "r1", "dnat", "172.16.9.9");
	CTL_OK("--if-exists", "lr-nat-del", "r1", "dnat", "172.16.0.21", "out");
	CTL_OK("lr-nat-del", "r1", "dnat", "172.16.0.20");
	m = ctl_load();
	cr_expect_eq(json_array_size(json_object_get(ctl_json_router(m, "r1"), "nat")), 3);
	json_decref(m);
	CTL_OK("lr-nat-del", "r1", "dnat");
	m = ctl_load();
	cr_expect_eq(json_array_size(json_object_get(ctl_json_router(m, "r1"), "nat")), 2);
	json_decref(m);
	CTL_OK("lr-nat-del", "r1");
	CTL_OUT("", "lr-nat-list", "r1");
}

Test(ctl_nat, list_is_ovn_nbctls_table)
{
	CTL_OK("lr-nat-add", "r1", "snat", "172.16.0.10", "10.0.0.0/24", "--",
	       "lr-nat-add", "r1", "dnat", "172.16.0.2", "10.0.0.5", "--",
	       "--portrange", "lr-nat-add", "r1", "dnat_and_snat", "172.16.0.12", "10.0.0.12",
	       "vm1", "00:00:00:00:00:0a", "100-200", "--",
	       "lr-nat-add", "r1", "dnat_and_snat", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
	       "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1234", "vm1", "00:00:00:00:00:01", "--",
	       "lr-nat-add", "r1", "snat", "2001:db8::10", "fd00::/64");
	CTL_OUT("TYPE             GATEWAY_PORT          EXTERNAL_IP        EXTERNAL_PORT    "
		"LOGICAL_IP          EXTERNAL_MAC         LOGICAL_PORT\n"
		"dnat                                   172.16.0.2                          "
		"10.0.0.5\n"
		"dnat_and_snat                          172.16.0.12        100-200          "
		"10.0.0.12           00:00:00:00:00:0a    vm1\n"
		"dnat_and_snat                          2001:db8:aaaa:b                     "
		"2001:db8:aaaa:bb    00:00:00:00:00:01    vm1\n"
		"snat                                   172.16.0.10                         "
		"10.0.0.0/24\n"
		"snat                                   2001:db8::10                        "
		"fd00::/64\n",
		"lr-nat-list", "r1");
}

/* lr-nat-conntrack reads the datapath: what it refuses before reading, and a missing map. */
Test(ctl_nat, conntrack_names_what_it_cannot_read)
{
	CTL_FAIL("lr-nat-conntrack: give --chassis NAME", "lr-nat-conntrack");
	CTL_FAIL("lr-nat-conntrack: no chassis named hv9", "lr-nat-conntrack", "--chassis", "hv9");
	CTL_OK("chassis-add", "hv1", "geneve", "192.0.2.1");
	CTL_FAIL("lr-nat-conntrack: no router named r9", "lr-nat-conntrack", "r9");
	CTL_FAIL("lr-nat-conntrack: more than one ROUTER given", "lr-nat-conntrack", "r1", "r2");
	CTL_FAIL("xovn_nat_ct", "lr-nat-conntrack", "--pin-dir", "/nonexistent-xovn-pins", "r1");
}
