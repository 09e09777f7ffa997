/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * xovn_maps.h - the one place that defines what lives in the BPF maps.
 *
 * Included by the BPF programs (bpf/) and by userspace (lib/, loader/, ctl/,
 * tests/).  Every key and value is a fixed-size, explicitly padded struct so
 * both sides agree byte for byte; the _Static_asserts at the bottom catch a
 * layout that drifts.  Multi-byte IPv4 addresses are stored in network byte
 * order (as they appear on the wire); everything else is host order.
 *
 * Which maps hold these layouts, with their types and limits, is the
 * table in xovn_map_table.h.
 *
 * Changing the layout of a pinned map means renaming it (e.g. xovn_fdb ->
 * xovn_fdb_v2) so that a new xovnd never reuses an incompatible pinned map.
 */
#ifndef XOVN_MAPS_H
#define XOVN_MAPS_H

#ifdef __BPF__
#include <linux/types.h>
#else
#include <linux/types.h>
#include <stdint.h>
#endif

/* ---- OVN key spaces ---------------------------------------------------- */

#define XOVN_DP_KEY_MAX        0xffffffu  /* 24-bit logical switch key = VNI */
#define XOVN_PORT_KEY_MAX      32767u     /* unicast logical port keys 1..32767 */
#define XOVN_MC_FLOOD          32768u     /* OVN multicast group: all ports */
#define XOVN_MC_UNKNOWN        32769u     /* OVN multicast group: "unknown" ports */

/* ---- Geneve ------------------------------------------------------------ */

#define XOVN_GENEVE_PORT       6081
#define XOVN_GENEVE_OPT_CLASS  0x0102     /* Open Virtual Networking (OVN) */
#define XOVN_GENEVE_OPT_TYPE   0x80       /* critical bit set */
/* outer eth 14 + IPv4 20 + UDP 8 + Geneve 8 + one 8-byte option */
#define XOVN_ENCAP_OVERHEAD    58

/* ---- limits -------------------------------------------------------------- */

#define XOVN_MAX_FLOOD_LOCAL   64   /* local members of one switch on one chassis */
#define XOVN_MAX_FLOOD_REMOTE  32   /* remote chassis holding ports of one switch */
#define XOVN_MAX_TRACE_OUT     (XOVN_MAX_FLOOD_LOCAL + XOVN_MAX_FLOOD_REMOTE)
#define XOVN_MAX_ROUTER_HOPS   4    /* routers one frame may cross in one pass */

#define XOVN_MAX_PORTS         131072
#define XOVN_MAX_DATAPATHS     16384
#define XOVN_MAX_INGRESS       65536
/* Interfaces below this ifindex find their untagged port in xovn_ingress_idx. */
#define XOVN_MAX_INGRESS_IFINDEX 16384
/* Counter slots: 1..XOVN_MAX_PORTS, one per logical port; 0 = not counted. */
#define XOVN_MAX_STAT_SLOTS    (XOVN_MAX_PORTS + 1)

/* ---- logical port types (ovn-nb Logical_Switch_Port.type) -------------- */

enum xovn_port_type {
	XOVN_PT_VIF = 0,       /* ""          */
	XOVN_PT_LOCALPORT = 1, /* "localport" */
	XOVN_PT_LOCALNET = 2,  /* "localnet"  */
	XOVN_PT_EXTERNAL = 3,  /* "external"  */
	XOVN_PT_L2GATEWAY = 4, /* "l2gateway" */
	XOVN_PT_ROUTER = 5,    /* "router"    */
	XOVN_PT__COUNT
};

/* ---- drop reasons: index of xovn_drops (per-CPU array) ----------------- */

enum xovn_drop_reason {
	XOVN_DROP_NONE = 0,
	XOVN_DROP_MALFORMED,        /* truncated Ethernet/VLAN/IP header */
	XOVN_DROP_NO_PORT,          /* ingress interface/tag maps to no port */
	XOVN_DROP_VLAN_NOT_ALLOWED, /* 802.1Q on a VIF with no such child */
	XOVN_DROP_STACKED_VLAN,     /* more than one 802.1Q header */
	XOVN_DROP_SRC_MULTICAST,    /* eth.src has the group bit set */
	XOVN_DROP_HAIRPIN,          /* destination is the ingress port */
	XOVN_DROP_NO_UNKNOWN_PORT,  /* unknown unicast, no "unknown" port */
	XOVN_DROP_PORT_ABSENT,      /* destination port not reachable from here */
	XOVN_DROP_LOCALPORT,        /* localport traffic that may not go there */
	XOVN_DROP_LOCALNET_REFLECT, /* fabric frame that would go back out */
	XOVN_DROP_NO_REMOTE,        /* would need a tunnel but none is possible */
	XOVN_DROP_PORT_SEC_SRC,     /* ingress port security violation */
	XOVN_DROP_PORT_SEC_DST,     /* egress port security violation */
	XOVN_DROP_GENEVE_SHORT,     /* truncated outer or Geneve header */
	XOVN_DROP_GENEVE_OPTLEN,    /* option length beyond the packet */
	XOVN_DROP_GENEVE_OPTION,    /* missing/wrong OVN option, unknown critical */
	XOVN_DROP_GENEVE_VNI,       /* VNI is no known logical switch */
	XOVN_DROP_GENEVE_PORT,      /* egress key with no local presence */
	XOVN_DROP_EXTERNAL_NOT_HELD,/* external port traffic on a non-holder */
	XOVN_DROP_ENCAP_FAILED,     /* headroom/encap helper failed */
	XOVN_DROP_REDIRECT_FAILED,  /* a clone/redirect helper failed */
	XOVN_DROP_MTU,              /* encapsulated frame exceeds underlay MTU */
	XOVN_DROP_DHCP,             /* DHCP to the native server that gets no reply */
	/* logical routers (router section below) */
	XOVN_DROP_NO_ROUTE,         /* no route to the destination, or to its out port */
	XOVN_DROP_NO_NEIGH,         /* next hop's MAC unknown: ARP request / NS sent instead */
	XOVN_DROP_TTL_EXCEEDED,     /* TTL / hop limit <= 1: ICMP time exceeded sent instead */
	XOVN_DROP_ROUTER_HOPS,      /* more than XOVN_MAX_ROUTER_HOPS routers in one pass */
	XOVN_DROP_ROUTER_LOCAL,     /* to a router's own address, and not an echo request */
	XOVN_DROP_ROUTER_UNHANDLED, /* to a router's MAC: not IP, ARP/ND it answers, or a routable destination */
	XOVN_DROP_ROUTE_DISCARD,    /* the route's nexthop is "discard" */
	XOVN_DROP_MTU_ICMP,         /* routed, too big for the tunnel: ICMP frag needed / PTB sent instead */
	XOVN_DROP_NO_GATEWAY,       /* out a distributed gateway port with no live gateway chassis */
	/* NAT (NAT section below) */
	XOVN_DROP_NAT_TABLE_FULL,   /* a new connection, and xovn_nat_ct has no room left */
	XOVN_DROP_NAT_NO_PORT,      /* a new connection, and no free external port among the tries */
	XOVN_DROP__COUNT
};

