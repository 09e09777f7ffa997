/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * invariants_check.h - the contract's invariants, checked on one
 * decision of the datapath (its trace record) for one frame of a random
 * topology.
 */
#ifndef XOVN_TEST_INVARIANTS_CHECK_H
#define XOVN_TEST_INVARIANTS_CHECK_H

#include <stddef.h>

#include "invariants_topo.h"

/*
 * 0 when tr (with the trace program's verdict) breaks no invariant for
 * frame f on topology t; else -1 with the first broken one described in why.
 */
int inv_check(const struct topo *t, const struct topo_frame *f, const struct xovn_trace *tr,
	      int verdict, char *why, size_t len);

/* One line describing frame f and the decision, for failure messages. */
void inv_describe(const struct topo *t, const struct topo_frame *f, const struct xovn_trace *tr,
		  char *buf, size_t len);

#endif /* XOVN_TEST_INVARIANTS_CHECK_H */
