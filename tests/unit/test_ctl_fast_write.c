// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ctl_fast_write.c - a write confined to a few switches of a big db
 * reads only its part (DB.index, ctl/fast_write.c): it commits without
 * touching the bytes of any other switch, gives the model the full path
 * gives, reports errors exactly as the full path does, follows the
 * records appended on the file, and does not trust an index of another
 * file but builds a new one.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "part_harness.h"
#include "model/db_index.h"
#include "model/model.h"

/* Every db of these tests takes appends, so it keeps an index. */
static void fixture(void)
{
	ctl_fixture_init();
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "0", 1);
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "p1", "--", "lsp-add", "sw0", "p2", "--",
	       "lsp-set-addresses", "p2", "02:00:00:00:00:02 10.0.0.2", "--", "ls-add", "sw1",
	       "--", "lsp-add", "sw1", "q1", "--", "lsp-add", "sw1", "c1", "p2", "7", "--",
	       "ls-add", "far", "--", "lsp-add", "far", "z1", "--",
	       "chassis-add", "hv1", "geneve", "192.0.2.1", "--", "vif-attach", "hv1", "tap0", "p1",
	       "--", "vif-attach", "hv1", "tap2", "p2");
}

TestSuite(ctl_fast_write, .init = fixture, .fini = ctl_fixture_fini);

static void db_file_id(const char *db, struct xovn_file_id *id)
{
	cr_assert_eq(xovn_file_id_of(db, id), 0);
}

static const char *first_address(json_t *m, const char *port)
{
	return json_string_value(json_array_get(json_object_get(ctl_json_port(m, port), "addresses"), 0));
}

Test(ctl_fast_write, an_address_change_reads_only_its_switch)
{
	struct xovn_db_span other = part_switch_span("sw1");
	struct xovn_file_id before, after;
	char *saved = malloc(other.len), *junk = malloc(other.len);
	json_t *m;

	cr_assert(saved && junk);
	memset(junk, '#', other.len);
	db_file_id(ctl_db, &before);
	/* Whoever parsed sw1 now would fail: the write must not. */
	part_overwrite_span(other, junk, saved);
	CTL_OK("lsp-set-addresses", "p1", "02:00:00:00:00:01 10.0.0.1");
	part_overwrite_span(other, saved, NULL);
	db_file_id(ctl_db, &after);
	cr_assert(xovn_file_id_same_file(&before, &after), "the db file was rewritten");
	m = part_load(ctl_db);
	cr_assert_str_eq(first_address(m, "p1"), "02:00:00:00:00:01 10.0.0.1");
	cr_assert_not_null(ctl_json_port(m, "q1"));
	json_decref(m);
	free(saved);
	free(junk);
}

/* One chain, run on the part (partial) or sent to the full path by what it finds. */
struct part_case {
	int partial;
	const char *const *argv;
};

/* The cases run in order on one db, each against the full path on a copy of it. */
static void run_part_cases(const struct part_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		part_expect_same_as_full(cases[i].argv, cases[i].partial);
}

#define RUN_PART_CASES(c) run_part_cases(c, sizeof(c) / sizeof(c[0]))

