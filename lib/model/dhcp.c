// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * dhcp.c - parsing DHCP options rows into struct xovn_dhcp_options.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model/dhcp.h"
#include "model/types.h"
#include "util/addr.h"
#include "util/num.h"

#define LIST_MAX 16

int xovn_uuid_syntax_ok(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };
	size_t d = 0;

	if (strlen(s) != XOVN_UUID_LEN)
		return 0;
	for (int i = 0; i < XOVN_UUID_LEN; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return 0;
			d++;
		} else if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

json_t *xovn_find_dhcp_options(const json_t *model, const char *uuid)
{
	size_t i;
	json_t *row;

	json_array_foreach(json_object_get(model, "dhcp_options"), i, row) {
		const char *u = json_string_value(json_object_get(row, "_uuid"));

		if (u && strcmp(u, uuid) == 0)
			return row;
	}
	return NULL;
}

static int host_bits_zero(const uint8_t *a, int bits, int plen)
{
	for (int b = plen; b < bits; b++)
		if (a[b / 8] & (0x80 >> (b % 8)))
			return 0;
	return 1;
}

int xovn_dhcp_parse_cidr(const char *s, int *family, uint8_t *plen,
			 struct in_addr *net4, struct in6_addr *net6)
{
	char buf[64], *slash, *end;
	long n;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash || !slash[1])
		return -1;
	*slash = '\0';
	errno = 0;
	n = strtol(slash + 1, &end, 10);
	if (*end || errno || !isdigit((unsigned char)slash[1]))
		return -1;
	if (xovn_parse_ipv4(buf, net4) == 0) {
		if (n < 0 || n > 32 || !host_bits_zero((uint8_t *)&net4->s_addr, 32, (int)n))
			return -1;
		*family = AF_INET;
	} else if (xovn_parse_ipv6(buf, net6) == 0) {
		if (n < 0 || n > 128 || !host_bits_zero(net6->s6_addr, 128, (int)n))
			return -1;
		*family = AF_INET6;
	} else {
		return -1;
	}
	*plen = (uint8_t)n;
	return 0;
}

static int contains_bits(const uint8_t *net, const uint8_t *a, int plen)
{
	for (int b = 0; b < plen; b++) {
		uint8_t m = 0x80 >> (b % 8);

		if ((net[b / 8] & m) != (a[b / 8] & m))
			return 0;
	}
	return 1;
}

int xovn_dhcp_contains(const struct xovn_dhcp_options *o, const void *addr)
{
	if (o->family == AF_INET)
		return contains_bits((const uint8_t *)&o->net4.s_addr, addr, o->plen);
	return contains_bits(o->net6.s6_addr, addr, o->plen);
}

int xovn_dhcp_complete(const struct xovn_dhcp_options *o)
{
	unsigned need = o->family == AF_INET ? XOVN_DHCP4_REQUIRED : XOVN_DHCP6_REQUIRED;

	return (o->present & need) == need;
}

/* "{a, b}" or "a" -> items (pointers into buf, trimmed); the count or -1. */
static int split_list(const char *value, char *buf, size_t len, char *items[LIST_MAX])
{
	char *p = buf, *tok, *save = NULL;
	size_t n;
	int k = 0;

	if (strlen(value) >= len)
		return -1;
	strcpy(buf, value);
	while (isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		p[--n] = '\0';
	if (*p == '{') {
		if (n < 2 || p[n - 1] != '}')
			return -1;
		p[n - 1] = '\0';
		p++;
	}
	for (tok = strtok_r(p, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		if (k == LIST_MAX)
			return -1;
		items[k++] = tok;
	}
	return k;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *key, const char *value)
{
	snprintf(err, errlen, fmt, key, value);
	return -1;
}

/* A string option: OVN spells it quoted ("\"example.org\""), bare is accepted. */
static int parse_name(const char *value, char out[XOVN_DHCP_MAX_NAME])
{
	size_t n = strlen(value);

	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value++;
		n -= 2;
	}
	if (n == 0 || n >= XOVN_DHCP_MAX_NAME || n > 255)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)value[i]) && value[i] != '.' && value[i] != '-' &&
		    value[i] != '_')
			return -1;
	memcpy(out, value, n);
	out[n] = '\0';
	return 0;
}

