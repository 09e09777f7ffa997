/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_route.c - a router's static routes: lr-route-add, lr-route-del,
 * lr-route-list, with ovn-nbctl's arguments, messages and output.
 *
 * Prefixes and nexthops are stored in one canonical spelling (host bits
 * cleared, IPv6 compressed lowercase, no /32 or /128), so that two
 * spellings of one route are one route.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ctl.h"
#include "util/prefix.h"

/* The canonical form of "IP[/PLEN]"; -1 when it does not parse. */
static int normalize_prefix(const char *s, struct xovn_ip *ip, char out[XOVN_PREFIX_STRLEN])
{
	if (!s || xovn_parse_prefix(s, XOVN_PLEN_OPTIONAL, ip) < 0)
		return -1;
	xovn_prefix_mask(ip);
	xovn_prefix_str(ip, out);
	return 0;
}

static int check_policy(const struct ctl_ctx *ctx)
{
	const char *p = ctx->cmd->policy;

	if (ctl_has_opt(ctx, CTL_OPT_POLICY) && strcmp(p, "src-ip") && strcmp(p, "dst-ip"))
		return ctl_fail("bad policy: %s", p);
	return 0;
}

static int is_src_route(const char *policy)
{
	return policy && strcmp(policy, "src-ip") == 0;
}

static const char *table_of(const json_t *route)
{
	const char *t = ctl_str(route, "route_table");

	return t ? t : "";
}

/* What lr-route-add looks for: same table, policy and prefix (and nexthop with --ecmp). */
struct route_key {
	const char *prefix;
	const char *nexthop;      /* NULL: any */
	int src;
	const char *table;
};

static json_t *find_route(json_t *lr, const struct route_key *k)
{
	char norm[XOVN_PREFIX_STRLEN];
	struct xovn_ip ip;
	json_t *route;
	size_t i;

	json_array_foreach(json_object_get(lr, "static_routes"), i, route) {
		if (strcmp(table_of(route), k->table) ||
		    is_src_route(ctl_str(route, "policy")) != k->src ||
		    normalize_prefix(ctl_str(route, "ip_prefix"), &ip, norm) < 0 ||
		    strcmp(norm, k->prefix))
			continue;
		if (k->nexthop && strcmp(k->nexthop, ctl_str(route, "nexthop")))
			continue;
		return route;
	}
	return NULL;
}

/* NEXTHOP of lr-route-add: "discard" or an address of the prefix's family. */
static int parse_nexthop(const char *s, int family, char out[XOVN_PREFIX_STRLEN])
{
	struct xovn_ip ip;

	if (strcmp(s, "discard") == 0) {
		strcpy(out, "discard");
		return 0;
	}
	if (xovn_parse_prefix(s, XOVN_PLEN_NONE, &ip) < 0 || ip.family != family)
		return ctl_fail("bad %s nexthop argument: %s", family == AF_INET ? "IPv4" : "IPv6",
				s);
	xovn_prefix_str(&ip, out);
	return 0;
}

struct route_args {
	struct route_key key;
	const char *port;         /* output port, NULL: none */
	int discard;
};

static int check_discard(const struct ctl_ctx *ctx, const struct route_args *a)
{
	if (!a->discard)
		return 0;
	if (ctl_has_opt(ctx, CTL_OPT_ECMP))
		return ctl_fail("ecmp is not valid for discard routes.");
	if (a->port)
		return ctl_fail("outport is not valid for discard routes.");
	return 0;
}

/* --may-exist without --ecmp: the existing route takes the new nexthop. */
static void update_route(const struct ctl_ctx *ctx, json_t *route, const struct route_args *a)
{
	json_object_set_new(route, "ip_prefix", json_string(a->key.prefix));
	json_object_set_new(route, "nexthop", json_string(a->key.nexthop));
	if (a->port)
		json_object_set_new(route, "output_port", json_string(a->port));
	if (ctl_has_opt(ctx, CTL_OPT_POLICY))
		json_object_set_new(route, "policy", json_string(ctx->cmd->policy));
}

static int insert_route(const struct ctl_ctx *ctx, json_t *lr, const struct route_args *a)
{
	json_t *route = json_pack("{s:s, s:s}", "ip_prefix", a->key.prefix,
				  "nexthop", a->key.nexthop);

	if (!route || ctl_ensure_uuid(route)) {
		json_decref(route);
		return -1;
	}
	if (a->port)
		json_object_set_new(route, "output_port", json_string(a->port));
	if (ctl_has_opt(ctx, CTL_OPT_POLICY))
		json_object_set_new(route, "policy", json_string(ctx->cmd->policy));
	if (a->key.table[0])
		json_object_set_new(route, "route_table", json_string(a->key.table));
	json_array_append_new(ctl_array(lr, "static_routes"), route);
	return 0;
}

