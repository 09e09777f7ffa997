/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * trace.h - `xovnctl trace`: run a chassis' real datapath on one frame in
 * trace mode and report every decision in terms of the model.
 *
 * The trace twin of the program (xovn_vif_trace / xovn_underlay_trace,
 * pinned by xovnd next to the maps) shares the chassis' live maps and makes
 * the same decisions as the live program, but records them in the per-CPU
 * xovn_trace map instead of transmitting or counting.  Nothing here writes
 * to any map: tracing cannot disturb traffic.
 */
#ifndef XOVN_CTL_TRACE_H
#define XOVN_CTL_TRACE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "frame/frame.h"
#include "xovn_maps.h"

struct trace_request {
	const char *chassis;
	const char *pin_dir;       /* the chassis' pin directory */
	const char *port;          /* ingress logical port; NULL with underlay */
	int underlay;              /* run the Geneve (underlay) pipeline */
	uint8_t frame[XOVN_FRAME_MAX + 64];
	size_t len;
	int frame_from_user_tag;   /* the frame already carries a tag: keep it */
};

/* Where the frame enters: found in the chassis' own xovn_ingress map. */
struct trace_ingress {
	uint32_t ifindex;
	uint16_t vid;              /* tag the interface expects for this port */
	uint8_t flags;             /* XOVN_IN_* */
};

struct trace_result {
	struct trace_ingress in;
	struct xovn_trace rec;
	int verdict;               /* TC action the program returned */
	uint8_t out_frame[XOVN_FRAME_MAX + 128];
	size_t out_len;            /* the frame as the program left it */
	int cpu;
};

/* trace_run.c: finds the ingress and runs the pinned trace program. */
int trace_find_ingress(const char *pin_dir, uint32_t dp_key, uint16_t port_key,
		       struct trace_ingress *in);
int trace_underlay_ingress(const char *pin_dir, struct trace_ingress *in);
int trace_run(struct trace_request *req, struct trace_result *res);

/* trace_report.c: the decision as a JSON document with model names. */
json_t *trace_report(const json_t *model, const struct trace_request *req,
		     const struct trace_result *res);

/* trace_print.c: the same document for a human. */
void trace_print_text(FILE *out, const json_t *report);

#endif /* XOVN_CTL_TRACE_H */
