// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* trace_hops.c - the routers a traced frame crossed, named from the model. */
#include <arpa/inet.h>
#include <string.h>

#include "dataplane/names.h"
#include "dataplane/trace_hops.h"

static const char *name_or(const char *name, const char *fallback)
{
	return name ? name : fallback;
}

static json_t *lrp_ref(const struct xovn_model *model, uint32_t rtr_key, uint16_t lrp_key)
{
	if (!lrp_key)
		return json_null();
	return json_pack("{s:s, s:i}", "name", name_or(xovn_lrp_by_key(model, rtr_key, lrp_key), "?"),
			 "key", (json_int_t)lrp_key);
}

static const char *route_kind(const struct xovn_trace_hop *h)
{
	if (h->flags & XOVN_HOP_LOCAL)
		return "local";
	if (h->flags & XOVN_HOP_CONNECTED)
		return "connected";
	return "static";
}

/* The next hop, or null when the route chose none (local, or no route at all). */
static json_t *nexthop_of(const struct xovn_trace_hop *h)
{
	static const uint8_t zero[16];
	char text[INET6_ADDRSTRLEN];
	int v6 = (h->flags & XOVN_HOP_IPV6) != 0;

	if (!h->out_lrp || memcmp(h->nexthop, zero, v6 ? 16 : 4) == 0)
		return json_null();
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, h->nexthop, text, sizeof(text)))
		return json_null();
	return json_string(text);
}

static json_t *hop_json(const struct xovn_model *model, const struct xovn_trace_hop *h)
{
	json_t *o = json_pack("{s:s, s:i, s:o, s:o, s:s, s:s, s:i, s:i, s:i, s:o}",
			      "router", name_or(xovn_router_by_key(model, h->rtr_key), "?"),
			      "router_key", (json_int_t)h->rtr_key,
			      "in_port", lrp_ref(model, h->rtr_key, h->in_lrp),
			      "out_port", lrp_ref(model, h->rtr_key, h->out_lrp),
			      "policy", (h->flags & XOVN_HOP_SRC_ROUTE) ? "src-ip" : "dst-ip",
			      "route", route_kind(h), "plen", (json_int_t)h->plen,
			      "path", (json_int_t)h->path, "n_paths", (json_int_t)h->n_paths,
			      "nexthop", nexthop_of(h));

	json_object_set_new(o, "family", json_string((h->flags & XOVN_HOP_IPV6) ? "ipv6" : "ipv4"));
	json_object_set_new(o, "switch", h->out_dp_key ?
			    json_string(name_or(xovn_switch_by_key(model, h->out_dp_key), "?")) :
			    json_null());
	json_object_set_new(o, "switch_key", json_integer(h->out_dp_key));
	json_object_set_new(o, "neighbour_miss", json_boolean(h->flags & XOVN_HOP_NEIGH_MISS));
	json_object_set_new(o, "ttl_expired", json_boolean(h->flags & XOVN_HOP_TTL));
	if (h->flags & XOVN_HOP_REDIRECT)
		json_object_set_new(o, "redirect_chassis", json_string(name_or(
			xovn_gateway_by_key(model, h->rtr_key, h->out_lrp), "?")));
	json_object_set_new(o, "dnat", json_boolean(h->flags & XOVN_HOP_DNAT));
	json_object_set_new(o, "snat", json_boolean(h->flags & XOVN_HOP_SNAT));
	return o;
}

json_t *xovn_trace_hops_json(const struct xovn_model *model, const struct xovn_trace *rec)
{
	json_t *list = json_array();
	uint32_t n = rec->n_hops < XOVN_MAX_ROUTER_HOPS ? rec->n_hops : XOVN_MAX_ROUTER_HOPS;

	for (uint32_t i = 0; i < n; i++)
		json_array_append_new(list, hop_json(model, &rec->hops[i]));
	return list;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "?";
}

static long long num(const json_t *obj, const char *key)
{
	return (long long)json_integer_value(json_object_get(obj, key));
}

static void print_hop(FILE *out, const json_t *h)
{
	const json_t *in = json_object_get(h, "in_port"), *o = json_object_get(h, "out_port");
	const json_t *nh = json_object_get(h, "nexthop");

	fprintf(out, "  router %s (key %lld): in by %s", str(h, "router"), num(h, "router_key"),
		str(in, "name"));
	if (strcmp(str(h, "route"), "local") == 0) {
		fprintf(out, ", to the router's own address\n");
		return;
	}
	if (json_is_null(o)) {
		fprintf(out, ", no route out\n");
		return;
	}
	fprintf(out, ", %s %s route /%lld", str(h, "policy"), str(h, "route"), num(h, "plen"));
	if (num(h, "n_paths") > 1)
		fprintf(out, ", ECMP path %lld of %lld", num(h, "path") + 1, num(h, "n_paths"));
	if (json_is_string(nh))
		fprintf(out, ", next hop %s", json_string_value(nh));
	fprintf(out, ", out by %s", str(o, "name"));
	if (json_is_string(json_object_get(h, "switch")))
		fprintf(out, " to switch %s", str(h, "switch"));
	if (json_is_true(json_object_get(h, "neighbour_miss")))
		fprintf(out, " (next hop's MAC unknown: asked for it)");
	if (json_is_true(json_object_get(h, "ttl_expired")))
		fprintf(out, " (TTL expired)");
	if (json_is_string(json_object_get(h, "redirect_chassis")))
		fprintf(out, ", redirect to gateway chassis %s", str(h, "redirect_chassis"));
	if (json_is_true(json_object_get(h, "dnat")))
		fprintf(out, " (destination NATed)");
	if (json_is_true(json_object_get(h, "snat")))
		fprintf(out, " (source NATed)");
	fputc('\n', out);
}

void xovn_trace_hops_print(FILE *out, const json_t *hops)
{
	const json_t *h;
	size_t i;

	json_array_foreach(hops, i, h)
		print_hop(out, h);
}
