/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_args_malformed.c - every verb with arguments of the right count
 * but the wrong shape (bad names, addresses, numbers out of range, things
 * that do not exist, types that do not fit), and the global options and
 * separators misused.  Each must exit 1 with a "xovnctl: " message that
 * names the offending word, and leave the db byte-identical.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

#define MAX_WORDS 8

struct bad_case {
	const char *argv[MAX_WORDS];   /* NULL-terminated */
	const char *names;             /* the message must contain this */
};

#define LONG_NAME "n234567890123456789012345678901234567890123456789012345678901234"

/* Same fixture as test_ctl_args.c: sw0 {vm1, vm2, ln (localnet), lp (localport)}, hv1, g1. */
static const struct bad_case cases[] = {
	/* switches */
	{ { "ls-add", "bad name!" }, "bad name!" },
	{ { "ls-add", "" }, "name" },
	{ { "ls-add", LONG_NAME }, LONG_NAME },
	{ { "ls-add", "sw0" }, "sw0" },
	{ { "--tunnel-key=0", "ls-add", "sw9" }, "tunnel key" },
	{ { "--tunnel-key=16777216", "ls-add", "sw9" }, "tunnel key" },
	{ { "--tunnel-key=12abc", "ls-add", "sw9" }, "tunnel key" },
	{ { "--if-exists", "ls-add", "sw9" }, "ls-add" },
	{ { "--bogus", "ls-add", "sw9" }, "--bogus" },
	{ { "ls-del", "nope" }, "nope" },
	/* ports */
	{ { "lsp-add", "nope", "p9" }, "nope" },
	{ { "lsp-add", "sw0", "bad/name" }, "bad/name" },
	{ { "lsp-add", "sw0", "c9", "vm1", "0" }, "1..4094" },
	{ { "lsp-add", "sw0", "c9", "vm1", "4095" }, "1..4094" },
	{ { "lsp-add", "sw0", "c9", "vm1", "ten" }, "1..4094" },
	{ { "lsp-add", "sw0", "c9", "ln", "5" }, "ln" },
	{ { "lsp-del", "nope" }, "nope" },
	{ { "lsp-list", "nope" }, "nope" },
	{ { "lsp-set-type", "vm1", "bogus" }, "bogus" },
	{ { "lsp-set-type", "nope", "localport" }, "nope" },
	{ { "lsp-get-type", "nope" }, "nope" },
	{ { "lsp-set-addresses", "vm1", "00:11" }, "00:11" },
	{ { "lsp-set-addresses", "vm1", "00:00:00:00:00:01 10.0.0" }, "10.0.0" },
	{ { "lsp-set-addresses", "vm1", "00:00:00:00:00:01 fe80::zz" }, "fe80::zz" },
	{ { "lsp-set-addresses", "vm1", "00:00:00:00:00:0g" }, "00:00:00:00:00:0g" },
	{ { "lsp-set-addresses", "nope", "unknown" }, "nope" },
	{ { "lsp-get-addresses", "nope" }, "nope" },
	{ { "lsp-set-port-security", "vm1", "xx" }, "xx" },
	{ { "lsp-set-port-security", "vm1", "00:00:00:00:00:01 10.0.0.1/33" }, "10.0.0.1/33" },
	{ { "lsp-set-port-security", "nope" }, "nope" },
	{ { "lsp-get-port-security", "nope" }, "nope" },
	{ { "lsp-set-options", "ln", "novalue" }, "novalue" },
	{ { "lsp-set-options", "ln", "=value" }, "=value" },
	{ { "lsp-set-options", "nope", "a=b" }, "nope" },
	{ { "lsp-get-options", "nope" }, "nope" },
	{ { "lsp-set-tag", "ln", "0" }, "1..4094" },
	{ { "lsp-set-tag", "ln", "4095" }, "1..4094" },
	{ { "lsp-set-tag", "ln", "x" }, "1..4094" },
	{ { "lsp-set-tag", "nope", "5" }, "nope" },
	{ { "lsp-set-ha-chassis-group", "vm1", "nope" }, "nope" },
	{ { "lsp-set-ha-chassis-group", "nope", "g1" }, "nope" },
	/* HA groups */
	{ { "ha-chassis-group-add", "bad name!" }, "bad name!" },
	{ { "ha-chassis-group-add", "g1" }, "g1" },
	{ { "ha-chassis-group-del", "nope" }, "nope" },
	{ { "ha-chassis-group-add-chassis", "g1", "hv1", "-1" }, "-1" },
	{ { "ha-chassis-group-add-chassis", "g1", "hv1", "32768" }, "32768" },
	{ { "ha-chassis-group-add-chassis", "g1", "hv1", "high" }, "high" },
	{ { "ha-chassis-group-add-chassis", "nope", "hv1", "1" }, "nope" },
	{ { "ha-chassis-group-remove-chassis", "nope", "hv1" }, "nope" },
	{ { "ha-chassis-group-remove-chassis", "g1", "nope" }, "nope" },
	/* chassis */
	{ { "chassis-add", "hv9", "vxlan", "192.0.2.9" }, "vxlan" },
	{ { "chassis-add", "hv9", "geneve", "192.0.2.300" }, "192.0.2.300" },
	{ { "chassis-add", "hv9", "geneve", "::1" }, "::1" },
	{ { "chassis-add", "bad name!", "geneve", "192.0.2.9" }, "bad name!" },
	{ { "chassis-add", "hv1", "geneve", "192.0.2.9" }, "hv1" },
	{ { "chassis-del", "nope" }, "nope" },
	{ { "chassis-set-encap-iface", "hv1", "bad/if" }, "bad/if" },
	{ { "chassis-set-encap-iface", "hv1", "waytoolongifname0" }, "waytoolongifname0" },
	{ { "chassis-set-encap-iface", "nope", "eth0" }, "nope" },
	{ { "chassis-set-bridge-mappings", "hv1", "phys" }, "phys" },
	{ { "chassis-set-bridge-mappings", "hv1", ":br0" }, ":br0" },
	{ { "chassis-set-bridge-mappings", "hv1", "phys:" }, "interface name" },
	{ { "chassis-set-bridge-mappings", "hv1", "phys:bad/if" }, "bad/if" },
	{ { "chassis-set-bridge-mappings", "nope", "phys:br0" }, "nope" },
	{ { "chassis-set-state", "hv1", "sideways" }, "sideways" },
	{ { "chassis-set-state", "nope", "up" }, "nope" },
	/* bindings */
	{ { "vif-attach", "hv1", "bad/if", "vm1" }, "bad/if" },
	{ { "vif-attach", "nope", "tap9", "vm1" }, "nope" },
	{ { "vif-detach", "hv1", "tap9" }, "tap9" },
	{ { "vif-detach", "nope", "tap0" }, "nope" },
	{ { "lsp-bind", "nope", "hv1" }, "nope" },
	{ { "lsp-bind", "lp", "hv1" }, "lp" },
	{ { "lsp-bind", "ln", "hv1" }, "ln" },
	{ { "lsp-unbind", "nope" }, "nope" },
	/* the command line itself */
	{ { "--db" }, "--db" },
	{ { "--db=" }, "--db" },
	{ { "--" }, "missing command" },
	{ { "ls-list", "--" }, "missing command" },
	{ { "ls-list", "--", "--", "ls-list" }, "missing command" },
	{ { "no-such-verb" }, "no-such-verb" },
	{ { "ls-add", "sw9", "--", "no-such-verb" }, "no-such-verb" },
	{ { "--may-exist" }, "missing command" },
};