Test(ctl_fast_write, address_changes_are_the_full_paths)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:00:01 10.0.0.1") },
		{ 1, CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:00:01 10.0.0.1", "--",
			      "lsp-set-port-security", "q1", "02:00:00:00:01:01") },
		{ 1, CTL_ARGV("lsp-set-addresses", "p1") },
		/* refused by the command itself */
		{ 1, CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:00:zz") },
		/* refused by validation (the IP is p2's in the same switch): the full path says so */
		{ 0, CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:00:01 10.0.0.2") },
		/* no such port, or a name the index cannot hold */
		{ 1, CTL_ARGV("lsp-set-addresses", "nope", "02:00:00:00:00:01") },
		{ 0, CTL_ARGV("lsp-set-addresses", "p 1", "02:00:00:00:00:01") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, adding_and_deleting_ports_is_the_full_paths)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("lsp-add", "sw0", "p3") },
		{ 1, CTL_ARGV("--tunnel-key=40", "lsp-add", "sw1", "q2") },
		{ 1, CTL_ARGV("--tunnel-key=40", "lsp-add", "sw1", "q3") },
		/* a name used in another switch, with or without --may-exist */
		{ 1, CTL_ARGV("lsp-add", "sw1", "p3") },
		{ 1, CTL_ARGV("--may-exist", "lsp-add", "sw0", "p3") },
		{ 1, CTL_ARGV("--may-exist", "lsp-add", "sw1", "p3") },
		{ 1, CTL_ARGV("lsp-add", "nosw", "p4") },
		/*
		 * container ports: a VLAN of the parent used in another switch; a new
		 * one the part sees waiting for its parent's binding (it holds no
		 * chassis) is in force when a chassis attaches the parent, else
		 * the full path lists it
		 */
		{ 1, CTL_ARGV("lsp-add", "sw0", "c2", "p2", "7") },
		{ 1, CTL_ARGV("lsp-add", "sw0", "c2", "p2", "8") },
		{ 1, CTL_ARGV("lsp-add", "sw0", "c3", "p3") },
		{ 0, CTL_ARGV("lsp-add", "sw0", "c4", "p3", "5") },
		{ 1, CTL_ARGV("lsp-del", "c4") },
		/* a parent of container ports is refused: they may be in any switch */
		{ 0, CTL_ARGV("lsp-del", "p2") },
		{ 1, CTL_ARGV("lsp-del", "c2") },
		{ 1, CTL_ARGV("lsp-del", "p3") },
		{ 1, CTL_ARGV("lsp-del", "nope") },
		{ 1, CTL_ARGV("--if-exists", "lsp-del", "nope") },
		/* attached: its attachment goes with it, on the full path */
		{ 0, CTL_ARGV("lsp-del", "p1") },
		{ 1, CTL_ARGV("lsp-add", "sw0", "p5", "--", "lsp-set-addresses", "p5",
			      "02:00:00:00:00:05 10.0.0.5", "--", "lsp-del", "q2") },
		{ 0, CTL_ARGV("lsp-add", "sw0", "p6", "--", "lsp-set-addresses", "p6",
			      "02:00:00:00:00:06 10.0.0.2") },
		{ 1, CTL_ARGV("ls-del", "nosw") },
		{ 1, CTL_ARGV("--if-exists", "ls-del", "nosw") },
		{ 1, CTL_ARGV("ls-del", "sw1") },
		/* a port an attachment names before it exists: the full path adds it */
		{ 0, CTL_ARGV("vif-attach", "hv1", "tap9", "ghost") },
		{ 0, CTL_ARGV("lsp-add", "sw0", "ghost") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, types_and_options_are_the_full_paths)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("lsp-add", "sw0", "p3", "--", "lsp-set-type", "p3", "localport") },
		{ 1, CTL_ARGV("lsp-set-options", "p3", "requested-chassis=hv1") },
		{ 1, CTL_ARGV("lsp-set-type", "p3", "") },
		{ 1, CTL_ARGV("lsp-set-type", "p3", "bogus") },
		{ 1, CTL_ARGV("lsp-set-options", "p3", "novalue") },
		{ 1, CTL_ARGV("lsp-set-type", "nope", "localport") },
		/*
		 * A parent of container ports in another switch must stay a VIF: the
		 * part holds that switch, its validation refuses, the full path says so.
		 */
		{ 0, CTL_ARGV("lsp-set-type", "p2", "localport") },
		/* attached VIFs that stay VIFs: the chassis do not check their options */
		{ 1, CTL_ARGV("lsp-set-options", "p1", "requested-chassis=hv1") },
		{ 1, CTL_ARGV("lsp-set-type", "p1", "", "--", "lsp-set-options", "p2", "a=b") },
		{ 1, CTL_ARGV("lsp-set-options", "p1", "novalue") },
		{ 0, CTL_ARGV("lsp-set-type", "p1", "localport", "--", "lsp-set-type", "p1", "") },
		{ 0, CTL_ARGV("lsp-set-type", "p1", "l2gateway", "--", "lsp-set-options", "p1",
			      "network_name=phys", "l2gateway-chassis=hv1") },
		/* attached: what the chassis check of it depends on its type */
		{ 0, CTL_ARGV("lsp-set-type", "p1", "localport") },
		{ 0, CTL_ARGV("lsp-set-options", "p1", "a=b") },
		/* a localnet network is checked against every chassis's mappings */
		{ 0, CTL_ARGV("lsp-set-type", "p3", "localnet", "--", "lsp-set-options", "p3",
			      "network_name=phys") },
		{ 0, CTL_ARGV("lsp-set-options", "p3", "network_name=phys2") },
		{ 1, CTL_ARGV("lsp-set-type", "p3", "", "--", "lsp-set-options", "p3") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, new_switches_and_routers_take_the_full_paths_keys)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("ls-add", "sw2") },
		/* names and keys of switches the part holds only as stubs ("far") */
		{ 1, CTL_ARGV("ls-add", "far") },
		{ 1, CTL_ARGV("--may-exist", "ls-add", "far") },
		{ 1, CTL_ARGV("--tunnel-key=3", "ls-add", "sw3") },
		{ 1, CTL_ARGV("--tunnel-key=9", "ls-add", "sw3", "--", "lsp-add", "sw3", "s1") },
		/* a key freed by a switch deleted in a record is the lowest again */
		{ 1, CTL_ARGV("ls-del", "sw1") },
		{ 1, CTL_ARGV("ls-add", "sw4", "--", "lr-add", "lr0") },
		{ 1, CTL_ARGV("--tunnel-key=3", "lr-add", "lr1") },
		{ 1, CTL_ARGV("--may-exist", "lr-add", "lr0") },
		{ 1, CTL_ARGV("lr-add", "lr0") },
		{ 1, CTL_ARGV("ls-add", "sw5", "--", "lsp-add", "sw5", "s2", "--", "ls-add", "sw6") },
		/* a name the index cannot hold */
		{ 0, CTL_ARGV("ls-add", "a b") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, router_writes_are_the_full_paths)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("lr-add", "lr0", "--", "lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01",
			      "192.168.0.1/24") },
		{ 1, CTL_ARGV("lrp-add", "lr0", "lrp1", "02:00:00:00:ff:02", "172.16.0.1/24",
			      "peer=lrpx") },
		{ 1, CTL_ARGV("--may-exist", "lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01",
			      "192.168.0.1/24") },
		{ 1, CTL_ARGV("lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01", "192.168.0.1/24") },
		/* router and switch ports share one name space */
		{ 1, CTL_ARGV("lrp-add", "lr0", "p1", "02:00:00:00:ff:03", "192.168.1.1/24") },
		{ 1, CTL_ARGV("lrp-add", "nolr", "lrp2", "02:00:00:00:ff:03", "192.168.1.1/24") },
		/* refused by validation (overlapping networks of one router) */
		{ 0, CTL_ARGV("lrp-add", "lr0", "lrp2", "02:00:00:00:ff:03", "192.168.0.2/24") },
		{ 1, CTL_ARGV("lr-route-add", "lr0", "10.0.0.0/8", "192.168.0.254") },
		{ 1, CTL_ARGV("--ecmp", "lr-route-add", "lr0", "10.0.0.0/8", "192.168.0.253") },
		{ 1, CTL_ARGV("lr-route-add", "lr0", "10.0.0.0/8", "192.168.0.254") },
		{ 1, CTL_ARGV("lr-route-add", "lr0", "10.1.0.0/16", "192.168.0.254", "nope") },
		/* a route with no port to leave by: the same warning */
		{ 1, CTL_ARGV("lr-route-add", "lr0", "10.2.0.0/16", "10.9.9.9") },
		{ 1, CTL_ARGV("lr-nat-add", "lr0", "snat", "172.16.0.10", "10.0.0.0/8") },
		{ 1, CTL_ARGV("lr-nat-add", "lr0", "dnat_and_snat", "172.16.0.11", "10.0.0.5", "q1",
			      "02:00:00:00:aa:01") },
		{ 1, CTL_ARGV("lr-nat-add", "lr0", "dnat_and_snat", "172.16.0.12", "10.0.0.6", "nope",
			      "02:00:00:00:aa:02") },
		{ 1, CTL_ARGV("lr-nat-add", "lr0", "snat", "172.16.0.10", "10.0.0.0/8") },
		{ 1, CTL_ARGV("lr-nat-add", "lr0", "bogus", "172.16.0.10", "10.0.0.0/8") },
		{ 1, CTL_ARGV("lsp-add", "sw0", "rp0", "--", "lsp-set-type", "rp0", "router", "--",
			      "lsp-set-options", "rp0", "router-port=lrp0") },
		{ 1, CTL_ARGV("lr-nat-del", "lr0", "snat", "10.0.0.0/8") },
		{ 1, CTL_ARGV("lr-nat-del", "lr0", "snat", "10.0.0.0/8") },
		{ 1, CTL_ARGV("--if-exists", "lr-nat-del", "lr0", "snat", "10.0.0.0/8") },
		{ 1, CTL_ARGV("lr-nat-del", "lr0") },
		{ 1, CTL_ARGV("lr-route-del", "lr0", "10.2.0.0/16") },
		{ 1, CTL_ARGV("lr-route-del", "lr0", "10.2.0.0/16") },
		{ 1, CTL_ARGV("lr-route-del", "lr0") },
		{ 1, CTL_ARGV("lrp-set-enabled", "lrp0", "disabled") },
		{ 1, CTL_ARGV("lrp-set-enabled", "lrp0", "off") },
		{ 1, CTL_ARGV("lrp-set-enabled", "nope", "enabled") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, dhcp_writes_are_the_full_paths)
{
	json_t *m;
	const char *uuid;
	char v4[40];

	part_expect_same_as_full(CTL_ARGV("dhcp-options-create", "10.0.0.0/24"), 1);
	m = part_load(ctl_db);
	uuid = json_string_value(json_object_get(json_array_get(json_object_get(m, "dhcp_options"), 0),
						 "_uuid"));
	cr_assert_not_null(uuid);
	snprintf(v4, sizeof(v4), "%s", uuid);
	json_decref(m);
	{
		const struct part_case cases[] = {
			{ 1, CTL_ARGV("dhcp-options-set-options", v4, "lease_time=3600",
				      "router=10.0.0.1", "server_id=10.0.0.1",
				      "server_mac=02:00:00:00:00:fe") },
			{ 1, CTL_ARGV("dhcp-options-set-options", v4, "bogus=1") },
			{ 1, CTL_ARGV("dhcp-options-set-options", "00000000-0000-0000-0000-000000000000",
				      "lease_time=1") },
			/* a bound port too: what chassis check of it does not change */
			{ 1, CTL_ARGV("lsp-set-dhcpv4-options", "p2", v4) },
			{ 1, CTL_ARGV("lsp-set-dhcpv4-options", "q1", v4) },
			{ 1, CTL_ARGV("lsp-set-dhcpv6-options", "q1", v4) },
			{ 1, CTL_ARGV("lsp-set-dhcpv4-options", "q1") },
			{ 1, CTL_ARGV("lsp-set-dhcpv4-options", "nope", v4) },
		};

		RUN_PART_CASES(cases);
	}
}

