/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * dhcp.h - DHCP options rows (ovn-nb(5) DHCP_Options) as typed values.
 *
 * A row of the model's top-level "dhcp_options" array is
 *   { "_uuid": UUID, "cidr": CIDR, "options": {KEY: VALUE}, "external_ids": {} }
 * and a port names one row for each family with "dhcpv4_options" /
 * "dhcpv6_options" (the row's _uuid).  The option values keep OVN's
 * spelling: "{10.0.0.2, 10.0.0.3}" for a list, "\"example.org\"" for a
 * string (quotes optional).  One parser serves the validator (it reports the
 * parser's error) and the compiler (it reads the values).
 */
#ifndef XOVN_MODEL_DHCP_H
#define XOVN_MODEL_DHCP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define XOVN_UUID_LEN 36
#define XOVN_DHCP_MAX_DNS 4
#define XOVN_DHCP_MAX_ROUTES 8
#define XOVN_DHCP_MAX_NAME 128

/* Option bits: which members of struct xovn_dhcp_options were given. */
enum xovn_dhcp_opt {
	XOVN_DHCP_ROUTER       = 1u << 0,
	XOVN_DHCP_SERVER_ID    = 1u << 1,
	XOVN_DHCP_SERVER_MAC   = 1u << 2,
	XOVN_DHCP_LEASE_TIME   = 1u << 3,
	XOVN_DHCP_DNS          = 1u << 4,
	XOVN_DHCP_DOMAIN_NAME  = 1u << 5,
	XOVN_DHCP_MTU          = 1u << 6,
	XOVN_DHCP_ROUTES       = 1u << 7,
	XOVN_DHCP_T1           = 1u << 8,
	XOVN_DHCP_T2           = 1u << 9,
	XOVN_DHCP_DOMAIN_SEARCH = 1u << 10,
	XOVN_DHCP_STATELESS    = 1u << 11,   /* dhcpv6_stateless (its value in o->stateless) */
};

/* What OVN needs before it answers (ovn-northd): v4 and v6. */
#define XOVN_DHCP4_REQUIRED (XOVN_DHCP_SERVER_ID | XOVN_DHCP_SERVER_MAC | \
			     XOVN_DHCP_LEASE_TIME)
#define XOVN_DHCP6_REQUIRED (XOVN_DHCP_SERVER_ID)

struct xovn_dhcp_route {
	struct in_addr dst;      /* network order */
	uint8_t plen;
	struct in_addr via;
};

struct xovn_dhcp_options {
	char uuid[XOVN_UUID_LEN + 1];
	int family;                          /* AF_INET or AF_INET6 */
	uint8_t plen;
	struct in_addr net4;                 /* family AF_INET */
	struct in6_addr net6;                /* family AF_INET6 */
	unsigned present;                    /* enum xovn_dhcp_opt bits */

	/* DHCPv4 */
	struct in_addr router, server_id4;
	uint8_t server_mac[6];
	uint32_t lease_time, t1, t2;
	uint16_t mtu;
	int n_dns4;
	struct in_addr dns4[XOVN_DHCP_MAX_DNS];
	char domain_name[XOVN_DHCP_MAX_NAME];
	int n_routes;
	struct xovn_dhcp_route routes[XOVN_DHCP_MAX_ROUTES];

	/* DHCPv6: server_id is the MAC the server's DUID is made of */
	uint8_t server_id6[6];
	int n_dns6;
	struct in6_addr dns6[XOVN_DHCP_MAX_DNS];
	char domain_search[XOVN_DHCP_MAX_NAME];
	int stateless;                       /* dhcpv6_stateless=true: options only, no address */
};

/* "10.0.0.0/24" or "fd00::/64"; host bits must be zero.  0 ok, -1 bad. */
int xovn_dhcp_parse_cidr(const char *s, int *family, uint8_t *plen,
			 struct in_addr *net4, struct in6_addr *net6);

/*
 * One option KEY=VALUE into out (whose family is already set).  0 ok;
 * -1 with a reason in err for a bad value or a key the family has not.
 */
int xovn_dhcp_set_option(struct xovn_dhcp_options *out, const char *key,
			 const char *value, char *err, size_t errlen);

/*
 * A whole row: cidr, then every option.  0 ok; -1 with the first problem in
 * err (and *bad_key the option at fault, NULL for the cidr or the uuid).
 */
int xovn_dhcp_from_json(const json_t *row, struct xovn_dhcp_options *out,
			const char **bad_key, char *err, size_t errlen);

/*
 * The same for a typed row (types.h), which has only the options whose
 * value is a string: the compiler's entry point.
 */
struct xovn_dhcp_row;
int xovn_dhcp_from_row(const struct xovn_dhcp_row *row, struct xovn_dhcp_options *out,
		       const char **bad_key, char *err, size_t errlen);

/* The required options are all present (else OVN does not answer). */
int xovn_dhcp_complete(const struct xovn_dhcp_options *o);

/* addr (family o->family, network order) lies inside the row's cidr. */
int xovn_dhcp_contains(const struct xovn_dhcp_options *o, const void *addr);

/*
 * The reply options of a complete IPv4 row (dhcp_encode.c) into out[cap],
 * zero padded to a multiple of 4 and at least XOVN_DHCP_OPTS_MIN bytes:
 * the length, or -1 when they do not fit in cap.
 */
#define XOVN_DHCP_OPTS_MIN 60
int xovn_dhcp_encode(const struct xovn_dhcp_options *o, uint8_t *out, size_t cap);

/*
 * The options of every DHCPv6 reply of a complete IPv6 row (dhcp6_encode.c)
 * into out[cap], cap a multiple of 4: server identifier (DUID-LL), DNS
 * servers, domain search list.  The length (zero padding to a multiple of 4
 * follows, not counted), or -1 when they do not fit in cap.
 */
int xovn_dhcp6_encode(const struct xovn_dhcp_options *o, uint8_t *out, size_t cap);

/*
 * A domain name for DNS wire format (labels of 1 to 63 characters), quoted
 * or bare, into out.  0 ok, -1 bad.
 */
int xovn_dns_parse_domain(const char *value, char out[XOVN_DHCP_MAX_NAME]);
/* "example.org" -> 7 example 3 org 0 at out; its length (at most strlen + 2). */
size_t xovn_dns_name_wire(const char *name, uint8_t *out);

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lowercase hex.  1 yes, 0 no. */
int xovn_uuid_syntax_ok(const char *s);

/* The row of model's dhcp_options whose _uuid is uuid, NULL if none. */
json_t *xovn_find_dhcp_options(const json_t *model, const char *uuid);

#endif /* XOVN_MODEL_DHCP_H */
