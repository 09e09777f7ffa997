// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* nat_topo.c - the NAT topology, compiled by the real compiler, and its frames. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "frame/headers.h"
#include "nat_topo.h"
#include "xovn.skel.h"

#define LSP(name, key, rest) "{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"
#define RTR(lrp) ",\"type\":\"router\"" ADDR("router") ",\"options\":{\"router-port\":\"" lrp "\"}"
#define VIF(iface, port) "{\"iface\":\"" iface "\",\"port\":\"" port "\"}"
#define NAT(type, ext, logical, rest) \
	"{\"type\":\"" type "\",\"external_ip\":\"" ext "\",\"logical_ip\":\"" logical "\"" rest "}"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	"{\"name\":\"inside\",\"tunnel_key\":1,\"ports\":["
	LSP("vm1", 1, ADDR(NT_VM1_MAC " 10.0.0.1")) "," LSP("vm2", 2, ADDR(NT_VM2_MAC " 10.0.0.2")) ","
	LSP("vm3", 3, ADDR(NT_VM3_MAC " 10.0.0.3")) "," LSP("vm4", 4, ADDR(NT_VM4_MAC " 10.0.0.4")) ","
	LSP("vm5", 5, ADDR(NT_VM5_MAC " 10.0.0.6")) ","
	LSP("gw-in-lsp", 9, RTR("gw-in")) "]},"
	"{\"name\":\"outside\",\"tunnel_key\":2,\"ports\":["
	LSP("client", 1, ADDR(NT_CLIENT_MAC " 172.16.0.100")) "," LSP("gw-out-lsp", 9, RTR("gw-out"))
	"]}],"
	"\"logical_routers\":[{\"name\":\"GW\",\"tunnel_key\":100,"
	"\"options\":{\"chassis\":\"hv1\"},\"ports\":["
	"{\"name\":\"gw-in\",\"tunnel_key\":1,\"mac\":\"" NT_GW_IN "\",\"networks\":[\"10.0.0.254/24\"]},"
	"{\"name\":\"gw-out\",\"tunnel_key\":2,\"mac\":\"" NT_GW_OUT "\",\"networks\":[\"172.16.0.1/24\"]}],"
	"\"nat\":["
	NAT("snat", "172.16.0.1", "10.0.0.0/24", "") ","
	NAT("dnat_and_snat", "172.16.0.50", "10.0.0.2", "") ","
	NAT("dnat", "172.16.0.60", "10.0.0.1", "") ","
	NAT("dnat_and_snat", "172.16.0.70", "10.0.0.3", ",\"options\":{\"stateless\":\"true\"}") ","
	NAT("snat", "172.16.0.80", "10.0.0.6", ",\"external_port_range\":\"2000-2001\"")
	"]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"\"vifs\":[" VIF("t1", "vm1") "," VIF("t2", "vm2") "," VIF("t3", "client") ","
	VIF("t4", "vm3") "," VIF("t5", "vm4") "," VIF("t6", "vm5") "]}]}";

static const struct xh_iface ifaces[] = {
	{ "t1", NT_IF_VM1, 0 }, { "t2", NT_IF_VM2, 0 }, { "t3", NT_IF_CLIENT, 0 },
	{ "t4", NT_IF_VM3, 0 }, { "t5", NT_IF_VM4, 0 }, { "t6", NT_IF_VM5, 0 },
};

#define PAYLOAD 16
#define TCP_HDR 20
#define ICMP_HDR 8

const char *nt_model(void)
{
	return model;
}

void nt_open(struct xh *h)
{
	xh_open_model(h, model, "hv1", ifaces, XH_LEN(ifaces));
}

/* ---- building ------------------------------------------------------------------ */

static size_t l4_len(const struct nt_flow *f)
{
	if (f->proto == IPPROTO_TCP)
		return TCP_HDR + PAYLOAD;
	if (f->proto == IPPROTO_UDP)
		return XOVN_HDR_UDP + PAYLOAD;
	return ICMP_HDR + PAYLOAD;
}

