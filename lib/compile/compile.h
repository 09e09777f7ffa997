/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * compile.h - from the northbound model to the map entries of one chassis.
 *
 * The compiler is pure: everything it knows about the host comes through
 * the interface resolver, so the same model and the same interfaces always
 * give the same set, and tests can feed it made-up interfaces.
 */
#ifndef XOVN_COMPILE_H
#define XOVN_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "dataplane/mapset.h"
#include "model/types.h"
#include "xovn_maps.h"

struct xovn_iface_info {
	uint32_t ifindex;
	uint32_t mtu;
	int is_veth;
};

/* Returns 0 and fills info if the interface exists on this chassis, -1 if not. */
typedef int (*xovn_iface_resolver)(const char *ifname, struct xovn_iface_info *info, void *arg);

/*
 * Compiles model (already validated) for chassis into out (init'ed by
 * caller).  0 ok; -1 with a message in err, and out left empty.  Missing
 * tunnel keys, a chassis that is not in the model, an (ifindex, VID) claimed
 * by two ports and a flood group over the map's limits are errors.
 */
int xovn_compile(const struct xovn_model *model, const char *chassis, xovn_iface_resolver resolve,
		 void *arg, struct xovn_mapset *out, char *err, size_t errlen);

/*
 * Incremental compilation (incr.c).  A state indexes everything outside
 * the switches (chassis, bindings, HA groups, attachments), so a change
 * confined to some switches recompiles only those switches.  The state
 * borrows from the model it was made from: it stays valid while only
 * switches are replaced (xovn_model_follow_switches()), and
 * xovn_compile_state_covers() says whether a given switch change keeps it
 * valid.
 */
struct xovn_compile_state;

struct xovn_compile_state *xovn_compile_state_new(const struct xovn_model *model,
						  const char *chassis, char *err, size_t errlen);
void xovn_compile_state_free(struct xovn_compile_state *st);

/*
 * 1 when replacing the n_old switches old by the n_new switches new leaves
 * the state's indexes true: no port attached to a chassis became or
 * stopped being a localport (which decides whether its attachment binds
 * it), and no switch before or after has a port of type router (whose
 * router's entries read the switch).  0 when everything must be compiled.
 */
int xovn_compile_state_covers(const struct xovn_compile_state *st,
			      const struct xovn_ls *const *old, size_t n_old,
			      const struct xovn_ls *const *new, size_t n_new);

/* Which interfaces on this chassis need which program, for the loader. */
enum xovn_attach_role { XOVN_ATTACH_VIF = 1, XOVN_ATTACH_UNDERLAY = 2 };

struct xovn_attach {
	char ifname[16];
	int role;          /* enum xovn_attach_role */
};

struct xovn_ifname {
	char name[16];
};

/*
 * What the chassis' host needs besides the map entries: the interfaces to
 * attach programs to (as xovn_compile_attachments lists them), the encap
 * IPv4 addresses of every other chassis (network order, kept resolved on
 * the underlay) and this chassis' VIF interfaces (chassis.vifs[].iface,
 * whose MTU leaves room for Geneve).  Carried by the compile result so that
 * xovnd, once the maps are written, does not go back to the model for them.
 */
struct xovn_host_facts {
	struct xovn_attach *attach;
	size_t n_attach;
	uint32_t *remote_ips;
	size_t n_remote_ips;
	struct xovn_ifname *vifs;
	size_t n_vifs;
};

void xovn_host_facts_free(struct xovn_host_facts *f);

/*
 * A compile's result (result.c).  A whole compile fills entries with the
 * chassis' whole set and carries every fact.  A compile of some switches
 * (partial) fills entries with the config entry and those switches'
 * entries, which replace the entries of the datapaths dps[0..n_dps) (the
 * switches before and after the change); it carries the attachments only
 * when they may have changed (a changed switch has a localnet or l2gateway
 * port) and none of the chassis facts (a change confined to switches
 * leaves the chassis rows as they were).
 */
