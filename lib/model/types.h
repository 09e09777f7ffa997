/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * types.h - the northbound model as typed structs, one per table.
 *
 * The model's sources (the JSON file, OVN's Southbound rows) are read into
 * jansson documents at the edges; the validator, the compiler and the
 * daemon read these structs only.  Fields have the model's names
 * (schemas/nb.schema.json, ovn-nb(5)).
 *
 * Reading is tolerant, like the validator's semantic passes: a member of
 * the wrong type reads as absent (NULL string, 0 number, empty list), so a
 * document the schema pass rejected still gives a model that the semantic
 * passes can check without reporting the same fault twice.  Every object
 * keeps its position in its JSON array (index), and string lists keep a
 * NULL where an element is not a string, so error paths stay exact.
 *
 * Lifetime: strings are borrowed from the document the model was read
 * from.  Keep that document (or, for a switch, that switch object) alive
 * while the typed model is in use.
 */
#ifndef XOVN_MODEL_TYPES_H
#define XOVN_MODEL_TYPES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/name_index.h"

/* A list of strings; v[i] is NULL where element i is not a string. */
struct xovn_strv {
	const char **v;
	size_t n;
};

/* A string-to-string map in document order; non-string values are left out. */
struct xovn_smap_entry {
	const char *key;
	const char *value;
};

struct xovn_smap {
	struct xovn_smap_entry *v;
	size_t n;
};

/* The value of key, NULL when absent. */
const char *xovn_smap_get(const struct xovn_smap *m, const char *key);

/* A boolean member that may be absent. */
enum xovn_tristate { XOVN_UNSET = -1, XOVN_FALSE = 0, XOVN_TRUE = 1 };

/* ---- logical switches ------------------------------------------------ */

struct xovn_ls;

/*
 * Members of a port that some rules test for presence whatever their
 * type (a tag on a VIF is wrong even when it is not an integer).
 */
enum xovn_lsp_member {
	XOVN_LSP_TAG = 1u << 0,
	XOVN_LSP_PARENT_NAME = 1u << 1,
	XOVN_LSP_HA_CHASSIS_GROUP = 1u << 2,
};

struct xovn_lsp {
	const char *uuid;
	const char *name;
	const char *type;              /* as written; NULL when absent ("" = VIF) */
	int kind;                      /* enum xovn_port_type; -1 when type is unknown */
	int64_t tunnel_key;            /* 0 when absent or not an integer */
	int has_tunnel_key;            /* tunnel_key is an integer (even an out-of-range one) */
	struct xovn_strv addresses;
	struct xovn_strv port_security;
	struct xovn_smap options;      /* network_name, l2gateway-chassis, router-port, ... */
	const char *parent_name;
	int has_tag;
	int64_t tag;
	const char *ha_chassis_group;
	const char *dhcpv4_options;    /* DHCP_Options _uuid */
	const char *dhcpv6_options;
	unsigned present;              /* enum xovn_lsp_member bits */
	const struct xovn_ls *ls;      /* the switch it belongs to */
	size_t index;                  /* position in the switch's ports[] */
	/* The model's first port of this name (itself unless a duplicate); valid while resolved. */
	const struct xovn_lsp *named;
	size_t num;                    /* among all ports of the model, in document order; valid while resolved */
};

struct xovn_ls {
	const char *uuid;
	const char *name;
	int64_t tunnel_key;            /* 0 when absent or not an integer */
	int has_tunnel_key;
	struct xovn_lsp *ports;
	size_t n_ports;
	size_t index;                  /* position in logical_switches[] */
};

/* ---- logical routers ------------------------------------------------- */

struct xovn_lr;

/* A distributed gateway port's chassis (ovn-nb(5) Gateway_Chassis). */
struct xovn_gateway_chassis {
	const char *uuid;
	const char *name;              /* "PORT-CHASSIS" as ovn-nbctl names it */
	const char *chassis_name;
	int has_priority;
	int64_t priority;
	size_t index;                  /* position in the port's gateway_chassis[] */
};

struct xovn_lrp {
	const char *uuid;
	const char *name;
	const char *mac;
	struct xovn_strv networks;     /* "10.0.0.1/24", "2001:db8::1/64" */
	int64_t tunnel_key;
	int has_tunnel_key;
	const char *peer;
	enum xovn_tristate enabled;
	struct xovn_smap options;
	struct xovn_smap ipv6_ra_configs; /* model/ra.h */
	struct xovn_gateway_chassis *gateway_chassis;
	size_t n_gateway_chassis;
	const char *ha_chassis_group;  /* HA group name, NULL when absent */
	const struct xovn_lr *lr;
	size_t index;                  /* position in the router's ports[] */
};

struct xovn_route {
	const char *uuid;
	const char *ip_prefix;
	const char *nexthop;           /* an address, or "discard" */
	const char *output_port;       /* LRP name, NULL when absent */
	const char *policy;            /* "src-ip"; NULL means dst-ip */
	const char *route_table;
	size_t index;                  /* position in the router's static_routes[] */
	int learned;                   /* from the fabric (routeexch/learned.h), not the document */
};

/* One NAT rule of a router (ovn-nb(5) NAT). */
struct xovn_nat {
	const char *uuid;
	const char *type;              /* "snat", "dnat" or "dnat_and_snat" */
	const char *external_ip;
	const char *logical_ip;        /* an address; for snat also a network */
	const char *logical_port;      /* dnat_and_snat with external_mac: distributed */
	const char *external_mac;
	const char *external_port_range;
	struct xovn_smap options;
	size_t index;                  /* position in the router's nat[] */
};