/* ---- decisions (trace records) ------------------------------------------ */

enum xovn_action {
	XOVN_ACT_NONE = 0,
	XOVN_ACT_DROP,        /* dropped; see drop_reason */
	XOVN_ACT_DELIVER,     /* one local port */
	XOVN_ACT_TUNNEL,      /* one Geneve copy to a remote chassis */
	XOVN_ACT_LOCALNET,    /* one copy out the localnet port */
	XOVN_ACT_FLOOD,       /* several copies, listed in out[] */
	XOVN_ACT_ARP_REPLY,   /* answered by the responder */
	XOVN_ACT_PASS,        /* not ours (underlay host traffic): passed up */
	XOVN_ACT_DHCP_REPLY,  /* answered by the native DHCP server */
	XOVN_ACT_NEIGH_LEARN, /* ARP reply / NA to a router: its sender learned, consumed */
};

enum xovn_out_kind {
	XOVN_OUT_LOCAL = 1,   /* to a local interface */
	XOVN_OUT_TUNNEL = 2,  /* Geneve to out.remote_ip */
	XOVN_OUT_LOCALNET = 3 /* to the physical network */
};

/* ---- map: xovn_ingress (hash) -------------------------------------------
 * Which logical port a frame belongs to, by the interface it arrived on
 * and its outer 802.1Q VID (0 = untagged).  Container ports are keyed by
 * (parent interface, tag); tagged localnets by (bridge interface, VLAN).
 */
struct xovn_ingress_key {
	__u32 ifindex;
	__u16 vid;
	__u16 pad;
};

#define XOVN_IN_ACCEPT_PRIO_TAG  0x01 /* VID-0 (priority) tagged frames too */
#define XOVN_IN_PORT_SECURITY    0x02 /* ingress port security applies */
#define XOVN_IN_DHCP             0x04 /* DHCPv4 is answered here (xovn_dhcp) */
#define XOVN_IN_DHCP6            0x08 /* DHCPv6 is answered here (xovn_dhcp6) */
/* The port's switch has no localnet mapped on this chassis: its remote ports
 * are reached through tunnels, without looking the switch up (xovn_datapaths). */
#define XOVN_IN_TUNNEL_ONLY      0x10

struct xovn_ingress_val {
	__u32 dp_key;
	__u16 port_key;
	__u8 port_type;  /* enum xovn_port_type */
	__u8 flags;      /* XOVN_IN_* */
	__u32 slot;      /* the port's counter slot (xovn_port_stats) */
};

/* ---- map: xovn_ingress_idx (array) --------------------------------------
 * The untagged (VID 0) entries of xovn_ingress whose ifindex is below
 * XOVN_MAX_INGRESS_IFINDEX, indexed by that ifindex: an untagged frame
 * finds its port by an address computation instead of a hash lookup.  A
 * slot whose dp_key is 0 holds no port (switch keys start at 1).  Tagged
 * frames, and interfaces with larger ifindexes, use xovn_ingress.
 */

/* ---- map: xovn_ports (hash) ---------------------------------------------
 * Everything the egress side needs to know about a logical port, as seen
 * from this chassis.
 */
struct xovn_port_key {
	__u32 dp_key;
	__u16 port_key;
	__u16 pad;
};

#define XOVN_PF_LOCAL          0x01 /* has an interface on this chassis: ifindex */
#define XOVN_PF_REMOTE         0x02 /* lives on another chassis: remote_ip */
#define XOVN_PF_UNKNOWN        0x04 /* addresses include "unknown" */
#define XOVN_PF_REDIRECT_PEER  0x08 /* ifindex is a veth: deliver with redirect_peer */
#define XOVN_PF_HELD           0x10 /* external port held by this chassis */
#define XOVN_PF_PORT_SECURITY  0x20 /* egress port security applies */
/* A switch port of type router: where its router runs (docs/ARCHITECTURE.md, "Gateways"). */
#define XOVN_PF_ROUTER_HERE    0x40 /* frames from local ports enter the router here */
#define XOVN_PF_ROUTER_EDGE    0x80 /* so do frames from tunnels and the physical network */