/* A name for DNS wire format: labels of 1 to 63 characters. */
int xovn_dns_parse_domain(const char *value, char out[XOVN_DHCP_MAX_NAME])
{
	const char *p;

	if (parse_name(value, out) < 0)
		return -1;
	for (p = out; *p; p++) {
		size_t label = strcspn(p, ".");

		if (label == 0 || label > 63 || (p[label] == '.' && !p[label + 1]))
			return -1;
		p += label;
		if (!*p)
			break;
	}
	return 0;
}

/* OVN's booleans: "true" or "false". */
static int parse_bool(const char *value, int *out)
{
	if (!strcmp(value, "true") || !strcmp(value, "false")) {
		*out = value[0] == 't';
		return 0;
	}
	return -1;
}

static int parse_dns4(struct xovn_dhcp_options *o, const char *value)
{
	char buf[512], *it[LIST_MAX];
	int n = split_list(value, buf, sizeof(buf), it);

	if (n < 1 || n > XOVN_DHCP_MAX_DNS)
		return -1;
	for (int i = 0; i < n; i++)
		if (xovn_parse_ipv4(it[i], &o->dns4[i]) < 0)
			return -1;
	o->n_dns4 = n;
	return 0;
}

static int parse_dns6(struct xovn_dhcp_options *o, const char *value)
{
	char buf[512], *it[LIST_MAX];
	int n = split_list(value, buf, sizeof(buf), it);

	if (n < 1 || n > XOVN_DHCP_MAX_DNS)
		return -1;
	for (int i = 0; i < n; i++)
		if (xovn_parse_ipv6(it[i], &o->dns6[i]) < 0)
			return -1;
	o->n_dns6 = n;
	return 0;
}

/* "{30.0.0.0/24,10.0.0.10, 0.0.0.0/0,10.0.0.1}": pairs of destination, gateway. */
static int parse_routes(struct xovn_dhcp_options *o, const char *value)
{
	char buf[1024], *it[LIST_MAX];
	int n = split_list(value, buf, sizeof(buf), it);

	if (n < 2 || n % 2 || n / 2 > XOVN_DHCP_MAX_ROUTES)
		return -1;
	for (int i = 0; i < n; i += 2) {
		struct xovn_dhcp_route *r = &o->routes[i / 2];
		struct in6_addr unused;
		int fam;

		if (xovn_dhcp_parse_cidr(it[i], &fam, &r->plen, &r->dst, &unused) < 0 ||
		    fam != AF_INET || xovn_parse_ipv4(it[i + 1], &r->via) < 0)
			return -1;
	}
	o->n_routes = n / 2;
	return 0;
}

static int set_v4(struct xovn_dhcp_options *o, const char *key, const char *value,
		  unsigned *bit)
{
	uint32_t u;

	if (!strcmp(key, "router")) {
		*bit = XOVN_DHCP_ROUTER;
		return xovn_parse_ipv4(value, &o->router);
	}
	if (!strcmp(key, "server_id")) {
		*bit = XOVN_DHCP_SERVER_ID;
		return xovn_parse_ipv4(value, &o->server_id4);
	}
	if (!strcmp(key, "server_mac")) {
		*bit = XOVN_DHCP_SERVER_MAC;
		return xovn_parse_mac(value, o->server_mac);
	}
	if (!strcmp(key, "lease_time")) {
		*bit = XOVN_DHCP_LEASE_TIME;
		return xovn_parse_u32_range(value, 0, 0xffffffffUL, &o->lease_time);
	}
	if (!strcmp(key, "T1")) {
		*bit = XOVN_DHCP_T1;
		return xovn_parse_u32_range(value, 0, 0xffffffffUL, &o->t1);
	}
	if (!strcmp(key, "T2")) {
		*bit = XOVN_DHCP_T2;
		return xovn_parse_u32_range(value, 0, 0xffffffffUL, &o->t2);
	}
	if (!strcmp(key, "mtu")) {
		*bit = XOVN_DHCP_MTU;
		if (xovn_parse_u32_range(value, 68, 65535, &u) < 0)
			return -1;
		o->mtu = (uint16_t)u;
		return 0;
	}
	if (!strcmp(key, "dns_server")) {
		*bit = XOVN_DHCP_DNS;
		return parse_dns4(o, value);
	}
	if (!strcmp(key, "domain_name")) {
		*bit = XOVN_DHCP_DOMAIN_NAME;
		return parse_name(value, o->domain_name);
	}
	if (!strcmp(key, "classless_static_route")) {
		*bit = XOVN_DHCP_ROUTES;
		return parse_routes(o, value);
	}
	*bit = 0;
	return -1;
}