/* The db written whole and indexed again, as a compaction leaves it: the index sees every switch. */
static void rewrite_db(void)
{
	struct xovn_errors errs;
	json_t *m = part_load(ctl_db);

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_save(ctl_db, m, &errs), 0);
	xovn_errors_free(&errs);
	json_decref(m);
	cr_assert_eq(xovn_db_index_write(ctl_db), 0);
}

Test(ctl_fast_write, router_deletes_and_gateways_are_the_full_paths)
{
	const struct part_case make[] = {
		{ 1, CTL_ARGV("lr-add", "lr0", "--", "lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01",
			      "192.168.0.1/24", "--", "lrp-add", "lr0", "lrp1", "02:00:00:00:ff:02",
			      "192.168.1.1/24") },
		/* a gateway chassis the db has, or not yet: the warning is the full path's */
		{ 1, CTL_ARGV("lrp-set-gateway-chassis", "lrp0", "hv1", "10") },
		{ 1, CTL_ARGV("lrp-set-gateway-chassis", "lrp0", "hv9", "5") },
		{ 1, CTL_ARGV("lrp-set-gateway-chassis", "lrp0", "hv9", "7") },
		{ 1, CTL_ARGV("lrp-del-gateway-chassis", "lrp0", "hv9") },
		{ 1, CTL_ARGV("lrp-del-gateway-chassis", "lrp0", "hv9") },
		{ 1, CTL_ARGV("lrp-set-gateway-chassis", "nope", "hv1") },
		{ 1, CTL_ARGV("ha-chassis-group-add", "grp", "--", "ha-chassis-group-add-chassis",
			      "grp", "hv1", "10", "--", "ha-chassis-group-add-chassis", "grp", "hv8",
			      "5") },
		{ 1, CTL_ARGV("ha-chassis-group-remove-chassis", "grp", "hv8") },
		{ 1, CTL_ARGV("ha-chassis-group-add", "grp") },
		/* deleting a router port leaves its route without a way out: the same warning */
		{ 1, CTL_ARGV("lr-route-add", "lr0", "10.0.0.0/8", "192.168.1.254") },
		{ 1, CTL_ARGV("lrp-del", "lrp1") },
		{ 1, CTL_ARGV("lrp-del", "lrp1") },
		{ 1, CTL_ARGV("--if-exists", "lrp-del", "lrp1") },
		/* a switch port peers with lrp0: deleting lrp0 makes it incomplete, the same warning */
		{ 1, CTL_ARGV("lsp-add", "sw0", "rp0", "--", "lsp-set-type", "rp0", "router", "--",
			      "lsp-set-options", "rp0", "router-port=lrp0") },
		{ 1, CTL_ARGV("lrp-del", "lrp0") },
		{ 1, CTL_ARGV("lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01", "192.168.0.1/24") },
		{ 1, CTL_ARGV("lr-add", "lr2", "--", "lrp-add", "lr2", "lrp2", "02:00:00:00:ff:12",
			      "192.168.12.1/24", "--", "lsp-add", "sw1", "rp2", "--", "lsp-set-type",
			      "rp2", "router", "--", "lsp-set-options", "rp2", "router-port=lrp2") },
		{ 1, CTL_ARGV("lr-add", "lr1", "--", "lrp-add", "lr1", "lrp9", "02:00:00:00:ff:09",
			      "192.168.9.1/24", "--", "set", "Logical_Router", "lr1",
			      "options:chassis=hv7") },
		{ 1, CTL_ARGV("lr-del", "lr1") },
		{ 1, CTL_ARGV("lr-del", "lr1") },
		{ 1, CTL_ARGV("--if-exists", "lr-del", "lr1") },
		{ 1, CTL_ARGV("lsp-add", "sw1", "rp1", "--", "lsp-set-type", "rp1", "router", "--",
			      "lsp-set-options", "rp1", "router-port=lrp0") },
		{ 1, CTL_ARGV("lsp-del", "rp0") },
	};
	/* Once the file holds the peering ports, the index names their switches. */
	const struct part_case indexed[] = {
		{ 1, CTL_ARGV("lr-del", "lr2") },
		{ 1, CTL_ARGV("lsp-del", "rp2") },
		/* a router port removed by a generic command: its peer's switch is not read */
		{ 0, CTL_ARGV("clear", "Logical_Router", "lr0", "ports") },
		{ 1, CTL_ARGV("lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01", "192.168.0.1/24") },
		/*
		 * two ports become incomplete (one in sw1, which the index names, one
		 * in sw0, which the chain names): the full path lists them in the
		 * order of its switches
		 */
		{ 0, CTL_ARGV("lsp-add", "sw0", "rp3", "--", "lsp-set-type", "rp3", "router", "--",
			      "lsp-set-options", "rp3", "router-port=lrp0", "--", "lrp-del", "lrp0") },
		{ 1, CTL_ARGV("lrp-add", "lr0", "lrp0", "02:00:00:00:ff:01", "192.168.0.1/24") },
		{ 1, CTL_ARGV("lsp-del", "rp3") },
		{ 1, CTL_ARGV("lrp-del", "lrp0") },
		{ 1, CTL_ARGV("lsp-del", "rp1") },
		{ 1, CTL_ARGV("lr-del", "lr0") },
	};

	RUN_PART_CASES(make);
	rewrite_db();
	RUN_PART_CASES(indexed);
}

