/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * validate.h - internals shared by the model validator's passes.
 *
 * The validator runs a schema pass (the rules of schemas/nb.schema.json)
 * and semantic passes (names, keys, references, addresses, attachments).
 * Every pass appends to the same error list and never stops at the first
 * problem, so a user fixing a model sees everything that is wrong at once.
 */
#ifndef XOVN_MODEL_VALIDATE_H
#define XOVN_MODEL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "model/types.h"
#include "util/name_index.h"

/*
 * The JSON path of the value being checked, grown and shrunk as we walk.
 * Parts are kept as they are (keys borrowed from the model) and spelled
 * out only when an error is reported: the walk visits every member of a
 * big model, errors are rare.
 */
#define VPATH_MAX_DEPTH 32
#define VPATH_MAX_LEN 256

struct vpath_part {
	const char *key;        /* NULL: an array index */
	size_t index;
};

struct vpath {
	struct vpath_part part[VPATH_MAX_DEPTH];
	size_t depth;           /* parts beyond VPATH_MAX_DEPTH are counted, not kept */
};

struct vctx {
	struct xovn_errors *errs;
	struct vpath path;
};

/* Push a member or an array index; each returns the length to restore. */
size_t vpath_key(struct vpath *p, const char *key);
size_t vpath_index(struct vpath *p, size_t i);
void vpath_restore(struct vpath *p, size_t len);
/* "$" followed by the parts, cut (not dropped) at VPATH_MAX_LEN - 1 characters. */
const char *vpath_str(const struct vpath *p, char buf[VPATH_MAX_LEN]);

