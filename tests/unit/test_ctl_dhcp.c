/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_dhcp.c - the DHCP_Options verbs (dhcp-options-*,
 * lsp-set/get-dhcpv4-options) and the DHCP_Options table of the generic
 * database commands, with ovn-nbctl's output.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ctl_harness.h"

TestSuite(ctl_dhcp, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static void port_vm1(void)
{
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1",
	       "--", "lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0.5");
}

/* Creates one row and returns its uuid (the only one listed). */
static char *create_row(const char *cidr)
{
	CTL_OUT("", "dhcp-options-create", cidr);
	return ctl_capture_v(CTL_ARGV("dhcp-options-list"));
}

/* Port vm1 and one row of cidr, whose uuid it returns. */
static char *vm1_and_row(const char *cidr)
{
	port_vm1();
	return create_row(cidr);
}

static const char *port_member(const char *port, const char *key)
{
	json_t *m = ctl_load();
	const char *v = json_string_value(json_object_get(ctl_json_port(m, port), key));
	static char buf[64];

	snprintf(buf, sizeof(buf), "%s", v ? v : "");
	json_decref(m);
	return buf;
}

Test(ctl_dhcp, create_prints_nothing_and_row_gets_uuid)
{
	char *u;
	json_t *m, *row;

	CTL_OUT("", "dhcp-options-create", "10.0.0.0/24", "subnet_id=s1", "owner=me");
	u = ctl_capture_v(CTL_ARGV("dhcp-options-list"));
	cr_assert_eq(strlen(u), 36, "not one uuid: \"%s\"", u);
	m = ctl_load();
	row = json_array_get(json_object_get(m, "dhcp_options"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(row, "_uuid")), u);
	cr_assert_str_eq(json_string_value(json_object_get(row, "cidr")), "10.0.0.0/24");
	/* the pairs of dhcp-options-create are external_ids, as in ovn-nbctl */
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(row, "external_ids"),
							   "subnet_id")), "s1");
	cr_assert_eq(json_object_size(json_object_get(row, "options")), 0);
	json_decref(m);
	free(u);
}

Test(ctl_dhcp, set_and_get_options_sorted)
{
	char *u = create_row("10.0.0.0/24");

	CTL_OK("dhcp-options-set-options", u, "server_id=10.0.0.1", "server_mac=00:00:00:00:00:fe",
	       "lease_time=3600", "router=10.0.0.1", "dns_server={8.8.8.8, 1.1.1.1}", "mtu=1400",
	       "domain_name=\"example.org\"", "T1=1800", "T2=3150",
	       "classless_static_route={30.0.0.0/24,10.0.0.10, 0.0.0.0/0,10.0.0.1}");
	CTL_OUT("T1=1800\nT2=3150\n"
		"classless_static_route={30.0.0.0/24,10.0.0.10, 0.0.0.0/0,10.0.0.1}\n"
		"dns_server={8.8.8.8, 1.1.1.1}\ndomain_name=\"example.org\"\n"
		"lease_time=3600\nmtu=1400\nrouter=10.0.0.1\nserver_id=10.0.0.1\n"
		"server_mac=00:00:00:00:00:fe\n",
		"dhcp-options-get-options", u);
	/* set-options replaces the whole map */
	CTL_OK("dhcp-options-set-options", u, "lease_time=60");
	CTL_OUT("lease_time=60\n", "dhcp-options-get-options", u);
	free(u);
}

Test(ctl_dhcp, bad_cidr_ip_mac_and_key_are_errors)
{
	char *u;

	CTL_FAIL("invalid cidr", "dhcp-options-create", "10.0.0.1/24");
	CTL_FAIL("invalid cidr", "dhcp-options-create", "10.0.0.0");
	CTL_FAIL("invalid cidr", "dhcp-options-create", "10.0.0.0/33");
	CTL_FAIL("invalid cidr", "dhcp-options-create", "banana/8");
	u = create_row("10.0.0.0/24");
	CTL_FAIL("router", "dhcp-options-set-options", u, "router=10.0.0.300");
	CTL_FAIL("server_mac", "dhcp-options-set-options", u, "server_mac=00:00:00:00:00");
	CTL_FAIL("server_id", "dhcp-options-set-options", u, "server_id=fe80::1");
	CTL_FAIL("lease_time", "dhcp-options-set-options", u, "lease_time=soon");
	CTL_FAIL("mtu", "dhcp-options-set-options", u, "mtu=20");
	CTL_FAIL("dns_server", "dhcp-options-set-options", u, "dns_server={8.8.8.8, x}");
	CTL_FAIL("unsupported DHCPv4 option \"bogus\"", "dhcp-options-set-options", u, "bogus=1");
	CTL_FAIL("expected KEY=VALUE", "dhcp-options-set-options", u, "lease_time");
	CTL_FAIL("not found", "dhcp-options-set-options",
		 "00000000-0000-4000-8000-000000000000", "lease_time=1");
	free(u);
}

Test(ctl_dhcp, port_reference_set_get_clear)
{
	char *u = vm1_and_row("10.0.0.0/24"), want[128];

	CTL_OUT("", "lsp-get-dhcpv4-options", "vm1");
	CTL_OK("lsp-set-dhcpv4-options", "vm1", u);
	cr_assert_str_eq(port_member("vm1", "dhcpv4_options"), u);
	snprintf(want, sizeof(want), "%s (10.0.0.0/24)\n", u);
	CTL_OUT(want, "lsp-get-dhcpv4-options", "vm1");
	CTL_OK("lsp-set-dhcpv4-options", "vm1");
	CTL_OUT("", "lsp-get-dhcpv4-options", "vm1");
	CTL_FAIL("not found", "lsp-set-dhcpv4-options", "vm1",
		 "00000000-0000-4000-8000-000000000000");
	CTL_FAIL("vm9", "lsp-set-dhcpv4-options", "vm9", u);
	free(u);
}

