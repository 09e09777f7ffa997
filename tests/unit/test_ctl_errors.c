/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_errors.c - every rejected command exits 1 with a "xovnctl: "
 * message and leaves the db byte-identical (CTL_FAIL checks all three).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1", "--", "lsp-add", "sw0", "ln",
	       "--", "lsp-set-type", "ln", "localnet", "--", "lsp-set-options", "ln",
	       "network_name=phys", "--", "chassis-add", "hv1", "geneve", "192.0.2.1");
}

TestSuite(ctl_errors, .init = setup, .fini = ctl_fixture_fini);

Test(ctl_errors, unknown_switch)
{
	CTL_FAIL("nope: switch name not found", "lsp-add", "nope", "p1");
	CTL_FAIL("switch name not found", "lsp-list", "nope");
	CTL_FAIL("switch name not found", "ls-del", "nope");
}

Test(ctl_errors, unknown_port)
{
	CTL_FAIL("port name not found", "lsp-set-type", "nope", "localport");
	CTL_FAIL("port name not found", "lsp-del", "nope");
	CTL_FAIL("port name not found", "lsp-get-addresses", "nope");
}

Test(ctl_errors, duplicate_switch_and_port)
{
	CTL_FAIL("already exists", "ls-add", "sw0");
	CTL_FAIL("already exists", "lsp-add", "sw0", "vm1");
	CTL_OK("ls-add", "sw1");
	CTL_FAIL("already exists", "lsp-add", "sw1", "vm1");
	CTL_FAIL("already exists", "chassis-add", "hv1", "geneve", "192.0.2.9");
	CTL_FAIL("already used by chassis hv1", "chassis-add", "hv2", "geneve", "192.0.2.1");
}

Test(ctl_errors, bad_mac_and_bad_ip_in_addresses)
{
	CTL_FAIL("invalid address", "lsp-set-addresses", "vm1", "00:00:00:00:00 10.0.0.1");
	CTL_FAIL("invalid address", "lsp-set-addresses", "vm1", "zz:00:00:00:00:01");
	CTL_FAIL("invalid address", "lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0.300");
	CTL_FAIL("invalid port security", "lsp-set-port-security", "vm1", "00:00:00:00:01");
}

Test(ctl_errors, tag_out_of_range)
{
	CTL_FAIL("1..4094", "lsp-add", "sw0", "c1", "vm1", "0");
	CTL_FAIL("1..4094", "lsp-add", "sw0", "c1", "vm1", "4095");
	CTL_FAIL("1..4094", "lsp-add", "sw0", "c1", "vm1", "12x");
	CTL_FAIL("1..4094", "lsp-set-tag", "ln", "5000");
}

Test(ctl_errors, duplicate_tag_under_parent)
{
	CTL_OK("lsp-add", "sw0", "c1", "vm1", "10");
	CTL_FAIL("already used by port c1", "lsp-add", "sw0", "c2", "vm1", "10");
}

Test(ctl_errors, unknown_verb)
{
	CTL_FAIL("unknown command \"ls-frobnicate\"", "ls-frobnicate", "x");
	CTL_FAIL("unknown command", "ls-add", "sw9", "--", "bogus");
}

Test(ctl_errors, missing_and_extra_arguments)
{
	CTL_FAIL("missing argument", "ls-add");
	CTL_FAIL("missing argument", "lsp-add", "sw0");
	CTL_FAIL("PARENT given without TAG", "lsp-add", "sw0", "c1", "vm1");
	CTL_FAIL("too many arguments", "ls-add", "a", "b");
	CTL_FAIL("too many arguments", "lsp-add", "sw0", "c1", "vm1", "3", "x");
	CTL_FAIL("missing argument", "chassis-add", "hv2", "geneve");
	CTL_FAIL("missing command", "ls-add", "sw9", "--");
}

Test(ctl_errors, bad_type)
{
	CTL_FAIL("invalid port type \"vif\"", "lsp-set-type", "vm1", "vif");
}

Test(ctl_errors, unknown_chassis)
{
	/* Naming a chassis that registers later is incomplete, not wrong: test_ctl_incomplete.c */
	CTL_FAIL("chassis name not found", "vif-attach", "hv9", "tap1", "vm1");
	CTL_FAIL("chassis name not found", "chassis-del", "hv9");
}

Test(ctl_errors, bad_encap_ip_and_type)
{
	CTL_FAIL("invalid encap IP", "chassis-add", "hv2", "geneve", "192.0.2.256");
	CTL_FAIL("invalid encap IP", "chassis-add", "hv2", "geneve", "fe80::1");
	CTL_FAIL("only geneve", "chassis-add", "hv2", "vxlan", "192.0.2.2");
}

Test(ctl_errors, parent_not_a_vif)
{
	CTL_FAIL("not a VIF", "lsp-add", "sw0", "c1", "ln", "5");
	CTL_OK("lsp-add", "sw0", "c1", "vm1", "5");
	CTL_FAIL("not a VIF", "lsp-add", "sw0", "c2", "c1", "6");
}

Test(ctl_errors, bad_names)
{
	CTL_FAIL("may only contain", "ls-add", "has space");
	CTL_FAIL("1 to 63", "ls-add", "");
	CTL_FAIL("interface name", "vif-attach", "hv1", "a/b", "vm1");
	CTL_FAIL("interface name", "chassis-set-encap-iface", "hv1", "name-longer-than-15");
}

Test(ctl_errors, bad_options)
{
	CTL_FAIL("unknown option --frob", "--frob", "ls-add", "x");
	CTL_FAIL("option not accepted", "--may-exist", "ls-list");
	CTL_FAIL("tunnel key", "--tunnel-key=0", "ls-add", "x");
}

/* Rules only the validator sees (it runs on the whole result) still reject. */
Test(ctl_errors, validator_rejects_inconsistent_result)
{
	CTL_FAIL("invalid", "lsp-set-tag", "vm1", "7");
	CTL_FAIL("invalid", "lsp-set-type", "ln", "",
		 "--", "lsp-add", "sw0", "c1", "vm1", "5", "--", "lsp-set-type", "vm1", "localnet");
}

Test(ctl_errors, chassis_named_by_l2gateway_cannot_be_deleted)
{
	CTL_OK("lsp-add", "sw0", "gw", "--", "lsp-set-type", "gw", "l2gateway",
	       "--", "lsp-set-options", "gw", "network_name=phys", "l2gateway-chassis=hv1");
	CTL_FAIL("l2gateway-chassis of port gw", "chassis-del", "hv1");
}

Test(ctl_errors, corrupt_db_is_reported_and_kept)
{
	FILE *f = fopen(ctl_db, "w");

	cr_assert_not_null(f);
	fputs("{ \"version\": 1, \"logical_switches\": [", f);
	fclose(f);
	CTL_FAIL("cannot load", "ls-add", "sw1");
	CTL_FAIL("cannot load", "ls-list");
}
