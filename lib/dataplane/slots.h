/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * slots.h - counter slots: the dense index of each logical port in the
 * per-CPU array xovn_port_stats.
 *
 * The compiler is pure and leaves every slot 0.  Slots are given between
 * compiling and diffing, against the set applied last, so that a port keeps
 * its slot for as long as it exists, across any number of edits and xovnd
 * restarts (the applied set is then read back from the maps, slots
 * included).  A new port gets the lowest slot that neither the applied nor
 * the new set uses: a slot freed by this very change is not reused before
 * the next one, so two live ports never share a slot, not even while the
 * difference is being written.  The slot is written into every value that
 * leads to the port: xovn_ports, xovn_ingress, xovn_fdb_v2 and flood members.
 */
#ifndef XOVN_SLOTS_H
#define XOVN_SLOTS_H

#include "dataplane/mapset.h"

/* Fills the slots of next from applied; 0, or -1 when slots run out or memory does. */
int xovn_slots_assign(const struct xovn_mapset *applied, struct xovn_mapset *next);

/*
 * The same for a part (mapset_part.c: the config entry and every entry of
 * some switches) about to replace those switches' entries in applied: a
 * port keeps the slot applied gives it, found by binary search; only when
 * a port is new are applied's slots all marked to find the lowest free one.
 */
int xovn_slots_assign_part(const struct xovn_mapset *applied, struct xovn_mapset *part);

#endif /* XOVN_SLOTS_H */
