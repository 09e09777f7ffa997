// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* geneve_fixture.c - model, private underlay and frames for the Geneve tests. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../loader/neigh.h"
#include "geneve_fixture.h"

#define PORT(name, key, mac) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"addresses\":[\"" mac "\"]}"

static const char *gn_model =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"ls1\",\"tunnel_key\":11,\"ports\":["
	PORT("a1", 1, "00:00:00:00:0b:01 10.11.0.1") ","
	PORT("a3", 3, "00:00:00:00:0b:03 10.11.0.3") "]},"
	" {\"name\":\"ls2\",\"tunnel_key\":12,\"ports\":["
	PORT("b1", 1, "00:00:00:00:0c:01 10.12.0.1") ","
	PORT("b3", 3, "00:00:00:00:0c:03 10.12.0.3") ","
	PORT("b4", 4, "00:00:00:00:0c:04 10.12.0.4") "]},"
	" {\"name\":\"ls3\",\"tunnel_key\":13,\"ports\":["
	PORT("c1", 1, "00:00:00:00:0d:01 10.13.0.1") ","
	PORT("c2", 2, "00:00:00:00:0d:02 10.13.0.2") ","
	PORT("c3", 3, "00:00:00:00:0d:03 10.13.0.3") ","
	PORT("c4", 4, "00:00:00:00:0d:04 10.13.0.4") ","
	PORT("c5", 5, "00:00:00:00:0d:05 10.13.0.5") ","
	"  {\"name\":\"lp3\",\"tunnel_key\":6,\"type\":\"localport\","
	"   \"addresses\":[\"00:00:00:00:0d:06 10.13.0.6\"]}]},"
	" {\"name\":\"ls4\",\"tunnel_key\":14,\"ports\":["
	PORT("d1", 1, "00:00:00:00:0e:01 10.14.0.1") ","
	PORT("d2", 2, "00:00:00:00:0e:02 10.14.0.2") ","
	PORT("d3", 3, "00:00:00:00:0e:03 10.14.0.3") ","
	"  {\"name\":\"lp4\",\"tunnel_key\":6,\"type\":\"localport\","
	"   \"addresses\":[\"00:00:00:00:0e:06 10.14.0.6\"]},"
	"  {\"name\":\"ln4\",\"tunnel_key\":10,\"type\":\"localnet\",\"addresses\":[\"unknown\"],"
	"   \"options\":{\"network_name\":\"phys\"}}]}],"
	"\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"encap_iface\":\"ul0\",\"bridge_mappings\":{\"phys\":\"br0\"},\"vifs\":["
	"  {\"iface\":\"tap11\",\"port\":\"a1\"},{\"iface\":\"tap12\",\"port\":\"b1\"},"
	"  {\"iface\":\"tap13\",\"port\":\"c1\"},{\"iface\":\"tap13b\",\"port\":\"c2\"},"
	"  {\"iface\":\"tapl3\",\"port\":\"lp3\"},{\"iface\":\"tap14\",\"port\":\"d1\"},"
	"  {\"iface\":\"tap14b\",\"port\":\"d2\"},{\"iface\":\"tapl4\",\"port\":\"lp4\"}]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},\"vifs\":["
	"  {\"iface\":\"t\",\"port\":\"a3\"},{\"iface\":\"u\",\"port\":\"b3\"},"
	"  {\"iface\":\"v\",\"port\":\"c3\"},{\"iface\":\"w\",\"port\":\"d3\"}]},"
	" {\"name\":\"hv3\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.3\"},\"vifs\":["
	"  {\"iface\":\"t\",\"port\":\"b4\"},{\"iface\":\"u\",\"port\":\"c4\"}]},"
	" {\"name\":\"hv4\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.4\"},\"vifs\":["
	"  {\"iface\":\"t\",\"port\":\"c5\"}]}]}";

