/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * trace_hops.h - the routers a traced frame crossed (struct
 * xovn_trace_hop records), with the model's names: one JSON object per
 * hop for `xovnctl trace`'s report, and one line per hop for its text
 * form, so a trace reads switch -> router -> switch.
 */
#ifndef XOVN_TRACE_HOPS_H
#define XOVN_TRACE_HOPS_H

#include <jansson.h>
#include <stdio.h>

#include "xovn_maps.h"

/* The hops of rec as a JSON array (empty when no router was crossed). */
json_t *xovn_trace_hops_json(const json_t *model, const struct xovn_trace *rec);

/* One line per hop of hops (xovn_trace_hops_json's array), indented for a trace. */
void xovn_trace_hops_print(FILE *out, const json_t *hops);

#endif /* XOVN_TRACE_HOPS_H */
