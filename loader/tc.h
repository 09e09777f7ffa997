/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * tc.h - our TC ingress filters: one fixed (handle, priority) per role, so
 * that a restarted xovnd replaces its predecessor's filter in place
 * (BPF_TC_F_REPLACE) instead of adding a second one.
 */
#ifndef XOVND_TC_H
#define XOVND_TC_H

#include <stdint.h>

/*
 * Attaches prog_fd at clsact ingress of ifindex for role (enum
 * xovn_attach_role), creating the clsact qdisc if needed (*created_hook
 * says so).  0 ok, -1 with errno.
 */
int tc_attach(int ifindex, int role, int prog_fd, int *created_hook);
/* The id of the program at our slot for role, 0 if none.  -1 on error. */
int tc_query(int ifindex, int role, uint32_t *prog_id);
/* Removes our filter (gone already is fine); drops the qdisc if destroy_hook. */
int tc_detach(int ifindex, int role, int destroy_hook);

#endif /* XOVND_TC_H */