static int add_or_update(const struct ctl_ctx *ctx, json_t *lr, struct route_args *a)
{
	int ecmp = ctl_has_opt(ctx, CTL_OPT_ECMP), may_exist = ctl_has_opt(ctx, CTL_OPT_MAY_EXIST);
	struct route_key k = a->key;
	json_t *route;

	if (!ecmp)
		k.nexthop = NULL;
	route = find_route(lr, &k);
	if (route && !ecmp) {
		if (!may_exist)
			return ctl_fail("duplicate prefix: %s (policy: %s). Use option --ecmp to "
					"allow this for ECMP routing.", k.prefix,
					k.src ? "src-ip" : "dst-ip");
		update_route(ctx, route, a);
		return 0;
	}
	if (route)
		return may_exist ? 0 : ctl_fail("duplicate nexthop for the same ECMP route");
	k.nexthop = "discard";
	if (find_route(lr, &k))
		return ctl_fail("discard nexthop for the same ECMP route exists.");
	return insert_route(ctx, lr, a);
}

static int lr_route_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]);
	char prefix[XOVN_PREFIX_STRLEN], nexthop[XOVN_PREFIX_STRLEN];
	struct route_args a = { .port = argc == 4 ? argv[3] : NULL };
	struct xovn_ip ip;

	if (!lr || check_policy(ctx))
		return -1;
	if (normalize_prefix(argv[1], &ip, prefix) < 0)
		return ctl_fail("bad prefix argument: %s", argv[1]);
	if (parse_nexthop(argv[2], ip.family, nexthop))
		return -1;
	if (a.port && !ctl_need_router_port(ctx->model, a.port, NULL))
		return -1;
	a.discard = strcmp(nexthop, "discard") == 0;
	a.key = (struct route_key){
		.prefix = prefix, .nexthop = nexthop,
		.src = is_src_route(ctx->cmd->policy),
		.table = ctl_has_opt(ctx, CTL_OPT_ROUTE_TABLE) ? ctx->cmd->route_table : "",
	};
	if (check_discard(ctx, &a))
		return -1;
	return add_or_update(ctx, lr, &a);
}

/* ---- lr-route-del -------------------------------------------------------- */

struct route_filter {
	int policy_given, src;
	const char *prefix;       /* canonical, NULL: any */
	const char *nexthop;      /* canonical or "discard", NULL: any */
	const char *port;         /* NULL: any */
	const char *table;
};

/* A stored nexthop in the spelling lr-route-del compares. */
static int canonical_nexthop(const char *s, char out[XOVN_PREFIX_STRLEN])
{
	struct xovn_ip ip;

	if (s && strcmp(s, "discard") == 0) {
		strcpy(out, "discard");
		return 0;
	}
	return normalize_prefix(s, &ip, out);
}

static int route_matches(const json_t *route, const struct route_filter *f)
{
	char norm[XOVN_PREFIX_STRLEN];
	struct xovn_ip ip;
	const char *port = ctl_str(route, "output_port");

	if (f->policy_given && is_src_route(ctl_str(route, "policy")) != f->src)
		return 0;
	if (f->prefix && (normalize_prefix(ctl_str(route, "ip_prefix"), &ip, norm) < 0 ||
			  strcmp(norm, f->prefix)))
		return 0;
	if (f->nexthop && (canonical_nexthop(ctl_str(route, "nexthop"), norm) < 0 ||
			   strcmp(norm, f->nexthop)))
		return 0;
	if (strcmp(table_of(route), f->table))
		return 0;
	return !f->port || (port && strcmp(port, f->port) == 0);
}

static int lr_route_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]), *routes;
	char prefix[XOVN_PREFIX_STRLEN], nexthop[XOVN_PREFIX_STRLEN];
	struct route_filter f = { 0 };
	struct xovn_ip ip;
	size_t i, removed = 0;

	if (!lr || check_policy(ctx))
		return -1;
	f.policy_given = ctl_has_opt(ctx, CTL_OPT_POLICY);
	f.src = is_src_route(ctx->cmd->policy);
	f.table = ctl_has_opt(ctx, CTL_OPT_ROUTE_TABLE) ? ctx->cmd->route_table : "";
	if (argc == 1 && !f.policy_given) {
		json_object_del(lr, "static_routes");   /* every route, of every table */
		return 0;
	}
	if (argc >= 2 && normalize_prefix(argv[1], &ip, prefix) < 0)
		return ctl_fail("bad prefix argument: %s", argv[1]);
	if (argc >= 3 && canonical_nexthop(argv[2], nexthop) < 0)
		return ctl_fail("bad nexthop argument: %s", argv[2]);
	f.prefix = argc >= 2 ? prefix : NULL;
	f.nexthop = argc >= 3 ? nexthop : NULL;
	f.port = argc == 4 ? argv[3] : NULL;
	routes = json_object_get(lr, "static_routes");
	for (i = json_array_size(routes); i-- > 0;) {
		if (!route_matches(json_array_get(routes, i), &f))
			continue;
		json_array_remove(routes, i);
		removed++;
	}
	if (removed || ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
		return 0;
	/* ovn-nbctl's words, "(null)" for an absent prefix included. */
	return ctl_fail("no matching route: policy '%s', prefix '%s', nexthop '%s', "
			"output_port '%s'.", f.policy_given ? ctx->cmd->policy : "any",
			f.prefix ? f.prefix : "(null)", f.nexthop ? f.nexthop : "any",
			f.port ? f.port : "any");
}

