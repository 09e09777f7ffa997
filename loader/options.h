/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * options.h - xovnd's command line.
 */
#ifndef XOVND_OPTIONS_H
#define XOVND_OPTIONS_H

#include <limits.h>

#include "dataplane/nat_age.h"

struct xovnd_options {
	char chassis[64];
	char db[PATH_MAX];
	char pin_dir[PATH_MAX];
	int cleanup;   /* detach, unpin and exit */
	int once;      /* apply the model once and exit */
	int verbose;
	char metrics[128];  /* --metrics ADDR:PORT, "" = no endpoint */
	int underlay_xdp;   /* --underlay-xdp: the XDP guard on the underlay */
	char ovn_remote[1024]; /* --ovn-remote: the model comes from OVN's SB ("" = from --db) */
	char ovn_nb_remote[1024]; /* --ovn-nb-remote: routers' static routes from OVN's NB */
	char model_out[PATH_MAX]; /* --model-out: the model in force, rewritten on each change */
	/* BFD toward the chassis sharing a gateway group (loader/bfd.c); 0 = off */
	unsigned bfd_min_rx_ms, bfd_min_tx_ms, bfd_mult;
	struct xovn_nat_timeouts nat_timeouts; /* --nat-timeouts, over the defaults */
};

/* Detection under a second by default: 3 x 200 ms. */
#define XOVND_BFD_INTERVAL_MS 200
#define XOVND_BFD_MULT 3

/* 0 run; 1 exit 0 (help printed); -1 exit 1 (usage error printed). */
int options_parse(int argc, char **argv, struct xovnd_options *opt);

#endif /* XOVND_OPTIONS_H */
