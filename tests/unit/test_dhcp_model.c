// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_dhcp_model.c - DHCP_Options rows: the option parser (values in OVN's
 * spelling), completeness as ovn-northd judges it, and the validator's
 * rules for rows and the ports naming them.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>

#include "model/dhcp.h"
#include "model/model.h"
#include "model_files.h"

#define U1 "11111111-1111-4111-8111-111111111111"
#define U2 "22222222-2222-4222-8222-222222222222"

static json_t *row(const char *uuid, const char *cidr, json_t *options)
{
	return json_pack("{s:s, s:s, s:o}", "_uuid", uuid, "cidr", cidr, "options",
			 options ? options : json_object());
}

static int parse(json_t *r, struct xovn_dhcp_options *o, char *err)
{
	const char *bad;
	int rc = xovn_dhcp_from_json(r, o, &bad, err, 256);

	json_decref(r);
	return rc;
}

static uint32_t ip(const char *s)
{
	struct in_addr a;

	cr_assert_eq(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

Test(dhcp_model, every_v4_option_parses)
{
	struct xovn_dhcp_options o;
	char err[256];
	json_t *opts = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"router", "10.0.0.1", "server_id", "10.0.0.2", "server_mac", "02:00:00:00:00:fe",
		"lease_time", "3600", "dns_server", "{8.8.8.8, 1.1.1.1}",
		"domain_name", "\"example.org\"", "mtu", "1400",
		"classless_static_route", "{30.0.0.0/24,10.0.0.10, 0.0.0.0/0,10.0.0.1}",
		"T1", "1800", "T2", "3150");

	cr_assert_eq(parse(row(U1, "10.0.0.0/24", opts), &o, err), 0, "%s", err);
	cr_assert_eq(o.family, AF_INET);
	cr_assert_eq(o.plen, 24);
	cr_assert_eq(o.router.s_addr, ip("10.0.0.1"));
	cr_assert_eq(o.server_id4.s_addr, ip("10.0.0.2"));
	cr_assert_eq(o.server_mac[0], 0x02);
	cr_assert_eq(o.server_mac[5], 0xfe);
	cr_assert_eq(o.lease_time, 3600);
	cr_assert_eq(o.n_dns4, 2);
	cr_assert_eq(o.dns4[1].s_addr, ip("1.1.1.1"));
	cr_assert_str_eq(o.domain_name, "example.org");
	cr_assert_eq(o.mtu, 1400);
	cr_assert_eq(o.n_routes, 2);
	cr_assert_eq(o.routes[0].dst.s_addr, ip("30.0.0.0"));
	cr_assert_eq(o.routes[0].plen, 24);
	cr_assert_eq(o.routes[1].via.s_addr, ip("10.0.0.1"));
	cr_assert_eq(o.t1, 1800);
	cr_assert_eq(o.t2, 3150);
	cr_assert(xovn_dhcp_complete(&o));
}

Test(dhcp_model, bad_values_name_the_option)
{
	static const struct { const char *key, *value; } bad[] = {
		{ "router", "10.0.0" }, { "server_id", "::1" }, { "server_mac", "00:11" },
		{ "lease_time", "-1" }, { "lease_time", "4294967296" }, { "mtu", "67" },
		{ "mtu", "70000" }, { "dns_server", "{}" }, { "domain_name", "a b" },
		{ "classless_static_route", "{10.0.0.0/24}" },
		{ "classless_static_route", "{10.0.0.1/24,10.0.0.1}" }, { "T1", "x" },
		{ "nonsense", "1" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct xovn_dhcp_options o;
		json_t *opts = json_pack("{s:s}", bad[i].key, bad[i].value);

		cr_assert_eq(parse(row(U1, "10.0.0.0/24", opts), &o, err), -1, "%s=%s accepted",
			     bad[i].key, bad[i].value);
		cr_assert_not_null(strstr(err, bad[i].key), "%s=%s: error \"%s\"", bad[i].key,
				   bad[i].value, err);
	}
}

Test(dhcp_model, complete_needs_server_id_server_mac_lease_time)
{
	static const char *const keys[] = { "server_id", "server_mac", "lease_time" };
	static const char *const values[] = { "10.0.0.1", "02:00:00:00:00:01", "60" };
	char err[256];

	for (int drop = 0; drop < 3; drop++) {
		struct xovn_dhcp_options o;
		json_t *opts = json_object();

		for (int k = 0; k < 3; k++)
			if (k != drop)
				json_object_set_new(opts, keys[k], json_string(values[k]));
		cr_assert_eq(parse(row(U1, "10.0.0.0/24", opts), &o, err), 0, "%s", err);
		cr_assert_not(xovn_dhcp_complete(&o), "complete without %s", keys[drop]);
	}
}

Test(dhcp_model, cidr_contains)
{
	struct xovn_dhcp_options o;
	char err[256];
	uint32_t in = ip("10.0.0.77"), out = ip("10.0.1.1");

	cr_assert_eq(parse(row(U1, "10.0.0.0/24", NULL), &o, err), 0, "%s", err);
	cr_assert(xovn_dhcp_contains(&o, &in));
	cr_assert_not(xovn_dhcp_contains(&o, &out));
	cr_assert_eq(parse(row(U1, "10.0.0.1/24", NULL), &o, err), -1);
}

/* ---- the validator --------------------------------------------------------- */

static json_t *model_with_rows(json_t *rows)
{
	json_t *m = tmf_load("tests/unit/valid/base.json");

	json_object_set_new(m, "dhcp_options", rows);
	return m;
}

static json_t *first_port(json_t *m)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(m,
			"logical_switches"), 0), "ports"), 0);
}

