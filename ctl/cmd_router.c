/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_router.c - logical routers and their ports: lr-add, lr-del, lr-list,
 * lrp-add, lrp-del, lrp-list, lrp-set-enabled, lrp-get-enabled, with
 * ovn-nbctl's arguments, checks and messages.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"
#include "db.h"
#include "model/model.h"
#include "util/prefix.h"

static long requested_key(const struct ctl_ctx *ctx)
{
	return ctl_has_opt(ctx, CTL_OPT_TUNNEL_KEY) ? ctx->cmd->tunnel_key : 0;
}

static int lr_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr;

	(void)argc;
	if (ctl_check_name("router", argv[0]))
		return -1;
	if (ctl_find_router(ctx->model, argv[0])) {
		if (ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
			return 0;
		return ctl_fail("%s: a router with this name already exists", argv[0]);
	}
	lr = json_pack("{s:s, s:[]}", "name", argv[0], "ports");
	if (ctl_ensure_uuid(lr) || ctl_assign_router_key(ctx->model, lr, requested_key(ctx))) {
		json_decref(lr);
		return -1;
	}
	json_array_append_new(ctl_array(ctx->model, "logical_routers"), lr);
	return 0;
}

static size_t index_of(const json_t *array, const json_t *item)
{
	size_t i;

	for (i = 0; i < json_array_size(array); i++)
		if (json_array_get(array, i) == item)
			return i;
	return (size_t)-1;
}

/* As in OVN, the router's ports and static routes go with it. */
static int lr_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *routers = json_object_get(ctx->model, "logical_routers");
	json_t *lr = ctl_find_router(ctx->model, argv[0]);

	(void)argc;
	if (!lr) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		ctl_need_router(ctx->model, argv[0]);   /* says why */
		return -1;
	}
	json_array_remove(routers, index_of(routers, lr));
	return 0;
}

/* "UUID (name)" of every row, sorted by name, as ovn-nbctl lists them. */
static int cmp_rows_by_name(const void *a, const void *b)
{
	const char *x = ctl_str(*(json_t *const *)a, "name");
	const char *y = ctl_str(*(json_t *const *)b, "name");

	return strcmp(x ? x : "", y ? y : "");
}

static void print_uuid_names(FILE *out, const json_t *rows)
{
	size_t n = json_array_size(rows), i;
	json_t **v = calloc(n + 1, sizeof(*v));

	if (!v)
		return;
	for (i = 0; i < n; i++)
		v[i] = json_array_get(rows, i);
	qsort(v, n, sizeof(*v), cmp_rows_by_name);
	for (i = 0; i < n; i++) {
		const char *uuid = ctl_str(v[i], "_uuid");

		fprintf(out, "%s (%s)\n", uuid ? uuid : "00000000-0000-0000-0000-000000000000",
			ctl_str(v[i], "name"));
	}
	free(v);
}

static int lr_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	print_uuid_names(ctx->out, json_object_get(ctx->model, "logical_routers"));
	return 0;
}

/* NETWORK... ends at the first KEY=VALUE setting. */
static int count_networks(int argc, char **argv)
{
	int i;

	for (i = 3; i < argc; i++)
		if (strchr(argv[i], '='))
			break;
	return i - 3;
}