TestSuite(ctl_args_malformed, .init = ctl_fixture_init_sample, .fini = ctl_fixture_fini);

Test(ctl_args_malformed, each_rejected_with_the_offending_word)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ctl_expect_fail_v(cases[i].names, cases[i].argv);
}

/* The same bad commands after a valid one: the valid one is not applied either. */
Test(ctl_args_malformed, each_rejected_inside_a_chain)
{
	const char *argv[MAX_WORDS + 4];
	size_t i, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strncmp(cases[i].argv[0], "--", 2) == 0 && strncmp(cases[i].argv[0], "--t", 3) != 0)
			continue;  /* global options only make sense first */
		argv[0] = "ls-add";
		argv[1] = "swchain";
		argv[2] = "--";
		for (k = 0; cases[i].argv[k]; k++)
			argv[3 + k] = cases[i].argv[k];
		argv[3 + k] = NULL;
		ctl_expect_fail_v(NULL, argv);
	}
}

/* With no db at all, a command rejected on its words alone does not create one. */
Test(ctl_args_malformed, rejected_without_a_db_creates_none)
{
	ctl_fixture_fini();
	ctl_fixture_init();
	CTL_FAIL("bad name!", "ls-add", "bad name!");
	CTL_FAIL("tunnel key", "--tunnel-key=0", "ls-add", "sw9");
	CTL_FAIL("192.0.2.300", "chassis-add", "hv9", "geneve", "192.0.2.300");
	CTL_FAIL("no-such-verb", "ls-add", "sw9", "--", "no-such-verb");
	CTL_FAIL("missing argument", "ls-add");
	CTL_FAIL("too many arguments", "ls-list", "x");
}
