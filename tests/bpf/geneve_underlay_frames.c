// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* geneve_underlay_frames.c - the tables of geneve_underlay_frames.h. */
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <string.h>

#include "bfd/frame.h"
#include "geneve_underlay_frames.h"
#include "geneve_fixture.h"

/* XOVN_GENEVE_MAX_OPTS of bpf/lib/geneve.h: options the datapath inspects per packet. */
#define INSPECTED_OPTS 8

static size_t valid(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 1);
}

/*
 * BFD from hv2 as xovnd sends it (lib/bfd/frame.c): Geneve without the OVN
 * option around the control packet; inner_udp_dport and inner_dst_mac
 * spoil one of the marks that make it BFD.
 */
static size_t bfd_from_hv2(uint8_t *f, uint16_t inner_udp_dport, const char *inner_dst_mac)
{
	static const uint8_t src_mac[6] = { 0x02, 0, 192, 0, 2, 2 };
	struct xovn_ip4 ip = { .src = xh_ip4(GN_HV2_IP), .dst = xh_ip4(GN_LOCAL_IP), .proto = 17,
			       .ttl = 64, .frag = XOVN_IP4_DF };
	struct bfd_ctl ctl = { .state = BFD_DOWN, .detect_mult = 3, .my_discr = 7,
			       .desired_min_tx_us = 1000000, .required_min_rx_us = 200000 };
	uint8_t dst[6], *gnv = f + GN_OFF_GNV;

	xh_mac("02:00:00:00:00:01", dst);
	xovn_put_eth(f, dst, src_mac, ETH_P_IP);
	xovn_put_ipv4(f + GN_OFF_IP, &ip, XOVN_HDR_UDP + BFD_FRAME_LEN);
	xovn_put_udp(f + GN_OFF_UDP, 50000, 6081, BFD_FRAME_LEN);
	bfd_frame_build(gnv, src_mac, 49152, &ctl);
	xovn_put16(gnv + BFD_GENEVE_HLEN + 14 + 20 + 2, inner_udp_dport);
	if (inner_dst_mac)
		xh_mac(inner_dst_mac, gnv + BFD_GENEVE_HLEN);
	return GN_OFF_GNV + BFD_FRAME_LEN;
}

static size_t bfd_to_another_udp_port(uint8_t *f)
{
	return bfd_from_hv2(f, 3785, NULL);
}

static size_t bfd_port_to_another_mac(uint8_t *f)
{
	return bfd_from_hv2(f, BFD_UDP_PORT, "00:23:20:00:00:02");
}

static size_t truncated_geneve_header(uint8_t *f)
{
	valid(f);
	gn_fix_lengths(f, GN_OFF_GNV + 4);
	return GN_OFF_GNV + 4;
}

static size_t truncated_inner_ethernet_header(uint8_t *f)
{
	valid(f);
	gn_fix_lengths(f, GN_OFF_INNER + 10);
	return GN_OFF_INNER + 10;
}

static size_t options_length_beyond_the_packet(uint8_t *f)
{
	size_t len = valid(f);

	f[GN_OFF_GNV] = 63;  /* 252 bytes of options in a 64-byte payload */
	return len;
}

static size_t option_running_past_the_options_area(uint8_t *f)
{
	size_t len = valid(f);

	f[GN_OFF_OPT + 3] = 5;  /* 20 bytes of data in an 8-byte options area */
	return len;
}

static size_t geneve_version_1(uint8_t *f)
{
	size_t len = valid(f);

	f[GN_OFF_GNV] |= 0x40;
	return len;
}

static size_t payload_that_is_not_ethernet(uint8_t *f)
{
	size_t len = valid(f);

	xovn_put16(f + GN_OFF_GNV + 2, ETH_P_IP);
	return len;
}

static size_t wrong_option_class(uint8_t *f)
{
	size_t len = valid(f);

	xovn_put16(f + GN_OFF_OPT, 0x0103);
	return len;
}