struct xovn_lr {
	const char *uuid;
	const char *name;
	int64_t tunnel_key;
	int has_tunnel_key;
	enum xovn_tristate enabled;
	struct xovn_smap options;      /* chassis, ... */
	struct xovn_lrp *ports;
	size_t n_ports;
	struct xovn_route *routes;
	size_t n_routes;
	struct xovn_nat *nat;
	size_t n_nat;
	size_t index;                  /* position in logical_routers[] */
};

/* ---- chassis, groups, bindings, DHCP --------------------------------- */

struct xovn_vif {
	const char *iface;
	const char *port;
	size_t index;                  /* position in the chassis' vifs[] */
	const struct xovn_lsp *lsp;    /* the port named; NULL when none; valid while resolved */
};

struct xovn_chassis {
	const char *uuid;
	const char *name;
	const char *encap_type;
	const char *encap_ip;          /* dotted IPv4 as written */
	const char *encap_iface;
	const char *state;             /* "up", "down" or NULL */
	struct xovn_smap bridge_mappings;
	struct xovn_vif *vifs;
	size_t n_vifs;
	size_t index;                  /* position in chassis[] */
};

struct xovn_ha_member {
	const char *uuid;
	const char *chassis;
	int has_priority;
	int64_t priority;
	size_t index;                  /* position in the group's members[] */
};

struct xovn_ha_group {
	const char *uuid;
	const char *name;
	struct xovn_ha_member *members;
	size_t n_members;
	size_t index;                  /* position in ha_chassis_groups[] */
};

struct xovn_binding {
	const char *port;
	const char *chassis;
	size_t index;                  /* position in bindings[] */
	const struct xovn_lsp *lsp;    /* the port named; NULL when none; valid while resolved */
};

struct xovn_dhcp_row {
	const char *uuid;
	const char *cidr;
	struct xovn_smap options;
	struct xovn_smap external_ids;
	size_t index;                  /* position in dhcp_options[] */
};

/* ---- the model ------------------------------------------------------- */

/*
 * The document's top-level lists, for xovn_model.arrays/absent.  A name
 * missing from a list that is not an array may be there once the list is
 * fixed, so reference checks call nothing dangling into such a list.
 */
enum xovn_list {
	XOVN_LIST_SWITCHES = 1u << 0,
	XOVN_LIST_PORTS = 1u << 1,     /* every switch is an object with a ports array */
	XOVN_LIST_ROUTERS = 1u << 2,
	XOVN_LIST_CHASSIS = 1u << 3,
	XOVN_LIST_GROUPS = 1u << 4,
	XOVN_LIST_BINDINGS = 1u << 5,
	XOVN_LIST_DHCP = 1u << 6,
};

struct xovn_model {
	int64_t version;               /* 0 when absent */
	int64_t generation;
	unsigned arrays;               /* XOVN_LIST_* of the lists that are JSON arrays */
	unsigned absent;               /* XOVN_LIST_* of the lists that are not there at all */
	/* Pointers, so the incremental path can replace one switch. */
	struct xovn_ls **switches;
	size_t n_switches;
	struct xovn_lr *routers;
	size_t n_routers;
	struct xovn_chassis *chassis;
	size_t n_chassis;
	struct xovn_ha_group *groups;
	size_t n_groups;
	struct xovn_binding *bindings;
	size_t n_bindings;
	struct xovn_dhcp_row *dhcp_options;
	size_t n_dhcp_options;
	/*
	 * Port name -> the first struct xovn_lsp of that name, built when the
	 * document is read, with the references by port name resolved through
	 * it once (xovn_lsp.named, xovn_vif.lsp, xovn_binding.lsp).  NULL when
	 * the references are not resolved: the switch or port lists are
	 * malformed (nothing may be called dangling), memory ran out, or
	 * switches were replaced since (model/follow.h).  Readers then look
	 * names up themselves.
	 */
	struct name_index *port_names;
	size_t n_ports;                /* ports numbered (xovn_lsp.num) while resolved */
};

/*
 * Reads doc (any JSON value; a non-object gives an empty model).  NULL only
 * when memory runs out.  Free with xovn_model_free().
 */
struct xovn_model *xovn_model_read(const json_t *doc);
void xovn_model_free(struct xovn_model *m);

/*
 * Resolves the references by port name once (xovn_model.port_names): 0
 * resolved, -1 left unresolved (lists malformed, no memory).
 * xovn_model_unresolve() forgets the resolution, for a model whose
 * switches are about to be replaced.
 */
int xovn_model_resolve(struct xovn_model *m);
void xovn_model_unresolve(struct xovn_model *m);

/* One switch object at position index of logical_switches[]; NULL when out of memory. */
struct xovn_ls *xovn_ls_read(const json_t *sw, size_t index);
void xovn_ls_free(struct xovn_ls *ls);

/* Linear lookups for the edges (xovnctl, tests); hot paths build indexes. */
const struct xovn_ls *xovn_model_switch(const struct xovn_model *m, const char *name);
const struct xovn_lsp *xovn_model_port(const struct xovn_model *m, const char *name);
const struct xovn_chassis *xovn_model_chassis(const struct xovn_model *m, const char *name);
const struct xovn_ha_group *xovn_model_group(const struct xovn_model *m, const char *name);
const struct xovn_lr *xovn_model_router(const struct xovn_model *m, const char *name);

#endif /* XOVN_MODEL_TYPES_H */