/* ---- lr-route-list ------------------------------------------------------- */

struct listed_route {
	const json_t *route;
	struct xovn_ip ip;        /* host bits as stored: the sort compares them */
	int priority;             /* 2 * plen, + 1 for dst-ip: longest prefix first */
};

static int cmp_addr(const struct listed_route *a, const struct listed_route *b)
{
	if (a->ip.family == AF_INET) {
		uint32_t x = ntohl(a->ip.v4.s_addr), y = ntohl(b->ip.v4.s_addr);

		return (x > y) - (x < y);
	}
	return memcmp(&a->ip.v6, &b->ip.v6, sizeof(a->ip.v6));
}

/* Same table, priority and address: one ECMP group. */
static int cmp_group(const struct listed_route *a, const struct listed_route *b)
{
	int c = strcmp(table_of(a->route), table_of(b->route));

	if (c)
		return c;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return cmp_addr(a, b);
}

static int cmp_listed(const void *x, const void *y)
{
	const struct listed_route *a = x, *b = y;
	const char *pa = ctl_str(a->route, "output_port"), *pb = ctl_str(b->route, "output_port");
	int c = cmp_group(a, b);

	if (c)
		return c;
	c = strcmp(ctl_str(a->route, "nexthop"), ctl_str(b->route, "nexthop"));
	if (c || (!pa && !pb))
		return c;
	if (pa && pb)
		return strcmp(pa, pb);
	return pa ? 1 : -1;
}

static void print_route(FILE *out, const json_t *route, int ecmp)
{
	char prefix[XOVN_PREFIX_STRLEN], nexthop[XOVN_PREFIX_STRLEN] = "";
	const char *policy = ctl_str(route, "policy"), *port = ctl_str(route, "output_port");
	struct xovn_ip ip;

	normalize_prefix(ctl_str(route, "ip_prefix"), &ip, prefix);
	canonical_nexthop(ctl_str(route, "nexthop"), nexthop);
	fprintf(out, "%25s %25s %s", prefix, nexthop, policy ? policy : "dst-ip");
	if (port)
		fprintf(out, " %s", port);
	fputs(ecmp ? " ecmp\n" : "\n", out);
}

static void print_family(FILE *out, struct listed_route *v, size_t n, const char *title,
			 int blank_before)
{
	size_t i;

	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_listed);
	fprintf(out, "%s%s\n", blank_before ? "\n" : "", title);
	for (i = 0; i < n; i++) {
		int ecmp = (i + 1 < n && !cmp_group(&v[i], &v[i + 1])) ||
			   (i > 0 && !cmp_group(&v[i], &v[i - 1]));
		const char *table = table_of(v[i].route);

		if (i == 0 || strcmp(table, table_of(v[i - 1].route)))
			fprintf(out, "%sRoute Table %s:\n", i ? "\n" : "",
				table[0] ? table : "<main>");
		print_route(out, v[i].route, ecmp);
	}
}

static int lr_route_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]), *routes, *route;
	struct listed_route *v4, *v6;
	size_t n4 = 0, n6 = 0, i;

	(void)argc;
	if (!lr)
		return -1;
	routes = json_object_get(lr, "static_routes");
	v4 = calloc(json_array_size(routes) + 1, sizeof(*v4));
	v6 = calloc(json_array_size(routes) + 1, sizeof(*v6));
	if (!v4 || !v6) {
		free(v4);
		free(v6);
		return ctl_fail("out of memory");
	}
	json_array_foreach(routes, i, route) {
		struct listed_route r = { .route = route };

		if ((ctl_has_opt(ctx, CTL_OPT_ROUTE_TABLE) &&
		     strcmp(table_of(route), ctx->cmd->route_table)) ||
		    xovn_parse_prefix(ctl_str(route, "ip_prefix"), XOVN_PLEN_OPTIONAL, &r.ip) < 0)
			continue;
		r.priority = 2 * r.ip.plen + !is_src_route(ctl_str(route, "policy"));
		if (r.ip.family == AF_INET)
			v4[n4++] = r;
		else
			v6[n6++] = r;
	}
	print_family(ctx->out, v4, n4, "IPv4 Routes", 0);
	print_family(ctx->out, v6, n6, "IPv6 Routes", n4 > 0);
	free(v4);
	free(v6);
	return 0;
}

const struct ctl_verb ctl_route_verbs[] = {
	{ "lr-route-add", 3, 4, 1,
	  CTL_OPT_MAY_EXIST | CTL_OPT_ECMP | CTL_OPT_POLICY | CTL_OPT_ROUTE_TABLE, lr_route_add },
	{ "lr-route-del", 1, 4, 1, CTL_OPT_IF_EXISTS | CTL_OPT_POLICY | CTL_OPT_ROUTE_TABLE,
	  lr_route_del },
	{ "lr-route-list", 1, 1, 0, CTL_OPT_ROUTE_TABLE, lr_route_list },
	{ 0 }
};