static size_t ovn_option_with_wrong_type(uint8_t *f)
{
	size_t len = valid(f);

	f[GN_OFF_OPT + 2] = 0x81;
	return len;
}

static size_t ovn_option_with_wrong_length(uint8_t *f)
{
	return gn_add_option(f, valid(f), 0x0102, 0x80, 0);
}

static size_t no_options_at_all(uint8_t *f)
{
	size_t len = valid(f);

	/* Drop the 8 option bytes: a bare Geneve header around the frame. */
	memmove(f + GN_OFF_OPT, f + GN_OFF_INNER, len - GN_OFF_INNER);
	f[GN_OFF_GNV] = 0;
	len -= 8;
	gn_fix_lengths(f, len);
	return len;
}

static size_t unknown_critical_option(uint8_t *f)
{
	return gn_add_option(f, valid(f), 0x0200, 0x81, 1);
}

static size_t more_options_than_inspected(uint8_t *f)
{
	size_t len = valid(f);
	int i;

	/* Harmless options in front of the OVN one, so many that it is never read. */
	for (i = 0; i < INSPECTED_OPTS; i++)
		len = gn_add_option(f, len, 0x0200, 0x01, 0);
	return len;
}

static size_t unknown_vni(uint8_t *f)
{
	return gn_from_hv2(f, 99, 3, 1);
}

static size_t egress_key_of_no_local_port(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 9);
}

static size_t egress_key_of_a_port_on_another_chassis(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 4);
}

static size_t egress_key_zero(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 0);
}

static size_t egress_key_of_an_unknown_group(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 32770);
}

static size_t egress_key_of_the_localport(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, GN_LOCALPORT);
}

static size_t egress_key_of_the_localnet_port(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI4, 3, GN_LOCALNET);
}

static size_t egress_key_equal_to_the_ingress_key(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 1, 1);
}

#define CASE(fn, reason) { #fn, fn, reason }

static const struct gn_frame_case bad[] = {
	CASE(truncated_geneve_header, XOVN_DROP_GENEVE_SHORT),
	CASE(truncated_inner_ethernet_header, XOVN_DROP_GENEVE_SHORT),
	CASE(options_length_beyond_the_packet, XOVN_DROP_GENEVE_OPTLEN),
	CASE(option_running_past_the_options_area, XOVN_DROP_GENEVE_OPTLEN),
	CASE(geneve_version_1, XOVN_DROP_GENEVE_OPTION),
	CASE(payload_that_is_not_ethernet, XOVN_DROP_GENEVE_OPTION),
	CASE(wrong_option_class, XOVN_DROP_GENEVE_OPTION),
	CASE(ovn_option_with_wrong_type, XOVN_DROP_GENEVE_OPTION),
	CASE(ovn_option_with_wrong_length, XOVN_DROP_GENEVE_OPTION),
	CASE(no_options_at_all, XOVN_DROP_GENEVE_OPTION),
	CASE(unknown_critical_option, XOVN_DROP_GENEVE_OPTION),
	CASE(more_options_than_inspected, XOVN_DROP_GENEVE_OPTION),
	CASE(unknown_vni, XOVN_DROP_GENEVE_VNI),
	CASE(egress_key_of_no_local_port, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_of_a_port_on_another_chassis, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_zero, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_of_an_unknown_group, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_of_the_localport, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_of_the_localnet_port, XOVN_DROP_GENEVE_PORT),
	CASE(egress_key_equal_to_the_ingress_key, XOVN_DROP_HAIRPIN),
	CASE(bfd_to_another_udp_port, XOVN_DROP_GENEVE_OPTION),
	CASE(bfd_port_to_another_mac, XOVN_DROP_GENEVE_OPTION),
};

/* ---- the host's: not Geneve, or not for this chassis ---------------------- */