/* The local interfaces of hv1; ifindexes are made up unless the underlay is private. */
static struct xh_iface gn_ifaces[] = {
	{ "tap11", GN_IF_A1, 1 }, { "tap12", GN_IF_B1, 1 }, { "tap13", GN_IF_C1, 1 },
	{ "tap13b", GN_IF_C2, 1 }, { "tapl3", GN_IF_LP3, 1 }, { "tap14", GN_IF_D1, 1 },
	{ "tap14b", GN_IF_D2, 1 }, { "tapl4", GN_IF_LP4, 1 }, { "br0", GN_IF_BR0, 0 },
	{ "ul0", GN_IF_UL0_FAKE, 0 },
};
#define GN_N_IFACES (sizeof(gn_ifaces) / sizeof(gn_ifaces[0]))

static void gn_load(struct gn *g)
{
	gn_ifaces[GN_N_IFACES - 1].ifindex = g->ul_ifindex;
	xh_open(&g->h);
	xh_load_model(&g->h, gn_model, "hv1", gn_ifaces, GN_N_IFACES);
}

uint32_t gn_ifindex(const char *name)
{
	size_t i;

	for (i = 0; i < GN_N_IFACES; i++)
		if (strcmp(gn_ifaces[i].name, name) == 0)
			return gn_ifaces[i].ifindex;
	cr_assert_fail("no interface %s in the table", name);
	return 0;
}

void gn_open(struct gn *g)
{
	memset(g, 0, sizeof(*g));
	g->ul_ifindex = GN_IF_UL0_FAKE;
	gn_load(g);
}

struct gn gn_dp;

void gn_setup_fake(void)
{
	gn_open(&gn_dp);
}

void gn_setup_private(void)
{
	gn_open_private_underlay(&gn_dp);
}

void gn_teardown(void)
{
	gn_close(&gn_dp);
}

static void gn_sh(const char *cmd)
{
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
}

static void gn_read_mac(const char *ifname, uint8_t mac[6])
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	cr_assert_geq(fd, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	cr_assert_eq(ioctl(fd, SIOCGIFHWADDR, &ifr), 0, "SIOCGIFHWADDR %s: %s", ifname,
		     strerror(errno));
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	close(fd);
}

/* Every local port interface becomes a veth whose far end is "<name>p". */
static void gn_make_port_links(void)
{
	char cmd[256];
	size_t i;

	for (i = 0; i + 1 < GN_N_IFACES; i++) {
		snprintf(cmd, sizeof(cmd),
			 "ip link add %s type veth peer name %sp && "
			 "sysctl -qw net.ipv6.conf.%s.disable_ipv6=1 net.ipv6.conf.%sp.disable_ipv6=1 && "
			 "ip link set %s up && ip link set %sp up",
			 gn_ifaces[i].name, gn_ifaces[i].name, gn_ifaces[i].name,
			 gn_ifaces[i].name, gn_ifaces[i].name, gn_ifaces[i].name);
		gn_sh(cmd);
		gn_ifaces[i].ifindex = if_nametoindex(gn_ifaces[i].name);
		cr_assert_neq(gn_ifaces[i].ifindex, 0);
	}
}

void gn_open_private_underlay(struct gn *g)
{
	memset(g, 0, sizeof(*g));
	cr_assert_eq(unshare(CLONE_NEWNET), 0, "unshare(CLONE_NEWNET): %s", strerror(errno));
	gn_sh("ip link set lo up && "
	      "ip link add ul0 type veth peer name ul1 && "
	      "sysctl -qw net.ipv6.conf.ul0.disable_ipv6=1 net.ipv6.conf.ul1.disable_ipv6=1 && "
	      "ip addr add " GN_LOCAL_IP "/24 dev ul0 && "
	      "ip link set ul0 up && ip link set ul1 up && "
	      "ip neigh replace " GN_HV2_IP " lladdr " GN_HV2_MAC " dev ul0 nud permanent && "
	      "ip neigh replace " GN_HV3_IP " lladdr " GN_HV3_MAC " dev ul0 nud permanent");
	g->ul_ifindex = if_nametoindex("ul0");
	cr_assert_neq(g->ul_ifindex, 0);
	/* What xovnd does to the underlay so the FIB lookup answers. */
	cr_assert_eq(xovn_neigh_enable_fib_lookup("ul0"), 0);
	gn_make_port_links();
	gn_read_mac("ul0", g->ul_mac);
	gn_load(g);
}

