/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_db.c - the generic database commands (list, find, get, set, add,
 * remove, clear, create, destroy) and their output formats, checked
 * against the exact text ovn-nbctl prints for the same rows.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ctl_harness.h"

TestSuite(ctl_db, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static void topology(void)
{
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1",
	       "--", "lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0.1",
	       "--", "lsp-add", "sw0", "c1", "vm1", "10",
	       "--", "lsp-add", "sw0", "ln", "--", "lsp-set-type", "ln", "localnet",
	       "--", "lsp-set-options", "ln", "network_name=phys",
	       "--", "chassis-add", "hv1", "geneve", "192.0.2.1",
	       "--", "ha-chassis-group-add", "hagrp",
	       "--", "ha-chassis-group-add-chassis", "hagrp", "hv1", "10",
	       "--", "lsp-add", "sw0", "lext", "--", "lsp-set-type", "lext", "external");
}

Test(ctl_db, list_record_in_list_format)
{
	topology();
	CTL_OUT("addresses           : [\"00:00:00:00:00:01 10.0.0.1\"]\n"
		"name                : vm1\n"
		"options             : {}\n"
		"parent_name         : []\n"
		"tag                 : []\n"
		"type                : \"\"\n",
		"--columns=addresses,name,options,parent_name,tag,type",
		"list", "logical_switch_port", "vm1");
	CTL_OUT("name                : c1\nparent_name         : vm1\ntag                 : 10\n"
		"\n"
		"name                : ln\nparent_name         : []\ntag                 : []\n",
		"--columns", "name,parent_name,tag", "list", "Logical_Switch_Port", "c1", "ln");
}

Test(ctl_db, table_csv_json_and_bare)
{
	topology();
	CTL_OUT("name type     options             tag\n"
		"---- -------- ------------------- ---\n"
		"vm1  \"\"       {}                  []\n"
		"c1   \"\"       {}                  10\n"
		"ln   localnet {network_name=phys} []\n"
		"lext external {}                  []\n",
		"--format=table", "--columns=name,type,options,tag", "list", "logical_switch_port");
	CTL_OUT("name,type,addresses\n"
		"vm1,\"\"\"\"\"\",\"[\"\"00:00:00:00:00:01 10.0.0.1\"\"]\"\n"
		"c1,\"\"\"\"\"\",[]\n"
		"ln,localnet,[]\n"
		"lext,external,[]\n",
		"--format=csv", "--columns=name,type,addresses", "list", "logical_switch_port");
	CTL_OUT("{\"data\":[[\"ln\",\"localnet\",[\"map\",[[\"network_name\",\"phys\"]]],[\"set\",[]]]],"
		"\"headings\":[\"name\",\"type\",\"options\",\"tag\"]}\n",
		"--format=json", "--columns=name,type,options,tag", "find", "logical_switch_port",
		"type=localnet");
	CTL_OUT("vm1\n\n\nc1\n\n\nln\nlocalnet\n\nlext\nexternal\n",
		"--bare", "--columns=name,type", "list", "logical_switch_port");
}

Test(ctl_db, uuid_from_find_names_the_record)
{
	char *u, *got, want[128];
	json_t *m;

	topology();
	u = ctl_capture_v(CTL_ARGV("--bare", "--columns", "_uuid", "find", "ha_chassis_group",
			     "name=hagrp"));
	cr_assert_eq(strlen(u), 36, "not a UUID: \"%s\"", u);
	CTL_FAIL("argument does not end", "set", "logical_switch_port", "lext", "ha_chassis_group");
	snprintf(want, sizeof(want), "ha_chassis_group=%s", u);
	CTL_OK("set", "logical_switch_port", "lext", want);
	m = ctl_load();
	cr_assert_str_eq(json_string_value(json_object_get(ctl_json_port(m, "lext"),
							   "ha_chassis_group")), "hagrp");
	json_decref(m);
	got = ctl_capture_v(CTL_ARGV("get", "logical_switch_port", "lext", "ha_chassis_group"));
	cr_assert_str_eq(got, u);
	free(got);
	got = ctl_capture_v(CTL_ARGV("get", "ha_chassis_group", u, "name"));
	cr_assert_str_eq(got, "hagrp");
	free(got);
	/* the _uuid is kept by later writes */
	CTL_OK("ls-add", "sw9");
	got = ctl_capture_v(CTL_ARGV("--bare", "--columns=_uuid", "find", "ha_chassis_group",
			       "name=hagrp"));
	cr_assert_str_eq(got, u);
	free(got);
	free(u);
}

Test(ctl_db, get_values_and_map_keys)
{
	topology();
	CTL_OUT("phys\n", "get", "logical_switch_port", "ln", "options:network_name");
	CTL_OUT("[]\nvm1\nc1\n10\n", "get", "logical_switch_port", "c1", "addresses",
		"parent_name", "name", "tag");
	CTL_OUT("{network_name=phys}\nlocalnet\n", "get", "logical_switch_port", "ln",
		"options", "type");
	CTL_FAIL("no key \"nosuch\" in Logical_Switch_Port record \"ln\" column options",
		 "get", "logical_switch_port", "ln", "options:nosuch");
	CTL_OUT("", "--if-exists", "get", "logical_switch_port", "ln", "options:nosuch");
	CTL_FAIL("no row \"nosuch\" in table Logical_Switch_Port",
		 "get", "logical_switch_port", "nosuch", "name");
	CTL_OUT("", "--if-exists", "get", "logical_switch_port", "nosuch", "name");
	CTL_FAIL("unknown table name \"nosuch\"", "list", "nosuch");
	CTL_FAIL("does not contain a column whose name matches \"nosuch\"",
		 "get", "logical_switch", "sw0", "nosuch");
}

