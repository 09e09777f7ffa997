/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * packet_fuzz_frames.h - malformed frames for the datapath: mutations of
 * well-formed frames of a random topology, and hand-shaped oddities
 * (stacked VLANs, IPv6 extension header chains, ARP of odd sizes, Geneve
 * headers whose lengths lie).
 */
#ifndef XOVN_TEST_PACKET_FUZZ_FRAMES_H
#define XOVN_TEST_PACKET_FUZZ_FRAMES_H

#include "invariants_topo.h"

enum pf_kind {
	PF_FLIP,          /* a few random bytes changed */
	PF_STACKED_VLAN,  /* two or three 802.1Q/802.1ad tags */
	PF_IPV6_EXT,      /* IPv6 with a chain of extension headers, lengths random */
	PF_ARP_ODD,       /* ARP with odd hardware/protocol sizes or a short body */
	PF_GENEVE_BAD,    /* Geneve header / option lengths and classes random */
	PF_GARBAGE,       /* random bytes after a plausible Ethernet header */
	PF__COUNT
};

/* Turns f (a well-formed frame of t) into a malformed one of kind k; f->len may change. */
void pf_mutate(const struct topo *t, struct topo_rng *r, struct topo_frame *f, enum pf_kind k);

#endif /* XOVN_TEST_PACKET_FUZZ_FRAMES_H */
