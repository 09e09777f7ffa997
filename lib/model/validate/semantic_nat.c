// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_nat.c - a router's NAT rules and its ports' gateway settings.
 *
 * NAT, as ovn-nbctl's lr-nat-add checks it: external_ip one address,
 * logical_ip an address of the same family (for snat also a network,
 * without host bits), logical_port and external_mac only on a
 * dnat_and_snat and only together, external_port_range "LOW-HIGH" with
 * LOW < HIGH, and no two rules of one type on one key address (an snat's
 * logical_ip, the others' external_ip).  logical_port is a name ovn-northd
 * looks up when it uses it, as OVN's NAT table stores it: lsp-del leaves
 * it behind, so a name that is not a port is not an error.
 *
 * Gateway chassis: names unique (OVN's Gateway_Chassis name index), one
 * row per chassis on a port; ha_chassis_group names an existing group.  A
 * gateway chassis naming a chassis not defined yet is incomplete, not an
 * error (incomplete.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "model/nat.h"
#include "util/cidr.h"
#include "model/validate/validate.h"

#define NAT_PATH "$.logical_routers[%zu].nat[%zu]"
#define LRP_PATH "$.logical_routers[%zu].ports[%zu]"

static void report(struct xovn_errors *errs, const char *rule, const char *msg,
		   const char *path_fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports msg (already spelled) at the path spelled from path_fmt and its arguments. */
static void report(struct xovn_errors *errs, const char *rule, const char *msg,
		   const char *path_fmt, ...)
{
	char path[160];
	va_list ap;

	va_start(ap, path_fmt);
	vsnprintf(path, sizeof(path), path_fmt, ap);
	va_end(ap);
	xovn_errors_add(errs, path, rule, "%s", msg);
}

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* The key address of a rule that parses, for the duplicate check. */
struct nat_key {
	struct xovn_ip ip;
	int ok;
};

static void check_logical_ip(struct xovn_errors *errs, const struct xovn_lr *r,
			     const struct xovn_nat *n, const struct xovn_ip *ext,
			     struct xovn_ip *lip, int *lip_ok)
{
	char canon[XOVN_PREFIX_STRLEN], msg[256];
	struct xovn_ip any;

	*lip_ok = 0;
	if (!n->logical_ip || !xovn_nat_type_ok(n->type))
		return;   /* the schema pass reports it; which address is right depends on the type */
	if (xovn_parse_prefix(n->logical_ip, xovn_nat_is_snat(n->type) ? XOVN_PLEN_OPTIONAL
								       : XOVN_PLEN_NONE, &any) < 0) {
		snprintf(msg, sizeof(msg), "\"%s\" is not an IPv4 or IPv6 address%s", n->logical_ip,
			 xovn_nat_is_snat(n->type) ? " or network" : "");
		report(errs, "nat-address", msg, NAT_PATH ".logical_ip", r->index, n->index);
		return;
	}
	if (ext && any.family != ext->family) {
		snprintf(msg, sizeof(msg), "logical_ip %s is %s but external_ip %s is %s",
			 n->logical_ip, family_name(any.family), n->external_ip,
			 family_name(ext->family));
		report(errs, "nat-family", msg, NAT_PATH ".logical_ip", r->index, n->index);
		return;
	}
	*lip = any;
	xovn_prefix_mask(lip);
	if (xovn_cidr_host_bits(&any) != 0) {
		xovn_prefix_str(lip, canon);
		snprintf(msg, sizeof(msg), "\"%s\" has bits set beyond its prefix length (%s?)",
			 n->logical_ip, canon);
		report(errs, "host-bits", msg, NAT_PATH ".logical_ip", r->index, n->index);
		return;
	}
	*lip_ok = 1;
}

static void check_distributed(struct xovn_errors *errs, const struct xovn_lr *r,
			      const struct xovn_nat *n)
{
	if (!n->logical_port && !n->external_mac)
		return;
	if (n->type && strcmp(n->type, "dnat_and_snat"))
		report(errs, "nat-distributed",
		       "logical_port and external_mac are only valid when type is \"dnat_and_snat\"",
		       NAT_PATH "%s", r->index, n->index,
		       n->logical_port ? ".logical_port" : ".external_mac");
	else if (!n->logical_port || !n->external_mac)
		report(errs, "nat-distributed",
		       "a distributed dnat_and_snat needs both logical_port and external_mac",
		       NAT_PATH, r->index, n->index);
}

static void check_port_range(struct xovn_errors *errs, const struct xovn_lr *r,
			     const struct xovn_nat *n)
{
	/* A range the schema pass refuses is its to report. */
	if (xovn_nat_port_range_syntax_ok(n->external_port_range) &&
	    !xovn_nat_port_range_ok(n->external_port_range))
		report(errs, "port-range",
		       "external_port_range must be PORT or LOW-HIGH with 1 <= LOW < HIGH <= 65535",
		       NAT_PATH ".external_port_range", r->index, n->index);
}

/* One rule; *key gets the address two rules of its type must not share. */
static void check_nat(struct xovn_errors *errs, const struct xovn_lr *r,
		      const struct xovn_nat *n, struct nat_key *key)
{
	struct xovn_ip ext, lip;
	int ext_ok, lip_ok;
	char msg[160];

	key->ok = 0;
	ext_ok = n->external_ip && xovn_nat_external_ip(n->external_ip, &ext) == 0;
	if (n->external_ip && !ext_ok) {
		snprintf(msg, sizeof(msg), "\"%s\" is not an IPv4 or IPv6 address", n->external_ip);
		report(errs, "nat-address", msg, NAT_PATH ".external_ip", r->index, n->index);
	}
	check_logical_ip(errs, r, n, ext_ok ? &ext : NULL, &lip, &lip_ok);
	check_distributed(errs, r, n);
	check_port_range(errs, r, n);
	if (!xovn_nat_type_ok(n->type))
		return;
	key->ip = xovn_nat_is_snat(n->type) ? lip : ext;
	key->ok = xovn_nat_is_snat(n->type) ? lip_ok : ext_ok;
}

static int same_key(const struct xovn_nat *a, const struct nat_key *ka,
		    const struct xovn_nat *b, const struct nat_key *kb)
{
	return ka->ok && kb->ok && strcmp(a->type, b->type) == 0 &&
	       xovn_cidr_cmp(&ka->ip, &kb->ip) == 0 && ka->ip.plen == kb->ip.plen;
}

/* A router has few NAT rules next to its ports: the pairwise check stays small. */
static void check_router_nat(struct xovn_errors *errs, const struct xovn_lr *r)
{
	struct nat_key keys[r->n_nat ? r->n_nat : 1];
	char msg[200];

	for (size_t k = 0; k < r->n_nat; k++)
		check_nat(errs, r, &r->nat[k], &keys[k]);
	for (size_t k = 1; k < r->n_nat; k++) {
		for (size_t j = 0; j < k; j++) {
			if (!same_key(&r->nat[k], &keys[k], &r->nat[j], &keys[j]))
				continue;
			snprintf(msg, sizeof(msg), "a %s NAT with this %s is already at "
				 "$.logical_routers[%zu].nat[%zu]", r->nat[k].type,
				 xovn_nat_is_snat(r->nat[k].type) ? "logical_ip" : "external_ip",
				 r->index, r->nat[j].index);
			report(errs, "duplicate-nat", msg, NAT_PATH, r->index, r->nat[k].index);
			break;
		}
	}
}

/* ---- gateway chassis ------------------------------------------------------ */

/* A second row of one name anywhere, or of one chassis on a port, is reported. */
static void check_gateway_rows(struct xovn_errors *errs, const struct xovn_lrp *port,
			       struct name_index *seen)
{
	char msg[200];

	for (size_t k = 0; k < port->n_gateway_chassis; k++) {
		const struct xovn_gateway_chassis *gc = &port->gateway_chassis[k], *first;

		first = gc->name ? name_index_get(seen, gc->name) : NULL;
		if (first) {
			snprintf(msg, sizeof(msg), "gateway chassis name \"%s\" is already used",
				 gc->name);
			report(errs, "unique-name", msg, LRP_PATH ".gateway_chassis[%zu].name",
			       port->lr->index, port->index, gc->index);
		} else if (gc->name && name_index_put_new(seen, gc->name, gc) < 0) {
			xovn_errors_add(errs, "$", "io", "out of memory checking gateway chassis");
		}
		for (size_t j = 0; j < k && gc->chassis_name; j++) {
			const struct xovn_gateway_chassis *o = &port->gateway_chassis[j];

			if (!o->chassis_name || strcmp(o->chassis_name, gc->chassis_name))
				continue;
			snprintf(msg, sizeof(msg), "chassis \"%s\" is already a gateway chassis of "
				 "this port", gc->chassis_name);
			report(errs, "duplicate-member", msg,
			       LRP_PATH ".gateway_chassis[%zu].chassis_name", port->lr->index,
			       port->index, gc->index);
			break;
		}
	}
}

static void check_group_ref(struct xovn_errors *errs, const struct vnames *names,
			    const struct xovn_lrp *port)
{
	const char *group = ref_name(port->ha_chassis_group);
	char msg[128];

	if (!group || !names->groups || vnames_group(names, group))
		return;
	snprintf(msg, sizeof(msg), "no HA chassis group \"%s\"", group);
	report(errs, "dangling-reference", msg, LRP_PATH ".ha_chassis_group", port->lr->index,
	       port->index);
}

void validate_nat_and_gateways(struct xovn_errors *errs, const struct xovn_model *m,
			       const struct vnames *names)
{
	struct name_index gateway_names;

	name_index_init(&gateway_names);
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];

		check_router_nat(errs, r);
		for (size_t j = 0; j < r->n_ports; j++) {
			check_gateway_rows(errs, &r->ports[j], &gateway_names);
			check_group_ref(errs, names, &r->ports[j]);
		}
	}
	name_index_free(&gateway_names);
}