static int set_v6(struct xovn_dhcp_options *o, const char *key, const char *value,
		  unsigned *bit)
{
	if (!strcmp(key, "server_id")) {
		*bit = XOVN_DHCP_SERVER_ID;
		return xovn_parse_mac(value, o->server_id6);
	}
	if (!strcmp(key, "dns_server")) {
		*bit = XOVN_DHCP_DNS;
		return parse_dns6(o, value);
	}
	if (!strcmp(key, "domain_search")) {
		*bit = XOVN_DHCP_DOMAIN_SEARCH;
		return xovn_dns_parse_domain(value, o->domain_search);
	}
	if (!strcmp(key, "dhcpv6_stateless")) {
		*bit = XOVN_DHCP_STATELESS;
		return parse_bool(value, &o->stateless);
	}
	*bit = 0;
	return -1;
}

static const char v4_keys[] = "router, server_id, server_mac, lease_time, dns_server, "
			      "domain_name, mtu, classless_static_route, T1, T2";
static const char v6_keys[] = "server_id, dns_server, domain_search, dhcpv6_stateless";

int xovn_dhcp_set_option(struct xovn_dhcp_options *o, const char *key,
			 const char *value, char *err, size_t errlen)
{
	int v4 = o->family == AF_INET;
	unsigned bit;
	int rc = v4 ? set_v4(o, key, value, &bit) : set_v6(o, key, value, &bit);

	if (!bit) {
		snprintf(err, errlen, "unsupported DHCPv%d option \"%s\" (supported: %s)",
			 v4 ? 4 : 6, key, v4 ? v4_keys : v6_keys);
		return -1;
	}
	if (rc < 0)
		return fail(err, errlen, "bad value for option %s: \"%s\"", key, value);
	o->present |= bit;
	return 0;
}

/* The row's identity and cidr, the part every entry point checks first. */
static int dhcp_begin(const char *uuid, const char *cidr, struct xovn_dhcp_options *out,
		      const char **bad_key, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	*bad_key = NULL;
	if (!uuid || !xovn_uuid_syntax_ok(uuid)) {
		snprintf(err, errlen, "bad or missing _uuid");
		return -1;
	}
	strcpy(out->uuid, uuid);
	if (!cidr || xovn_dhcp_parse_cidr(cidr, &out->family, &out->plen, &out->net4,
					  &out->net6) < 0) {
		snprintf(err, errlen, "bad cidr \"%s\" (ADDRESS/PLEN, host bits zero)",
			 cidr ? cidr : "");
		return -1;
	}
	return 0;
}

int xovn_dhcp_from_json(const json_t *row, struct xovn_dhcp_options *out,
			const char **bad_key, char *err, size_t errlen)
{
	const char *key;
	json_t *v;

	if (dhcp_begin(json_string_value(json_object_get(row, "_uuid")),
		       json_string_value(json_object_get(row, "cidr")), out, bad_key, err,
		       errlen) < 0)
		return -1;
	json_object_foreach((json_t *)json_object_get(row, "options"), key, v) {
		const char *s = json_string_value(v);

		if (!s || xovn_dhcp_set_option(out, key, s, err, errlen) < 0) {
			if (!s)
				snprintf(err, errlen, "option %s is not a string", key);
			*bad_key = key;
			return -1;
		}
	}
	return 0;
}

int xovn_dhcp_from_row(const struct xovn_dhcp_row *row, struct xovn_dhcp_options *out,
		       const char **bad_key, char *err, size_t errlen)
{
	if (dhcp_begin(row->uuid, row->cidr, out, bad_key, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < row->options.n; i++) {
		const struct xovn_smap_entry *o = &row->options.v[i];

		if (xovn_dhcp_set_option(out, o->key, o->value, err, errlen) < 0) {
			*bad_key = o->key;
			return -1;
		}
	}
	return 0;
}
