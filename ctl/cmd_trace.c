// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cmd_trace.c - the trace verb: options, the frame, and the report.
 *
 *   trace [--chassis NAME] [--pin-dir DIR] [--json] PORT FIELDS...
 *   trace [--chassis NAME] [--pin-dir DIR] [--json] [--packet N] --pcap FILE PORT
 *   trace --chassis NAME --underlay [--json] (--pcap FILE | FIELDS...)
 *
 * Read-only: it takes the model's shared lock like any reader and never
 * writes a map, so it may run against a chassis carrying traffic.
 */
#include <stdlib.h>
#include <string.h>

#include "dataplane/counters.h"
#include "ctl.h"
#include "model/model.h"
#include "dataplane/names.h"
#include "trace.h"

struct trace_args {
	const char *chassis;
	const char *pin_dir;
	const char *pcap;
	unsigned long packet;
	int json;
	int underlay;
	int npos;
	char **pos;          /* PORT and FIELDS words */
};

static int option_value(int argc, char **argv, int *i, const char **value)
{
	if (*i + 1 >= argc)
		return ctl_fail("trace: %s requires a value", argv[*i]);
	*value = argv[++*i];
	return 0;
}

static int parse_option(struct trace_args *a, int argc, char **argv, int *i)
{
	const char *opt = argv[*i], *v = NULL;
	long n;

	if (strcmp(opt, "--json") == 0)
		a->json = 1;
	else if (strcmp(opt, "--underlay") == 0)
		a->underlay = 1;
	else if (strcmp(opt, "--chassis") == 0)
		return option_value(argc, argv, i, &a->chassis);
	else if (strcmp(opt, "--pin-dir") == 0)
		return option_value(argc, argv, i, &a->pin_dir);
	else if (strcmp(opt, "--pcap") == 0)
		return option_value(argc, argv, i, &a->pcap);
	else if (strcmp(opt, "--packet") == 0) {
		if (option_value(argc, argv, i, &v) ||
		    ctl_parse_long("packet number", v, 1, 1000000000L, &n))
			return -1;
		a->packet = (unsigned long)n;
	} else
		return ctl_fail("trace: unknown option %s", opt);
	return 0;
}

static int parse_args(struct trace_args *a, int argc, char **argv)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->packet = 1;
	a->pos = calloc((size_t)argc + 1, sizeof(*a->pos));
	if (!a->pos)
		return ctl_fail("out of memory");
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0) {
			if (parse_option(a, argc, argv, &i))
				return -1;
		} else {
			a->pos[a->npos++] = argv[i];
		}
	}
	if (a->underlay && !a->chassis)
		return ctl_fail("trace: --underlay needs --chassis");
	return 0;
}

/* The FIELDS words joined by spaces, so quoting them as one argument is optional. */
static char *join_fields(char **words, int n)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = calloc(1, len);
	for (i = 0; s && i < n; i++) {
		strcat(s, words[i]);
		if (i + 1 < n)
			strcat(s, " ");
	}
	return s;
}

static int load_frame(const struct trace_args *a, char **fields, int nfields,
		      struct trace_request *req)
{
	char err[512], *joined;
	int rc;

	if (a->pcap) {
		if (nfields)
			return ctl_fail("trace: give either --pcap or FIELDS, not both");
		if (xovn_pcap_read(a->pcap, (unsigned)a->packet, req->frame, sizeof(req->frame),
				   &req->len, err, sizeof(err)))
			return ctl_fail("trace: %s", err);
	} else {
		if (!nfields)
			return ctl_fail("trace: missing FIELDS (e.g. eth.src=MAC eth.dst=MAC) or --pcap");
		joined = join_fields(fields, nfields);
		if (!joined)
			return ctl_fail("out of memory");
		rc = xovn_frame_from_fields(joined, req->frame, sizeof(req->frame), &req->len,
					    err, sizeof(err));
		free(joined);
		if (rc)
			return ctl_fail("trace: %s", err);
	}
	req->frame_from_user_tag = xovn_frame_vid(req->frame, req->len) >= 0;
	return 0;
}