/* The network's prefix in canonical form, as ovn-nbctl compares networks. */
static int normalized_network(const char *s, char out[XOVN_PREFIX_STRLEN])
{
	struct xovn_ip ip;

	if (xovn_parse_prefix(s, XOVN_PLEN_REQUIRED, &ip) < 0)
		return -1;
	xovn_prefix_mask(&ip);
	xovn_prefix_str(&ip, out);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct normalized networks, sorted, as one JSON array of strings. */
static json_t *network_set(json_t *list)
{
	size_t n = json_array_size(list), i, k = 0;
	char (*norm)[XOVN_PREFIX_STRLEN] = calloc(n + 1, sizeof(*norm));
	const char **p = calloc(n + 1, sizeof(*p));
	json_t *set = json_array();

	for (i = 0; norm && p && i < n; i++)
		if (normalized_network(json_string_value(json_array_get(list, i)), norm[i]) == 0)
			p[k++] = norm[i];
	if (p)
		qsort(p, k, sizeof(*p), cmp_str);
	for (i = 0; p && i < k; i++)
		if (i == 0 || strcmp(p[i], p[i - 1]))
			json_array_append_new(set, json_string(p[i]));
	free(norm);
	free(p);
	return set;
}

static json_t *string_list(int n, char **v)
{
	json_t *list = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(list, json_string(v[i]));
	return list;
}

static const char *setting_peer(int n, char **settings)
{
	int i;

	for (i = 0; i < n; i++)
		if (strncmp(settings[i], "peer=", 5) == 0)
			return settings[i] + 5;
	return NULL;
}

/* --may-exist: the same port on the same router with the same MAC, networks and peer. */
static int lrp_matches(json_t *model, json_t *lr, const char *name, const uint8_t mac[6],
		       json_t *networks, const char *peer)
{
	json_t *owner = NULL, *lrp = ctl_find_router_port(model, name, &owner);
	json_t *old_set, *new_set;
	uint8_t old_mac[6];
	int same;

	if (owner != lr)
		return ctl_fail("%s: port already exists but in router %s", name,
				ctl_str(owner, "name"));
	if (xovn_parse_mac(ctl_str(lrp, "mac"), old_mac) < 0 || memcmp(old_mac, mac, 6))
		return ctl_fail("%s: port already exists with mac %s", name, ctl_str(lrp, "mac"));
	old_set = network_set(json_object_get(lrp, "networks"));
	new_set = network_set(networks);
	same = json_equal(old_set, new_set);
	json_decref(old_set);
	json_decref(new_set);
	if (!same)
		return ctl_fail("%s: port already exists with different network", name);
	if (!peer != !ctl_str(lrp, "peer") || (peer && strcmp(peer, ctl_str(lrp, "peer"))))
		return ctl_fail("%s: port already exists with mismatching peer", name);
	return 0;
}

/* The first network that is not ADDRESS/PLEN, NULL when all are. */
static const char *first_bad_network(json_t *networks)
{
	char norm[XOVN_PREFIX_STRLEN];
	json_t *el;
	size_t i;

	json_array_foreach(networks, i, el)
		if (normalized_network(json_string_value(el), norm) < 0)
			return json_string_value(el);
	return NULL;
}

/* KEY=VALUE settings after the networks, written as the generic "set" would. */
static int apply_settings(json_t *model, json_t *lr, json_t *lrp, int n, char **settings)
{
	const struct db_table *t = db_table_by_name("Logical_Router_Port");
	struct db_row row = { lrp, json_object_get(lr, "ports"), lr };
	int i;

	for (i = 0; i < n; i++)
		if (db_set_arg(model, t, &row, settings[i]))
			return -1;
	return 0;
}

static json_t *new_router_port(struct ctl_ctx *ctx, json_t *lr, char **argv, int n_networks)
{
	json_t *lrp = json_pack("{s:s, s:s, s:o}", "name", argv[1], "mac", argv[2],
				"networks", string_list(n_networks, argv + 3));

	if (!lrp || ctl_ensure_uuid(lrp) ||
	    ctl_assign_port_key(lr, lrp, requested_key(ctx))) {
		json_decref(lrp);
		return NULL;
	}
	return lrp;
}

/* PORT exists: an error, or with --may-exist fine if it is the same port. */
static int existing_port(struct ctl_ctx *ctx, json_t *lr, const char *name,
			 const uint8_t mac[6], json_t *networks, const char *peer)
{
	if (!ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
		return ctl_fail("%s: a port with this name already exists", name);
	if (first_bad_network(networks))
		return ctl_fail("%s: Invalid networks configured", name);
	return lrp_matches(ctx->model, lr, name, mac, networks, peer);
}

/*
 * Router and logical switch ports share one name space in OVN (both become
 * Port_Binding rows): a router port may not take a switch port's name.
 */
static int check_new_port(json_t *model, const char *name, json_t *networks)
{
	const char *bad = first_bad_network(networks);

	if (bad)
		return ctl_fail("%s: invalid network address: %s%s", name, bad,
				strchr(bad, '/') ? "" : " (xovn needs ADDRESS/PLEN)");
	if (ctl_check_name("port", name))
		return -1;
	if (xovn_find_port(model, name, NULL))
		return ctl_fail("%s: a logical switch port has this name (router and switch "
				"ports share one name space)", name);
	return 0;
}

static int lrp_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]), *networks, *lrp;
	int n_networks = count_networks(argc, argv), rc, exists;
	char **settings = argv + 3 + n_networks;
	int n_settings = argc - 3 - n_networks;
	uint8_t mac[6];

	if (!lr)
		return -1;
	if (n_networks == 0)
		return ctl_fail("%s: router port requires specifying a network", argv[1]);
	if (xovn_parse_mac(argv[2], mac) < 0)
		return ctl_fail("%s: invalid mac address %s", argv[1], argv[2]);
	networks = string_list(n_networks, argv + 3);
	exists = ctl_find_router_port(ctx->model, argv[1], NULL) != NULL;
	rc = exists ? existing_port(ctx, lr, argv[1], mac, networks,
				    setting_peer(n_settings, settings)) :
		      check_new_port(ctx->model, argv[1], networks);
	json_decref(networks);
	if (rc || exists)
		return rc;
	lrp = new_router_port(ctx, lr, argv, n_networks);
	if (!lrp)
		return -1;
	json_array_append_new(ctl_array(lr, "ports"), lrp);
	return apply_settings(ctx->model, lr, lrp, n_settings, settings);
}

