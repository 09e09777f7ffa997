// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* trace_print.c - a trace report (trace_report.c) for a human, one stage a line. */
#include <stdio.h>
#include <string.h>

#include "dataplane/trace_hops.h"
#include "trace.h"

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "?";
}

static long long num(const json_t *obj, const char *key)
{
	return (long long)json_integer_value(json_object_get(obj, key));
}

static void print_vid(FILE *out, long long vid)
{
	if (vid)
		fprintf(out, ", vlan %lld", vid);
}

static void print_output(FILE *out, const json_t *o)
{
	const json_t *port;

	if (strcmp(str(o, "kind"), "tunnel") == 0) {
		port = json_object_get(o, "egress");
		fprintf(out, "    -> tunnel to chassis %s (%s), vni %lld, keys %lld -> %lld (%s)\n",
			str(o, "chassis"), str(o, "remote_ip"), num(o, "vni"),
			num(o, "ingress_key"), num(port, "key"), str(port, "name"));
		return;
	}
	port = json_object_get(o, "port");
	fprintf(out, "    -> %s port %s (key %lld), ifindex %lld", str(o, "kind"),
		str(port, "name"), num(port, "key"), num(o, "ifindex"));
	print_vid(out, num(o, "vid"));
	fputc('\n', out);
}

void trace_print_text(FILE *out, const json_t *report)
{
	const json_t *stage, *o, *in = json_object_get(report, "ingress");
	size_t i;

	fprintf(out, "chassis %s, %s program: %s\n", str(report, "chassis"),
		str(report, "program"), str(report, "frame"));
	if (json_is_object(in)) {
		fprintf(out, "  entered on ifindex %lld", num(in, "ifindex"));
		print_vid(out, num(in, "vid"));
		fprintf(out, " from %s\n", str(in, "origin"));
	}
	json_array_foreach(json_object_get(report, "stages"), i, stage)
		fprintf(out, "  %-14s %s\n", str(stage, "stage"), str(stage, "result"));
	xovn_trace_hops_print(out, json_object_get(report, "hops"));
	json_array_foreach(json_object_get(report, "outputs"), i, o)
		print_output(out, o);
	if (json_object_get(report, "reply"))
		fprintf(out, "  reply: %s\n", str(report, "reply"));
	fprintf(out, "  verdict: %s\n", str(report, "verdict"));
}
