// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cmd_conntrack.c - lr-nat-conntrack: the NAT connections a chassis'
 * datapath holds (xovn_nat_ct), one line per connection in the direction
 * it started, with what it became and how long it has been idle.
 *
 *   lr-nat-conntrack [--chassis NAME] [--pin-dir DIR] [--json] [ROUTER]
 *
 * Read-only, like stats: drops for a full table or no free port are
 * counted there (nat-table-full, nat-no-port).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "ctl.h"
#include "dataplane/counters.h"
#include "dataplane/map_desc.h"
#include "dataplane/names.h"
#include "model/model.h"
#include "xovn_maps.h"

static const char *proto_name(uint8_t proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" :
	       proto == IPPROTO_ICMP ? "icmp" : "ip";
}

/* "a.b.c.d:port" (port in network order). */
static json_t *endpoint(uint32_t ip, uint16_t port)
{
	char addr[INET_ADDRSTRLEN], text[INET_ADDRSTRLEN + 8];

	inet_ntop(AF_INET, &ip, addr, sizeof(addr));
	snprintf(text, sizeof(text), "%s:%u", addr, ntohs(port));
	return json_string(text);
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static json_t *conn_json(const struct xovn_model *m, const struct xovn_nat_ct_key *k,
			 const struct xovn_nat_ct_val *v, uint64_t now)
{
	const char *router = xovn_router_by_key(m, k->rtr_key);

	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:b}",
			 "router", router ? router : "?", "protocol", proto_name(k->proto),
			 "src", endpoint(k->src, k->sport), "dst", endpoint(k->dst, k->dport),
			 "new_src", endpoint(v->src, v->sport), "new_dst", endpoint(v->dst, v->dport),
			 "idle_s", (json_int_t)(now > v->seen_ns ? (now - v->seen_ns) / 1000000000ull : 0),
			 "closing", (v->flags & XOVN_CT_CLOSING) != 0);
}

static int collect(int fd, const struct xovn_model *m, uint32_t only_rtr, json_t *list)
{
	struct xovn_nat_ct_key keys[2], *prev = NULL;
	struct xovn_nat_ct_val v;
	uint64_t now = monotonic_ns();
	int cur = 0;

	while (bpf_map_get_next_key(fd, prev, &keys[cur]) == 0) {
		prev = &keys[cur];
		cur ^= 1;
		if (bpf_map_lookup_elem(fd, prev, &v) || (v.flags & XOVN_CT_REPLY) ||
		    (only_rtr && prev->rtr_key != only_rtr))
			continue;
		json_array_append_new(list, conn_json(m, prev, &v, now));
	}
	return 0;
}

static void print_text(FILE *out, const json_t *list)
{
	const json_t *c;
	size_t i;

	json_array_foreach(list, i, c)
		fprintf(out, "%s %s %s -> %s as %s -> %s idle %llds%s\n",
			json_string_value(json_object_get(c, "router")),
			json_string_value(json_object_get(c, "protocol")),
			json_string_value(json_object_get(c, "src")),
			json_string_value(json_object_get(c, "dst")),
			json_string_value(json_object_get(c, "new_src")),
			json_string_value(json_object_get(c, "new_dst")),
			(long long)json_integer_value(json_object_get(c, "idle_s")),
			json_is_true(json_object_get(c, "closing")) ? " closing" : "");
}

/* The router's key, 0 for all; -1 when it names no router. */
static int64_t router_filter(const struct xovn_model *m, const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < m->n_routers; i++)
		if (m->routers[i].name && strcmp(m->routers[i].name, name) == 0)
			return m->routers[i].tunnel_key;
	return -1;
}

static int cmd_conntrack(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct ctl_map_args a = { .verb = "lr-nat-conntrack", .arg_name = "ROUTER" };
	struct xovn_model *typed;
	char err[512];
	json_t *list;
	int64_t rtr;
	int fd = -1;

	if (ctl_map_args_begin(ctx, &a, argc, argv, 0, &typed))
		return -1;
	rtr = router_filter(typed, a.arg);
	if (rtr >= 0)
		fd = xovn_pin_open(a.dir, xovn_map_names[XOVN_MAP_NAT_CT], err, sizeof(err));
	if (rtr < 0 || fd < 0) {
		xovn_model_free(typed);
		if (rtr < 0)
			return ctl_fail("lr-nat-conntrack: no router named %s", a.arg);
		return ctl_fail("lr-nat-conntrack: %s", err);
	}
	list = json_array();
	collect(fd, typed, (uint32_t)rtr, list);
	close(fd);
	if (a.json)
		ctl_print_json(ctx->out, list);
	else
		print_text(ctx->out, list);
	json_decref(list);
	xovn_model_free(typed);
	return 0;
}

const struct ctl_verb ctl_conntrack_verbs[] = {
	{ "lr-nat-conntrack", 0, -1, 0, 0, cmd_conntrack },
	{ 0 }
};