static int lrp_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = NULL, *lrp = ctl_find_router_port(ctx->model, argv[0], &lr);

	(void)argc;
	if (!lrp) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		ctl_need_router_port(ctx->model, argv[0], NULL);   /* says why */
		return -1;
	}
	json_array_remove(json_object_get(lr, "ports"),
			  index_of(json_object_get(lr, "ports"), lrp));
	return 0;
}

static int lrp_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]);

	(void)argc;
	if (!lr)
		return -1;
	print_uuid_names(ctx->out, json_object_get(lr, "ports"));
	return 0;
}

static int lrp_set_enabled(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!lrp)
		return -1;
	if (strcasecmp(argv[1], "enabled") && strcasecmp(argv[1], "disabled"))
		return ctl_fail("%s: state must be \"enabled\" or \"disabled\"", argv[1]);
	json_object_set_new(lrp, "enabled", json_boolean(strcasecmp(argv[1], "enabled") == 0));
	return 0;
}

static int lrp_get_enabled(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!lrp)
		return -1;
	fprintf(ctx->out, "%s\n", json_is_false(json_object_get(lrp, "enabled")) ?
		"disabled" : "enabled");
	return 0;
}

const struct ctl_verb ctl_router_verbs[] = {
	{ "lr-add", 1, 1, 1, CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, lr_add },
	{ "lr-del", 1, 1, 1, CTL_OPT_IF_EXISTS, lr_del },
	{ "lr-list", 0, 0, 0, 0, lr_list },
	{ "lrp-add", 4, -1, 1, CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, lrp_add },
	{ "lrp-del", 1, 1, 1, CTL_OPT_IF_EXISTS, lrp_del },
	{ "lrp-list", 1, 1, 0, 0, lrp_list },
	{ "lrp-set-enabled", 2, 2, 1, 0, lrp_set_enabled },
	{ "lrp-get-enabled", 1, 1, 0, 0, lrp_get_enabled },
	{ 0 }
};
