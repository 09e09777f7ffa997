/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * attach_state.h - the record of where this chassis' programs are attached.
 *
 * Kept as a small pinned BPF hash map, <pin dir>/xovn_attached, beside the
 * datapath maps: bpffs holds only pins, the record must outlive xovnd (for
 * --cleanup and restarts) and `bpftool map dump pinned` can show it.
 */
#ifndef XOVND_ATTACH_STATE_H
#define XOVND_ATTACH_STATE_H

#include <stddef.h>
#include <stdint.h>

#define ATTACH_STATE_PIN "xovn_attached"

struct attach_record {
	char ifname[16];
	uint32_t role;          /* enum xovn_attach_role */
	uint32_t ifindex;       /* in xovnd's network namespace */
	uint32_t created_hook;  /* we created the clsact qdisc */
};

/* Opens the pinned record, creating and pinning it if create.  fd, or -1 logged. */
int attach_state_open(const char *pin_dir, int create);
int attach_state_put(int fd, const struct attach_record *rec);
int attach_state_del(int fd, const char *ifname, uint32_t role);
/* Every record; *out malloc'ed (free it).  0 ok, -1 on error. */
int attach_state_list(int fd, struct attach_record **out, size_t *n);

#endif /* XOVND_ATTACH_STATE_H */
