/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * attachments.h - keeping the programs attached to exactly the interfaces
 * the model lists for this chassis and that exist in this namespace.
 */
#ifndef XOVND_ATTACHMENTS_H
#define XOVND_ATTACHMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "compile/compile.h"
#include "iface.h"

struct attachments {
	int state_fd;              /* pinned record, attach_state.h */
	int prog_fd[3];            /* by enum xovn_attach_role */
	uint32_t prog_id[3];
	int first_sync_done;
};

/* 0 ok, -1 logged. */
int attachments_init(struct attachments *a, int state_fd, int vif_prog_fd, int underlay_prog_fd);
/*
 * Attaches (or replaces an older program) where want says and the interface
 * exists; detaches from recorded interfaces no longer wanted; forgets
 * interfaces that disappeared (their filters went with them).  Returns the
 * number of failures, each logged.  links says which interfaces are here.
 */
int attachments_sync(struct attachments *a, const struct xovn_attach *want, size_t n,
		     const struct iface_table *links);

#endif /* XOVND_ATTACHMENTS_H */