Test(ctl_db, set_add_remove_clear)
{
	json_t *m, *p;

	topology();
	CTL_OK("set", "logical_switch_port", "vm1", "options:foo=bar");
	CTL_OK("add", "logical_switch_port", "vm1", "addresses", "\"00:00:00:00:00:09 10.0.0.9\"");
	CTL_OUT("[\"00:00:00:00:00:01 10.0.0.1\", \"00:00:00:00:00:09 10.0.0.9\"]\n{foo=bar}\n",
		"get", "logical_switch_port", "vm1", "addresses", "options");
	CTL_OK("add", "logical_switch_port", "vm1", "options", "a=1", "foo=other");
	CTL_OUT("{a=\"1\", foo=bar}\n", "get", "logical_switch_port", "vm1", "options");
	CTL_OK("remove", "logical_switch_port", "vm1", "options", "foo");
	CTL_OK("remove", "logical_switch_port", "vm1", "addresses", "\"00:00:00:00:00:09 10.0.0.9\"");
	CTL_OUT("[\"00:00:00:00:00:01 10.0.0.1\"]\n{a=\"1\"}\n",
		"get", "logical_switch_port", "vm1", "addresses", "options");
	CTL_OK("clear", "logical_switch_port", "vm1", "addresses", "options",
	       "--", "set", "logical_switch_port", "lext", "type=\"\"");
	m = ctl_load();
	p = ctl_json_port(m, "vm1");
	cr_assert_null(json_object_get(p, "addresses"));
	cr_assert_null(json_object_get(p, "options"));
	cr_assert_null(json_object_get(ctl_json_port(m, "lext"), "type"));
	json_decref(m);
	CTL_OK("set", "logical_switch_port", "c1", "tag=20");
	CTL_OUT("20\n", "get", "logical_switch_port", "c1", "tag");
	CTL_FAIL("tag", "set", "logical_switch_port", "c1", "tag=5000");
	CTL_FAIL("read-only", "set", "logical_switch", "sw0", "tunnel_key=7");
	CTL_FAIL("not allowed to be empty", "clear", "logical_switch_port", "c1", "name");
}

/* As OVSDB reads a string atom: unquoted, "a,b" is one value (OVN's own examples write so). */
Test(ctl_db, set_map_value_with_commas)
{
	topology();
	CTL_OK("set", "logical_switch_port", "vm1", "options:kinds=connected,static");
	CTL_OK("set", "logical_switch_port", "vm1", "options:quoted=\"a,b\"");
	CTL_OUT("{kinds=\"connected,static\", quoted=\"a,b\"}\n", "get", "logical_switch_port",
		"vm1", "options");
}

Test(ctl_db, create_with_id_and_destroy)
{
	struct ctl_result r;
	json_t *m, *members;

	topology();
	CTL_OK("chassis-add", "hv2", "geneve", "192.0.2.2");
	ctl_runv(&r, ctl_db, CTL_ARGV("--id=@hc", "create", "ha_chassis", "chassis_name=hv2",
				      "priority=5", "--", "add", "ha_chassis_group", "hagrp",
				      "ha_chassis", "@hc"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_eq(strlen(r.out), 37, "create prints the UUID: %s", r.out);
	ctl_result_free(&r);
	m = ctl_load();
	members = json_object_get(json_array_get(json_object_get(m, "ha_chassis_groups"), 0),
				  "members");
	cr_assert_eq(json_array_size(members), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(members, 1), "chassis")),
			 "hv2");
	json_decref(m);
	CTL_OUT("hv1\n10\n\nhv2\n5\n", "--bare", "--columns=chassis_name,priority", "list",
		"ha_chassis");
	CTL_OK("create", "logical_switch", "name=sw1");
	CTL_OUT("sw0\nsw1\n", "ls-list");
	CTL_OK("destroy", "logical_switch", "sw1");
	CTL_FAIL("no row \"sw1\" in table Logical_Switch", "destroy", "logical_switch", "sw1");
	CTL_OK("--if-exists", "destroy", "logical_switch", "sw1");
	CTL_OK("destroy", "logical_switch_port", "ln");
	CTL_OUT("c1\nlext\nvm1\n", "lsp-list", "sw0");
}

Test(ctl_db, get_with_id_names_the_record_for_the_chain)
{
	json_t *m;

	topology();
	CTL_OK("--id=@g", "get", "ha_chassis_group", "hagrp",
	       "--", "set", "logical_switch_port", "vm1", "ha_chassis_group=@g");
	m = ctl_load();
	cr_assert_str_eq(json_string_value(json_object_get(ctl_json_port(m, "vm1"),
							   "ha_chassis_group")), "hagrp");
	json_decref(m);
	CTL_FAIL("not defined by an --id option", "set", "logical_switch_port", "vm1",
		 "ha_chassis_group=@nosuch");
}

Test(ctl_db, rows_of_old_files_get_a_uuid_on_write)
{
	FILE *f = fopen(ctl_db, "w");
	json_t *m;

	cr_assert_not_null(f);
	fputs("{\"version\": 1, \"logical_switches\": [{\"name\": \"a\", \"ports\": []}], "
	      "\"chassis\": []}\n", f);
	fclose(f);
	CTL_OK("ls-add", "b");
	m = ctl_load();
	cr_assert_eq(strlen(json_string_value(json_object_get(ctl_json_switch(m, "a"), "_uuid"))), 36);
	cr_assert_eq(strlen(json_string_value(json_object_get(ctl_json_switch(m, "b"), "_uuid"))), 36);
	cr_assert_str_neq(json_string_value(json_object_get(ctl_json_switch(m, "a"), "_uuid")),
			  json_string_value(json_object_get(ctl_json_switch(m, "b"), "_uuid")));
	json_decref(m);
}