struct xovn_port_val {
	__u32 ifindex;     /* local delivery interface (XOVN_PF_LOCAL) */
	__u32 remote_ip;   /* encap IP of the chassis it lives on, network order */
	__u16 vid;         /* 802.1Q VID pushed on local delivery (0 = none) */
	__u8 port_type;    /* enum xovn_port_type */
	__u8 flags;        /* XOVN_PF_* */
	__u32 slot;        /* counter slot in xovn_port_stats (0 = none) */
};

/* ---- map: xovn_fdb_v2 (hash) ----------------------------------------------
 * L2 lookup: MAC addresses from the ports' "addresses" column.  The value
 * carries a copy of the port's xovn_ports value, so unicast to a known MAC
 * needs one lookup, not two; the compiler emits both from the same value, so
 * the copy changes (and is rewritten) whenever the port's entry does.  For a
 * router LSP it also carries a copy of the port's xovn_lsp_router value (all
 * zero when there is none), so a frame entering a router needs no second
 * lookup; both are compiled with the switch, from the same value.
 */
struct xovn_fdb_key {
	__u32 dp_key;
	__u8 mac[6];
	__u16 pad;
};

struct xovn_lsp_router_val {
	__u32 rtr_key;     /* 0: the LSP enters no router here */
	__u16 lrp_key;
	__u16 flags;       /* XOVN_LR_* */
};

struct xovn_fdb_val {
	__u16 port_key;
	__u16 pad;
	struct xovn_port_val port;          /* = xovn_ports[dp_key, port_key] */
	struct xovn_lsp_router_val router;  /* = xovn_lsp_router[dp_key, port_key] or 0 */
};

/* ---- map: xovn_datapaths (hash) -----------------------------------------
 * Per logical switch facts that change forwarding on this chassis.
 */
#define XOVN_DPF_LOCALNET      0x01 /* a localnet port is mapped on this chassis */

struct xovn_dp_val {
	__u16 localnet_port;  /* port key of the mapped localnet port */
	__u16 flags;          /* XOVN_DPF_* */
};

/* ---- map: xovn_flood (hash) -----------------------------------------------
 * Multicast groups of a switch as seen from this chassis: the local members
 * (each with its own delivery VID) and one entry per remote chassis that
 * holds members.  group = XOVN_MC_FLOOD or XOVN_MC_UNKNOWN.
 */
struct xovn_flood_key {
	__u32 dp_key;
	__u16 group;
	__u16 pad;
};

struct xovn_flood_member {
	__u32 ifindex;
	__u16 port_key;
	__u16 vid;
	__u8 port_type;
	__u8 flags;        /* XOVN_PF_* of the member */
	__u16 pad;
	__u32 slot;        /* the member's counter slot */
};

struct xovn_flood_val {
	__u16 n_local;
	__u16 n_remote;
	__u32 pad;
	struct xovn_flood_member local[XOVN_MAX_FLOOD_LOCAL];
	__u32 remote_ip[XOVN_MAX_FLOOD_REMOTE];  /* network order */
};

/* ---- map: xovn_config (array, 1 entry) ---------------------------------- */

struct xovn_config {
	__u32 encap_ip;          /* this chassis' encap IP, network order */
	__u32 underlay_ifindex;  /* where Geneve leaves and arrives */
	__u32 underlay_mtu;      /* for the encap size check */
	__u32 generation;        /* model generation applied */
};

/* ---- map: xovn_drops (per-CPU array, XOVN_DROP__COUNT entries) --------- */

struct xovn_drop_count {
	__u64 packets;
	__u64 bytes;
};

/* ---- map: xovn_port_stats (per-CPU array, XOVN_MAX_STAT_SLOTS entries) ---
 * Indexed by the port's counter slot (the slot field of xovn_ingress,
 * xovn_ports, xovn_fdb and flood members): an array lookup the verifier
 * inlines, where a hash keyed by (dp_key, port_key) cost two hash lookups
 * per frame.  Slots are handed out by lib/dataplane/slots.c and kept for a port as
 * long as it exists.  owner says whose counts a CPU's copy holds: when a
 * slot is given to another port, each CPU's copy restarts from zero the
 * first time the new owner counts on it, so counts never move between
 * ports.  Readers sum the copies per owner.
 */
struct xovn_port_stats {
	__u64 rx_packets;
	__u64 rx_bytes;
	__u64 tx_packets;
	__u64 tx_bytes;
	struct xovn_port_key owner;  /* dp_key 0: never counted on this CPU */
};

/* ---- map: xovn_trace (per-CPU array, 1 entry) ---------------------------
 * Written only by the trace entry points (never by live traffic): the
 * decision the pipeline took for the last traced frame on this CPU.
 */
struct xovn_trace_out {
	__u32 ifindex;     /* XOVN_OUT_LOCAL / XOVN_OUT_LOCALNET */
	__u32 remote_ip;   /* XOVN_OUT_TUNNEL, network order */
	__u16 port_key;    /* logical egress port (or group key on a tunnel) */
	__u16 vid;         /* VID pushed on this copy (0 = none) */
	__u8 kind;         /* enum xovn_out_kind */
	__u8 pad[3];
};

