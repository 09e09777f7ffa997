// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* model_gen.c - building benchmark models with jansson, without json_pack. */
#include <stdio.h>
#include <string.h>

#include "model_gen.h"

#define N_REMOTE_FILLER_CHASSIS 8  /* hv2..hv9 */

void bm_mac(uint32_t vni, uint16_t key, uint8_t mac[6])
{
	memset(mac, 0, 6);
	mac[0] = 0x02;
	mac[4] = (uint8_t)vni;
	mac[5] = (uint8_t)key;
}

void bm_ip(uint32_t vni, uint16_t key, char *buf, size_t len)
{
	snprintf(buf, len, "10.%u.0.%u", vni, key);
}

static json_t *str_array1(const char *s)
{
	json_t *a = json_array();

	json_array_append_new(a, json_string(s));
	return a;
}

/* A VIF port with "MAC IP" addresses, and the same as port_security if asked. */
static json_t *port(const char *name, unsigned key, const char *addr, int psec)
{
	json_t *p = json_object();

	json_object_set_new(p, "name", json_string(name));
	json_object_set_new(p, "tunnel_key", json_integer(key));
	json_object_set_new(p, "addresses", str_array1(addr));
	if (psec)
		json_object_set_new(p, "port_security", str_array1(addr));
	return p;
}

static json_t *bench_port(const char *name, uint32_t vni, uint16_t key, int psec)
{
	uint8_t m[6];
	char ip[32], addr[64];

	bm_mac(vni, key, m);
	bm_ip(vni, key, ip, sizeof(ip));
	snprintf(addr, sizeof(addr), "%02x:%02x:%02x:%02x:%02x:%02x %s",
		 m[0], m[1], m[2], m[3], m[4], m[5], ip);
	return port(name, key, addr, psec);
}

static json_t *lswitch(const char *name, unsigned key)
{
	json_t *s = json_object();

	json_object_set_new(s, "name", json_string(name));
	json_object_set_new(s, "tunnel_key", json_integer(key));
	json_object_set_new(s, "ports", json_array());
	return s;
}

static json_t *chassis(const char *name, const char *ip)
{
	json_t *c = json_object(), *encap = json_object();

	json_object_set_new(encap, "type", json_string("geneve"));
	json_object_set_new(encap, "ip", json_string(ip));
	json_object_set_new(c, "name", json_string(name));
	json_object_set_new(c, "encap", encap);
	json_object_set_new(c, "vifs", json_array());
	return c;
}

static void attach(json_t *ch, const char *iface, const char *port_name)
{
	json_t *v = json_object();

	json_object_set_new(v, "iface", json_string(iface));
	json_object_set_new(v, "port", json_string(port_name));
	json_array_append_new(json_object_get(ch, "vifs"), v);
}

static void add_bench_switches(json_t *switches, json_t *const hv[])
{
	static const char *const local[] = { "v0", "v1", "v2", "v3", "v4" };
	json_t *b = lswitch("bench", BM_VNI_BENCH), *b2 = lswitch("bench2", BM_VNI_BENCH2);
	json_t *ports = json_object_get(b, "ports"), *ports2 = json_object_get(b2, "ports");
	json_t *lp = bench_port("lp", BM_VNI_BENCH2, BM_LP, 0);
	char iface[16];
	unsigned i;

	for (i = 0; i < 5; i++) {
		json_array_append_new(ports, bench_port(local[i], BM_VNI_BENCH, BM_V0 + i, 0));
		snprintf(iface, sizeof(iface), "b%s", local[i]);
		attach(hv[1], iface, local[i]);
	}
	/* v4 has native DHCP: its DISCOVER is answered, its other traffic pays the check */
	json_object_set_new(json_array_get(ports, 4), "dhcpv4_options", json_string(BM_DHCP_UUID));
	json_array_append_new(ports, bench_port("r1", BM_VNI_BENCH, BM_R1, 0));
	json_array_append_new(ports, bench_port("r2", BM_VNI_BENCH, BM_R2, 0));
	attach(hv[2], "br1", "r1");
	attach(hv[3], "br2", "r2");

	json_object_set_new(lp, "type", json_string("localport"));
	json_array_append_new(ports2, lp);
	json_array_append_new(ports2, bench_port("ps", BM_VNI_BENCH2, BM_PS, 1));
	json_array_append_new(ports2, bench_port("w", BM_VNI_BENCH2, BM_W, 0));
	json_array_append_new(ports2, bench_port("r3", BM_VNI_BENCH2, BM_R3, 0));
	attach(hv[1], "blp", "lp");
	attach(hv[1], "bps", "ps");
	attach(hv[1], "bw", "w");
	attach(hv[2], "br3", "r3");
	json_array_append_new(switches, b);
	json_array_append_new(switches, b2);
}