/* The transport part of f at p, its checksum over the addresses ip (8 bytes). */
static void put_l4(uint8_t *p, const struct nt_flow *f, const uint8_t *ip)
{
	size_t len = l4_len(f);
	uint16_t csum;

	memset(p, 0, len);
	xovn_fill_pattern(p + len - PAYLOAD, PAYLOAD);
	if (f->proto == IPPROTO_ICMP) {
		p[0] = f->icmp_type;
		xovn_put16(p + 4, f->sport);
		xovn_put16(p + 6, 1);
		xovn_put16(p + 2, xovn_csum(p, len));
		return;
	}
	xovn_put16(p, f->sport);
	xovn_put16(p + 2, f->dport);
	if (f->proto == IPPROTO_UDP) {
		xovn_put16(p + 4, (uint16_t)len);
		if (f->udp_no_csum)
			return;
		csum = xovn_csum_pseudo(ip, 8, IPPROTO_UDP, p, len);
		xovn_put16(p + 6, csum ? csum : 0xffff);
		return;
	}
	xovn_put16(p + 4, 0);
	xovn_put16(p + 6, 1);           /* sequence number */
	p[12] = 5 << 4;                 /* data offset */
	p[13] = f->tcp_flags ? f->tcp_flags : 0x02;   /* SYN */
	xovn_put16(p + 14, 65535);
	xovn_put16(p + 16, xovn_csum_pseudo(ip, 8, IPPROTO_TCP, p, len));
}

/* IPv4 header and transport part of f at p; their length. */
static size_t put_ip(uint8_t *p, const struct nt_flow *f)
{
	struct xovn_ip4 ip = {
		.src = xh_ip4(f->src), .dst = xh_ip4(f->dst), .proto = f->proto, .ttl = 64,
	};
	size_t n = xovn_put_ipv4(p, &ip, l4_len(f));

	put_l4(p + n, f, p + 12);
	return n + l4_len(f);
}

static size_t put_eth(uint8_t *buf, const char *eth_dst, const char *eth_src)
{
	uint8_t dst[6], src[6];

	xh_mac(eth_dst, dst);
	xh_mac(eth_src, src);
	return xovn_put_eth(buf, dst, src, 0x0800);
}

size_t nt_frame(uint8_t *buf, const char *eth_dst, const char *eth_src, const struct nt_flow *f)
{
	size_t n = put_eth(buf, eth_dst, eth_src);

	return n + put_ip(buf + n, f);
}

size_t nt_icmp_error(uint8_t *buf, const char *eth_dst, const char *eth_src, const char *src,
		     const char *dst, uint8_t type, const struct nt_flow *quoted)
{
	struct xovn_ip4 ip = {
		.src = xh_ip4(src), .dst = xh_ip4(dst), .proto = IPPROTO_ICMP, .ttl = 64,
	};
	size_t n = put_eth(buf, eth_dst, eth_src), quote;
	uint8_t *icmp;

	quote = XOVN_HDR_IP4 + l4_len(quoted);
	n += xovn_put_ipv4(buf + n, &ip, ICMP_HDR + quote);
	icmp = buf + n;
	memset(icmp, 0, ICMP_HDR);
	icmp[0] = type;
	icmp[1] = 3;                    /* port unreachable / fragment reassembly */
	put_ip(icmp + ICMP_HDR, quoted);
	xovn_put16(icmp + 2, xovn_csum(icmp, ICMP_HDR + quote));
	return n + ICMP_HDR + quote;
}

/* ---- checking ------------------------------------------------------------------- */