/* One router the frame went through (see the router section below). */
struct xovn_trace_hop {
	__u32 rtr_key;     /* the logical router */
	__u32 out_dp_key;  /* the switch the frame went on in (0 = none) */
	__u16 in_lrp;      /* router port it entered by */
	__u16 out_lrp;     /* router port of the chosen route (0 = none) */
	__u8 plen;         /* prefix length of the chosen route */
	__u8 path;         /* ECMP member taken, 0..n_paths-1 */
	__u8 n_paths;      /* members of the chosen route */
	__u8 pad;
	__u16 flags;       /* XOVN_HOP_* */
	__u16 pad2;
	__u8 nexthop[16];  /* IPv4 in the first 4 bytes */
};

#define XOVN_HOP_SRC_ROUTE     0x01 /* the route came from the src-ip policy trie */
#define XOVN_HOP_CONNECTED     0x02 /* a connected network: next hop = destination */
#define XOVN_HOP_LOCAL         0x04 /* to the router itself (echo answered here) */
#define XOVN_HOP_NEIGH_MISS    0x08 /* next hop unknown: ARP request / NS sent */
#define XOVN_HOP_TTL           0x10 /* TTL expired: ICMP time exceeded sent */
#define XOVN_HOP_IPV6          0x20 /* the routed packet is IPv6 */
#define XOVN_HOP_REDIRECT      0x40 /* out a distributed gateway port active elsewhere: tunneled there */
#define XOVN_HOP_DNAT          0x80 /* destination translated (DNAT, or a reply un-SNATed) */
#define XOVN_HOP_SNAT          0x100 /* source translated (SNAT, or a reply un-DNATed) */

struct xovn_trace {
	__u32 seq;         /* bumped once per traced frame */
	__u32 dp_key;
	__u16 in_port;     /* logical ingress port key (0 = none found) */
	__u16 out_port;    /* logical egress port or group key */
	__u8 action;       /* enum xovn_action */
	__u8 drop_reason;  /* enum xovn_drop_reason */
	__u16 n_out;
	__u16 in_vid;      /* VID the frame arrived with (0 = untagged) */
	__u16 flags;       /* XOVN_TF_* */
	__u32 pad;
	struct xovn_trace_out out[XOVN_MAX_TRACE_OUT];
	__u32 n_hops;      /* routers passed, at most XOVN_MAX_ROUTER_HOPS */
	__u32 pad2;
	struct xovn_trace_hop hops[XOVN_MAX_ROUTER_HOPS];
};

#define XOVN_TF_FROM_TUNNEL    0x01
#define XOVN_TF_FROM_LOCALNET  0x02

/* ---- map: xovn_psec_mac (hash) --------------------------------------------
 * Port security: the MACs a port with port_security may send from (eth.src,
 * ARP sha, ND link-layer options) and be sent to (unicast eth.dst).  The
 * flags say which IP families the entry lists; an entry listing only one
 * family forbids the other, an entry listing none leaves IP unrestricted.
 */
struct xovn_psec_mac_key {
	__u32 dp_key;
	__u16 port_key;
	__u8 mac[6];
};

#define XOVN_PSEC_IPV4         0x01 /* IPv4 addresses listed: only those */
#define XOVN_PSEC_IPV6         0x02 /* IPv6 addresses listed: only those */
/* The subnets listed for this MAC, one flag per trie: without the flag, the
 * host-address hash alone decides and the trie is not looked at. */
#define XOVN_PSEC_IN4_NETS     0x04
#define XOVN_PSEC_OUT4_NETS    0x08
#define XOVN_PSEC_IN6_NETS     0x10
#define XOVN_PSEC_OUT6_NETS    0x20

struct xovn_psec_mac_val {
	__u8 flags;        /* XOVN_PSEC_* */
	__u8 pad[3];
};

/* ---- maps: xovn_psec_in4/out4, xovn_psec_in6/out6 (LPM tries) ------------
 * Allowed IP subnets as sources (in) and destinations (out) per (switch,
 * port, MAC); single host addresses are in xovn_psec_host4/6 instead, so
 * the tries hold only real subnets and stay small.  prefixlen =
 * XOVN_PSEC_FIXED_BITS + the address prefix length, so the fixed fields
 * always match exactly and the address matches by prefix: one lookup,
 * however many subnets the port lists.  The value is unused (always 1).
 */
#define XOVN_PSEC_FIXED_BITS   96   /* dp_key + port_key + mac */

struct xovn_psec_ip4_key {
	__u32 prefixlen;
	__u32 dp_key;
	__u16 port_key;
	__u8 mac[6];
	__u32 ip;          /* network order */
};

struct xovn_psec_ip6_key {
	__u32 prefixlen;
	__u32 dp_key;
	__u16 port_key;
	__u8 mac[6];
	__u8 ip[16];
};

/* ---- maps: xovn_psec_host4 / xovn_psec_host6 (hash) ----------------------
 * Allowed single IP addresses (a /32 or /128) per (switch, port, MAC) and
 * direction: an exact-match hash, whose lookup cost does not grow with the
 * number of entries as a trie walk does.  The layout is the trie key's with
 * the direction where the trie has its prefix length, so one key buffer
 * serves both lookups.  The value is unused (always 1).
 */
#define XOVN_PSEC_DIR_IN       0 /* allowed as a source the port sends from */
#define XOVN_PSEC_DIR_OUT      1 /* allowed as a destination sent to the port */

struct xovn_psec_host4_key {
	__u32 dir;         /* XOVN_PSEC_DIR_* */
	__u32 dp_key;
	__u16 port_key;
	__u8 mac[6];
	__u32 ip;          /* network order */
};

struct xovn_psec_host6_key {
	__u32 dir;         /* XOVN_PSEC_DIR_* */
	__u32 dp_key;
	__u16 port_key;
	__u8 mac[6];
	__u8 ip[16];
};

