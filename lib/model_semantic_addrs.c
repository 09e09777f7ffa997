// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic_addrs.c - the address strings of ports: MAC and IP syntax
 * in addresses and port_security, no multicast MAC on a port, and no MAC or
 * IP owned by two ports of one switch (the L2 lookup and the ARP/ND
 * responder map each to exactly one port).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "model_validate.h"

struct addr_pass {
	struct xovn_errors *errs;
	json_t *owners;         /* "mac:..." / "ip:..." -> path, for the current switch */
	size_t owners_switch;
};

/* Tells a bad MAC from a bad IP: the first token is the MAC. */
static const char *syntax_rule(const char *entry)
{
	char first[64];
	uint8_t mac[6];

	if (sscanf(entry, "%63s", first) != 1 || xovn_parse_mac(first, mac) < 0)
		return "mac-syntax";
	return "ip-syntax";
}

static void claim(struct addr_pass *p, const char *key, const char *path,
		  const char *rule, const char *what)
{
	const char *first = json_string_value(json_object_get(p->owners, key));

	if (!first) {
		json_object_set_new(p->owners, key, json_string(path));
		return;
	}
	xovn_errors_add(p->errs, path, rule, "%s %s is already used at %s", what,
			strchr(key, ':') + 1, first);
}

static void claim_addresses(struct addr_pass *p, const struct xovn_lport_addr *a,
			    const char *path)
{
	char text[INET6_ADDRSTRLEN], key[INET6_ADDRSTRLEN + 8];

	snprintf(key, sizeof(key), "mac:%02x:%02x:%02x:%02x:%02x:%02x", a->mac[0], a->mac[1],
		 a->mac[2], a->mac[3], a->mac[4], a->mac[5]);
	claim(p, key, path, "duplicate-mac", "MAC");
	for (int i = 0; i < a->n_ips; i++) {
		const struct xovn_ip *ip = &a->ips[i];

		inet_ntop(ip->family, ip->family == AF_INET ? (const void *)&ip->v4
							    : (const void *)&ip->v6,
			  text, sizeof(text));
		snprintf(key, sizeof(key), "ip:%s", text);
		claim(p, key, path, "duplicate-ip", "IP");
	}
}

/* Parses one entry; returns 0 and fills a when it is a MAC with IPs. */
static int check_entry(struct addr_pass *p, const char *entry, int is_security,
		       const char *path, struct xovn_lport_addr *a)
{
	char reason[160];

	if (xovn_parse_lport_addr(entry, is_security, a, reason, sizeof(reason)) < 0) {
		xovn_errors_add(p->errs, path, syntax_rule(entry), "%s", reason);
		return -1;
	}
	if (a->mac[0] & 1) {
		xovn_errors_add(p->errs, path, "multicast-mac",
				"a port MAC cannot have the group bit set");
		return -1;
	}
	return 0;
}

static void check_list(struct addr_pass *p, const json_t *port, size_t sw_i, size_t port_i,
		       const char *member)
{
	int is_security = strcmp(member, "port_security") == 0;
	struct xovn_lport_addr a;
	char suffix[48], path[256];
	size_t j;
	json_t *e;

	json_array_foreach(json_object_get(port, member), j, e) {
		const char *entry = json_string_value(e);

		if (!entry || !*entry)
			continue;   /* the schema pass reports it */
		if (!is_security && (strcmp(entry, "unknown") == 0 || strcmp(entry, "router") == 0))
			continue;
		snprintf(suffix, sizeof(suffix), ".%s[%zu]", member, j);
		port_path(path, sizeof(path), sw_i, port_i, suffix);
		if (check_entry(p, entry, is_security, path, &a) == 0 && !is_security)
			claim_addresses(p, &a, path);
	}
}

static void check_port_addresses(const json_t *model, const json_t *port, size_t sw_i,
				 size_t port_i, void *arg)
{
	struct addr_pass *p = arg;

	(void)model;
	if (sw_i != p->owners_switch) {
		json_object_clear(p->owners);
		p->owners_switch = sw_i;
	}
	check_list(p, port, sw_i, port_i, "addresses");
	check_list(p, port, sw_i, port_i, "port_security");
}

void validate_addresses(struct xovn_errors *errs, const json_t *model)
{
	struct addr_pass p = { .errs = errs, .owners = json_object(), .owners_switch = 0 };

	for_each_port(model, check_port_addresses, &p);
	json_decref(p.owners);
}
