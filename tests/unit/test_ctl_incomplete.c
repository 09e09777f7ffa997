// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ctl_incomplete.c - topologies built one command per invocation, as
 * ovn-nbctl users build them: every step is stored (exit 0), an
 * incomplete item is named by exactly one "xovnctl: warning:" line, show
 * marks the port "(inactive: ...)", and the warning goes once the
 * configuration is complete.  Errors stay refusals.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("ls-add", "ls");
}

TestSuite(ctl_incomplete, .init = setup, .fini = ctl_fixture_fini);

/* Exit 0, stdout empty, stderr exactly warnings ("" for none). */
static void expect_warnings_v(const char *warnings, const char *const *argv)
{
	struct ctl_result r;

	ctl_runv(&r, ctl_db, argv);
	cr_assert_eq(r.status, 0, "xovnctl %s: exit %d, stderr: %s", argv[0], r.status, r.err);
	cr_assert_str_eq(r.err, warnings, "xovnctl %s: stderr:\n%s\nexpected:\n%s", argv[0],
			 r.err, warnings);
	ctl_result_free(&r);
}
#define WARNS(W, ...) expect_warnings_v(W, CTL_ARGV(__VA_ARGS__))

static char *show(void)
{
	struct ctl_result r;
	char *out;

	ctl_runv(&r, ctl_db, CTL_ARGV("show"));
	cr_assert_eq(r.status, 0, "show: %s", r.err);
	out = strdup(r.out);
	ctl_result_free(&r);
	return out;
}

static void expect_show_has(const char *line, int present)
{
	char *out = show();

	cr_expect_eq(strstr(out, line) != NULL, present, "show %s \"%s\":\n%s",
		     present ? "lacks" : "still has", line, out);
	free(out);
}

#define LN_WARNING "xovnctl: warning: port ln is inactive: a localnet port needs " \
		   "options:network_name\n"

Test(ctl_incomplete, localnet_one_command_per_invocation)
{
	WARNS("", "lsp-add", "ls", "ln");
	WARNS(LN_WARNING, "lsp-set-type", "ln", "localnet");
	expect_show_has("port ln (inactive: a localnet port needs options:network_name)", 1);
	WARNS(LN_WARNING, "lsp-set-addresses", "ln", "unknown");
	WARNS("", "lsp-set-options", "ln", "network_name=phys");
	expect_show_has("(inactive", 0);
	CTL_OUT("localnet\n", "lsp-get-type", "ln");
}

Test(ctl_incomplete, l2gateway_waits_for_network_and_chassis)
{
	WARNS("", "lsp-add", "ls", "gw");
	WARNS("xovnctl: warning: port gw is inactive: an l2gateway port needs "
	      "options:network_name\n", "lsp-set-type", "gw", "l2gateway");
	WARNS("xovnctl: warning: port gw is inactive: an l2gateway port needs "
	      "options:l2gateway-chassis\n", "lsp-set-options", "gw", "network_name=phys");
	WARNS("xovnctl: warning: port gw is inactive: l2gateway-chassis \"hv1\" is not a "
	      "chassis yet\n", "lsp-set-options", "gw", "network_name=phys",
	      "l2gateway-chassis=hv1");
	WARNS("", "chassis-add", "hv1", "geneve", "192.0.2.1");
}

Test(ctl_incomplete, container_waits_for_its_parent)
{
	WARNS("xovnctl: warning: port c1 is inactive: parent \"vm1\" does not exist yet\n",
	      "lsp-add", "ls", "c1", "vm1", "10");
	WARNS("xovnctl: warning: port c1 is inactive: parent \"vm1\" is not bound to a chassis\n",
	      "lsp-add", "ls", "vm1");
	expect_show_has("port c1 (inactive: parent \"vm1\" is not bound to a chassis)", 1);
	WARNS("xovnctl: warning: port c1 is inactive: parent \"vm1\" is not bound to a chassis\n",
	      "chassis-add", "hv1", "geneve", "192.0.2.1");
	WARNS("", "vif-attach", "hv1", "tap1", "vm1");
	expect_show_has("(inactive", 0);
}

Test(ctl_incomplete, interface_and_binding_before_their_rows)
{
	CTL_OK("chassis-add", "hv1", "geneve", "192.0.2.1");
	WARNS("xovnctl: warning: interface of chassis hv1 is inactive: interface tap1 names "
	      "port \"vm1\", which does not exist yet\n", "vif-attach", "hv1", "tap1", "vm1");
	WARNS("", "lsp-add", "ls", "vm1");
	WARNS("", "lsp-add", "ls", "vm2");
	WARNS("xovnctl: warning: binding of port vm2 is inactive: bound to chassis \"hv2\", "
	      "which is not defined yet\n", "lsp-bind", "vm2", "hv2");
	expect_show_has("Port_Binding vm2", 0);
	WARNS("", "chassis-add", "hv2", "geneve", "192.0.2.2");
	expect_show_has("Port_Binding vm2", 1);
}

Test(ctl_incomplete, external_port_and_ha_group_member)
{
	WARNS("", "lsp-add", "ls", "lext");
	WARNS("xovnctl: warning: port lext is inactive: an external port needs an HA chassis "
	      "group\n", "lsp-set-type", "lext", "external");
	CTL_OK("ha-chassis-group-add", "hagrp");
	WARNS("", "lsp-set-ha-chassis-group", "lext", "hagrp");
	WARNS("xovnctl: warning: member of HA chassis group hagrp is inactive: chassis \"gw1\" "
	      "is not defined yet\n", "ha-chassis-group-add-chassis", "hagrp", "gw1", "30");
	WARNS("", "chassis-add", "gw1", "geneve", "192.0.2.30");
}

Test(ctl_incomplete, one_line_per_item)
{
	WARNS("", "lsp-add", "ls", "ln", "--", "lsp-add", "ls", "ln2");
	WARNS("xovnctl: warning: port ln is inactive: a localnet port needs options:network_name\n"
	      "xovnctl: warning: port ln2 is inactive: a localnet port needs "
	      "options:network_name\n",
	      "lsp-set-type", "ln", "localnet", "--", "lsp-set-type", "ln2", "localnet");
}

Test(ctl_incomplete, errors_are_still_refused)
{
	CTL_OK("lsp-add", "ls", "vm1");
	CTL_FAIL(NULL, "lsp-set-type", "vm1", "no-such-type");
	CTL_FAIL(NULL, "lsp-set-addresses", "vm1", "02:00:00:00:00:zz 10.0.0.1");
	CTL_FAIL(NULL, "lsp-set-ha-chassis-group", "vm1", "no-such-group");
	CTL_FAIL(NULL, "lsp-bind", "ghost", "hv1");
	CTL_FAIL(NULL, "lsp-add", "ls", "vm1");
}