/* ---- maps: xovn_arp_resp / xovn_nd_resp (hash) ---------------------------
 * ARP/ND responder: the IPs this chassis answers for, per switch.  The
 * compiler lists only eligible targets (bound VIFs, localports attached
 * here, router ports).
 */
struct xovn_arp_resp_key {
	__u32 dp_key;
	__u32 ip;          /* network order */
};

struct xovn_nd_resp_key {
	__u32 dp_key;
	__u8 ip[16];
};

#define XOVN_RESP_ROUTER       0x01 /* a router port: NA with R=1 */
#define XOVN_RESP_RESIDENT     0x02 /* lives on this chassis only: answer localnet too */

struct xovn_resp_val {
	__u8 mac[6];
	__u16 port_key;    /* the port owning the IP */
	__u8 flags;        /* XOVN_RESP_* */
	__u8 pad[3];
};

/* ---- map: xovn_dhcp (hash, key struct xovn_port_key) ---------------------
 * Native DHCPv4 (ovn-nb DHCP_Options): what a reply to the port needs,
 * for each local port whose options are complete and whose address lies in
 * their cidr.  The compiler encodes the options once (lib/compile/dhcp.c),
 * so the datapath copies them instead of encoding: opts holds every option
 * after the magic cookie, message type (53) first with its value left 0
 * for the datapath to fill, the end option (255), then zero padding to a
 * multiple of 4 (bpf_csum_diff's unit) and to at least the 60 bytes that
 * make a BOOTP message of 300.
 */
#define XOVN_DHCP_OPTS_MAX     200

struct xovn_dhcp_val {
	__u8 mac[6];          /* the port's MAC: eth.src and chaddr of its requests */
	__u8 server_mac[6];   /* eth.src of the replies (server_mac) */
	__u32 ip;             /* the address offered, network order */
	__u32 server_ip;      /* server_id: IPv4 source and option 54, network order */
	__u16 opts_len;       /* bytes of opts used: a multiple of 4, >= 60 */
	__u16 pad;
	__u8 opts[XOVN_DHCP_OPTS_MAX];
};

/* ---- map: xovn_dhcp6 (hash, key struct xovn_port_key) --------------------
 * Native DHCPv6 (ovn-nb DHCP_Options with an IPv6 cidr): what a reply to
 * the port needs.  opts holds the options every reply carries, encoded by
 * the compiler (lib/model/dhcp6_encode.c): server identifier (DUID-LL of
 * server_id), DNS servers (23), domain search list (24); opts_len bytes,
 * zero padded to a multiple of 4 (bpf_csum_diff's unit).  The datapath
 * adds the client identifier it was sent and, when stateful, an IA_NA with
 * the request's IAID and the port's address.
 */
#define XOVN_DHCP6_OPTS_MAX    192
#define XOVN_DHCP6_STATEFUL    0x01  /* IA_NA with ip is offered */

struct xovn_dhcp6_val {
	__u8 mac[6];          /* the port's MAC: eth.src of its requests, eth.dst of replies */
	__u8 server_mac[6];   /* server_id: eth.src of the replies and the DUID's address */
	__u8 ip[16];          /* the address offered (stateful) */
	__u8 server_ip[16];   /* IPv6 source: fe80::EUI-64 of server_mac */
	__u16 opts_len;       /* bytes of opts used (the padding not counted) */
	__u8 flags;           /* XOVN_DHCP6_* */
	__u8 pad;
	__u8 opts[XOVN_DHCP6_OPTS_MAX];
};


/* ==== logical routers ======================================================
 * OVN's distributed logical routers, routed on the ingress chassis in the
 * same pass as the switching (docs/ARCHITECTURE.md, "The router pipeline").
 * A router is a datapath with its own 24-bit key (rtr_key, from the same key
 * space as switches); its ports (LRPs) have 15-bit keys within it.  A switch
 * reaches a router through its LSP of type "router" (options:router-port).
 *
 * Addresses in router keys are 16 bytes with the family alongside: IPv6 as
 * is, IPv4 in the first 4 bytes (network order) and 12 zero bytes.
 */
#define XOVN_AF_IPV4           4
#define XOVN_AF_IPV6           6

#define XOVN_MAX_ROUTER_PORTS  16384
#define XOVN_MAX_ROUTES        65536
#define XOVN_MAX_NEIGH         65536
#define XOVN_MAX_MAC_BINDINGS  65536
#define XOVN_MAX_ECMP          8    /* members of one ECMP route */

/* ---- map: xovn_lsp_router (hash, key struct xovn_port_key) --------------
 * (switch, LSP of type "router") -> the router port it is the peer of.  A
 * unicast frame whose L2 lookup lands on such an LSP enters that router;
 * an LSP of type "router" without an entry here is not routed (dropped as
 * port-absent, like any port with no interface here).
 */
/* struct xovn_lsp_router_val: with xovn_fdb_v2, which carries a copy of it */

#define XOVN_LR_NAT            0x01 /* the router's NAT runs on this chassis (NAT section) */
#define XOVN_LR_SRC_ROUTES     0x02 /* the router has src-ip routes: xovn_src_routes_v2 is consulted */

/* ---- map: xovn_rports (hash, key struct xovn_rport_key) ------------------
 * A router port as its router sees it: the MAC it sends from, the switch it
 * attaches to (and the LSP there a routed frame enters that switch by), and
 * the addresses its own packets (ARP requests, NS, ICMP errors) come from:
 * the port's first network of each family.
 */