static size_t validate(json_t *m, struct xovn_errors *errs)
{
	xovn_errors_init(errs);
	return xovn_model_validate(m, errs);
}

Test(dhcp_model, validator_accepts_incomplete_rows_and_outside_ports)
{
	struct xovn_errors errs;
	json_t *m = model_with_rows(json_pack("[o]", row(U1, "192.168.250.0/24",
				json_pack("{s:s}", "router", "192.168.250.1"))));

	/* the port's addresses are outside 192.168.250.0/24: inactive, not wrong */
	json_object_set_new(first_port(m), "dhcpv4_options", json_string(U1));
	cr_assert_eq(validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(dhcp_model, validator_rejects_bad_rows_and_references)
{
	static const struct { const char *path, *rule; } want[] = {
		{ "$.dhcp_options[1]._uuid", "unique-key" },
		{ "$.dhcp_options[2].cidr", "dhcp-cidr" },
		{ "$.dhcp_options[3].options.router", "dhcp-option" },
	};
	struct xovn_errors errs;
	json_t *m = model_with_rows(json_pack("[o, o, o, o]",
		row(U1, "10.0.0.0/24", NULL), row(U1, "10.1.0.0/24", NULL),
		row(U2, "10.2.0.1/24", NULL),
		row("33333333-3333-4333-8333-333333333333", "10.3.0.0/24",
		    json_pack("{s:s}", "router", "10.3.0.999"))));

	cr_assert_eq(validate(m, &errs), 3, "%s", tmf_errors_text(&errs));
	for (size_t i = 0; i < 3; i++)
		cr_assert(tmf_has_error(&errs, want[i].path, want[i].rule), "no %s %s in\n%s",
			  want[i].path, want[i].rule, tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(dhcp_model, validator_rejects_dangling_and_wrong_family)
{
	struct xovn_errors errs;
	json_t *m = model_with_rows(json_pack("[o]", row(U1, "fd00::/64", NULL)));

	json_object_set_new(first_port(m), "dhcpv4_options", json_string(U1));
	json_object_set_new(first_port(m), "dhcpv6_options", json_string(U2));
	cr_assert_eq(validate(m, &errs), 2, "%s", tmf_errors_text(&errs));
	cr_assert(tmf_has_error(&errs, "$.logical_switches[0].ports[0].dhcpv4_options",
				"dhcp-family"), "%s", tmf_errors_text(&errs));
	cr_assert(tmf_has_error(&errs, "$.logical_switches[0].ports[0].dhcpv6_options",
				"dangling-reference"), "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}