void gn_close(struct gn *g)
{
	xh_close(&g->h);
}

void gn_mac(uint8_t mac[6], uint32_t vni, uint16_t key)
{
	memset(mac, 0, 6);
	mac[4] = (uint8_t)vni;
	mac[5] = (uint8_t)key;
}

size_t gn_inner_udp(uint8_t *buf, uint32_t vni, uint16_t from, uint16_t to, size_t payload)
{
	uint8_t src[6], dst[6];
	char sip[32], dip[32];

	gn_mac(src, vni, from);
	gn_mac(dst, vni, to);
	snprintf(sip, sizeof(sip), "10.%u.0.%u", vni, from);
	snprintf(dip, sizeof(dip), "10.%u.0.%u", vni, to);
	return xh_ipv4_udp(buf, dst, src, sip, dip, payload);
}

size_t gn_geneve(uint8_t *buf, const char *saddr, const char *daddr, uint32_t vni,
		 uint16_t in_port, uint16_t out_key, const uint8_t *inner, size_t inner_len)
{
	struct xovn_tunnel t = {
		.dst_mac = { 0x02, 0, 0, 0, 0, 0x01 }, .src_mac = { 0x02, 0, 0, 0, 0, 0x02 },
		.src = xh_ip4(saddr), .dst = xh_ip4(daddr), .sport = 50000, .frag = XOVN_IP4_DF,
		.vni = vni, .in_key = in_port, .out_key = out_key,
	};

	cr_assert_leq(XOVN_HDR_ENCAP + inner_len, XH_FRAME_MAX);
	return xovn_put_tunnel(buf, &t, inner, inner_len);
}

size_t gn_from_hv2(uint8_t *buf, uint32_t vni, uint16_t in_port, uint16_t out_key)
{
	uint8_t inner[XH_FRAME_MAX];
	size_t inner_len = gn_inner_udp(inner, GN_VNI3, 3, 1, 64);

	return gn_geneve(buf, GN_HV2_IP, GN_LOCAL_IP, vni, in_port, out_key, inner, inner_len);
}

void gn_expect_encap(const uint8_t *f, size_t len, const char *daddr, uint32_t vni,
		     uint16_t in_port, uint16_t out_key, const uint8_t *inner, size_t inner_len)
{
	const uint8_t *ip = f + GN_OFF_IP, *udp = f + GN_OFF_UDP, *gnv = f + GN_OFF_GNV;
	uint8_t src[4], dst[4];

	cr_assert_eq(len, inner_len + 58, "encapsulated length %zu for a %zu-byte frame", len,
		     inner_len);
	cr_assert_eq(xovn_get16(f + 12), ETH_P_IP, "outer ethertype");
	/* IPv4: version/IHL, length, DF, TTL, protocol, checksum, addresses. */
	cr_assert_eq(ip[0], 0x45);
	cr_assert_eq(ip[1], 0, "TOS");
	cr_assert_eq(xovn_get16(ip + 2), len - GN_OFF_IP, "IPv4 total length");
	cr_assert_eq(xovn_get16(ip + 6), 0x4000, "DF set, not a fragment");
	cr_assert_eq(ip[8], 64, "TTL");
	cr_assert_eq(ip[9], 17, "protocol UDP");
	cr_assert_eq(xovn_csum(ip, 20), 0, "IPv4 header checksum invalid");
	inet_pton(AF_INET, GN_LOCAL_IP, src);
	inet_pton(AF_INET, daddr, dst);
	cr_assert_arr_eq(ip + 12, src, 4, "outer source is not this chassis' encap IP");
	cr_assert_arr_eq(ip + 16, dst, 4, "outer destination is not %s", daddr);
	/* UDP: entropy source port, 6081, length, no checksum. */
	cr_assert_geq(xovn_get16(udp), 49152, "source port %u outside 49152..65535",
		      xovn_get16(udp));
	cr_assert_eq(xovn_get16(udp + 2), 6081);
	cr_assert_eq(xovn_get16(udp + 4), len - GN_OFF_UDP, "UDP length");
	cr_assert_eq(xovn_get16(udp + 6), 0, "UDP checksum");
	/* Geneve: ver 0, 2 words of options, C only, TEB, VNI, reserved. */
	cr_assert_eq(gnv[0], 0x02, "version/opt_len byte %#x", gnv[0]);
	cr_assert_eq(gnv[1], 0x40, "flags byte %#x", gnv[1]);
	cr_assert_eq(xovn_get16(gnv + 2), 0x6558);
	cr_assert_eq((uint32_t)gnv[4] << 16 | gnv[5] << 8 | gnv[6], vni);
	cr_assert_eq(gnv[7], 0);
	/* The OVN option: class 0x0102, type 0x80, 1 word: 0|in(15)|out(16). */
	cr_assert_eq(xovn_get16(f + GN_OFF_OPT), 0x0102);
	cr_assert_eq(f[GN_OFF_OPT + 2], 0x80);
	cr_assert_eq(f[GN_OFF_OPT + 3], 1);
	cr_assert_eq(xovn_get16(f + GN_OFF_KEYS), in_port & 0x7fff, "ingress key %u",
		     xovn_get16(f + GN_OFF_KEYS));
	cr_assert_eq(xovn_get16(f + GN_OFF_KEYS + 2), out_key, "egress key %u",
		     xovn_get16(f + GN_OFF_KEYS + 2));
	cr_assert_arr_eq(f + GN_OFF_INNER, inner, inner_len, "the inner frame changed");
}

