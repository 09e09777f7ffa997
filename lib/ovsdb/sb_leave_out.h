/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_leave_out.h - a model built from OVN's rows keeps what validates:
 * the rows the validator refuses are left out, not the whole model.
 */
#ifndef XOVN_OVSDB_SB_LEAVE_OUT_H
#define XOVN_OVSDB_SB_LEAVE_OUT_H

#include <jansson.h>

/*
 * Validates model and removes the rows errors are in (a switch or router
 * port, a static route, a switch, router, chassis, binding or HA group),
 * a few rounds at most: leaving a group out can leave a port's reference
 * dangling.  The local chassis (the last of chassis[] when has_local) is
 * never removed.  Each row removed gets a line in skipped.  0 when what
 * remains is valid.
 */
int sb_leave_out_invalid(json_t *model, int has_local, json_t *skipped);

#endif /* XOVN_OVSDB_SB_LEAVE_OUT_H */