/* A switch port of type router, peer of router port lrp. */
static json_t *router_lsp(const char *name, unsigned key, const char *lrp)
{
	json_t *p = port(name, key, "router", 0), *o = json_object();

	json_object_set_new(p, "type", json_string("router"));
	json_object_set_new(o, "router-port", json_string(lrp));
	json_object_set_new(p, "options", o);
	return p;
}

static json_t *router_port(const char *name, unsigned key, const char *mac, const char *net)
{
	json_t *p = json_object();

	json_object_set_new(p, "name", json_string(name));
	json_object_set_new(p, "tunnel_key", json_integer(key));
	json_object_set_new(p, "mac", json_string(mac));
	json_object_set_new(p, "networks", str_array1(net));
	return p;
}

/* Port name of switch ports (vni, key), bound to iface on chassis ch. */
static void bench_vif(json_t *ports, json_t *ch, const char *iface, const char *name,
		      uint32_t vni, uint16_t key)
{
	json_array_append_new(ports, bench_port(name, vni, key, 0));
	attach(ch, iface, name);
}

static json_t *router(const char *name, unsigned key, json_t *rports)
{
	json_t *r = json_object();

	json_object_set_new(r, "name", json_string(name));
	json_object_set_new(r, "tunnel_key", json_integer(key));
	json_object_set_new(r, "ports", rports);
	return r;
}

/* bench3 -> brt -> bench4: the routed paths, same chassis and across. */
static void add_routed_switches(json_t *switches, json_t *routers, json_t *const hv[])
{
	json_t *s3 = lswitch("bench3", BM_VNI_BENCH3), *s4 = lswitch("bench4", BM_VNI_BENCH4);
	json_t *p3 = json_object_get(s3, "ports"), *p4 = json_object_get(s4, "ports");
	json_t *rports = json_array();

	bench_vif(p3, hv[1], "bs0", "s0", BM_VNI_BENCH3, BM_S0);
	json_array_append_new(p3, router_lsp("rt3", BM_RT3, "brt-bench3"));
	bench_vif(p4, hv[1], "bd0", "d0", BM_VNI_BENCH4, BM_D0);
	bench_vif(p4, hv[2], "brd1", "d1", BM_VNI_BENCH4, BM_D1);
	json_array_append_new(p4, router_lsp("rt4", BM_RT4, "brt-bench4"));
	json_array_append_new(switches, s3);
	json_array_append_new(switches, s4);

	json_array_append_new(rports, router_port("brt-bench3", 1, BM_RT3_MAC, "10.3.0.254/24"));
	json_array_append_new(rports, router_port("brt-bench4", 2, "02:00:00:00:fe:04",
						  "10.4.0.254/24"));
	json_array_append_new(routers, router("brt", BM_RT_KEY, rports));
}

static json_t *nat_rule(const char *type, const char *external_ip, const char *logical_ip)
{
	json_t *n = json_object();

	json_object_set_new(n, "type", json_string(type));
	json_object_set_new(n, "external_ip", json_string(external_ip));
	json_object_set_new(n, "logical_ip", json_string(logical_ip));
	return n;
}

/* bench6 -> bgw (pinned to hv1, SNAT and a floating IP) -> bench7: the NAT paths. */
static void add_nat_switches(json_t *switches, json_t *routers, json_t *const hv[])
{
	json_t *in = lswitch("bench6", BM_VNI_INSIDE), *out = lswitch("bench7", BM_VNI_OUTSIDE);
	json_t *pin = json_object_get(in, "ports"), *pout = json_object_get(out, "ports");
	json_t *rports = json_array(), *nat = json_array(), *opts = json_object(), *gw;
	char fip_vm[32];

	bench_vif(pin, hv[1], "bn0", "n0", BM_VNI_INSIDE, BM_N0);
	bench_vif(pin, hv[1], "bn1", "n1", BM_VNI_INSIDE, BM_N1);
	json_array_append_new(pin, router_lsp("gw-in", BM_GW_IN, "bgw-in"));
	bench_vif(pout, hv[1], "bc0", "c0", BM_VNI_OUTSIDE, BM_C0);
	json_array_append_new(pout, router_lsp("gw-out", BM_GW_OUT, "bgw-out"));
	json_array_append_new(switches, in);
	json_array_append_new(switches, out);

	json_array_append_new(rports, router_port("bgw-in", 1, BM_GW_IN_MAC, "10.6.0.254/24"));
	json_array_append_new(rports, router_port("bgw-out", 2, BM_GW_OUT_MAC, BM_SNAT_IP "/24"));
	bm_ip(BM_VNI_INSIDE, BM_N1, fip_vm, sizeof(fip_vm));
	json_array_append_new(nat, nat_rule("snat", BM_SNAT_IP, "10.6.0.0/24"));
	json_array_append_new(nat, nat_rule("dnat_and_snat", BM_FIP, fip_vm));
	gw = router("bgw", BM_GW_KEY, rports);
	json_object_set_new(opts, "chassis", json_string("hv1"));
	json_object_set_new(gw, "options", opts);
	json_object_set_new(gw, "nat", nat);
	json_array_append_new(routers, gw);
}

