/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * incomplete.h - configuration that is stored but not yet in force.
 *
 * ovn-nbctl users build a topology one command at a time: a localnet port
 * exists before its network_name, an interface names a port that is added
 * next, an HA group lists a chassis that registers later.  ovn-northd
 * stores all of it and ignores what is not complete yet.  xovn does the
 * same: the validator refuses only what is wrong (bad syntax, duplicates,
 * references to rows that must exist); what is merely unfinished is listed
 * here, reported as a warning, and the compiler sees a model in which it
 * does not exist (xovn_model_active), exactly as if it had never been added.
 */
#ifndef XOVN_MODEL_INCOMPLETE_H
#define XOVN_MODEL_INCOMPLETE_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

enum xovn_inactive_kind {
	XOVN_INACTIVE_PORT,     /* a logical switch port: compiled as absent */
	XOVN_INACTIVE_VIF,      /* a chassis' interface for a port that does not exist yet */
	XOVN_INACTIVE_BINDING,  /* a binding to a chassis that does not exist yet */
	XOVN_INACTIVE_MEMBER,   /* an HA group member that is not a chassis yet */
	XOVN_INACTIVE_ROUTE,    /* a static route with no port to leave by */
	XOVN_INACTIVE_GATEWAY,  /* a router port's gateway chassis that is not a chassis yet */
	XOVN_INACTIVE_ROUTER,   /* a gateway router whose options:chassis is not a chassis yet */
};

struct xovn_inactive {
	enum xovn_inactive_kind kind;
	char name[64];      /* the port (PORT, VIF, BINDING), the chassis (MEMBER, GATEWAY), the nexthop (ROUTE),
			       the router (ROUTER) */
	char owner[64];     /* the chassis of a VIF, the group of a MEMBER, the router of a ROUTE,
			       the router port of a GATEWAY, the chassis named by a ROUTER */
	char path[128];     /* where in the document */
	char reason[192];   /* what is missing, for the operator */
	size_t at[2];       /* ROUTE: its router's position in logical_routers[], its own in static_routes[] */
};

struct xovn_inactive_list {
	struct xovn_inactive *v;
	size_t n, cap;
};

void xovn_inactive_init(struct xovn_inactive_list *l);
void xovn_inactive_free(struct xovn_inactive_list *l);

/*
 * Appends one item per incomplete part of model, which must be valid
 * (xovn_model_validate found no error).  Returns the number appended.
 */
struct xovn_model;
size_t xovn_model_incomplete_typed(const struct xovn_model *model,
				   struct xovn_inactive_list *out);
/* The same for a document, read into the typed model first. */
size_t xovn_model_incomplete(const json_t *model, struct xovn_inactive_list *out);

/* Why port is inactive, NULL when it is in force. */
const char *xovn_inactive_port_reason(const struct xovn_inactive_list *l, const char *port);

/* One "PREFIXwarning: ..." line per item. */
void xovn_inactive_print(const struct xovn_inactive_list *l, const char *prefix, FILE *f);

/*
 * The model as the dataplane sees it: model itself (one more reference)
 * when nothing is inactive, else a copy without the inactive items and
 * without what refers to an inactive port (its interfaces and bindings).
 * An inactive gateway router stays: the compiler runs a router pinned to a
 * chassis the model lacks on no chassis (compile/gateway.c), and keeping
 * it keeps its switch ports' peers in place for when the chassis appears.
 * NULL when out of memory.
 */
json_t *xovn_model_active(json_t *model, const struct xovn_inactive_list *l);

#endif /* XOVN_MODEL_INCOMPLETE_H */
