// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * trace_report.c - a trace record turned into a report with model names.
 *
 * The record says what the pipeline decided and where it stopped; the
 * report walks the pipeline's stages in order (ingress, admission, port
 * security, ARP/ND responder, L2 lookup, output) and says for each one what
 * happened, so a drop is shown at the stage that took it.  JSON is the one
 * representation; the text form is printed from it.
 */
#include <arpa/inet.h>
#include <linux/pkt_cls.h>
#include <stdio.h>
#include <string.h>

#include "dataplane/names.h"
#include "dataplane/trace_hops.h"
#include "trace.h"

enum stage { ST_INGRESS, ST_ADMISSION, ST_PORT_SECURITY, ST_RESPONDER, ST_L2, ST_OUTPUT };

static const char *const stage_names[] = {
	"ingress", "admission", "port-security", "arp-responder", "l2-lookup", "output",
};

static enum stage stage_of_drop(unsigned reason)
{
	switch (reason) {
	case XOVN_DROP_MALFORMED:
	case XOVN_DROP_NO_PORT:
	case XOVN_DROP_VLAN_NOT_ALLOWED:
	case XOVN_DROP_STACKED_VLAN:
	case XOVN_DROP_GENEVE_SHORT:
	case XOVN_DROP_GENEVE_OPTLEN:
	case XOVN_DROP_GENEVE_OPTION:
	case XOVN_DROP_GENEVE_VNI:
		return ST_INGRESS;
	case XOVN_DROP_SRC_MULTICAST:
		return ST_ADMISSION;
	case XOVN_DROP_PORT_SEC_SRC:
		return ST_PORT_SECURITY;
	case XOVN_DROP_EXTERNAL_NOT_HELD:
		return ST_RESPONDER;
	case XOVN_DROP_HAIRPIN:
	case XOVN_DROP_NO_UNKNOWN_PORT:
		return ST_L2;
	default:
		return ST_OUTPUT;
	}
}

/* The stage where the pipeline made its final decision. */
static enum stage decision_stage(const struct xovn_trace *rec)
{
	if (rec->action == XOVN_ACT_DROP)
		return stage_of_drop(rec->drop_reason);
	if (rec->action == XOVN_ACT_ARP_REPLY)
		return ST_RESPONDER;
	return ST_OUTPUT;
}

static const char *name_or(const char *name, const char *fallback)
{
	return name ? name : fallback;
}

static json_t *port_ref(const struct xovn_model *model, uint32_t dp_key, uint16_t port_key)
{
	return json_pack("{s:s, s:i}", "name",
			 name_or(xovn_port_by_key(model, dp_key, port_key), "?"),
			 "key", (json_int_t)port_key);
}

static const char *verdict_name(int v)
{
	switch (v) {
	case TC_ACT_OK: return "ok";
	case TC_ACT_SHOT: return "shot";
	case TC_ACT_REDIRECT: return "redirect";
	case TC_ACT_UNSPEC: return "unspec";
	default: return "other";
	}
}

static const char *origin_of(const struct xovn_trace *rec)
{
	if (rec->flags & XOVN_TF_FROM_TUNNEL)
		return "tunnel";
	if (rec->flags & XOVN_TF_FROM_LOCALNET)
		return "localnet";
	return "local";
}

/*
 * The switch and port the frame entered by.  After a router the record's
 * switch and port are those it was routed into (the router port's peer),
 * so the traced port's own keys are taken from the model.
 */
static void ingress_keys(const struct xovn_model *model, const struct trace_request *req,
			 const struct xovn_trace *rec, uint32_t *dp, uint16_t *port)
{
	*dp = rec->dp_key;
	*port = rec->in_port;
	if (rec->n_hops && req->port && xovn_port_keys(model, req->port, dp, port) < 0) {
		*dp = rec->dp_key;
		*port = rec->in_port;
	}
}

