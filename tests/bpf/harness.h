/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * harness.h - running the real datapath programs on hand-made frames.
 *
 * A packet test loads build/xovn.bpf.o (through its skeleton) with private,
 * unpinned maps, compiles a JSON model for one chassis against a table of
 * made-up interfaces, writes the result into the maps with xovn_map_apply()
 * and runs the live or trace program with BPF_PROG_TEST_RUN.  The thread is
 * pinned to CPU 0 so the per-CPU trace record is the one the run wrote.
 */
#ifndef XOVN_TEST_HARNESS_H
#define XOVN_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "dataplane/mapset.h"
#include "xovn_maps.h"

struct xovn;  /* the skeleton, build/xovn.skel.h */

/* One made-up interface of the chassis under test. */
struct xh_iface {
	const char *name;
	uint32_t ifindex;
	int is_veth;
};

#define XH_N_PROGS 4

struct xh {
	struct xovn *skel;              /* the maps (and the XDP guard) */
	struct xovn *prog_skel[XH_N_PROGS]; /* one more program each, on skel's maps */
	int map_fds[XOVN_MAP__COUNT];
	int drops_fd;
	int trace_fd;
	int stats_fd;
	int ncpus;
	int cpu;                        /* the CPU the test is pinned to */
};

/* Which entry point to run. */
enum xh_prog {
	XH_VIF_LIVE,
	XH_VIF_TRACE,
	XH_UNDERLAY_LIVE,
	XH_UNDERLAY_TRACE,
};

/* The loaded program of an entry point (verified on first use). */
struct bpf_program *xh_program(struct xh *h, enum xh_prog prog);

/* Opens and loads the object with unpinned maps; aborts the test on failure. */
void xh_open(struct xh *h);
void xh_close(struct xh *h);

/*
 * Compiles model_json for chassis (interfaces resolved through ifaces, n of
 * them; a name not in the table is absent) and applies it to the maps.
 * Aborts the test with the compiler's or the map writer's message on failure.
 */
void xh_load_model(struct xh *h, const char *model_json, const char *chassis,
		   const struct xh_iface *ifaces, size_t n);
/* xh_open then xh_load_model: the setup most suites share. */
void xh_open_model(struct xh *h, const char *model_json, const char *chassis,
		   const struct xh_iface *ifaces, size_t n);

/* Same, but returns -1 with the message in err instead of aborting. */
int xh_try_load_model(struct xh *h, const char *model_json, const char *chassis,
		      const struct xh_iface *ifaces, size_t n, char *err, size_t errlen);

/* Compiles model_json for chassis against ifaces into out (init'ed by the caller). */
int xh_compile(const char *model_json, const char *chassis, const struct xh_iface *ifaces,
	       size_t n, struct xovn_mapset *out, char *err, size_t errlen);

/* Runs prog once on frame as if it arrived on ingress_ifindex; returns the TC verdict. */
int xh_run(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
	   const void *frame, size_t len);
/* Same, with the frame as the program left it (out_len bytes in out). */
int xh_run_out(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
	       const void *frame, size_t len, void *out, size_t out_cap, size_t *out_len);

/* Runs the trace twin and returns its record (action, outputs...). */
struct xovn_trace xh_trace(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
			   const void *frame, size_t len, int *verdict);
/* Same, with the frame as the program left it (as xh_run_out). */
struct xovn_trace xh_trace_out(struct xh *h, enum xh_prog prog, uint32_t ingress_ifindex,
			       const void *frame, size_t len, void *out, size_t out_cap,
			       size_t *out_len, int *verdict);

/* Packets counted for reason, summed over CPUs. */
uint64_t xh_drops(struct xh *h, enum xovn_drop_reason reason);
/* Sum of every drop counter except XOVN_DROP_NONE. */
uint64_t xh_drops_total(struct xh *h);
/* Per-port counters summed over CPUs; all zero when the port has none. */
struct xovn_port_stats xh_port_stats(struct xh *h, uint32_t dp_key, uint16_t port_key);

/* Asserts that tr did action towards out_port with one output, of kind on ifindex. */
void xh_expect_one_out(const struct xovn_trace *tr, uint8_t action, uint16_t out_port,
		       uint8_t kind, uint32_t ifindex);

/* The out[] entry of tr that goes to logical port port_key, or NULL. */
const struct xovn_trace_out *xh_trace_find(const struct xovn_trace *tr, uint16_t port_key);

/* ---- frame builders: each writes into buf and returns the length ------- */

#define XH_FRAME_MAX 1600

extern const uint8_t XH_BROADCAST[6];

/* "aa:bb:cc:dd:ee:ff" -> bytes; aborts the test on bad syntax. */
void xh_mac(const char *s, uint8_t mac[6]);

/* One MAC a suite parses at setup: text into mac. */
struct xh_mac_row {
	const char *text;
	uint8_t *mac;
};

/* xh_mac for each of the n rows. */
void xh_macs(const struct xh_mac_row *rows, size_t n);

#define XH_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Dotted quad -> address; aborts the test on bad syntax. */
struct in_addr xh_ip4(const char *s);

/* Ethernet + payload of payload_len bytes (pattern filled), ethertype given. */
size_t xh_eth(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
	      uint16_t ethertype, size_t payload_len);
/* Broadcast ARP request from sha/spa for tpa (addresses in dotted quad). */
size_t xh_arp_request(uint8_t *buf, const uint8_t sha[6], const char *spa, const char *tpa);
/* Ethernet + IPv4 + UDP with payload_len bytes of payload. */
size_t xh_ipv4_udp(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		   const char *saddr, const char *daddr, size_t payload_len);
/* Inserts an 802.1Q tag (TPID tpid, VID vid) after the MAC addresses; returns the new length. */
size_t xh_vlan_insert(uint8_t *buf, size_t len, uint16_t tpid, uint16_t vid);

/* Reads the outer 802.1Q VID of a frame in data, -1 when untagged. */
int xh_frame_vid(const uint8_t *frame, size_t len);

#endif /* XOVN_TEST_HARNESS_H */
