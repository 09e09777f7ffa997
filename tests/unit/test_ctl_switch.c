/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_switch.c - xovnctl ls-* and lsp-add/del/list, container ports and
 * tunnel key allocation, checked by reading the saved JSON back.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

TestSuite(ctl_switch, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static size_t n_ports(json_t *model, const char *sw)
{
	return json_array_size(json_object_get(ctl_json_switch(model, sw), "ports"));
}

Test(ctl_switch, ls_add_creates_db_with_switch_and_key)
{
	json_t *m;

	CTL_OK("ls-add", "sw0");
	m = ctl_load();
	cr_assert_eq(ctl_json_int(m, "version"), 1);
	cr_assert_eq(ctl_json_int(ctl_json_switch(m, "sw0"), "tunnel_key"), 1);
	cr_assert_eq(n_ports(m, "sw0"), 0);
	json_decref(m);
}

Test(ctl_switch, ls_list_sorted_and_ls_del)
{
	json_t *m;

	CTL_OK("ls-add", "b", "--", "ls-add", "a", "--", "ls-add", "c");
	CTL_OUT("a\nb\nc\n", "ls-list");
	CTL_OK("ls-del", "b");
	CTL_OUT("a\nc\n", "ls-list");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "logical_switches")), 2);
	json_decref(m);
}

Test(ctl_switch, ls_del_removes_ports_attachments_and_bindings)
{
	json_t *m, *ch;

	CTL_OK("ls-add", "sw0", "--", "ls-add", "sw1",
	       "--", "lsp-add", "sw0", "p1", "--", "lsp-add", "sw0", "c1", "p1", "10",
	       "--", "lsp-add", "sw0", "p2", "--", "lsp-add", "sw1", "q1",
	       "--", "chassis-add", "hv1", "geneve", "192.0.2.1",
	       "--", "vif-attach", "hv1", "tap1", "p1", "--", "vif-attach", "hv1", "tapq", "q1",
	       "--", "lsp-bind", "p2", "hv1");
	CTL_OK("ls-del", "sw0");
	m = ctl_load();
	ch = ctl_json_chassis(m, "hv1");
	cr_assert_eq(json_array_size(json_object_get(ch, "vifs")), 1);
	cr_assert_str_eq(json_string_value(json_object_get(
		json_array_get(json_object_get(ch, "vifs"), 0), "port")), "q1");
	cr_assert_eq(json_array_size(json_object_get(m, "bindings")), 0);
	cr_assert_eq(n_ports(m, "sw1"), 1);
	json_decref(m);
}

Test(ctl_switch, lsp_add_list_del)
{
	json_t *m, *p;

	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm2", "--", "lsp-add", "sw0", "vm1");
	CTL_OUT("vm1\nvm2\n", "lsp-list", "sw0");
	m = ctl_load();
	p = ctl_json_port(m, "vm2");
	cr_assert_eq(ctl_json_int(p, "tunnel_key"), 1);
	cr_assert_eq(ctl_json_int(ctl_json_port(m, "vm1"), "tunnel_key"), 2);
	cr_assert_null(json_object_get(p, "parent_name"));
	json_decref(m);
	CTL_OK("lsp-del", "vm2");
	CTL_OUT("vm1\n", "lsp-list", "sw0");
}

Test(ctl_switch, container_port_gets_parent_and_tag)
{
	json_t *m, *c;

	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1",
	       "--", "lsp-add", "sw0", "ctr1", "vm1", "42");
	m = ctl_load();
	c = ctl_json_port(m, "ctr1");
	cr_assert_str_eq(json_string_value(json_object_get(c, "parent_name")), "vm1");
	cr_assert_eq(ctl_json_int(c, "tag"), 42);
	json_decref(m);
}

Test(ctl_switch, parent_delete_refused_until_children_gone)
{
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1",
	       "--", "lsp-add", "sw0", "ctr1", "vm1", "42");
	CTL_FAIL("container port ctr1", "lsp-del", "vm1");
	CTL_OK("lsp-del", "ctr1", "--", "lsp-del", "vm1");
	CTL_OUT("", "lsp-list", "sw0");
}

Test(ctl_switch, switch_keys_lowest_unused_and_stable)
{
	CTL_OK("ls-add", "a", "--", "ls-add", "b", "--", "ls-add", "c");
	CTL_OK("ls-del", "b");
	CTL_OK("ls-add", "d", "--", "ls-add", "e");
	CTL_EXPECT_KEYS({ ctl_json_switch, "a", 1 }, { ctl_json_switch, "c", 3 },
			{ ctl_json_switch, "d", 2 }, { ctl_json_switch, "e", 4 });
}

Test(ctl_switch, port_keys_per_switch_lowest_unused_and_stable)
{
	CTL_OK("ls-add", "s1", "--", "ls-add", "s2",
	       "--", "lsp-add", "s1", "p1", "--", "lsp-add", "s1", "p2",
	       "--", "lsp-add", "s1", "p3", "--", "lsp-add", "s2", "q1");
	CTL_OK("lsp-del", "p1");
	CTL_OK("lsp-add", "s1", "p4", "--", "lsp-add", "s1", "p5");
	CTL_EXPECT_KEYS({ ctl_json_port, "p2", 2 }, { ctl_json_port, "p3", 3 },
			{ ctl_json_port, "p4", 1 }, { ctl_json_port, "p5", 4 },
			{ ctl_json_port, "q1", 1 });
}

Test(ctl_switch, explicit_tunnel_key)
{
	CTL_OK("--tunnel-key=700", "ls-add", "s1",
	       "--", "--tunnel-key=9", "lsp-add", "s1", "p1", "--", "lsp-add", "s1", "p2");
	CTL_EXPECT_KEYS({ ctl_json_switch, "s1", 700 }, { ctl_json_port, "p1", 9 },
			{ ctl_json_port, "p2", 1 });
	CTL_FAIL("already in use", "--tunnel-key=700", "ls-add", "s2");
	CTL_FAIL("outside 1..32767", "--tunnel-key=40000", "lsp-add", "s1", "p3");
}

Test(ctl_switch, may_exist_and_if_exists)
{
	CTL_OK("ls-add", "s1", "--", "lsp-add", "s1", "p1");
	CTL_OK("--may-exist", "ls-add", "s1", "--", "--may-exist", "lsp-add", "s1", "p1");
	CTL_OK("--if-exists", "ls-del", "nope", "--", "--if-exists", "lsp-del", "nope");
	CTL_OUT("p1\n", "lsp-list", "s1");
	CTL_OK("ls-add", "s2");
	CTL_FAIL("already exists on switch s1", "--may-exist", "lsp-add", "s2", "p1");
}