/* The UUID of the DHCP options row of cidr. */
static void dhcp_uuid(const char *cidr, char *uuid, size_t len)
{
	json_t *m = part_load(ctl_db), *row;
	size_t i;

	uuid[0] = '\0';
	json_array_foreach(json_object_get(m, "dhcp_options"), i, row)
		if (strcmp(json_string_value(json_object_get(row, "cidr")), cidr) == 0)
			snprintf(uuid, len, "%s", json_string_value(json_object_get(row, "_uuid")));
	json_decref(m);
	cr_assert(uuid[0], "no DHCP options row of %s", cidr);
}

Test(ctl_fast_write, dhcp_deletes_are_the_full_paths)
{
	char a[40], b[40];

	part_expect_same_as_full(CTL_ARGV("dhcp-options-create", "10.0.0.0/24", "--",
					  "dhcp-options-create", "10.0.1.0/24"), 1);
	dhcp_uuid("10.0.0.0/24", a, sizeof(a));
	dhcp_uuid("10.0.1.0/24", b, sizeof(b));
	{
		const struct part_case cases[] = {
			/* named by no port */
			{ 1, CTL_ARGV("dhcp-options-del", a) },
			{ 1, CTL_ARGV("dhcp-options-del", a) },
			/* named by a port of a switch a record replaced: the part holds it */
			{ 1, CTL_ARGV("lsp-set-dhcpv4-options", "q1", b) },
			{ 1, CTL_ARGV("dhcp-options-del", b) },
			{ 1, CTL_ARGV("dhcp-options-create", "10.0.2.0/24") },
		};

		RUN_PART_CASES(cases);
	}
	dhcp_uuid("10.0.2.0/24", b, sizeof(b));
	part_expect_same_as_full(CTL_ARGV("lsp-set-dhcpv4-options", "z1", b), 0);
	rewrite_db();
	/* named by a port of a switch the part does not hold ("far") */
	part_expect_same_as_full(CTL_ARGV("dhcp-options-del", b), 0);
}

