// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_addrs.c - the address strings of ports: MAC and IP syntax
 * in addresses and port_security, no multicast MAC on a port, and no MAC or
 * IP owned by two ports of one switch (the L2 lookup and the ARP/ND
 * responder map each to exactly one port).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "util/addr.h"
#include "model/validate/validate.h"

struct addr_pass {
	struct xovn_errors *errs;
	/*
	 * MACs and IPs of the current switch -> the addresses entry that
	 * claimed them first ($.logical_switches[a].ports[b].addresses[c]).
	 */
	struct vset owners;
};

/* Where an entry is: spelled only when an error needs it. */
struct entry_loc {
	size_t sw_i, port_i, j;
	const char *member;     /* "addresses" or "port_security" */
};

static const char *entry_path(char *buf, size_t len, const struct entry_loc *at)
{
	char suffix[48];

	snprintf(suffix, sizeof(suffix), ".%s[%zu]", at->member, at->j);
	return port_path(buf, len, at->sw_i, at->port_i, suffix);
}

/* Tells a bad MAC from a bad IP: the first token is the MAC. */
static const char *syntax_rule(const char *entry)
{
	char first[64];
	uint8_t mac[6];

	if (sscanf(entry, "%63s", first) != 1 || xovn_parse_mac(first, mac) < 0)
		return "mac-syntax";
	return "ip-syntax";
}

/* Claims key (a tag byte, then the address) for the entry at; the first claim's place, or NULL. */
static const struct vloc *claim(struct addr_pass *p, const uint8_t *key, size_t len,
				const struct entry_loc *at)
{
	struct vloc here = { .a = at->sw_i, .b = at->port_i, .c = at->j };

	return vset_claim(&p->owners, key, len, &here);
}

static void report_duplicate(struct addr_pass *p, const struct entry_loc *at,
			     const struct vloc *first, const char *rule, const char *what,
			     const char *text)
{
	struct entry_loc first_at = { first->a, first->b, first->c, "addresses" };
	char path[256], first_path[256];

	xovn_errors_add(p->errs, entry_path(path, sizeof(path), at), rule,
			"%s %s is already used at %s", what, text,
			entry_path(first_path, sizeof(first_path), &first_at));
}

static void claim_mac(struct addr_pass *p, const uint8_t mac[6], const struct entry_loc *at)
{
	uint8_t key[7] = { 'm' };
	const struct vloc *first;
	char text[18];

	memcpy(key + 1, mac, 6);
	first = claim(p, key, sizeof(key), at);
	if (!first)
		return;
	snprintf(text, sizeof(text), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
	report_duplicate(p, at, first, "duplicate-mac", "MAC", text);
}

/* IPv4 and IPv6 keys differ in their tag, as their spellings always differ. */
static void claim_ip(struct addr_pass *p, const struct xovn_ip *ip, const struct entry_loc *at)
{
	uint8_t key[1 + sizeof(struct in6_addr)];
	const void *addr = ip->family == AF_INET ? (const void *)&ip->v4 : (const void *)&ip->v6;
	size_t alen = ip->family == AF_INET ? sizeof(ip->v4) : sizeof(ip->v6);
	const struct vloc *first;
	char text[INET6_ADDRSTRLEN];

	key[0] = ip->family == AF_INET ? '4' : '6';
	memcpy(key + 1, addr, alen);
	first = claim(p, key, 1 + alen, at);
	if (!first)
		return;
	inet_ntop(ip->family, addr, text, sizeof(text));
	report_duplicate(p, at, first, "duplicate-ip", "IP", text);
}

static void claim_addresses(struct addr_pass *p, const struct xovn_lport_addr *a,
			    const struct entry_loc *at)
{
	claim_mac(p, a->mac, at);
	for (int i = 0; i < a->n_ips; i++)
		claim_ip(p, &a->ips[i], at);
}

/* Parses one entry; returns 0 and fills a when it is a MAC with IPs. */
static int check_entry(struct addr_pass *p, const char *entry, int is_security,
		       const struct entry_loc *at, struct xovn_lport_addr *a)
{
	char reason[160], path[256];

	if (xovn_parse_lport_addr(entry, is_security, a, reason, sizeof(reason)) < 0) {
		xovn_errors_add(p->errs, entry_path(path, sizeof(path), at), syntax_rule(entry),
				"%s", reason);
		return -1;
	}
	if (a->mac[0] & 1) {
		xovn_errors_add(p->errs, entry_path(path, sizeof(path), at), "multicast-mac",
				"a port MAC cannot have the group bit set");
		return -1;
	}
	return 0;
}

static void check_list(struct addr_pass *p, const struct xovn_lsp *port,
		       const struct xovn_strv *list, const char *member)
{
	int is_security = list == &port->port_security;
	struct entry_loc at = { .sw_i = port->ls->index, .port_i = port->index, .member = member };
	struct xovn_lport_addr a;

	for (at.j = 0; at.j < list->n; at.j++) {
		const char *entry = list->v[at.j];

		if (!entry || !*entry)
			continue;   /* the schema pass reports it */
		if (!is_security && (strcmp(entry, "unknown") == 0 || strcmp(entry, "router") == 0))
			continue;
		if (check_entry(p, entry, is_security, &at, &a) == 0 && !is_security)
			claim_addresses(p, &a, &at);
	}
}

void validate_addresses(struct xovn_errors *errs, const struct xovn_model *m)
{
	struct addr_pass p = { .errs = errs };

	vset_init(&p.owners);
	for (size_t i = 0; i < m->n_switches; i++) {
		const struct xovn_ls *ls = m->switches[i];

		vset_clear(&p.owners);
		for (size_t j = 0; j < ls->n_ports; j++) {
			check_list(&p, &ls->ports[j], &ls->ports[j].addresses, "addresses");
			check_list(&p, &ls->ports[j], &ls->ports[j].port_security, "port_security");
		}
	}
	vset_free(&p.owners);
}
