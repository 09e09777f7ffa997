// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_scale.c - a 100,000-port model compiles and diffs in well
 * under a second: xovnd recompiles on every model change, so the compiler
 * must stay linear (or n log n) in the number of ports.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "compile_fixture.h"

#define N_SWITCHES 2000
#define PORTS_PER_SWITCH 50
#define N_CHASSIS 20
#define N_PORTS (N_SWITCHES * PORTS_PER_SWITCH)

/* "v<N>" has ifindex 10 + N; everything exists. */
static int numbered_iface(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	(void)arg;
	info->ifindex = 10 + (uint32_t)atoi(ifname + 1);
	info->mtu = 1500;
	info->is_veth = 1;
	return 0;
}

static json_t *add_chassis(json_t *model)
{
	json_t *chassis = json_array();
	char name[16], ip[16];

	for (int c = 0; c < N_CHASSIS; c++) {
		snprintf(name, sizeof(name), "hv%d", c);
		snprintf(ip, sizeof(ip), "10.2.0.%d", c + 1);
		json_array_append_new(chassis, json_pack("{s:s, s:{s:s, s:s}, s:[]}", "name", name,
							 "encap", "type", "geneve", "ip", ip, "vifs"));
	}
	json_object_set_new(model, "chassis", chassis);
	return chassis;
}

/* Builds without json_pack: parsing a format string per object would dominate. */
static json_t *port_object(const char *name, int key, const char *mac)
{
	json_t *port = json_object(), *addresses = json_array();

	json_array_append_new(addresses, json_string_nocheck(mac));
	json_object_set_new_nocheck(port, "name", json_string_nocheck(name));
	json_object_set_new_nocheck(port, "tunnel_key", json_integer(key));
	json_object_set_new_nocheck(port, "addresses", addresses);
	return port;
}

static json_t *vif_object(const char *iface, const char *port)
{
	json_t *vif = json_object();

	json_object_set_new_nocheck(vif, "iface", json_string_nocheck(iface));
	json_object_set_new_nocheck(vif, "port", json_string_nocheck(port));
	return vif;
}

/* Port n of the model is "p<n>" with MAC 02:00:00:nn:nn:nn, attached as "v<n>" on hv(n % N_CHASSIS). */
static json_t *big_model(void)
{
	json_t *model = json_pack("{s:i, s:i, s:[]}", "version", 1, "generation", 1,
				  "logical_switches");
	json_t *switches = json_object_get(model, "logical_switches");
	json_t *chassis = add_chassis(model);
	json_t *vifs[N_CHASSIS];
	char name[32], mac[32], iface[16];

	for (int c = 0; c < N_CHASSIS; c++)
		vifs[c] = json_object_get(json_array_get(chassis, c), "vifs");
	for (int s = 0; s < N_SWITCHES; s++) {
		json_t *ports = json_array();

		for (int p = 0; p < PORTS_PER_SWITCH; p++) {
			int n = s * PORTS_PER_SWITCH + p;

			snprintf(name, sizeof(name), "p%d", n);
			snprintf(mac, sizeof(mac), "02:00:00:%02x:%02x:%02x",
				 (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
			snprintf(iface, sizeof(iface), "v%d", n);
			json_array_append_new(ports, port_object(name, p + 1, mac));
			json_array_append_new(vifs[n % N_CHASSIS], vif_object(iface, name));
		}
		snprintf(name, sizeof(name), "ls%d", s);
		json_array_append_new(switches, json_pack("{s:s, s:i, s:o}", "name", name,
							  "tunnel_key", s + 1, "ports", ports));
	}
	return model;
}

static double cpu_now(void)
{
	struct timespec ts;

	/* CPU time of this thread: what the compiler costs, whatever else the host runs */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void compile_big(const json_t *model, struct xovn_mapset *out)
{
	char err[256];

	xovn_mapset_init(out);
	cr_assert_eq(compile_doc(model, "hv0", numbered_iface, NULL, out, err, sizeof(err)), 0,
		     "%s", err);
}

Test(compile_scale, hundred_thousand_ports_compile_and_diff_exactly, .timeout = 20)
{
	double t_build = cpu_now();
	json_t *model = big_model();
	struct xovn_mapset before, after, up, del;
	double t0, t_compile, t_diff;
	json_t *port;

	t_build = cpu_now() - t_build;

	t0 = cpu_now();
	compile_big(model, &before);
	t_compile = cpu_now() - t0;

	cr_assert_eq(count_map(&before, XOVN_MAP_CONFIG), 1);
	cr_assert_eq(count_map(&before, XOVN_MAP_DATAPATHS), N_SWITCHES);
	cr_assert_eq(count_map(&before, XOVN_MAP_PORTS), N_PORTS);
	cr_assert_eq(count_map(&before, XOVN_MAP_FDB), N_PORTS);
	cr_assert_eq(count_map(&before, XOVN_MAP_INGRESS), N_PORTS / N_CHASSIS);
	cr_assert_eq(count_map(&before, XOVN_MAP_FLOOD), N_SWITCHES, "no unknown ports: flood only");
	/* switch 0 = ports 0..49: hv0 holds 0, 20, 40; the other 19 chassis get one copy each */
	cr_assert_eq(find_flood(&before, 1, XOVN_MC_FLOOD)->n_local, 3);
	cr_assert_eq(find_flood(&before, 1, XOVN_MC_FLOOD)->n_remote, N_CHASSIS - 1);
	cr_assert_eq(find_port(&before, 1, 21)->ifindex, 10 + 20);
	cr_assert_eq(find_port(&before, 1, 2)->remote_ip, ip4("10.2.0.2"));

	/* one port moves its MAC: exactly one fdb entry out, one in */
	port = json_array_get(json_object_get(json_array_get(json_object_get(model,
			"logical_switches"), 1234), "ports"), 7);
	json_array_set_new(json_object_get(port, "addresses"), 0, json_string("02:aa:00:00:00:01"));
	compile_big(model, &after);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	t0 = cpu_now();
	cr_assert_eq(xovn_mapset_diff(&before, &after, &up, &del), 0);
	t_diff = cpu_now() - t0;
	cr_assert_eq(up.n, 1);
	cr_assert_eq(del.n, 1);
	cr_assert_eq(up.v[0].map, XOVN_MAP_FDB);

	/* Timings are logged for reference only; speed is measured in bench/. */
	cr_log_info("100k ports: model %.3f s, compile %.3f s, diff %.3f s (CPU)",
		    t_build, t_compile, t_diff);

	xovn_mapset_free(&before);
	xovn_mapset_free(&after);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	json_decref(model);
}