Test(ctl_fast_write, generic_commands_are_the_full_paths)
{
	const struct part_case cases[] = {
		{ 1, CTL_ARGV("set", "Logical_Switch_Port", "q1", "addresses=\"02:00:00:00:01:01 10.0.1.1\"",
			      "options:foo=bar") },
		{ 1, CTL_ARGV("add", "logical_switch_port", "q1", "port_security", "02:00:00:00:01:01") },
		{ 1, CTL_ARGV("remove", "Logical_Switch_Port", "q1", "options", "foo") },
		{ 1, CTL_ARGV("clear", "Logical_Switch_Port", "q1", "port_security") },
		{ 1, CTL_ARGV("set", "Logical_Switch_Port", "nope", "addresses=x") },
		{ 1, CTL_ARGV("--if-exists", "set", "Logical_Switch_Port", "nope", "addresses=x") },
		{ 1, CTL_ARGV("set", "Logical_Switch_Port", "q1", "bogus=1") },
		{ 1, CTL_ARGV("set", "Logical_Switch_Port", "q1", "tunnel_key=9") },
		/* an attached VIF that stays one, or not */
		{ 1, CTL_ARGV("set", "Logical_Switch_Port", "p1", "options:requested-chassis=hv1") },
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "p1", "type=localport") },
		/* names other rows hold, tags of a parent's ports anywhere, UUIDs the index lacks */
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "q1", "name=q9") },
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "q9", "name=q1") },
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "c1", "tag_request=5") },
		{ 0, CTL_ARGV("set", "Logical_Switch", "sw1", "name=sw9") },
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "00000000-0000-0000-0000-000000000000",
			      "addresses=x") },
		{ 0, CTL_ARGV("set", "Nosuch", "q1", "addresses=x") },
		/* an external port without an HA group is incomplete: the full path says so */
		{ 0, CTL_ARGV("set", "Logical_Switch_Port", "q1", "type=external") },
		{ 1, CTL_ARGV("lsp-set-type", "q1", "") },
		/* a group is named by UUID */
		{ 1, CTL_ARGV("ha-chassis-group-add", "grp", "--", "set", "Logical_Switch_Port", "q1",
			      "ha_chassis_group=grp") },
		/* rows of the small members, by name or UUID, made and named in one chain */
		{ 1, CTL_ARGV("create", "Logical_Router", "name=gw1", "options:chassis=hv9") },
		{ 1, CTL_ARGV("set", "Logical_Router", "gw1", "options:chassis=hv1") },
		{ 1, CTL_ARGV("lrp-add", "gw1", "gwp", "02:00:00:00:ff:11", "172.16.0.1/24", "--",
			      "set", "Logical_Router_Port", "gwp", "networks=\"172.16.1.1/24\"") },
		{ 1, CTL_ARGV("--id=@nat", "create", "nat", "type=snat", "logical_ip=10.10.10.0/24",
			      "external_ip=172.16.1.100", "--", "add", "logical_router", "gw1", "nat",
			      "@nat") },
		/* refused by validation: the full path runs the chain afresh, its --id names too */
		{ 0, CTL_ARGV("--id=@nat", "create", "nat", "type=snat", "logical_ip=bogus",
			      "external_ip=172.16.1.101", "--", "add", "logical_router", "gw1", "nat",
			      "@nat") },
		{ 1, CTL_ARGV("create", "DHCP_Options", "cidr=10.9.0.0/24") },
		/* taken by the full path after it ran on the part: its output once */
		{ 0, CTL_ARGV("create", "Logical_Router", "name=gw2", "--", "set",
			      "Logical_Switch_Port", "q1", "type=external") },
		{ 1, CTL_ARGV("lsp-set-type", "q1", "") },
		{ 0, CTL_ARGV("set", "Logical_Router_Port", "gwp", "name=gwq") },
		{ 1, CTL_ARGV("clear", "Logical_Router", "gw1", "ports") },
	};

	RUN_PART_CASES(cases);
}