static size_t arp_on_the_underlay(uint8_t *f)
{
	uint8_t src[6];

	xh_mac(GN_HV2_MAC, src);
	return xh_arp_request(f, src, GN_HV2_IP, GN_LOCAL_IP);
}

static size_t ipv6_on_the_underlay(uint8_t *f)
{
	uint8_t src[6], dst[6];
	size_t len;

	xh_mac(GN_HV2_MAC, src);
	xh_mac("02:00:00:00:00:01", dst);
	len = xh_eth(f, dst, src, ETH_P_IPV6, 60);
	f[ETH_HLEN] = 0x60;
	return len;
}

static size_t tcp_to_the_encap_ip(uint8_t *f)
{
	size_t len = valid(f);

	f[GN_OFF_IP + 9] = 6;
	gn_fix_lengths(f, len);
	return len;
}

/* The frames below would be an unknown VNI if they were parsed as ours. */

static size_t udp_to_another_port(uint8_t *f)
{
	size_t len = gn_from_hv2(f, 99, 3, 1);

	xovn_put16(f + GN_OFF_UDP + 2, 4789);
	return len;
}

static size_t geneve_to_another_ip(uint8_t *f)
{
	uint8_t inner[XH_FRAME_MAX];
	size_t inner_len = gn_inner_udp(inner, GN_VNI3, 3, 1, 64);

	return gn_geneve(f, GN_HV2_IP, GN_HV3_IP, 99, 3, 1, inner, inner_len);
}

static size_t fragment_of_a_geneve_packet(uint8_t *f)
{
	size_t len = gn_from_hv2(f, 99, 3, 1);

	xovn_put16(f + GN_OFF_IP + 6, 0x2000);  /* MF: the first fragment */
	gn_fix_lengths(f, len);
	return len;
}

static size_t vlan_tagged_geneve(uint8_t *f)
{
	return xh_vlan_insert(f, gn_from_hv2(f, 99, 3, 1), ETH_P_8021Q, 5);
}

static size_t truncated_udp_header(uint8_t *f)
{
	gn_from_hv2(f, 99, 3, 1);
	return GN_OFF_UDP + 4;
}

/* Between chassis, for xovnd's socket on the encap IP (bpf/lib/bfd.h). */
static size_t bfd_control_packet_from_a_chassis(uint8_t *f)
{
	return bfd_from_hv2(f, BFD_UDP_PORT, NULL);
}

static const struct gn_frame_case host[] = {
	CASE(arp_on_the_underlay, XOVN_DROP_NONE),
	CASE(ipv6_on_the_underlay, XOVN_DROP_NONE),
	CASE(tcp_to_the_encap_ip, XOVN_DROP_NONE),
	CASE(udp_to_another_port, XOVN_DROP_NONE),
	CASE(geneve_to_another_ip, XOVN_DROP_NONE),
	CASE(fragment_of_a_geneve_packet, XOVN_DROP_NONE),
	CASE(vlan_tagged_geneve, XOVN_DROP_NONE),
	CASE(truncated_udp_header, XOVN_DROP_NONE),
	CASE(bfd_control_packet_from_a_chassis, XOVN_DROP_NONE),
};

#define N(table) (sizeof(table) / sizeof(table[0]))

static struct criterion_test_params index_params(size_t n)
{
	size_t *index = cr_malloc(sizeof(*index) * n), i;

	for (i = 0; i < n; i++)
		index[i] = i;
	return cr_make_param_array(size_t, index, n);
}

struct criterion_test_params gn_bad_frame_params(void)
{
	return index_params(N(bad));
}

const struct gn_frame_case *gn_bad_frame(size_t index)
{
	cr_assert_lt(index, N(bad));
	return &bad[index];
}

struct criterion_test_params gn_host_frame_params(void)
{
	return index_params(N(host));
}

const struct gn_frame_case *gn_host_frame(size_t index)
{
	cr_assert_lt(index, N(host));
	return &host[index];
}