/* The chassis to trace on: given, else the one the port is bound to. */
static const char *pick_chassis(const json_t *model, const struct trace_args *a)
{
	const char *ch = a->chassis;

	if (!ch && !(ch = xovn_port_binding(model, a->pos[0]))) {
		ctl_fail("trace: port %s is not bound to a chassis; give --chassis", a->pos[0]);
		return NULL;
	}
	if (!xovn_find_chassis(model, ch)) {
		ctl_fail("trace: no chassis named %s", ch);
		return NULL;
	}
	return ch;
}

static int port_keys(const struct xovn_model *model, const char *port, uint32_t *dp_key,
		     uint16_t *port_key)
{
	if (!xovn_model_port(model, port))
		return ctl_fail("trace: no port named %s", port);
	if (xovn_port_keys(model, port, dp_key, port_key))
		return ctl_fail("trace: port %s has no tunnel keys", port);
	return 0;
}

static int find_entry(const json_t *model, const struct trace_args *a,
		      struct trace_request *req, struct trace_result *res)
{
	struct xovn_model *typed;
	uint32_t dp_key;
	uint16_t port_key;
	int rc;

	if (req->underlay)
		return trace_underlay_ingress(req->pin_dir, &res->in);
	typed = xovn_model_read(model);
	if (!typed)
		return ctl_fail("out of memory");
	rc = port_keys(typed, req->port, &dp_key, &port_key);
	xovn_model_free(typed);
	if (rc)
		return -1;
	if (trace_find_ingress(req->pin_dir, dp_key, port_key, &res->in))
		return ctl_fail("trace: port %s has no interface on chassis %s (is it attached "
				"there and is xovnd running?)", req->port, a->chassis ?
				a->chassis : req->chassis);
	return 0;
}

static int emit(struct ctl_ctx *ctx, const struct trace_args *a, const struct trace_request *req,
		const struct trace_result *res)
{
	json_t *report = trace_report(ctx->model, req, res);

	if (!report)
		return ctl_fail("out of memory");
	if (a->json) {
		ctl_print_json(ctx->out, report);
	} else {
		trace_print_text(ctx->out, report);
	}
	json_decref(report);
	return 0;
}

static int run_trace(struct ctl_ctx *ctx, const struct trace_args *a,
		     struct trace_request *req, struct trace_result *res)
{
	char pin_dir[4096];
	int first_field = a->underlay ? 0 : 1;

	if (!a->underlay && a->npos < 1)
		return ctl_fail("trace: missing PORT");
	req->underlay = a->underlay;
	req->port = a->underlay ? NULL : a->pos[0];
	req->chassis = pick_chassis(ctx->model, a);
	if (!req->chassis)
		return -1;
	if (!a->pin_dir && xovn_pin_dir(req->chassis, pin_dir, sizeof(pin_dir)))
		return ctl_fail("trace: chassis name too long");
	req->pin_dir = a->pin_dir ? a->pin_dir : pin_dir;
	if (load_frame(a, a->pos + first_field, a->npos - first_field, req) ||
	    find_entry(ctx->model, a, req, res) || trace_run(req, res))
		return -1;
	return emit(ctx, a, req, res);
}

static int cmd_trace(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct trace_request *req = calloc(1, sizeof(*req));
	struct trace_result *res = calloc(1, sizeof(*res));
	struct trace_args a = { 0 };
	int rc = -1;

	if (!req || !res)
		rc = ctl_fail("out of memory");
	else if (parse_args(&a, argc, argv) == 0)
		rc = run_trace(ctx, &a, req, res);
	free(a.pos);
	free(req);
	free(res);
	return rc;
}

const struct ctl_verb ctl_trace_verbs[] = {
	{ "trace", 0, -1, 0, 0, cmd_trace },
	{ 0 }
};
