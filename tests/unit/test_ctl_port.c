/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_port.c - xovnctl lsp-set-* / lsp-get-* verbs, read back from the
 * saved JSON and through the matching get verb.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1", "--", "lsp-add", "sw0", "ln");
}

TestSuite(ctl_port, .init = setup, .fini = ctl_fixture_fini);

static const char *port_str(json_t *m, const char *port, const char *key)
{
	return json_string_value(json_object_get(ctl_json_port(m, port), key));
}

Test(ctl_port, set_and_get_type)
{
	json_t *m;

	CTL_OUT("\n", "lsp-get-type", "vm1");
	CTL_OK("lsp-set-type", "ln", "localnet", "--", "lsp-set-options", "ln",
	       "network_name=phys");
	CTL_OUT("localnet\n", "lsp-get-type", "ln");
	m = ctl_load();
	cr_assert_str_eq(port_str(m, "ln", "type"), "localnet");
	json_decref(m);
	CTL_OK("lsp-set-options", "ln", "--", "lsp-set-type", "ln", "");
	CTL_OUT("\n", "lsp-get-type", "ln");
}

Test(ctl_port, every_type_accepted)
{
	CTL_OK("lsp-set-type", "vm1", "localport");
	CTL_OUT("localport\n", "lsp-get-type", "vm1");
	CTL_OK("ha-chassis-group-add", "g", "--", "lsp-set-type", "vm1", "external");
	CTL_OUT("external\n", "lsp-get-type", "vm1");
	CTL_OK("lsp-set-type", "vm1", "router");
	CTL_OUT("router\n", "lsp-get-type", "vm1");
}

Test(ctl_port, set_and_get_addresses)
{
	json_t *m, *a;

	CTL_OK("lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0.1 fd00::1", "unknown");
	CTL_OUT("00:00:00:00:00:01 10.0.0.1 fd00::1\nunknown\n", "lsp-get-addresses", "vm1");
	m = ctl_load();
	a = json_object_get(ctl_json_port(m, "vm1"), "addresses");
	cr_assert_eq(json_array_size(a), 2);
	cr_assert_str_eq(json_string_value(json_array_get(a, 1)), "unknown");
	json_decref(m);
	CTL_OK("lsp-set-addresses", "vm1");
	CTL_OUT("", "lsp-get-addresses", "vm1");
	ctl_expect_absent(ctl_json_port, "vm1", "addresses");
}

Test(ctl_port, set_and_get_port_security)
{
	json_t *m, *ps;

	CTL_OK("lsp-set-port-security", "vm1", "00:00:00:00:00:01 10.0.0.0/24");
	CTL_OUT("00:00:00:00:00:01 10.0.0.0/24\n", "lsp-get-port-security", "vm1");
	m = ctl_load();
	ps = json_object_get(ctl_json_port(m, "vm1"), "port_security");
	cr_assert_str_eq(json_string_value(json_array_get(ps, 0)),
			 "00:00:00:00:00:01 10.0.0.0/24");
	json_decref(m);
	CTL_FAIL("invalid port security", "lsp-set-port-security", "vm1", "unknown");
}

Test(ctl_port, set_options_replaces_all)
{
	json_t *m, *o;

	CTL_OK("lsp-set-options", "vm1", "requested-chassis=hv1", "foo=bar");
	CTL_OUT("foo=bar\nrequested-chassis=hv1\n", "lsp-get-options", "vm1");
	CTL_OK("lsp-set-options", "vm1", "foo=baz");
	m = ctl_load();
	o = json_object_get(ctl_json_port(m, "vm1"), "options");
	cr_assert_eq(json_object_size(o), 1);
	cr_assert_str_eq(json_string_value(json_object_get(o, "foo")), "baz");
	json_decref(m);
	CTL_FAIL("not KEY=VALUE", "lsp-set-options", "vm1", "novalue");
}

Test(ctl_port, set_tag_on_localnet)
{
	json_t *m;

	CTL_OK("lsp-set-type", "ln", "localnet", "--", "lsp-set-options", "ln",
	       "network_name=phys", "--", "lsp-set-tag", "ln", "100");
	m = ctl_load();
	cr_assert_eq(ctl_json_int(ctl_json_port(m, "ln"), "tag"), 100);
	json_decref(m);
	CTL_OK("lsp-set-tag", "ln", "");
	ctl_expect_absent(ctl_json_port, "ln", "tag");
}

Test(ctl_port, set_and_clear_ha_chassis_group)
{
	json_t *m;

	CTL_OK("ha-chassis-group-add", "g1", "--", "lsp-set-type", "vm1", "external",
	       "--", "lsp-set-ha-chassis-group", "vm1", "g1");
	m = ctl_load();
	cr_assert_str_eq(port_str(m, "vm1", "ha_chassis_group"), "g1");
	json_decref(m);
	CTL_OK("lsp-set-ha-chassis-group", "vm1", "");
	ctl_expect_absent(ctl_json_port, "vm1", "ha_chassis_group");
	CTL_FAIL("not found", "lsp-set-ha-chassis-group", "vm1", "nope");
}

Test(ctl_port, ha_group_del_clears_port_reference)
{
	json_t *m;

	CTL_OK("ha-chassis-group-add", "g1", "--", "lsp-set-type", "vm1", "external",
	       "--", "lsp-set-ha-chassis-group", "vm1", "g1");
	CTL_OK("ha-chassis-group-del", "g1");
	m = ctl_load();
	cr_assert_null(json_object_get(ctl_json_port(m, "vm1"), "ha_chassis_group"));
	cr_assert_eq(json_array_size(json_object_get(m, "ha_chassis_groups")), 0);
	json_decref(m);
}