struct xovn_rport_key {
	__u32 rtr_key;
	__u16 lrp_key;
	__u16 pad;
};

struct xovn_rport_val {
	__u8 mac[6];
	__u16 ls_port_key; /* the peer LSP of type "router" on ls_dp_key */
	__u32 ls_dp_key;   /* the switch the port attaches to */
	__u32 ip4;         /* network order; 0 = no IPv4 network */
	__u8 ip6[16];      /* all zero = no IPv6 network */
};

/* ---- maps: xovn_routes_v2, xovn_src_routes_v2 (LPM tries) ----------------
 * One trie for destination routes (connected networks, static routes, and
 * the router's own addresses as host routes flagged LOCAL) and one for
 * src-ip policy routes, keyed by (router, family, address):
 * prefixlen = XOVN_ROUTE_FIXED_BITS + the route's prefix length, so router
 * and family always match exactly.  The longest prefix of the two wins; on
 * equal length the destination route wins (OVN gives a dst-ip route a higher
 * priority than a src-ip route of the same length).  A LOCAL destination
 * route wins outright.
 *
 * A route lists 1..XOVN_MAX_ECMP paths (none when DISCARD); the datapath takes
 * paths[flow hash % n_paths], so one flow always takes one path.  A path's
 * nexthop is all zero for a connected network (the next hop is the
 * destination itself).
 */
#define XOVN_ROUTE_FIXED_BITS  64   /* rtr_key + family */

struct xovn_route_key {
	__u32 prefixlen;
	__u32 rtr_key;
	__u32 family;      /* XOVN_AF_* */
	__u8 ip[16];
};

#define XOVN_RT_LOCAL          0x01 /* an address of the router itself */
#define XOVN_RT_CONNECTED      0x02 /* a network of one of its ports */
#define XOVN_RT_DISCARD        0x04 /* nexthop "discard": dropped, no paths */

#define XOVN_PATH_GATEWAY      0x01 /* the out port is a distributed gateway port (xovn_gw_ports) */

/*
 * A path also carries what delivery needs about its out port (= its
 * xovn_rports entry's mac, ls_dp_key, ls_port_key), so that a routed frame
 * needs no port lookup; the router's compile emits both from one value.
 * ls_dp_key 0: the port attaches to no switch, nothing leaves by it.
 */
struct xovn_route_path {
	__u8 nexthop[16];  /* zero: the destination itself */
	__u16 lrp_key;     /* out port (LOCAL: the port owning the address) */
	__u16 flags;       /* XOVN_PATH_* */
	__u8 mac[6];       /* the out port's MAC */
	__u16 ls_port_key; /* the out port's peer LSP on ls_dp_key */
	__u32 ls_dp_key;   /* the switch the out port attaches to; 0 = none */
};

struct xovn_route_val {
	__u8 plen;         /* the route's own prefix length (for traces) */
	__u8 n_paths;      /* 1..XOVN_MAX_ECMP */
	__u8 flags;        /* XOVN_RT_* */
	__u8 pad;
	struct xovn_route_path paths[XOVN_MAX_ECMP];
};

/* ---- maps: xovn_neigh_v2 (hash), xovn_mac_binding (LRU hash) -------------
 * Next hop IP -> MAC, per router.  xovn_neigh_v2 is the compiler's: the
 * addresses of the logical ports on the router's networks (and of peer
 * router ports).  xovn_mac_binding is the datapath's own (OVN's
 * MAC_Binding): learned from ARP replies and NAs addressed to the router
 * from a host on a connected network of the port they came in by, with the
 * time they were last seen (bpf_ktime_get_ns) for aging.  The LRU evicts
 * the least recently used binding when full.  xovnd never writes it (it is
 * not in the compiler's map list).  xovn_neigh_v2 is looked up first.
 *
 * A compiled neighbour also carries a copy of the xovn_fdb_v2 value of its
 * MAC in the switch of the port it was compiled from (ls_dp_key), so a
 * routed frame to it needs no L2 lookup in that switch; the compiler copies
 * it from the fdb entry of the same compile (fdb.port_key 0: no such
 * entry, the datapath looks the MAC up).
 */
struct xovn_neigh_key {
	__u32 rtr_key;
	__u32 family;      /* XOVN_AF_* */
	__u8 ip[16];
};

struct xovn_neigh_val {
	__u8 mac[6];
	__u16 lrp_key;     /* learned: the port it was learned on; 0 from the compiler */
	__u64 seen_ns;     /* learned: last seen; 0 from the compiler */
};

struct xovn_neigh_fdb_val {
	__u8 mac[6];
	__u16 pad;
	__u32 ls_dp_key;           /* the switch of the port the entry was compiled from */
	struct xovn_fdb_val fdb;   /* = xovn_fdb_v2[ls_dp_key, mac] when fdb.port_key != 0 */
};

/* ---- map: xovn_ra (hash, key __u32: the switch's dp_key) ------------------
 * The router advertisement a VM on the switch gets in answer to a router
 * solicitation (ovn-nb ipv6_ra_configs of the router port the switch
 * reaches): built by the compiler (lib/model/ra.c) up to the checksum; the
 * datapath adds the IPv6 header (from src, the port's link-local address,
 * to the soliciting address) and the checksum.  One per switch: the first
 * router port of the switch, in port order, whose configuration sends one.
 */
#define XOVN_RA_MSG_MAX        256