Test(ctl_fast_write, records_appended_on_the_file_are_part_of_it)
{
	struct xovn_db_span sw0 = part_switch_span("sw0");
	char *junk = malloc(sw0.len), *saved = malloc(sw0.len);
	json_t *m;

	cr_assert(junk && saved);
	memset(junk, '#', sw0.len);
	CTL_OK("lsp-add", "sw1", "q2"); /* appended: the index still describes the file */
	part_overwrite_span(sw0, junk, saved);
	CTL_OK("lsp-set-addresses", "q2", "02:00:00:00:01:02");
	part_overwrite_span(sw0, saved, NULL);
	m = part_load(ctl_db);
	cr_assert_str_eq(first_address(m, "q2"), "02:00:00:00:01:02");
	json_decref(m);
	CTL_OK("ls-del", "sw1");
	CTL_FAIL("q1: port name not found", "lsp-set-addresses", "q1", "02:00:00:00:01:01");
	free(junk);
	free(saved);
}

Test(ctl_fast_write, an_index_of_another_file_is_not_used)
{
	struct xovn_errors errs;
	json_t *m = part_load(ctl_db), *sw0, *sw1, *p1;
	char index[4096], *old_index;
	size_t len;

	/* By hand: p1 moves to sw1, the file is rewritten, the old index is put back. */
	snprintf(index, sizeof(index), "%s.index", ctl_db);
	old_index = ctl_slurp(index, &len);
	cr_assert_not_null(old_index);
	sw0 = ctl_json_switch(m, "sw0");
	sw1 = ctl_json_switch(m, "sw1");
	p1 = json_incref(json_array_get(json_object_get(sw0, "ports"), 0));
	cr_assert_str_eq(json_string_value(json_object_get(p1, "name")), "p1");
	json_array_remove(json_object_get(sw0, "ports"), 0);
	json_object_set_new(p1, "tunnel_key", json_integer(99));
	json_array_append_new(json_object_get(sw1, "ports"), p1);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_save(ctl_db, m, &errs), 0);
	xovn_errors_free(&errs);
	json_decref(m);
	cr_assert_eq(unlink(index), 0);
	{
		FILE *f = fopen(index, "w");

		cr_assert_not_null(f);
		cr_assert_eq(fwrite(old_index, 1, len, f), len);
		fclose(f);
	}
	free(old_index);
	CTL_OK("lsp-set-addresses", "p1", "02:00:00:00:00:01 10.0.0.1");
	m = part_load(ctl_db);
	cr_assert_str_eq(first_address(m, "p1"), "02:00:00:00:00:01 10.0.0.1");
	cr_assert_eq(json_array_size(json_object_get(ctl_json_switch(m, "sw0"), "ports")), 1);
	json_decref(m);
	/* That write read the whole db and left an index of the new file. */
	part_expect_same_as_full(CTL_ARGV("lsp-add", "sw0", "p7"), 1);
}