struct xovn_compile_result {
	struct xovn_mapset entries;   /* sorted */
	int partial;
	uint32_t *dps;
	size_t n_dps;
	size_t n_switches;            /* switches compiled (partial) */
	int has_attach;               /* facts.attach and n_attach are set */
	int has_chassis_facts;        /* facts.remote_ips and facts.vifs are set */
	struct xovn_host_facts facts;
};

void xovn_compile_result_init(struct xovn_compile_result *r);
void xovn_compile_result_free(struct xovn_compile_result *r);

/*
 * xovn_compile into res->entries, plus every host fact.  0 ok; -1 with a
 * message in err and res left empty.
 */
int xovn_compile_result(const struct xovn_model *model, const char *chassis,
			xovn_iface_resolver resolve, void *arg, struct xovn_compile_result *res,
			char *err, size_t errlen);

/*
 * Compiles this chassis' config entry and every entry of the n_new
 * switches new (switches of model, as they are now), sorted, into res
 * (partial), replacing the n_old switches old (what the changed switches
 * were before; they may be gone from model, but must stay readable for the
 * call).  An (ifindex, VID) claimed twice among the new switches, or
 * already claimed in in_force (the entries the maps hold; NULL: not
 * checked) by a switch outside both arrays, is an error.  0 ok, -1 with a
 * message in err and res left empty.
 */
int xovn_compile_switches(struct xovn_compile_state *st, const struct xovn_model *model,
			  xovn_iface_resolver resolve, void *arg,
			  const struct xovn_ls *const *old, size_t n_old,
			  const struct xovn_ls *const *new, size_t n_new,
			  const struct xovn_mapset *in_force, struct xovn_compile_result *res,
			  char *err, size_t errlen);

/*
 * Lists interfaces of chassis to attach programs to: VIFs
 * (chassis.vifs[].iface), bridge-mapped interfaces used by a localnet or
 * l2gateway port of some switch (role VIF: frames from them enter the
 * switch like a VIF's), and the encap_iface (UNDERLAY).  Each (ifname, role)
 * pair appears once, in model order; an interface with two roles appears
 * twice.  *out is malloc'ed (free() it; NULL when *n is 0).  0 ok, -1 when
 * the chassis is not in the model or memory runs out.
 */
int xovn_compile_attachments(const struct xovn_model *model, const char *chassis,
			     struct xovn_attach **out, size_t *n);

/*
 * Periodic router advertisements (send_periodic=true): one per VIF of
 * chassis on a switch that advertises, with the switch's xovn_ra entry and
 * the port's intervals.  0 with *out (free()) and *n; -1 out of memory.
 */
struct xovn_ra_periodic {
	char ifname[16];
	uint32_t min_interval, max_interval;  /* seconds */
	struct xovn_ra_val ra;
};

int xovn_ra_periodic_list(const struct xovn_model *m, const char *chassis,
			  struct xovn_ra_periodic **out, size_t *n);

/*
 * Who is active for an HA chassis group or a distributed gateway port
 * (lib/compile/gateway_pick.c): the highest-priority member whose chassis
 * exists and is not "down"; equal priorities go to the smaller name, so
 * that every chassis, compiling on its own, agrees.  Chassis and groups are
 * found by name through n: the compiler's indexes, or the model's linear
 * lookups at the edges (xovn_model_active_gateway).  NULL: none is alive.
 */
struct xovn_gw_names {
	const struct xovn_chassis *(*chassis)(const void *arg, const char *name);
	const struct xovn_ha_group *(*group)(const void *arg, const char *name);
	const void *arg;
};
const char *xovn_ha_group_holder(const struct xovn_gw_names *n, const struct xovn_ha_group *g);
/* A port's HA chassis group, when it names one, overrides its gateway_chassis (ovn-nb(5)). */
const char *xovn_lrp_active_gateway(const struct xovn_gw_names *n, const struct xovn_lrp *lrp);
const char *xovn_model_active_gateway(const struct xovn_model *m, const struct xovn_lrp *lrp);

#endif /* XOVN_COMPILE_H */
