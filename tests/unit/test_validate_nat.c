/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_validate_nat.c - the NAT rules of semantic_nat.c on one router of
 * tests/unit/valid/base.json: what ovn-nbctl's lr-nat-add accepts is valid
 * (every type, both families, rules of different types on one address,
 * snat networks that only nest), and what it refuses is one error at the
 * rule's path, also when two spellings name one address.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/model.h"
#include "model_files.h"

struct nat_case {
	const char *name;
	const char *nat;         /* the router's "nat" array */
	const char *path;        /* NULL: valid */
	const char *rule;
};

static const struct nat_case cases[] = {
	{ "every type, both families",
	  "[{\"type\":\"snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.0/24\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"2001:db8::1\",\"logical_ip\":\"fd00::/64\"},"
	  " {\"type\":\"dnat\",\"external_ip\":\"172.16.0.2\",\"logical_ip\":\"10.0.0.2\"},"
	  " {\"type\":\"dnat_and_snat\",\"external_ip\":\"2001:db8::3\",\"logical_ip\":\"fd00::3\"},"
	  " {\"type\":\"dnat_and_snat\",\"external_ip\":\"172.16.0.4\",\"logical_ip\":\"10.0.0.4\","
	  "  \"logical_port\":\"vm1\",\"external_mac\":\"02:00:00:00:bb:04\","
	  "  \"external_port_range\":\"1000-2000\",\"options\":{\"stateless\":\"true\"}}]",
	  NULL, NULL },
	{ "one external IP for dnat, dnat_and_snat and snat",
	  "[{\"type\":\"dnat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.1\"},"
	  " {\"type\":\"dnat_and_snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.1\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.0/24\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.1.0/24\"}]",
	  NULL, NULL },
	{ "nested snat networks are different keys",
	  "[{\"type\":\"snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.0/16\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"172.16.0.2\",\"logical_ip\":\"10.0.0.0/24\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"172.16.0.3\",\"logical_ip\":\"10.0.0.5\"}]",
	  NULL, NULL },
	{ "a single port is a range",
	  "[{\"type\":\"dnat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.1\","
	  "  \"external_port_range\":\"8080\"}]",
	  NULL, NULL },
	{ "one dnat external IP in two spellings",
	  "[{\"type\":\"dnat\",\"external_ip\":\"2001:db8::1\",\"logical_ip\":\"fd00::1\"},"
	  " {\"type\":\"dnat\",\"external_ip\":\"2001:DB8:0::1\",\"logical_ip\":\"fd00::2\"}]",
	  "$.logical_routers[0].nat[1]", "duplicate-nat" },
	{ "one snat network as a host and as a /32",
	  "[{\"type\":\"snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.5\"},"
	  " {\"type\":\"snat\",\"external_ip\":\"172.16.0.2\",\"logical_ip\":\"10.0.0.5/32\"}]",
	  "$.logical_routers[0].nat[1]", "duplicate-nat" },
	{ "external_mac without logical_port",
	  "[{\"type\":\"dnat_and_snat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.1\","
	  "  \"external_mac\":\"02:00:00:00:bb:01\"}]",
	  "$.logical_routers[0].nat[0]", "nat-distributed" },
	{ "a range above 65535",
	  "[{\"type\":\"dnat\",\"external_ip\":\"172.16.0.1\",\"logical_ip\":\"10.0.0.1\","
	  "  \"external_port_range\":\"1-65536\"}]",
	  "$.logical_routers[0].nat[0].external_port_range", "port-range" },
	{ "an IPv6 external IP with an IPv4 host",
	  "[{\"type\":\"dnat\",\"external_ip\":\"2001:db8::1\",\"logical_ip\":\"10.0.0.1\"}]",
	  "$.logical_routers[0].nat[0].logical_ip", "nat-family" },
	{ "an external network",
	  "[{\"type\":\"snat\",\"external_ip\":\"172.16.0.0/24\",\"logical_ip\":\"10.0.0.0/24\"}]",
	  "$.logical_routers[0].nat[0].external_ip", "nat-address" },
};

static json_t *model_with(const char *nat)
{
	json_t *doc = tmf_load("tests/unit/valid/base.json");
	json_error_t je;
	json_t *rules = json_loads(nat, 0, &je);

	cr_assert_not_null(rules, "%s", je.text);
	json_object_set_new(doc, "logical_routers", json_pack(
		"[{s:s, s:[{s:s, s:s, s:[s]}], s:o}]", "name", "lr0", "ports", "name", "lrp0",
		"mac", "02:00:00:00:aa:01", "networks", "10.0.0.254/24", "nat", rules));
	return doc;
}

Test(validate_nat, lr_nat_add_rules_on_the_model)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct nat_case *c = &cases[i];
		json_t *doc = model_with(c->nat);
		struct xovn_errors errs;

		xovn_errors_init(&errs);
		xovn_model_validate(doc, &errs);
		if (!c->path) {
			cr_expect_eq(errs.n, 0, "%s:%s", c->name, tmf_errors_text(&errs));
		} else {
			cr_expect_eq(errs.n, 1, "%s:%s", c->name, tmf_errors_text(&errs));
			if (errs.n >= 1) {
				cr_expect_str_eq(errs.v[0].path, c->path, "%s", c->name);
				cr_expect_str_eq(errs.v[0].rule, c->rule, "%s", c->name);
			}
		}
		xovn_errors_free(&errs);
		json_decref(doc);
	}
}
