/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_gateway.c - a distributed gateway port's chassis:
 * lrp-set-gateway-chassis, lrp-del-gateway-chassis, lrp-get-gateway-chassis
 * and lrp-set/get-redirect-type, with ovn-nbctl's arguments, messages and
 * output.  A gateway chassis row is named PORT-CHASSIS, as ovn-nbctl names
 * it; the chassis need not exist yet (the port then waits for it, see
 * lib/model/validate/incomplete.c).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"

static int parse_priority(const char *s, long *out)
{
	char *end;

	*out = strtol(s, &end, 10);
	if (!*s || *end || *out < 0 || *out > 32767)
		return ctl_fail("%s: priority must in range 0...32767", s);
	return 0;
}

static json_t *find_gateway(json_t *lrp, const char *key, const char *value)
{
	json_t *gc;
	size_t i;

	json_array_foreach(json_object_get(lrp, "gateway_chassis"), i, gc)
		if (ctl_str(gc, key) && strcmp(ctl_str(gc, key), value) == 0)
			return gc;
	return NULL;
}

static int lrp_set_gateway_chassis(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL), *gc;
	long priority = 0;
	char *name;

	if (!lrp || (argc == 3 && parse_priority(argv[2], &priority)) ||
	    ctl_check_name("chassis", argv[1]))
		return -1;
	if (asprintf(&name, "%s-%s", argv[0], argv[1]) < 0)
		return ctl_fail("out of memory");
	gc = find_gateway(lrp, "name", name);
	if (gc) {
		free(name);
		json_object_set_new(gc, "priority", json_integer(priority));
		return 0;
	}
	gc = json_pack("{s:s, s:s, s:I}", "name", name, "chassis_name", argv[1], "priority",
		       (json_int_t)priority);
	free(name);
	if (!gc || ctl_ensure_uuid(gc)) {
		json_decref(gc);
		return -1;
	}
	json_array_append_new(ctl_array(lrp, "gateway_chassis"), gc);
	return 0;
}

static int lrp_del_gateway_chassis(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL), *list, *gc;
	size_t i;

	(void)argc;
	if (!lrp)
		return -1;
	list = json_object_get(lrp, "gateway_chassis");
	json_array_foreach(list, i, gc) {
		if (!ctl_str(gc, "chassis_name") || strcmp(ctl_str(gc, "chassis_name"), argv[1]))
			continue;
		json_array_remove(list, i);
		if (!json_array_size(list))
			json_object_del(lrp, "gateway_chassis");
		return 0;
	}
	return ctl_fail("chassis %s is not added to logical port %s", argv[1], argv[0]);
}

int ctl_cmp_gateway_chassis(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x, *b = *(const json_t *const *)y;
	json_int_t pa = json_integer_value(json_object_get(a, "priority"));
	json_int_t pb = json_integer_value(json_object_get(b, "priority"));
	const char *na = ctl_str(a, "name"), *nb = ctl_str(b, "name");

	if (pa != pb)
		return pa > pb ? -1 : 1;
	return strcmp(nb ? nb : "", na ? na : "");
}

static int lrp_get_gateway_chassis(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL), *list;
	const json_t **v;
	size_t n, i;

	(void)argc;
	if (!lrp)
		return -1;
	list = json_object_get(lrp, "gateway_chassis");
	v = ctl_sorted_members(list, &n, ctl_cmp_gateway_chassis);
	if (!v && n)
		return ctl_fail("out of memory");
	for (i = 0; i < n; i++)
		fprintf(ctx->out, "%s %5lld\n", ctl_str(v[i], "name") ? ctl_str(v[i], "name") : "",
			(long long)json_integer_value(json_object_get(v[i], "priority")));
	free(v);
	return 0;
}

/* options:redirect-type, as written; "overlay" when unset. */
static int lrp_set_redirect_type(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!lrp)
		return -1;
	if (strcasecmp(argv[1], "overlay") && strcasecmp(argv[1], "bridged"))
		return ctl_fail("Invalid redirect type: %s", argv[1]);
	json_object_set_new(ctl_object(lrp, "options"), "redirect-type", json_string(argv[1]));
	return 0;
}

static int lrp_get_redirect_type(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lrp = ctl_need_router_port(ctx->model, argv[0], NULL);
	const char *type;

	(void)argc;
	if (!lrp)
		return -1;
	type = ctl_str(json_object_get(lrp, "options"), "redirect-type");
	fprintf(ctx->out, "%s\n", type ? type : "overlay");
	return 0;
}

const struct ctl_verb ctl_gateway_verbs[] = {
	{ "lrp-set-gateway-chassis", 2, 3, 1, 0, lrp_set_gateway_chassis },
	{ "lrp-del-gateway-chassis", 2, 2, 1, 0, lrp_del_gateway_chassis },
	{ "lrp-get-gateway-chassis", 1, 1, 0, 0, lrp_get_gateway_chassis },
	{ "lrp-set-redirect-type", 2, 2, 1, 0, lrp_set_redirect_type },
	{ "lrp-get-redirect-type", 1, 1, 0, 0, lrp_get_redirect_type },
	{ 0 }
};