static json_t *ingress_report(const struct xovn_model *model, const struct trace_request *req,
			      const struct trace_result *res)
{
	const struct xovn_trace *rec = &res->rec;
	uint32_t dp;
	uint16_t port;

	ingress_keys(model, req, rec, &dp, &port);
	return json_pack("{s:s, s:i, s:o, s:i, s:i, s:s}",
			 "switch", name_or(xovn_switch_by_key(model, dp), "?"),
			 "switch_key", (json_int_t)dp,
			 "port", port_ref(model, dp, port),
			 "ifindex", (json_int_t)res->in.ifindex,
			 "vid", (json_int_t)rec->in_vid,
			 "origin", origin_of(rec));
}

static json_t *tunnel_output(const struct xovn_model *model, const struct xovn_trace *rec,
			     const struct xovn_trace_out *o)
{
	char ip[INET_ADDRSTRLEN];
	struct in_addr a = { .s_addr = o->remote_ip };

	inet_ntop(AF_INET, &a, ip, sizeof(ip));
	return json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}", "kind", "tunnel",
			 "chassis", name_or(xovn_chassis_by_ip(model, o->remote_ip), "?"),
			 "remote_ip", ip, "vni", (json_int_t)rec->dp_key,
			 "ingress_key", (json_int_t)rec->in_port,
			 "egress", port_ref(model, rec->dp_key, o->port_key));
}

static json_t *outputs_report(const struct xovn_model *model, const struct xovn_trace *rec)
{
	json_t *list = json_array();
	unsigned i;

	for (i = 0; i < rec->n_out && i < XOVN_MAX_TRACE_OUT; i++) {
		const struct xovn_trace_out *o = &rec->out[i];

		if (o->kind == XOVN_OUT_TUNNEL)
			json_array_append_new(list, tunnel_output(model, rec, o));
		else
			json_array_append_new(list, json_pack(
				"{s:s, s:o, s:i, s:i}", "kind", xovn_out_kind_name(o->kind),
				"port", port_ref(model, rec->dp_key, o->port_key),
				"ifindex", (json_int_t)o->ifindex, "vid", (json_int_t)o->vid));
	}
	return list;
}

/* What a stage that the frame passed did. */
static const char *passed_text(enum stage s, const struct trace_result *res)
{
	switch (s) {
	case ST_ADMISSION: return "ok";
	case ST_PORT_SECURITY:
		return (res->in.flags & XOVN_IN_PORT_SECURITY) ? "ok" : "not enabled";
	case ST_RESPONDER: return "not answered";
	case ST_L2: return "ok";
	default: return "ok";
	}
}

static void decision_text(const struct xovn_model *model, const struct xovn_trace *rec, char *buf,
			  size_t cap)
{
	const char *out = name_or(xovn_port_by_key(model, rec->dp_key, rec->out_port), "?");

	switch (rec->action) {
	case XOVN_ACT_DROP:
		snprintf(buf, cap, "drop (%s)", xovn_drop_reason_name(rec->drop_reason));
		break;
	case XOVN_ACT_ARP_REPLY:
		snprintf(buf, cap, "answered: reply back to %s", out);
		break;
	case XOVN_ACT_FLOOD:
		snprintf(buf, cap, "flood %s, %u copies", out, rec->n_out);
		break;
	case XOVN_ACT_NONE:
		snprintf(buf, cap, "no decision (not switched here)");
		break;
	default:
		snprintf(buf, cap, "%s to %s", xovn_action_name(rec->action), out);
		break;
	}
}