/* The IPv4 packet at ip (its header checksummed) carries want; what names the case. */
static void expect_ip(const uint8_t *ip, size_t room, const struct nt_flow *want,
		      const char *what)
{
	size_t len = l4_len(want);
	const uint8_t *l4 = ip + XOVN_HDR_IP4;
	struct in_addr src = xh_ip4(want->src), dst = xh_ip4(want->dst);
	char got_src[INET_ADDRSTRLEN], got_dst[INET_ADDRSTRLEN];
	uint16_t csum;

	cr_assert_geq(room, XOVN_HDR_IP4 + len, "%s: packet too short", what);
	inet_ntop(AF_INET, ip + 12, got_src, sizeof(got_src));
	inet_ntop(AF_INET, ip + 16, got_dst, sizeof(got_dst));
	cr_expect_eq(xovn_csum(ip, XOVN_HDR_IP4), 0, "%s: IPv4 header checksum wrong", what);
	cr_expect(memcmp(ip + 12, &src, 4) == 0 && memcmp(ip + 16, &dst, 4) == 0,
		  "%s: %s -> %s, want %s -> %s", what, got_src, got_dst, want->src, want->dst);
	cr_assert_eq(ip[9], want->proto, "%s: protocol %u", what, ip[9]);
	if (want->proto == IPPROTO_ICMP) {
		cr_expect_eq(l4[0], want->icmp_type, "%s: ICMP type %u", what, l4[0]);
		cr_expect_eq(xovn_get16(l4 + 4), want->sport, "%s: echo id %u, want %u", what,
			     xovn_get16(l4 + 4), want->sport);
		cr_expect_eq(xovn_csum(l4, len), 0, "%s: ICMP checksum wrong", what);
		return;
	}
	cr_expect(xovn_get16(l4) == want->sport && xovn_get16(l4 + 2) == want->dport,
		  "%s: ports %u -> %u, want %u -> %u", what, xovn_get16(l4), xovn_get16(l4 + 2),
		  want->sport, want->dport);
	csum = xovn_get16(l4 + (want->proto == IPPROTO_UDP ? 6 : 16));
	if (want->proto == IPPROTO_UDP && want->udp_no_csum) {
		cr_expect_eq(csum, 0, "%s: a UDP checksum of 0 became %#x", what, csum);
		return;
	}
	cr_expect_neq(csum, 0, "%s: checksum 0", what);
	cr_expect_eq(xovn_csum_pseudo(ip + 12, 8, want->proto, l4, len), 0,
		     "%s: transport checksum wrong", what);
}

void nt_expect(const uint8_t *frame, size_t len, const char *eth_dst, const char *eth_src,
	       const struct nt_flow *want, const char *what)
{
	uint8_t dst[6], src[6];

	xh_mac(eth_dst, dst);
	xh_mac(eth_src, src);
	cr_assert_gt(len, XOVN_HDR_ETH, "%s: no frame", what);
	cr_expect_arr_eq(frame, dst, 6, "%s: eth.dst is not %s", what, eth_dst);
	cr_expect_arr_eq(frame + 6, src, 6, "%s: eth.src is not %s", what, eth_src);
	expect_ip(frame + XOVN_HDR_ETH, len - XOVN_HDR_ETH, want, what);
}

void nt_expect_error(const uint8_t *frame, size_t len, const char *src, const char *dst,
		     const struct nt_flow *want, const char *what)
{
	const struct nt_flow outer = {
		.proto = IPPROTO_ICMP, .src = src, .dst = dst,
	};
	const uint8_t *ip = frame + XOVN_HDR_ETH;
	const uint8_t *icmp = ip + XOVN_HDR_IP4;
	size_t icmp_len = len - XOVN_HDR_ETH - XOVN_HDR_IP4;
	struct in_addr s = xh_ip4(outer.src), d = xh_ip4(outer.dst);

	cr_assert_gt(len, XOVN_HDR_ETH + XOVN_HDR_IP4 + ICMP_HDR, "%s: no ICMP error", what);
	cr_expect_eq(xovn_csum(ip, XOVN_HDR_IP4), 0, "%s: IPv4 header checksum wrong", what);
	cr_expect(memcmp(ip + 12, &s, 4) == 0 && memcmp(ip + 16, &d, 4) == 0,
		  "%s: outer addresses not %s -> %s", what, src, dst);
	cr_expect_eq(xovn_csum(icmp, icmp_len), 0, "%s: ICMP checksum wrong", what);
	expect_ip(icmp + ICMP_HDR, icmp_len - ICMP_HDR, want, what);
}

/* ---- running ---------------------------------------------------------------------- */

int nt_run(struct xh *h, uint32_t ifindex, const uint8_t *frame, size_t len, uint8_t *out,
	   size_t *out_len)
{
	return xh_run_out(h, XH_VIF_LIVE, ifindex, frame, len, out, XH_FRAME_MAX + 64, out_len);
}

size_t nt_conn_count(struct xh *h)
{
	int fd = bpf_map__fd(h->skel->maps.xovn_nat_ct);
	struct xovn_nat_ct_key k, next;
	size_t n = 0;
	void *prev = NULL;

	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		k = next;
		prev = &k;
		n++;
	}
	return n;
}