struct xovn_ra_val {
	__u8 mac[6];               /* the router port's MAC: eth.src */
	__u16 len;                 /* bytes of msg, a multiple of 8 */
	__u8 src[16];              /* fe80::EUI-64 of mac */
	__u8 msg[XOVN_RA_MSG_MAX]; /* ICMPv6 type 134, checksum zero */
};

/* ---- map: xovn_gw_ports (hash, key struct xovn_rport_key) ---------------
 * A distributed gateway port (an LRP with gateway chassis or an HA chassis
 * group) as this chassis sees it: whether it is the active gateway chassis
 * (the highest-priority live one), else the encap IP of the one that is.
 * A frame routed out of the port elsewhere is tunneled to the active
 * chassis with the router's key as VNI and, in the OVN option, the port
 * it entered the router by and this port's key (OVN's chassisredirect
 * port); the active chassis sends it into the port's switch from the peer
 * LSP (ls_dp_key, ls_port_key).  Neither flag nor address: no gateway
 * chassis is alive, the frame is dropped (no-gateway).
 */
#define XOVN_GW_ACTIVE_HERE    0x01

struct xovn_gw_port_val {
	__u32 remote_ip;   /* the active chassis' encap IP, network order (not here) */
	__u32 ls_dp_key;   /* the switch the port attaches to */
	__u16 ls_port_key; /* its peer LSP there */
	__u8 flags;        /* XOVN_GW_* */
	__u8 pad;
};

/* ==== NAT ===================================================================
 * OVN's NAT rules (ovn-nb(5) NAT) of a router whose NAT runs on this chassis
 * (its xovn_lsp_router entries carry XOVN_LR_NAT), IPv4.  On router ingress,
 * before the route lookup, a packet of a known connection is translated by
 * its xovn_nat_ct entry, else a new one to a DNAT external IP
 * (xovn_nat_dnat) is; after the route decision a packet that neither
 * touched gets SNAT from xovn_nat_snat (longest logical_ip prefix;
 * dnat_and_snat as /32 before snat).  Addresses and ports are in network
 * order.
 */
#define XOVN_MAX_NAT_RULES     16384
/* Entries, two per connection (one per direction). */
#define XOVN_MAX_NAT_CONNS     262144
/* External ports tried for a new SNAT connection before it is dropped. */
#define XOVN_NAT_PORT_TRIES    8

#define XOVN_NAT_STATELESS     0x01 /* options:stateless: rewrite only, no connection */
#define XOVN_NAT_ONE_TO_ONE    0x02 /* dnat_and_snat: the port is kept */
#define XOVN_NAT_EXT_MAC       0x04 /* distributed floating IP: eth.src = external_mac */

/* ---- map: xovn_nat_dnat (hash): (router, external IP) -> logical IP -------- */
struct xovn_nat_ip_key {
	__u32 rtr_key;
	__u32 ip;
};

struct xovn_nat_dnat_val {
	__u32 logical_ip;
	__u8 flags;        /* XOVN_NAT_* */
	__u8 pad[3];
};

/* ---- map: xovn_nat_snat (LPM trie): (router, logical source) -> external ---
 * prefixlen = XOVN_NAT_FIXED_BITS + the logical_ip's prefix length.
 */
#define XOVN_NAT_FIXED_BITS    32   /* rtr_key */

struct xovn_nat_snat_key {
	__u32 prefixlen;
	__u32 rtr_key;
	__u32 ip;
};

struct xovn_nat_snat_val {
	__u32 external_ip;
	__u16 port_min;    /* host order; external_port_range, else 1024 */
	__u16 port_max;    /* host order; else 65535 */
	__u16 out_lrp;     /* only packets leaving by this port (0 = any) */
	__u8 flags;        /* XOVN_NAT_* */
	__u8 plen;         /* the logical_ip's own prefix length */
	__u8 external_mac[6];
	__u16 pad;
};

/* ---- map: xovn_nat_ct (hash): the datapath's connections -------------------
 * One entry per direction of a connection, keyed by the packet's tuple as it
 * reaches the router, with the tuple it leaves with.  ICMP echo: both ports
 * are the identifier.  Written by the datapath only (inserts never replace:
 * a full table drops the new connection), aged by xovnd from seen_ns.
 */