int gn_packet_socket(const char *ifname)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	cr_assert_geq(fd, 0, "packet socket: %s", strerror(errno));
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	cr_assert_neq(sll.sll_ifindex, 0, "no interface %s", ifname);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), 0);
	return fd;
}

static int gn_is_geneve(const uint8_t *f, size_t len)
{
	return len >= GN_OFF_GNV && xovn_get16(f + 12) == ETH_P_IP && f[GN_OFF_IP + 9] == 17 &&
	       xovn_get16(f + GN_OFF_UDP + 2) == 6081;
}

int gn_collect(int fd, int geneve, const uint8_t src[6], uint8_t (*frames)[XH_FRAME_MAX + 64],
	       size_t *lens, int max)
{
	int rounds, n = 0;

	for (rounds = 0; rounds < 32; rounds++) {
		uint8_t buf[XH_FRAME_MAX + 64];
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t got;

		if (poll(&p, 1, 300) <= 0)
			break;
		got = recv(fd, buf, sizeof(buf), 0);
		if (got < ETH_HLEN)
			continue;
		if (geneve ? !gn_is_geneve(buf, (size_t)got) : memcmp(buf + 6, src, 6) != 0)
			continue;
		if (n < max) {
			memcpy(frames[n], buf, (size_t)got);
			lens[n] = (size_t)got;
		}
		n++;
	}
	return n;
}

/* ---- editing a built Geneve frame (malformed-frame tests) ---------------- */

/* Keeps the outer IPv4 and UDP lengths (and the IPv4 checksum) right after an edit. */
void gn_fix_lengths(uint8_t *f, size_t len)
{
	xovn_ipv4_set_payload_len(f + GN_OFF_IP, len - GN_OFF_UDP);
	xovn_put16(f + GN_OFF_UDP + 4, (uint16_t)(len - GN_OFF_UDP));
}

/* Inserts an option (class, type, words of data) in front of the OVN one. */
size_t gn_add_option(uint8_t *f, size_t len, uint16_t cls, uint8_t type, uint8_t words)
{
	size_t olen = 4 + 4u * words;

	memmove(f + GN_OFF_OPT + olen, f + GN_OFF_OPT, len - GN_OFF_OPT);
	xovn_put16(f + GN_OFF_OPT, cls);
	f[GN_OFF_OPT + 2] = type;
	f[GN_OFF_OPT + 3] = words;
	memset(f + GN_OFF_OPT + 4, 0xab, olen - 4);
	f[GN_OFF_GNV] += (uint8_t)(olen / 4);
	gn_fix_lengths(f, len + olen);
	return len + olen;
}
