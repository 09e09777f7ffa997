/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_args.c - every verb with one argument too few, one too many and
 * malformed ones: exit 1, a "xovnctl: " message naming what is wrong, and
 * the db byte-identical (ctl_expect_fail_v checks all of it).  A verb that
 * appears in --help but not in the table below fails the coverage test, so
 * a new verb cannot skip these checks.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ctl_harness.h"

#define MAX_ARGS 7
#define DHCP4_UUID "00000000-0000-4000-8000-0000000000d4"
#define DHCP6_UUID "00000000-0000-4000-8000-0000000000d6"

struct verb_case {
	const char *verb;
	int min_args, max_args;            /* max -1: no upper bound */
	const char *valid[MAX_ARGS];       /* a full valid argument list (max_args of them when bounded) */
};

/* Options a verb's valid list needs, written before the verb. */
static const struct {
	const char *verb, *option;
} verb_options[] = {
	/* No NAT rule has a gateway port: naming one is valid with --if-exists only. */
	{ "lr-nat-del", "--if-exists" },
};

static const char *option_of(const char *verb)
{
	for (size_t i = 0; i < sizeof(verb_options) / sizeof(verb_options[0]); i++)
		if (strcmp(verb_options[i].verb, verb) == 0)
			return verb_options[i].option;
	return NULL;
}

/*
 * Valid arguments refer to the fixture: sw0 {vm1 (attached to hv1 as tap0),
 * vm2 (bound to hv1), ln (localnet), lp (localport)}, chassis hv1, group g1,
 * DHCP_Options rows DHCP4_UUID (10.0.0.0/24) and DHCP6_UUID (fd00::/64),
 * router lr0 {lrp0 10.1.0.1/24, gateway chassis hv1} with the route 10.2.0.0/16 via
 * 10.1.0.254 lrp0.
 */