/* Filler port i: a unique MAC and an IP unique within its switch. */
static json_t *filler_port(size_t i)
{
	unsigned key = (unsigned)(i % BM_FILLER_PER_SWITCH) + 1;
	char name[32], addr[64];

	snprintf(name, sizeof(name), "f%zu", i);
	snprintf(addr, sizeof(addr), "0a:00:%02x:%02x:%02x:%02x 11.0.0.%u",
		 (unsigned)(i >> 24) & 0xff, (unsigned)(i >> 16) & 0xff,
		 (unsigned)(i >> 8) & 0xff, (unsigned)i & 0xff, key);
	return port(name, key, addr, i % 4 == 0);
}

static void add_fillers(json_t *switches, json_t *const hv[], size_t n)
{
	json_t *sw = NULL;
	char name[32];
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % BM_FILLER_PER_SWITCH == 0) {
			snprintf(name, sizeof(name), "f-ls%zu", i / BM_FILLER_PER_SWITCH);
			sw = lswitch(name, 100 + (unsigned)(i / BM_FILLER_PER_SWITCH));
			json_array_append_new(switches, sw);
		}
		json_array_append_new(json_object_get(sw, "ports"), filler_port(i));
		snprintf(name, sizeof(name), "f%zu", i);
		if (i % 2 == 0)
			attach(hv[1], name, name);
		else
			attach(hv[2 + (i / 2) % N_REMOTE_FILLER_CHASSIS], name, name);
	}
}

/* The bench switch's DHCP options (10.1.0.0/24), used by v4. */
static json_t *dhcp_rows(void)
{
	json_t *row = json_object(), *o = json_object(), *rows = json_array();

	json_object_set_new(o, "server_id", json_string("10.1.0.254"));
	json_object_set_new(o, "server_mac", json_string("02:00:00:00:01:fe"));
	json_object_set_new(o, "lease_time", json_string("3600"));
	json_object_set_new(o, "router", json_string("10.1.0.254"));
	json_object_set_new(o, "dns_server", json_string("{10.1.0.254, 9.9.9.9}"));
	json_object_set_new(o, "mtu", json_string("1442"));
	json_object_set_new(row, "_uuid", json_string(BM_DHCP_UUID));
	json_object_set_new(row, "cidr", json_string("10.1.0.0/24"));
	json_object_set_new(row, "options", o);
	json_array_append_new(rows, row);
	return rows;
}

size_t bm_switch_count(size_t n_ports)
{
	size_t fill = n_ports > BM_FIXED_PORTS ? n_ports - BM_FIXED_PORTS : 0;

	return 6 + (fill + BM_FILLER_PER_SWITCH - 1) / BM_FILLER_PER_SWITCH;
}

json_t *bm_model(size_t n_ports)
{
	json_t *m = json_object(), *switches = json_array(), *all = json_array();
	json_t *routers = json_array();
	json_t *hv[2 + N_REMOTE_FILLER_CHASSIS];
	char name[32], ip[32];
	unsigned c;

	if (!m || !switches || !all || !routers)
		return NULL;
	for (c = 1; c < 2 + N_REMOTE_FILLER_CHASSIS; c++) {
		snprintf(name, sizeof(name), "hv%u", c);
		snprintf(ip, sizeof(ip), "192.0.2.%u", c);
		hv[c] = chassis(name, ip);
		json_array_append_new(all, hv[c]);
	}
	json_object_set_new(hv[1], "encap_iface", json_string("bul"));
	add_bench_switches(switches, hv);
	add_routed_switches(switches, routers, hv);
	add_nat_switches(switches, routers, hv);
	json_object_set_new(m, "logical_routers", routers);
	if (n_ports > BM_FIXED_PORTS)
		add_fillers(switches, hv, n_ports - BM_FIXED_PORTS);
	json_object_set_new(m, "version", json_integer(1));
	json_object_set_new(m, "logical_switches", switches);
	json_object_set_new(m, "chassis", all);
	json_object_set_new(m, "dhcp_options", dhcp_rows());
	return m;
}
