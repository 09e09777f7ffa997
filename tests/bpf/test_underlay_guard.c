// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_underlay_guard.c - the XDP guard of the underlay: valid Geneve for
 * this chassis and everything that is not ours pass unchanged; each kind of
 * Geneve the TC decapsulation drops is dropped here already, counted under
 * the reason TC counts for the very same frame.
 */
#include <errno.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "geneve_underlay_frames.h"
#include "geneve_fixture.h"
#include "xovn.skel.h"

TestSuite(underlay_guard, .init = gn_setup_fake, .fini = gn_teardown);

/* Runs xovn_underlay_xdp once on frame; the verdict, the frame as left in out. */
static int run_xdp(const uint8_t *frame, size_t len, uint8_t *out, size_t *out_len)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts,
		    .data_in = frame,
		    .data_size_in = len,
		    .data_out = out,
		    .data_size_out = XH_FRAME_MAX + 64,
		    .repeat = 1);
	int rc = bpf_prog_test_run_opts(bpf_program__fd(gn_dp.h.skel->progs.xovn_underlay_xdp), &opts);

	cr_assert_eq(rc, 0, "BPF_PROG_TEST_RUN (XDP) failed: %s", strerror(errno));
	*out_len = opts.data_size_out;
	return (int)opts.retval;
}


/* The kernel refuses to build a test skb around a truncated IPv4 header. */
#define TC_REFUSES_FRAME (-1)

/*
 * XDP passes the frame (what names it) byte for byte and counts nothing;
 * TC then gives want_tc (not run for TC_REFUSES_FRAME).
 */
static void expect_pass(const char *what, const uint8_t *f, size_t len, int want_tc)
{
	uint8_t out[XH_FRAME_MAX + 64];
	size_t out_len = 0;

	cr_assert_eq(run_xdp(f, len, out, &out_len), XDP_PASS, "%s: not passed", what);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0, "%s: a passed frame was counted as a drop", what);
	cr_assert_eq(out_len, len);
	cr_assert_arr_eq(out, f, len, "%s: a passed frame was modified", what);
	if (want_tc == TC_REFUSES_FRAME)
		return;
	cr_assert_eq(xh_run(&gn_dp.h, XH_UNDERLAY_LIVE, GN_IF_UL0_FAKE, f, len), want_tc,
		     "%s: TC disagrees on the frame XDP passed", what);
}

/* XDP drops the case's frame under its reason; TC, given the same frame, drops it under that reason too. */
static void expect_drop(const struct gn_frame_case *c)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = c->build(f), out_len = 0;

	cr_assert_eq(run_xdp(f, len, out, &out_len), XDP_DROP, "%s: not dropped", c->name);
	cr_assert_eq(xh_drops(&gn_dp.h, c->reason), 1, "%s: reason %d not counted (total %lu)",
		     c->name, c->reason, (unsigned long)xh_drops_total(&gn_dp.h));
	cr_assert_eq(xh_drops_total(&gn_dp.h), 1, "%s: another reason was counted too", c->name);
	cr_assert_eq(xh_run(&gn_dp.h, XH_UNDERLAY_LIVE, GN_IF_UL0_FAKE, f, len), TC_ACT_SHOT,
		     "%s: TC did not drop it", c->name);
	cr_assert_eq(xh_drops(&gn_dp.h, c->reason), 2, "%s: TC counted another reason than XDP",
		     c->name);
}

/* ---- ours and valid: passed on to TC untouched ----------------------------- */

Test(underlay_guard, valid_unicast_geneve_passes_untouched)
{
	uint8_t f[XH_FRAME_MAX];

	expect_pass("valid unicast", f, gn_from_hv2(f, GN_VNI3, 3, 1), TC_ACT_REDIRECT);
}

Test(underlay_guard, valid_flood_group_geneve_passes_untouched)
{
	uint8_t f[XH_FRAME_MAX], bcast[XH_FRAME_MAX], src[6];
	size_t blen;

	gn_mac(src, GN_VNI4, 3);
	blen = xh_arp_request(bcast, src, "10.14.0.3", "10.14.0.99");
	expect_pass("valid flood", f,
		    gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI4, 3, XOVN_MC_FLOOD, bcast, blen),
		    TC_ACT_SHOT);
}

Test(underlay_guard, unknown_group_and_non_critical_option_pass)
{
	uint8_t f[XH_FRAME_MAX];

	expect_pass("unknown group", f, gn_from_hv2(f, GN_VNI4, 3, XOVN_MC_UNKNOWN), TC_ACT_SHOT);
	expect_pass("non-critical option", f,
		    gn_add_option(f, gn_from_hv2(f, GN_VNI3, 3, 2), 0x0200, 0x01, 2), TC_ACT_REDIRECT);
}

/* ---- not ours: the host's ------------------------------------------------------ */

ParameterizedTestParameters(underlay_guard, the_hosts_frames_pass)
{
	return gn_host_frame_params();
}

ParameterizedTest(size_t *index, underlay_guard, the_hosts_frames_pass)
{
	const struct gn_frame_case *c = gn_host_frame(*index);
	uint8_t f[XH_FRAME_MAX];

	expect_pass(c->name, f, c->build(f), TC_ACT_OK);
}

Test(underlay_guard, truncated_ipv4_header_passes)
{
	uint8_t f[XH_FRAME_MAX];

	gn_from_hv2(f, GN_VNI3, 3, 1);
	expect_pass("truncated IPv4", f, GN_OFF_IP + 10, TC_REFUSES_FRAME);
}

/* ---- ours and malformed or not deliverable: dropped as TC drops them -------- */

ParameterizedTestParameters(underlay_guard, dropped_as_tc_drops_it)
{
	return gn_bad_frame_params();
}

ParameterizedTest(size_t *index, underlay_guard, dropped_as_tc_drops_it)
{
	expect_drop(gn_bad_frame(*index));
}

Test(underlay_guard, drop_counts_the_frame_bytes)
{
	uint8_t f[XH_FRAME_MAX], out[XH_FRAME_MAX + 64];
	size_t len = gn_from_hv2(f, 99, 3, 1), out_len = 0;
	struct xovn_drop_count *per_cpu = calloc(gn_dp.h.ncpus, sizeof(*per_cpu));
	uint32_t key = XOVN_DROP_GENEVE_VNI;
	uint64_t bytes = 0;
	int i;

	cr_assert_not_null(per_cpu);
	cr_assert_eq(run_xdp(f, len, out, &out_len), XDP_DROP);
	cr_assert_eq(bpf_map_lookup_elem(gn_dp.h.drops_fd, &key, per_cpu), 0);
	for (i = 0; i < gn_dp.h.ncpus; i++)
		bytes += per_cpu[i].bytes;
	free(per_cpu);
	cr_assert_eq(bytes, len, "counted %lu bytes for a %zu-byte frame", (unsigned long)bytes, len);
}
