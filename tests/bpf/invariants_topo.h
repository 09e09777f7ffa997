/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * invariants_topo.h - seeded random topologies and frames for the
 * invariant and packet-fuzz tests.
 *
 * A seed fully decides the model (switches, VIFs on three chassis,
 * localports, localnets with and without provider VLANs, external ports
 * held here or elsewhere, container ports, port security) and every frame
 * drawn from it, so a failure is replayed by its seed alone.  The chassis
 * under test is always hv1; its interfaces get made-up ifindexes.
 */
#ifndef XOVN_TEST_INVARIANTS_TOPO_H
#define XOVN_TEST_INVARIANTS_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"

#define TOPO_MAX_SW      4
#define TOPO_MAX_PORTS   64
#define TOPO_N_CHASSIS   3    /* hv1 (under test), hv2, hv3 */
#define TOPO_UNDERLAY_IF 900
#define TOPO_UNBOUND     (-1)

struct topo_rng {
	uint64_t s;
};

uint64_t topo_next(struct topo_rng *r);
/* Uniform in [0, n). */
uint32_t topo_below(struct topo_rng *r, uint32_t n);
/* True with probability pct percent. */
int topo_chance(struct topo_rng *r, unsigned int pct);

struct topo_port {
	char name[12];
	int sw;              /* index into topo.sw */
	uint16_t key;
	int type;            /* enum xovn_port_type */
	uint8_t mac[6];
	uint32_t ip;         /* network order; 0 for localnet */
	int unknown;         /* addresses include "unknown" */
	int chassis;         /* where it lives, or TOPO_UNBOUND */
	uint32_t ifindex;    /* its interface on hv1 (the parent's for a container), 0 if none */
	int parent;          /* index of the parent VIF of a container port, else -1 */
	uint16_t tag;        /* container tag, or the localnet's provider VLAN */
	int psec;            /* port_security lists its MAC */
	int psec_ip;         /* ... and its IPv4 address */
	int held_here;       /* external port held by hv1 */
};

struct topo_switch {
	uint32_t dp_key;
	int localnet;        /* port index of its localnet port, or -1 */
	int ln_mapped[TOPO_N_CHASSIS];  /* the localnet's network is mapped there */
	uint32_t bridge_ifindex;        /* hv1's bridge for that network, 0 if none */
};

struct topo {
	uint64_t seed;
	int n_sw, n_ports;
	struct topo_switch sw[TOPO_MAX_SW];
	struct topo_port ports[TOPO_MAX_PORTS];
	uint32_t encap_ip[TOPO_N_CHASSIS];       /* network order */
	char ifnames[TOPO_MAX_PORTS + TOPO_MAX_SW + 1][16];
	struct xh_iface ifaces[TOPO_MAX_PORTS + TOPO_MAX_SW + 1];
	size_t n_ifaces;     /* hv1's interfaces, as its resolver sees them */
	char *json;          /* the model (malloc'ed) */
};

/* Builds the random topology of seed into t; free with topo_free. */
void topo_generate(struct topo *t, uint64_t seed);
void topo_free(struct topo *t);

/* Port with MAC mac in switch sw, or -1. */
int topo_port_by_mac(const struct topo *t, int sw, const uint8_t mac[6]);
/* Port of switch sw with key key, or -1. */
int topo_port_by_key(const struct topo *t, int sw, uint16_t key);
/* Switch with dp_key, or -1. */
int topo_sw_by_key(const struct topo *t, uint32_t dp_key);
/* The port that owns (ifindex, vid) on hv1, or -1. */
int topo_ingress_port(const struct topo *t, uint32_t ifindex, uint16_t vid);
/* The interface a port's frames leave through on hv1 (a container's parent's). */
uint32_t topo_port_ifindex(const struct topo *t, int p);

/* ---- frames ----------------------------------------------------------- */

enum topo_origin { TOPO_FROM_IFACE, TOPO_FROM_LOCALNET, TOPO_FROM_TUNNEL, TOPO_FROM_NOWHERE };

/* A random frame and what the generator knows about it. */
struct topo_frame {
	uint8_t buf[XH_FRAME_MAX];
	size_t len;
	enum topo_origin origin;
	uint32_t ifindex;    /* where it arrives on hv1 */
	int in_port;         /* the port it belongs to by (ifindex, VID), or -1 */
	int sw;              /* switch of in_port, or the VNI's for a tunnel frame, or -1 */
	uint8_t src[6], dst[6];   /* of the (inner) frame */
	uint32_t ip_src;     /* IPv4 source (or ARP sender), network order; 0 if none */
	int is_arp;
	uint16_t tunnel_in;  /* Geneve option: logical ingress key */
	uint16_t tunnel_out; /* Geneve option: logical egress key */
	uint32_t tunnel_src; /* outer IPv4 source, network order */
};

/* Draws one frame from t with r. */
void topo_frame_random(const struct topo *t, struct topo_rng *r, struct topo_frame *f);

/*
 * Wraps inner (len bytes) in outer Ethernet/IPv4/UDP/Geneve with the OVN
 * option, from src_ip to dst_ip (network order); the new length.
 */
size_t topo_geneve_wrap(uint8_t *buf, const uint8_t *inner, size_t len, uint32_t src_ip,
			uint32_t dst_ip, uint32_t vni, uint16_t in_key, uint16_t out_key);

#endif /* XOVN_TEST_INVARIANTS_TOPO_H */