Test(ctl_dhcp, v6_row_is_refused_for_dhcpv4)
{
	char *u = vm1_and_row("fd00::/64");

	CTL_FAIL("IPv6", "lsp-set-dhcpv4-options", "vm1", u);
	free(u);
}

Test(ctl_dhcp, del_clears_port_references)
{
	char *u = vm1_and_row("10.0.0.0/24");

	CTL_OK("lsp-set-dhcpv4-options", "vm1", u);
	CTL_OK("dhcp-options-del", u);
	CTL_OUT("", "dhcp-options-list");
	cr_assert_str_eq(port_member("vm1", "dhcpv4_options"), "");
	CTL_FAIL("not found", "dhcp-options-del", u);
	free(u);
}

Test(ctl_dhcp, list_is_sorted)
{
	char *out, *a, *b;

	CTL_OK("dhcp-options-create", "10.0.0.0/24", "--", "dhcp-options-create", "10.1.0.0/24");
	out = ctl_capture_v(CTL_ARGV("dhcp-options-list"));
	a = out;
	b = strchr(out, '\n');
	cr_assert_not_null(b, "two rows: %s", out);
	*b++ = '\0';
	cr_assert_eq(strlen(a), 36);
	cr_assert_eq(strlen(b), 36);
	cr_assert_lt(strcmp(a, b), 0, "%s before %s", a, b);
	free(out);
}

/* Incomplete configuration is stored: the compiler leaves it inactive. */
Test(ctl_dhcp, incomplete_row_and_outside_address_are_stored)
{
	char *u;

	port_vm1();
	CTL_OK("lsp-set-addresses", "vm1", "00:00:00:00:00:01 192.168.9.9");
	u = create_row("10.0.0.0/24");
	CTL_OK("dhcp-options-set-options", u, "router=10.0.0.1");
	CTL_OK("lsp-set-dhcpv4-options", "vm1", u);
	cr_assert_str_eq(port_member("vm1", "dhcpv4_options"), u);
	free(u);
}

Test(ctl_dhcp, generic_commands_know_the_table)
{
	char *v, cmd[128], want[256];

	port_vm1();
	/* seed 004's spelling: the options map's pairs separated by spaces */
	v = ctl_capture_v(CTL_ARGV("create", "DHCP_Options", "cidr=172.16.1.0/24",
			     "options=\"server_id\"=\"172.16.1.254\" \"server_mac\"=\"00:00:00:00:01:00\" "
			     "\"lease_time\"=\"36000\" \"router\"=\"172.16.1.254\""));
	cr_assert_eq(strlen(v), 36, "create prints the uuid: %s", v);
	CTL_OUT("lease_time=36000\nrouter=172.16.1.254\nserver_id=172.16.1.254\n"
		"server_mac=00:00:00:00:01:00\n", "dhcp-options-get-options", v);
	snprintf(want, sizeof(want), "\"172.16.1.0/24\"\n");
	CTL_OUT(want, "get", "DHCP_Options", v, "cidr");
	CTL_OUT("\"36000\"\n", "get", "DHCP_Options", v, "options:lease_time");
	CTL_OK("set", "DHCP_Options", v, "options:mtu=1442");
	CTL_OUT("\"1442\"\n", "get", "DHCP_Options", v, "options:mtu");
	snprintf(want, sizeof(want), "%s\n", v);
	CTL_OUT(want, "--bare", "--columns=_uuid", "find", "DHCP_Options", "cidr=\"172.16.1.0/24\"");
	/* a port refers to the row by its uuid */
	CTL_OK("add", "Logical_Switch_Port", "vm1", "dhcpv4_options", v);
	cr_assert_str_eq(port_member("vm1", "dhcpv4_options"), v);
	CTL_OUT(want, "get", "Logical_Switch_Port", "vm1", "dhcpv4_options");
	snprintf(cmd, sizeof(cmd), "dhcpv4_options=%s", v);
	CTL_OK("set", "Logical_Switch_Port", "vm1", cmd);
	CTL_OK("destroy", "DHCP_Options", v);
	cr_assert_str_eq(port_member("vm1", "dhcpv4_options"), "");
	CTL_FAIL("no row", "set", "Logical_Switch_Port", "vm1", cmd);
	free(v);
}

/* Seed 004's IPv6 row: colons escaped with backslashes, as OVSDB reads them. */
Test(ctl_dhcp, seed_v6_row_with_escaped_colons)
{
	char *v, want[128];

	port_vm1();
	v = ctl_capture_v(CTL_ARGV("create", "DHCP_Options", "cidr=2001\\:db8\\:1\\:\\:0/64",
			     "options=\"server_id\"=\"00:00:00:00:01:00\" "
			     "\"dns_server\"=\"2001:db8:1::254\""));
	CTL_OUT("\"2001:db8:1::0/64\"\n", "get", "DHCP_Options", v, "cidr");
	CTL_OK("add", "Logical_Switch_Port", "vm1", "dhcpv6_options", v);
	snprintf(want, sizeof(want), "%s (2001:db8:1::0/64)\n", v);
	CTL_OUT(want, "lsp-get-dhcpv6-options", "vm1");
	free(v);
}