static const struct verb_case verbs[] = {
	{ "ls-add", 1, 1, { "sw9" } },
	{ "ls-del", 1, 1, { "sw0" } },
	{ "ls-list", 0, 0, { NULL } },
	{ "lsp-add", 2, 4, { "sw0", "c9", "vm1", "9" } },
	{ "lsp-del", 1, 1, { "vm1" } },
	{ "lsp-list", 1, 1, { "sw0" } },
	{ "lsp-set-type", 2, 2, { "vm1", "localport" } },
	{ "lsp-get-type", 1, 1, { "vm1" } },
	{ "lsp-set-addresses", 1, -1, { "vm1", "00:00:00:00:00:01 10.0.0.1" } },
	{ "lsp-get-addresses", 1, 1, { "vm1" } },
	{ "lsp-set-port-security", 1, -1, { "vm1", "00:00:00:00:00:01 10.0.0.1" } },
	{ "lsp-get-port-security", 1, 1, { "vm1" } },
	{ "lsp-set-options", 1, -1, { "ln", "network_name=phys" } },
	{ "lsp-get-options", 1, 1, { "ln" } },
	{ "lsp-set-tag", 2, 2, { "ln", "42" } },
	{ "lsp-set-ha-chassis-group", 2, 2, { "vm1", "g1" } },
	{ "ha-chassis-group-add", 1, 1, { "g9" } },
	{ "ha-chassis-group-del", 1, 1, { "g1" } },
	{ "ha-chassis-group-list", 0, 0, { NULL } },
	{ "ha-chassis-group-add-chassis", 3, 3, { "g1", "hv1", "10" } },
	{ "ha-chassis-group-remove-chassis", 2, 2, { "g1", "hv1" } },
	{ "chassis-add", 3, 3, { "hv9", "geneve", "192.0.2.9" } },
	{ "chassis-del", 1, 1, { "hv1" } },
	{ "chassis-list", 0, 0, { NULL } },
	{ "chassis-set-encap-iface", 2, 2, { "hv1", "eth0" } },
	{ "chassis-set-bridge-mappings", 2, 2, { "hv1", "phys:br0" } },
	{ "chassis-set-state", 2, 2, { "hv1", "down" } },
	{ "vif-attach", 3, 3, { "hv1", "tap1", "lp" } },
	{ "vif-detach", 2, 2, { "hv1", "tap0" } },
	{ "lsp-bind", 2, 2, { "vm1", "hv1" } },
	{ "lsp-unbind", 1, 1, { "vm2" } },
	{ "show", 0, 0, { NULL } },
	{ "dhcp-options-create", 1, -1, { "10.9.0.0/24", "owner=me" } },
	{ "dhcp-options-set-options", 1, -1, { DHCP4_UUID, "lease_time=60" } },
	{ "dhcp-options-get-options", 1, 1, { DHCP4_UUID } },
	{ "dhcp-options-del", 1, 1, { DHCP4_UUID } },
	{ "dhcp-options-list", 0, 0, { NULL } },
	{ "lsp-set-dhcpv4-options", 1, 2, { "vm1", DHCP4_UUID } },
	{ "lsp-get-dhcpv4-options", 1, 1, { "vm1" } },
	{ "lsp-set-dhcpv6-options", 1, 2, { "vm1", DHCP6_UUID } },
	{ "lsp-get-dhcpv6-options", 1, 1, { "vm1" } },
	{ "lr-add", 1, 1, { "lr9" } },
	{ "lr-del", 1, 1, { "lr0" } },
	{ "lr-list", 0, 0, { NULL } },
	{ "lrp-add", 4, -1, { "lr0", "lrp9", "00:00:00:00:01:09", "10.9.0.1/24", "peer=lrpx" } },
	{ "lrp-del", 1, 1, { "lrp0" } },
	{ "lrp-list", 1, 1, { "lr0" } },
	{ "lrp-set-enabled", 2, 2, { "lrp0", "disabled" } },
	{ "lrp-get-enabled", 1, 1, { "lrp0" } },
	{ "lr-route-add", 3, 4, { "lr0", "10.3.0.0/16", "10.1.0.254", "lrp0" } },
	{ "lr-route-del", 1, 4, { "lr0", "10.2.0.0/16", "10.1.0.254", "lrp0" } },
	{ "lr-route-list", 1, 1, { "lr0" } },
	{ "lr-nat-add", 4, 7,
	  { "lr0", "dnat_and_snat", "172.16.0.1", "10.1.0.5", "vm1", "00:00:00:00:09:01",
	    "100-200" } },
	{ "lr-nat-del", 1, 4, { "lr0", "dnat", "172.16.0.1", "lrp0" } },
	{ "lr-nat-list", 1, 1, { "lr0" } },
	{ "lrp-set-gateway-chassis", 2, 3, { "lrp0", "hv1", "10" } },
	{ "lrp-del-gateway-chassis", 2, 2, { "lrp0", "hv1" } },
	{ "lrp-get-gateway-chassis", 1, 1, { "lrp0" } },
	{ "lrp-set-redirect-type", 2, 2, { "lrp0", "bridged" } },
	{ "lrp-get-redirect-type", 1, 1, { "lrp0" } },
};

#define N_VERBS (sizeof(verbs) / sizeof(verbs[0]))

/* Verbs that read the running dataplane, not the db; their own suites cover them. */
static const char *const dataplane_verbs[] = { "trace", "stats", "bfd-show", "lr-nat-conntrack",
					       NULL };

/* Rows with known uuids, written into the db as a previous xovnctl would have. */
static void add_dhcp_rows(void)
{
	json_t *m = ctl_load();

	json_object_set_new(m, "dhcp_options", json_pack("[{s:s, s:s}, {s:s, s:s}]",
		"_uuid", DHCP4_UUID, "cidr", "10.0.0.0/24",
		"_uuid", DHCP6_UUID, "cidr", "fd00::/64"));
	cr_assert_eq(json_dump_file(m, ctl_db, JSON_INDENT(2)), 0);
	json_decref(m);
}

static void setup(void)
{
	ctl_fixture_init_sample();
	CTL_OK("lr-add", "lr0", "--", "lrp-add", "lr0", "lrp0", "00:00:00:00:01:01", "10.1.0.1/24",
	       "--", "lr-route-add", "lr0", "10.2.0.0/16", "10.1.0.254", "lrp0",
	       "--", "lrp-set-gateway-chassis", "lrp0", "hv1", "5");
	add_dhcp_rows();
}

