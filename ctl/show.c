/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * show.c - the whole model in one readable listing: the northbound view
 * (switches and ports, as ovn-nbctl show) followed by the southbound one
 * (chassis, their VIFs and bound ports, as ovn-sbctl show) and HA groups.
 */
#include <string.h>

#include "ctl.h"
#include "model/model.h"

static void show_string_list(FILE *out, const char *label, const json_t *list)
{
	json_t *el;
	size_t i;

	if (json_array_size(list) == 0)
		return;
	fprintf(out, "        %s:", label);
	json_array_foreach(list, i, el)
		fprintf(out, "%s \"%s\"", i ? "," : "", json_string_value(el));
	fputc('\n', out);
}

static void show_port(FILE *out, const json_t *model, const json_t *port)
{
	const char *name = ctl_str(port, "name");
	const char *type = xovn_port_type_str(port);
	const char *bound = xovn_port_binding(model, name);

	fprintf(out, "    port %s (key %lld)\n", name,
		(long long)json_integer_value(json_object_get(port, "tunnel_key")));
	if (type[0])
		fprintf(out, "        type: %s\n", type);
	if (json_object_get(port, "parent_name"))
		fprintf(out, "        parent: %s\n", ctl_str(port, "parent_name"));
	if (json_object_get(port, "tag"))
		fprintf(out, "        tag: %lld\n",
			(long long)json_integer_value(json_object_get(port, "tag")));
	show_string_list(out, "addresses", json_object_get(port, "addresses"));
	show_string_list(out, "port_security", json_object_get(port, "port_security"));
	ctl_print_sorted_pairs(out, json_object_get(port, "options"),
			       "        option: ", "=", "\n");
	if (json_object_get(port, "ha_chassis_group"))
		fprintf(out, "        ha_chassis_group: %s\n",
			ctl_str(port, "ha_chassis_group"));
	if (bound)
		fprintf(out, "        bound: %s\n", bound);
}

static void show_switches(FILE *out, const json_t *model)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		fprintf(out, "switch %s (key %lld)\n", ctl_str(sw, "name"),
			(long long)json_integer_value(json_object_get(sw, "tunnel_key")));
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			show_port(out, model, port);
	}
}

/* Ports bound to the chassis other than through one of its VIFs. */
static void show_other_bindings(FILE *out, const json_t *model, const json_t *ch)
{
	const char *chassis = ctl_str(ch, "name");
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *name = ctl_str(port, "name");
			const char *bound = xovn_port_binding(model, name);

			if (bound && strcmp(bound, chassis) == 0 &&
			    ctl_index_by_name(json_object_get(ch, "vifs"), "port", name) < 0)
				fprintf(out, "    port_binding %s\n", name);
		}
	}
}

static void show_chassis(FILE *out, const json_t *model)
{
	json_t *ch, *vif;
	size_t i, j;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *state = ctl_str(ch, "state");

		fprintf(out, "chassis %s\n", ctl_str(ch, "name"));
		fprintf(out, "    encap geneve ip: %s\n",
			ctl_str(json_object_get(ch, "encap"), "ip"));
		if (json_object_get(ch, "encap_iface"))
			fprintf(out, "    encap_iface: %s\n", ctl_str(ch, "encap_iface"));
		fprintf(out, "    state: %s\n", state ? state : "up");
		ctl_print_sorted_pairs(out, json_object_get(ch, "bridge_mappings"),
				       "    bridge_mapping: ", ":", "\n");
		json_array_foreach(json_object_get(ch, "vifs"), j, vif)
			fprintf(out, "    vif %s -> port %s\n", ctl_str(vif, "iface"),
				ctl_str(vif, "port"));
		show_other_bindings(out, model, ch);
	}
}

static void show_groups(FILE *out, const json_t *model)
{
	json_t *group, *member;
	size_t i, j;

	json_array_foreach(json_object_get(model, "ha_chassis_groups"), i, group) {
		fprintf(out, "ha_chassis_group %s\n", ctl_str(group, "name"));
		json_array_foreach(json_object_get(group, "members"), j, member)
			fprintf(out, "    chassis %s priority %lld\n", ctl_str(member, "chassis"),
				(long long)json_integer_value(json_object_get(member, "priority")));
	}
}

static int show(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_switches(ctx->out, ctx->model);
	show_chassis(ctx->out, ctx->model);
	show_groups(ctx->out, ctx->model);
	return 0;
}

const struct ctl_verb ctl_show_verbs[] = {
	{ "show", 0, 0, 0, 0, show },
	{ 0 }
};
