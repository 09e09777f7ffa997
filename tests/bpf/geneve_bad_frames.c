// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* geneve_bad_frames.c - the malformed and undeliverable Geneve frames of geneve_bad_frames.h. */
#include <criterion/criterion.h>
#include <linux/if_ether.h>
#include <string.h>

#include "geneve_bad_frames.h"
#include "geneve_fixture.h"

/* XOVN_GENEVE_MAX_OPTS of bpf/lib/geneve.h: options the datapath inspects per packet. */
#define INSPECTED_OPTS 8

static size_t valid(uint8_t *f)
{
	return gn_from_hv2(f, GN_VNI3, 3, 1);
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

static const struct gn_bad_frame cases[] = {
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
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

struct criterion_test_params gn_bad_frame_params(void)
{
	size_t *index = cr_malloc(sizeof(*index) * N_CASES), i;

	for (i = 0; i < N_CASES; i++)
		index[i] = i;
	return cr_make_param_array(size_t, index, N_CASES);
}

const struct gn_bad_frame *gn_bad_frame(size_t index)
{
	cr_assert_lt(index, N_CASES);
	return &cases[index];
}