/* Reports at the current path. */
void vreport(struct vctx *c, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- value checks of the schema's $defs (schema_values.c) -------------- */

int vcheck_type(struct vctx *c, const json_t *v, int json_type, const char *what);
void vcheck_int_range(struct vctx *c, const json_t *v, json_int_t min, json_int_t max);
void vcheck_string_len(struct vctx *c, const json_t *v, size_t min, size_t max);
void vcheck_name(struct vctx *c, const json_t *v);
void vcheck_ifname(struct vctx *c, const json_t *v);
void vcheck_ipv4(struct vctx *c, const json_t *v);
void vcheck_enum(struct vctx *c, const json_t *v, const char *const *allowed);
void vcheck_any_string(struct vctx *c, const json_t *v);
/* An object whose members are all strings (options, external_ids). */
void vcheck_string_map(struct vctx *c, const json_t *v);
void vcheck_mac(struct vctx *c, const json_t *v);
/* A chassis priority: 0 to 32767. */
void vcheck_priority(struct vctx *c, const json_t *v);
int vname_syntax_ok(const char *s);
int vifname_syntax_ok(const char *s);

/* ---- sets and indexes (sets.c) ----------------------------------------- */

/* Where something was first seen: up to three indexes, spelled only on error. */
struct vloc {
	size_t a, b, c;
};

#define VSET_KEY_MAX 18    /* a tag byte and an IPv6 address, with room */

struct vset_entry {
	uint8_t key[VSET_KEY_MAX];
	struct vloc where;
};

/*
 * A set of short binary keys -> where each was first seen: a name_index
 * whose keys live in blocks of entries that stay put while the set grows.
 */
struct vset {
	struct name_index index;
	struct vset_entry **blocks;
	size_t n_blocks, used;
};

void vset_init(struct vset *s);
void vset_free(struct vset *s);
/* Forgets every key, in time proportional to what was claimed since the last clear. */
void vset_clear(struct vset *s);
/*
 * Where key was first claimed, or NULL after recording where for it (a
 * first sighting).  Out of memory also returns NULL.
 */
const struct vloc *vset_claim(struct vset *s, const void *key, size_t len,
			      const struct vloc *where);

/*
 * Name indexes for reference checks, built once per validation: name ->
 * typed object, the first of duplicates.  A pointer is NULL when its list
 * is malformed (the schema pass reports that): then nothing can be called
 * dangling.  Names are borrowed from the model.
 */
struct vnames {
	struct name_index port_idx, chassis_idx, group_idx, lrp_idx;
	const struct name_index *ports;     /* port name -> struct xovn_lsp, over every switch */
	const struct name_index *chassis;   /* chassis name -> struct xovn_chassis */
	const struct name_index *groups;    /* HA group name -> struct xovn_ha_group */
	const struct name_index *lrps;      /* router port name -> struct xovn_lrp */
	int resolved;   /* the model resolved its port references when read (port_names) */
};

void vnames_build(struct vnames *v, const struct xovn_model *m);
void vnames_free(struct vnames *v);
/* incomplete.c: the incomplete items of a valid model, with its index already built. */
struct xovn_inactive_list;
size_t vincomplete(const struct xovn_model *m, const struct vnames *names,
		   struct xovn_inactive_list *out);
const struct xovn_lsp *vnames_port(const struct vnames *v, const char *name);
/* The port a VIF attachment or a binding names, resolved or looked up. */
const struct xovn_lsp *vnames_vif_port(const struct vnames *v, const struct xovn_vif *vif);
const struct xovn_lsp *vnames_binding_port(const struct vnames *v, const struct xovn_binding *b);
const struct xovn_chassis *vnames_chassis(const struct vnames *v, const char *name);
const struct xovn_ha_group *vnames_group(const struct vnames *v, const char *name);
const struct xovn_lrp *vnames_lrp(const struct vnames *v, const char *name);

/* ---- passes ---------------------------------------------------------------- */

/* The schema pass reads the document itself: it is what checks the types. */
void validate_schema(struct vctx *c, const json_t *model);
void vcheck_dhcp_rows(struct vctx *c, const json_t *v);
void vcheck_uuid(struct vctx *c, const json_t *v);

/* The semantic passes read the typed model only. */
void validate_unique(struct xovn_errors *errs, const struct xovn_model *m,
		     const struct vnames *names);
void validate_port_refs(struct xovn_errors *errs, const struct xovn_model *m,
			const struct vnames *names);
void validate_addresses(struct xovn_errors *errs, const struct xovn_model *m);
void validate_chassis(struct xovn_errors *errs, const struct xovn_model *m,
		      const struct vnames *names);
void validate_localnet(struct xovn_errors *errs, const struct xovn_model *m);
/* semantic_dhcp.c: DHCP options rows and the ports naming them */
void validate_dhcp(struct xovn_errors *errs, const struct xovn_model *m);
/* semantic_routers.c: names, keys, addresses and routes of logical routers */
void validate_routers(struct xovn_errors *errs, const struct xovn_model *m,
		      const struct vnames *names);
/* semantic_ra.c: a router port's ipv6_ra_configs */
void validate_lrp_ra(struct xovn_errors *errs, const struct xovn_lrp *port);
/* semantic_nat.c: routers' NAT rules, router ports' gateway chassis and HA group */
void validate_nat_and_gateways(struct xovn_errors *errs, const struct xovn_model *m,
			       const struct vnames *names);
/* semantic_dynrouting.c: dynamic routing options of routers and their ports */
void validate_dynamic_routing(struct xovn_errors *errs, const struct xovn_model *m);

/* ---- helpers for the semantic passes (semantic.c) ---------------------- */

/* Calls fn for every port of every switch. */
typedef void (*port_visit_fn)(const struct xovn_lsp *port, void *arg);
void for_each_port(const struct xovn_model *m, port_visit_fn fn, void *arg);

/* "$.logical_switches[S].ports[P]" + suffix into buf. */
const char *port_path(char *buf, size_t len, size_t sw_i, size_t port_i, const char *suffix);
/* The same for port. */
const char *lsp_path(char *buf, size_t len, const struct xovn_lsp *port, const char *suffix);

/* s when it is a well-formed name (else the schema pass reported it), else NULL. */
const char *ref_name(const char *s);

/* "$.ARRAY[index]" + suffix, spelled into a value the caller can use inline. */
struct vitem_path {
	char s[128];
};
struct vitem_path vitem_path(const char *array, size_t index, const char *suffix);

/*
 * Names of one top-level list that must differ: a second holder of a name
 * is reported ("unique-name", "WHAT \"NAME\" is already used at PATH").
 */
struct vunique {
	struct name_index seen;     /* name -> 1 + index of its first holder */
	struct xovn_errors *errs;
	const char *array, *what;
};

void vunique_init(struct vunique *u, struct xovn_errors *errs, const char *array,
		  const char *what);
void vunique_claim(struct vunique *u, const char *name, size_t index);
void vunique_free(struct vunique *u);

/* The port's type as written, "" for a VIF (also when type is not a string). */
const char *lsp_type(const struct xovn_lsp *port);

#endif /* XOVN_MODEL_VALIDATE_H */