struct xovn_nat_ct_key {
	__u32 rtr_key;
	__u32 src;
	__u32 dst;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

#define XOVN_CT_REPLY          0x01 /* the reply direction of the connection */
#define XOVN_CT_CLOSING        0x02 /* TCP FIN or RST seen: aged faster */
#define XOVN_CT_EXT_MAC        0x04 /* leaves with eth.src = mac */
#define XOVN_CT_REPLY_EXT_MAC  0x08 /* at creation: the reply direction gets EXT_MAC with mac */

struct xovn_nat_ct_val {
	__u64 seen_ns;     /* bpf_ktime_get_ns() of the last packet */
	__u32 src;         /* the tuple after translation */
	__u32 dst;
	__u16 sport;
	__u16 dport;
	__u8 flags;        /* XOVN_CT_* */
	__u8 pad;
	__u8 mac[6];
	__u32 pad2;
};

/* The key of the other direction of the connection whose entry k -> v is. */
static inline void xovn_nat_ct_peer(const struct xovn_nat_ct_key *k,
				    const struct xovn_nat_ct_val *v, struct xovn_nat_ct_key *peer)
{
	*peer = (struct xovn_nat_ct_key){ .rtr_key = k->rtr_key, .proto = k->proto,
					  .src = v->dst, .dst = v->src,
					  .sport = v->dport, .dport = v->sport };
}

/* ---- map: xovn_remote_hops (hash, key: a remote encap IP, network order) --
 * The next hop toward another chassis as the kernel's route and neighbour
 * tables give it, written by xovnd only (loader/remote_hops.c), refreshed
 * on every route, neighbour and link change of the underlay and emptied
 * when xovnd stops: encapsulation writes these MACs and leaves through
 * ifindex without a FIB lookup per frame.  No entry (unresolved, a
 * multipath route, a frame over mtu): bpf_fib_lookup() as without it.
 */
#define XOVN_MAX_REMOTE_HOPS   4096

struct xovn_remote_hop {
	__u32 ifindex;     /* the route's egress interface */
	__u32 mtu;         /* the route's MTU: a larger outer IPv4 packet asks the FIB */
	__u8 dmac[6];      /* the next hop's MAC (gateway or the remote itself) */
	__u8 smac[6];      /* the egress interface's MAC; dmac, smac = the outer ethhdr */
};

#ifndef __BPF__
_Static_assert(sizeof(struct xovn_ra_val) == 24 + XOVN_RA_MSG_MAX, "ra val layout");
_Static_assert(sizeof(struct xovn_gw_port_val) == 12, "gw port val layout");
_Static_assert(sizeof(struct xovn_dhcp_val) == 24 + XOVN_DHCP_OPTS_MAX, "dhcp val layout");
_Static_assert(XOVN_DHCP_OPTS_MAX % 4 == 0, "dhcp options in 4-byte units");
_Static_assert(sizeof(struct xovn_dhcp6_val) == 48 + XOVN_DHCP6_OPTS_MAX, "dhcp6 val layout");
_Static_assert(XOVN_DHCP6_OPTS_MAX % 4 == 0, "dhcp6 options in 4-byte units");
_Static_assert(sizeof(struct xovn_ingress_key) == 8, "ingress key layout");
_Static_assert(sizeof(struct xovn_ingress_val) == 12, "ingress val layout");
_Static_assert(sizeof(struct xovn_port_key) == 8, "port key layout");
_Static_assert(sizeof(struct xovn_port_val) == 16, "port val layout");
_Static_assert(sizeof(struct xovn_fdb_key) == 12, "fdb key layout");
_Static_assert(sizeof(struct xovn_fdb_val) == 28, "fdb val layout");
_Static_assert(sizeof(struct xovn_dp_val) == 4, "dp val layout");
_Static_assert(sizeof(struct xovn_flood_key) == 8, "flood key layout");
_Static_assert(sizeof(struct xovn_flood_member) == 16, "flood member layout");
_Static_assert(sizeof(struct xovn_flood_val) ==
	       8 + 16 * XOVN_MAX_FLOOD_LOCAL + 4 * XOVN_MAX_FLOOD_REMOTE,
	       "flood val layout");
_Static_assert(sizeof(struct xovn_config) == 16, "config layout");
_Static_assert(sizeof(struct xovn_port_stats) == 40, "port stats layout");
_Static_assert(sizeof(struct xovn_trace_out) == 16, "trace out layout");
_Static_assert(sizeof(struct xovn_psec_mac_key) == 12, "psec mac key layout");
_Static_assert(sizeof(struct xovn_psec_mac_val) == 4, "psec mac val layout");
_Static_assert(sizeof(struct xovn_psec_ip4_key) == 20, "psec ip4 key layout");
_Static_assert(sizeof(struct xovn_psec_ip6_key) == 32, "psec ip6 key layout");
_Static_assert(sizeof(struct xovn_psec_host4_key) == 20, "psec host4 key layout");
_Static_assert(sizeof(struct xovn_psec_host6_key) == 32, "psec host6 key layout");
_Static_assert(sizeof(struct xovn_arp_resp_key) == 8, "arp resp key layout");
_Static_assert(sizeof(struct xovn_nd_resp_key) == 20, "nd resp key layout");
_Static_assert(sizeof(struct xovn_resp_val) == 12, "resp val layout");
_Static_assert(sizeof(struct xovn_trace_hop) == 36, "trace hop layout");
_Static_assert(sizeof(struct xovn_lsp_router_val) == 8, "lsp router val layout");
_Static_assert(sizeof(struct xovn_rport_key) == 8, "rport key layout");
_Static_assert(sizeof(struct xovn_rport_val) == 32, "rport val layout");
_Static_assert(sizeof(struct xovn_route_key) == 28, "route key layout");
_Static_assert(sizeof(struct xovn_route_path) == 32, "route path layout");
_Static_assert(sizeof(struct xovn_route_val) == 4 + 32 * XOVN_MAX_ECMP, "route val layout");
_Static_assert(sizeof(struct xovn_neigh_key) == 24, "neigh key layout");
_Static_assert(sizeof(struct xovn_neigh_val) == 16, "neigh val layout");
_Static_assert(sizeof(struct xovn_neigh_fdb_val) == 40, "neigh fdb val layout");
_Static_assert(sizeof(struct xovn_nat_ip_key) == 8, "nat ip key layout");
_Static_assert(sizeof(struct xovn_nat_dnat_val) == 8, "nat dnat val layout");
_Static_assert(sizeof(struct xovn_nat_snat_key) == 12, "nat snat key layout");
_Static_assert(sizeof(struct xovn_nat_snat_val) == 20, "nat snat val layout");
_Static_assert(sizeof(struct xovn_nat_ct_key) == 20, "nat ct key layout");
_Static_assert(sizeof(struct xovn_nat_ct_val) == 32, "nat ct val layout");
_Static_assert(sizeof(struct xovn_remote_hop) == 20, "remote hop layout");
#endif

#endif /* XOVN_MAPS_H */
