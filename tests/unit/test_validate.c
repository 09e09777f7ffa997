// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate.c - validator behaviour beyond the corpus: error counting,
 * path notation, input left untouched, models built in code, and speed on
 * a large model.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/model.h"
#include "model_files.h"

static json_t *base_model(void)
{
	return tmf_load("tests/unit/valid/base.json");
}

static json_t *port_of(json_t *model, size_t sw, size_t port)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(model,
			"logical_switches"), sw), "ports"), port);
}

Test(validate, new_model_is_valid)
{
	struct xovn_errors errs;
	json_t *m = xovn_model_new();

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, null_and_non_object_models_are_rejected)
{
	struct xovn_errors errs;
	json_t *arr = json_array();

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(NULL, &errs), 1);
	cr_assert(tmf_has_error(&errs, "$", "type"));
	cr_assert_eq(xovn_model_validate(arr, &errs), 1);
	cr_assert_eq(errs.n, 2, "errors accumulate in the list");
	xovn_errors_free(&errs);
	json_decref(arr);
}

Test(validate, returns_only_the_errors_of_this_call)
{
	struct xovn_errors errs;
	json_t *m = base_model();

	xovn_errors_init(&errs);
	xovn_errors_add(&errs, "$", "io", "an earlier problem");
	json_object_set_new(m, "version", json_integer(7));
	json_object_set_new(port_of(m, 0, 1), "tag", json_integer(9));
	cr_assert_eq(xovn_model_validate(m, &errs), 2, "%s", tmf_errors_text(&errs));
	cr_assert_eq(errs.n, 3);
	cr_assert_str_eq(errs.v[0].rule, "io", "earlier errors are kept");
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, model_is_left_untouched)
{
	json_t *good = base_model(), *bad = tmf_load("tests/unit/invalid/many-semantic-errors.json");
	json_t *good_copy = json_deep_copy(good), *bad_copy = json_deep_copy(bad);
	struct xovn_errors errs;

	xovn_errors_init(&errs);
	xovn_model_validate(good, &errs);
	cr_assert_gt(xovn_model_validate(bad, &errs), 0);
	cr_assert(json_equal(good, good_copy));
	cr_assert(json_equal(bad, bad_copy));
	xovn_errors_free(&errs);
	json_decref(good);
	json_decref(bad);
	json_decref(good_copy);
	json_decref(bad_copy);
}

Test(validate, odd_member_names_are_quoted_in_paths)
{
	json_t *m = base_model();
	json_t *ch = json_array_get(json_object_get(m, "chassis"), 0);
	struct xovn_errors errs;

	json_object_set_new(json_object_get(ch, "bridge_mappings"), "prov \"a\"",
			    json_string("has space"));
	json_object_set_new(m, "9lives", json_true());
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 2, "%s", tmf_errors_text(&errs));
	cr_assert(tmf_has_error(&errs, "$.chassis[0].bridge_mappings[\"prov \\\"a\\\"\"]",
				"pattern"), "%s", tmf_errors_text(&errs));
	cr_assert(tmf_has_error(&errs, "$[\"9lives\"]", "additional-property"), "%s",
		  tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, integers_must_be_integers)
{
	json_t *m = base_model();
	struct xovn_errors errs;

	/* jansson reads 4.0 as a real; the compiler reads integers only. */
	json_object_set_new(port_of(m, 0, 3), "tag", json_real(10.0));
	json_object_set_new(port_of(m, 0, 1), "tunnel_key", json_null());
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 2, "%s", tmf_errors_text(&errs));
	cr_assert(tmf_has_error(&errs, "$.logical_switches[0].ports[3].tag", "type"));
	cr_assert(tmf_has_error(&errs, "$.logical_switches[0].ports[1].tunnel_key", "type"));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, errors_print_as_path_rule_message)
{
	struct xovn_errors errs;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *m = base_model();

	json_object_set_new(port_of(m, 0, 1), "tag", json_integer(9));
	xovn_errors_init(&errs);
	xovn_model_validate(m, &errs);
	xovn_errors_print(&errs, "xovnctl: ", f);
	fclose(f);
	cr_assert_str_eq(buf, "xovnctl: $.logical_switches[0].ports[1].tag: tag-not-allowed: "
			      "only container ports (with parent_name) and localnet ports have a tag\n");
	free(buf);
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, fixing_the_fault_makes_the_model_valid)
{
	json_t *m = tmf_load("tests/unit/invalid/duplicate-ip.json");
	struct xovn_errors errs;

	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 1);
	json_array_set_new(json_object_get(port_of(m, 0, 1), "addresses"), 0,
			   json_string("02:00:00:00:00:02 10.0.0.2"));
	xovn_errors_free(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(validate, same_ip_and_key_on_different_switches_is_fine)
{
	json_t *m = base_model();
	struct xovn_errors errs;

	/* base.json: vm3 on sw1 has vm1's IP 10.0.0.1 and port key 1, as OVN allows. */
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(port_of(m, 1, 0),
				"addresses"), 0)), "02:00:00:00:00:03 10.0.0.1");
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}

