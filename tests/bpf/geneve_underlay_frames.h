/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * geneve_underlay_frames.h - two tables of frames arriving on the
 * underlay: every kind of Geneve for this chassis that must be dropped,
 * with the reason it is counted under, and frames that are the host's and
 * must pass untouched.  The TC decapsulation (test_geneve_decap.c) and the
 * XDP guard (test_underlay_guard.c) run the same tables, so a case added
 * here is checked against both programs.
 */
#ifndef XOVN_TEST_GENEVE_UNDERLAY_FRAMES_H
#define XOVN_TEST_GENEVE_UNDERLAY_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include <criterion/parameterized.h>

#include "xovn_maps.h"

struct gn_frame_case {
	const char *name;
	size_t (*build)(uint8_t *f);    /* writes the frame, returns its length */
	enum xovn_drop_reason reason;   /* XOVN_DROP_NONE in the host's table */
};

/*
 * The table's indices as Criterion parameters.  Test instances run in
 * processes of their own, where only plain data survives the copy: a test
 * takes an index and finds the case with gn_bad_frame().
 */
struct criterion_test_params gn_bad_frame_params(void);
const struct gn_frame_case *gn_bad_frame(size_t index);
/* The same for the host's frames. */
struct criterion_test_params gn_host_frame_params(void);
const struct gn_frame_case *gn_host_frame(size_t index);

#endif /* XOVN_TEST_GENEVE_UNDERLAY_FRAMES_H */
