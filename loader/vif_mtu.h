/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * vif_mtu.h - leaving room for Geneve: every VIF of this chassis gets an MTU
 * no larger than the underlay MTU minus XOVN_ENCAP_OVERHEAD (docs/geneve.md),
 * so that a full-size frame still fits once encapsulated.
 */
#ifndef XOVND_VIF_MTU_H
#define XOVND_VIF_MTU_H

#include <stddef.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"

/*
 * Lowers the MTU of each present VIF (vifs[0..n), chassis.vifs[].iface)
 * that is above the limit taken from the applied config; never raises
 * one.  A chassis without an underlay is left alone.  Each change is
 * logged.
 */
void vif_mtu_sync(const struct xovn_ifname *vifs, size_t n, const struct xovn_mapset *applied);

#endif /* XOVND_VIF_MTU_H */
