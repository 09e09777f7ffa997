/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat_age.h - aging of NAT's connections (xovn_nat_ct).
 *
 * The datapath stamps both entries of a connection (one per direction)
 * with the time it last saw a packet of that direction
 * (bpf_ktime_get_ns, CLOCK_MONOTONIC) and marks a TCP connection closing
 * at its first FIN or RST.  A connection idle longer than its protocol's
 * timeout, counted from the later of its two stamps, loses both entries;
 * the datapath never evicts one itself.
 */
#ifndef XOVN_NAT_AGE_H
#define XOVN_NAT_AGE_H

#include <stddef.h>
#include <stdint.h>

/* Idle timeouts in seconds. */
struct xovn_nat_timeouts {
	uint64_t tcp;          /* established TCP (RFC 5382: at least 2 h 4 min) */
	uint64_t tcp_closing;  /* TCP after a FIN or RST */
	uint64_t udp;          /* RFC 4787: at least 2 min */
	uint64_t icmp;
	uint64_t other;        /* any other protocol, by addresses */
};

void xovn_nat_timeouts_default(struct xovn_nat_timeouts *t);

/*
 * "tcp=SECS,tcp-closing=SECS,udp=SECS,icmp=SECS,other=SECS", any subset,
 * over what t holds.  0, or -1 with the reason in err (t untouched).
 */
int xovn_nat_timeouts_parse(const char *spec, struct xovn_nat_timeouts *t, char *err,
			    size_t errlen);

/*
 * Deletes the connections of map_fd (xovn_nat_ct) idle past their timeout
 * at now_ns.  Returns the entries deleted, -1 when the map cannot be read.
 */
int xovn_nat_age(int map_fd, const struct xovn_nat_timeouts *t, uint64_t now_ns);

#endif /* XOVN_NAT_AGE_H */