/* ingress ... decision stage; nothing after it ran. */
static json_t *stages_report(const struct xovn_model *model, const struct trace_request *req,
			     const struct trace_result *res)
{
	enum stage last = decision_stage(&res->rec), s;
	json_t *list = json_array();
	char text[256];
	uint32_t dp;
	uint16_t port;

	ingress_keys(model, req, &res->rec, &dp, &port);
	for (s = ST_INGRESS; s <= last; s++) {
		if (s == last)
			decision_text(model, &res->rec, text, sizeof(text));
		else if (s == ST_INGRESS)
			snprintf(text, sizeof(text), "port %s of switch %s",
				 name_or(xovn_port_by_key(model, dp, port), "?"),
				 name_or(xovn_switch_by_key(model, dp), "?"));
		else
			snprintf(text, sizeof(text), "%s", passed_text(s, res));
		json_array_append_new(list, json_pack("{s:s, s:s}", "stage", stage_names[s],
						      "result", text));
	}
	return list;
}

/* The frame exactly as fed to the program, so it can be replayed live. */
static json_t *frame_hex(const uint8_t *frame, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char hex[2 * (XOVN_FRAME_MAX + 64) + 1];
	size_t i;

	for (i = 0; i < len && i < XOVN_FRAME_MAX + 64; i++) {
		hex[2 * i] = digits[frame[i] >> 4];
		hex[2 * i + 1] = digits[frame[i] & 0xf];
	}
	hex[2 * i] = '\0';
	return json_string(hex);
}

/*
 * A hop out of a gateway port active elsewhere names the chassis the frame
 * was tunneled to: the datapath's choice follows BFD liveness, which the
 * stored model does not hold.
 */
static void name_redirects_by_tunnel(json_t *hops, const json_t *outputs)
{
	const char *to = NULL;
	json_t *it;
	size_t i;

	json_array_foreach(outputs, i, it)
		if (json_is_string(json_object_get(it, "chassis")) &&
		    strcmp(json_string_value(json_object_get(it, "kind")), "tunnel") == 0)
			to = json_string_value(json_object_get(it, "chassis"));
	if (!to)
		return;
	json_array_foreach(hops, i, it)
		if (json_object_get(it, "redirect_chassis"))
			json_object_set_new(it, "redirect_chassis", json_string(to));
}

static json_t *report(const struct xovn_model *model, const struct trace_request *req,
		      const struct trace_result *res)
{
	const struct xovn_trace *rec = &res->rec;
	char frame[512];
	json_t *r;

	xovn_frame_describe(req->frame, req->len, frame, sizeof(frame));
	r = json_pack("{s:s, s:s, s:s, s:s, s:o}", "chassis", req->chassis, "frame", frame,
		      "program", req->underlay ? "underlay" : "vif",
		      "action", xovn_action_name(rec->action),
		      "stages", stages_report(model, req, res));
	json_object_set_new(r, "frame_hex", frame_hex(req->frame, req->len));
	json_object_set_new(r, "ingress", rec->in_port ? ingress_report(model, req, res) : json_null());
	json_object_set_new(r, "drop_reason", rec->action == XOVN_ACT_DROP ?
			    json_string(xovn_drop_reason_name(rec->drop_reason)) : json_null());
	json_object_set_new(r, "out_port", rec->action != XOVN_ACT_DROP && rec->out_port ?
			    port_ref(model, rec->dp_key, rec->out_port) : json_null());
	json_object_set_new(r, "hops", xovn_trace_hops_json(model, rec));
	json_object_set_new(r, "outputs", outputs_report(model, rec));
	name_redirects_by_tunnel(json_object_get(r, "hops"), json_object_get(r, "outputs"));
	json_object_set_new(r, "verdict", json_string(verdict_name(res->verdict)));
	if (rec->action == XOVN_ACT_ARP_REPLY) {
		xovn_frame_describe(res->out_frame, res->out_len, frame, sizeof(frame));
		json_object_set_new(r, "reply", json_string(frame));
	}
	return r;
}

json_t *trace_report(const json_t *doc, const struct trace_request *req,
		     const struct trace_result *res)
{
	struct xovn_model *model = xovn_model_read(doc);
	json_t *r;

	if (!model)
		return NULL;
	r = report(model, req, res);
	xovn_model_free(model);
	return r;
}