/* The index text of small documents, line by line. */
struct scan_case {
	const char *doc;
	const char *want;   /* after the header line; NULL: no index */
};

Test(ctl_fast_write, the_index_text_of_a_document)
{
	static const struct scan_case cases[] = {
		{ "{\"version\": 1, \"logical_switches\": [{\"name\": \"a\", \"ports\": [{\"name\": \"x\"}, "
		  "{\"tag\": [1, {\"k\": \"]\"}], \"name\": \"y\"}]}, {\"ports\": [], \"name\": \"b\"}], "
		  "\"chassis\": []}",
		  "m 12 1 version\ns 36 78 a\ns 116 26 b\nm 156 2 chassis\np x 0\np y 0\nk a -\nk b -\n" },
		/* a switch's tunnel key, wherever it comes; only a plain integer is indexed */
		{ "{\"logical_switches\": [{\"name\": \"a\", \"tunnel_key\": 17, \"ports\": []}, "
		  "{\"tunnel_key\":3}]}",
		  NULL },
		{ "{\"logical_switches\": [{\"name\": \"a\", \"tunnel_key\": 17, \"ports\": []}, "
		  "{\"tunnel_key\":3,\"name\":\"b\"}]}",
		  "s 22 44 a\ns 68 27 b\nk a 17\nk b 3\n" },
		{ "{\"logical_switches\": [{\"name\": \"a\", \"tunnel_key\": 1.5}]}", NULL },
		{ "{\"logical_switches\": [{\"name\": \"a\", \"tunnel_key\": -1}]}", NULL },
		/* container ports name their parent; chassis and bindings name ports at any depth */
		{ "{\"logical_switches\": [{\"name\": \"a\", \"ports\": [{\"parent_name\": \"x\", "
		  "\"name\": \"c\"}]}], \"chassis\": [{\"vifs\": [{\"port\": \"v\"}]}], "
		  "\"bindings\": [{\"port\": \"b\", \"x\": {\"port\": 1}}], \"n\": {\"port\": \"z\"}}",
		  "s 22 59 a\nm 95 27 chassis\nm 136 33 bindings\nm 176 13 n\n"
		  "p c 0\nc x 0\nk a -\na v chassis\na b bindings\n" },
		/* router ports and DHCP options rows ports name; the names of chassis */
		{ "{\"logical_switches\": [{\"name\": \"a\", \"ports\": [{\"options\": "
		  "{\"a\": \"b\", \"router-port\": \"lrp0\"}, \"name\": \"x\", \"dhcpv4_options\": "
		  "\"u4\", \"dhcpv6_options\": \"u6\"}]}], \"chassis\": [{\"name\": \"hv1\", "
		  "\"vifs\": [{\"port\": \"x\"}]}, {\"vifs\": [], \"name\": \"hv2\"}]}",
		  "s 22 133 a\nm 169 71 chassis\np x 0\nr lrp0 0\nd u4 0\nd u6 0\nk a -\nh hv1\n"
		  "a x chassis\nh hv2\n" },
		{ "{\"logical_switches\": [{\"name\": \"a\", \"ports\": [{\"name\": \"x\", "
		  "\"options\": {\"router-port\": \"l\\\"p\"}}]}]}", NULL },
		{ "{\"logical_switches\": []}", "" },
		{ "{\"logical_switches\": [{\"name\": \"a\\\"b\"}]}", NULL },
		{ "{\"logical_switches\": [{\"ports\": []}]}", NULL },
		{ "[1, 2]", NULL },
		{ "{\"version\": 1", NULL },
	};
	struct xovn_file_id id = { .ino = 7, .size = 8, .mtime_ns = 9 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *doc = cases[i].doc;
		size_t len;
		char *text = xovn_db_index_text(doc, strlen(doc), &id, &len);
		const char *head = "xovn-db-index 4 7 8 9\n";

		if (!cases[i].want) {
			cr_assert_null(text, "case %zu: an index of %s", i, doc);
			continue;
		}
		cr_assert_not_null(text, "case %zu: no index of %s", i, doc);
		cr_assert_eq(strncmp(text, head, strlen(head)), 0, "case %zu: %s", i, text);
		cr_assert_str_eq(text + strlen(head), cases[i].want, "case %zu: %s", i, text);
		free(text);
	}
}