TestSuite(ctl_args, .init = setup, .fini = ctl_fixture_fini);

/* verb + the first n of args (+ "surplus" when extra), NULL-terminated, into argv. */
static void build(const char **argv, const struct verb_case *v, int n, int extra)
{
	int i, k = 0;

	if (option_of(v->verb))
		argv[k++] = option_of(v->verb);
	argv[k++] = v->verb;
	for (i = 0; i < n; i++)
		argv[k++] = v->valid[i];
	if (extra)
		argv[k++] = "surplus";
	argv[k] = NULL;
}

Test(ctl_args, every_verb_missing_an_argument)
{
	const char *argv[MAX_ARGS + 4];
	size_t i;

	for (i = 0; i < N_VERBS; i++) {
		if (verbs[i].min_args == 0)
			continue;
		build(argv, &verbs[i], verbs[i].min_args - 1, 0);
		ctl_expect_fail_v("missing argument", argv);
	}
}

Test(ctl_args, every_verb_with_one_argument_too_many)
{
	const char *argv[MAX_ARGS + 4];
	size_t i;

	for (i = 0; i < N_VERBS; i++) {
		if (verbs[i].max_args < 0)
			continue;
		build(argv, &verbs[i], verbs[i].max_args, 1);
		ctl_expect_fail_v("too many arguments", argv);
	}
}

/* The same checks hold in the middle of a chain: the valid first command is not applied. */
Test(ctl_args, bad_arity_anywhere_in_a_chain_changes_nothing)
{
	const char *argv[MAX_ARGS + 9];
	size_t i;

	for (i = 0; i < N_VERBS; i++) {
		if (verbs[i].min_args == 0)
			continue;
		argv[0] = "ls-add";
		argv[1] = "swchain";
		argv[2] = "--";
		build(argv + 3, &verbs[i], verbs[i].min_args - 1, 0);
		ctl_expect_fail_v("missing argument", argv);
	}
}

/* The table's valid lists really are valid: each verb succeeds with them. */
Test(ctl_args, the_valid_argument_lists_succeed)
{
	const char *argv[MAX_ARGS + 4];
	struct ctl_result r;
	size_t i;

	for (i = 0; i < N_VERBS; i++) {
		int n = verbs[i].max_args >= 0 ? verbs[i].max_args : verbs[i].min_args + 1;

		/* A fresh fixture each time: some of these delete what others use. */
		ctl_fixture_fini();
		setup();
		build(argv, &verbs[i], n, 0);
		ctl_runv(&r, ctl_db, argv);
		cr_expect_eq(r.status, 0, "%s with valid arguments: exit %d: %s", verbs[i].verb,
			     r.status, r.err);
		ctl_result_free(&r);
	}
}

static int in_table(const char *verb)
{
	size_t i;

	for (i = 0; i < N_VERBS; i++)
		if (strcmp(verbs[i].verb, verb) == 0)
			return 1;
	for (i = 0; dataplane_verbs[i]; i++)
		if (strcmp(dataplane_verbs[i], verb) == 0)
			return 1;
	return 0;
}

Test(ctl_args, every_verb_in_help_is_covered)
{
	struct ctl_result r;
	char *line, *save = NULL, word[64];
	int seen = 0;

	ctl_runv(&r, NULL, CTL_ARGV("--help"));
	cr_assert_eq(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* Command lines are "  verb ARG..." with a lowercase, dashed verb. */
		if (strncmp(line, "  ", 2) != 0 || line[2] < 'a' || line[2] > 'z' ||
		    sscanf(line + 2, "%63[a-z0-9-]", word) != 1 || !strchr(word, '-') ||
		    strlen(word) < 4)
			continue;
		seen++;
		cr_expect(in_table(word), "verb %s from --help has no argument checks here", word);
	}
	cr_assert_geq(seen, (int)N_VERBS - 2, "only %d verbs found in --help", seen);
	ctl_result_free(&r);
}