#define PORTS_PER_SWITCH 40
#define N_CHASSIS 10

/* n_switches x PORTS_PER_SWITCH attached VIFs on N_CHASSIS chassis. */
static json_t *big_model(int n_switches)
{
	json_t *m = xovn_model_new(), *switches = json_object_get(m, "logical_switches");
	json_t *chassis = json_object_get(m, "chassis");
	char name[64], ip[32], addr[64];

	for (int c = 0; c < N_CHASSIS; c++) {
		snprintf(name, sizeof(name), "hv%d", c);
		snprintf(ip, sizeof(ip), "10.255.0.%d", c + 1);
		json_array_append_new(chassis, json_pack("{s:s, s:{s:s, s:s}, s:[]}", "name", name,
			"encap", "type", "geneve", "ip", ip, "vifs"));
	}
	for (int s = 0; s < n_switches; s++) {
		json_t *ports = json_array();

		for (int p = 0; p < PORTS_PER_SWITCH; p++) {
			int n = s * PORTS_PER_SWITCH + p;

			snprintf(name, sizeof(name), "p%d", n);
			snprintf(addr, sizeof(addr), "0a:00:00:%02x:%02x:%02x 10.%d.%d.%d",
				 n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff, s >> 8, s & 0xff, p + 1);
			json_array_append_new(ports, json_pack("{s:s, s:i, s:[s]}", "name", name,
				"tunnel_key", p + 1, "addresses", addr));
			snprintf(ip, sizeof(ip), "tap%d", n);
			json_array_append_new(json_object_get(json_array_get(chassis, n % N_CHASSIS),
							      "vifs"),
					      json_pack("{s:s, s:s}", "iface", ip, "port", name));
		}
		snprintf(name, sizeof(name), "sw%d", s);
		json_array_append_new(switches, json_pack("{s:s, s:i, s:o}", "name", name,
			"tunnel_key", s + 1, "ports", ports));
	}
	return m;
}

/* Best of runs runs, in seconds; the model must be valid. */
static double validate_seconds(const json_t *m, int runs)
{
	double best = 1e9;

	for (int run = 0; run < runs; run++) {
		struct xovn_errors errs;
		struct timespec t0, t1;
		double secs;

		xovn_errors_init(&errs);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		cr_assert_eq(xovn_model_validate(m, &errs), 0, "%s", tmf_errors_text(&errs));
		clock_gettime(CLOCK_MONOTONIC, &t1);
		xovn_errors_free(&errs);
		secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		best = secs < best ? secs : best;
	}
	return best;
}

#if defined(__SANITIZE_ADDRESS__)
#define BUDGET_S 12.0   /* AddressSanitizer makes every allocation dearer */
#else
#define BUDGET_S 4.0
#endif

Test(validate, twenty_thousand_ports_within_budget, .timeout = 60)
{
	json_t *m = big_model(500);
	double secs = validate_seconds(m, 2);
	struct xovn_errors errs;

	cr_log_info("20k ports validated in %.3f s", secs);
	/*
	 * About 0.5 s here when every rule uses hash lookups; resolving each
	 * attachment with xovn_find_port (a scan of all ports) alone takes
	 * several seconds at this size.
	 */
	cr_assert_lt(secs, BUDGET_S, "20k ports took %.3f s", secs);

	/* The last port reuses the first port's name: found, at the right path. */
	json_object_set_new(port_of(m, 499, PORTS_PER_SWITCH - 1), "name", json_string("p0"));
	xovn_errors_init(&errs);
	cr_assert_gt(xovn_model_validate(m, &errs), 0);
	cr_assert(tmf_has_error(&errs, "$.logical_switches[499].ports[39].name", "unique-name"),
		  "%s", tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(m);
}
