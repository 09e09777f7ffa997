// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nat_age.c - removes idle NAT connections (see nat_age.h).  Runs in
 * xovnd, off the packet path: packets only stamp their entry.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "dataplane/nat_age.h"
#include "xovn_maps.h"

#define NS_PER_S 1000000000ull

void xovn_nat_timeouts_default(struct xovn_nat_timeouts *t)
{
	t->tcp = 7440;
	t->tcp_closing = 120;
	t->udp = 180;
	t->icmp = 30;
	t->other = 600;
}

static uint64_t *timeout_named(struct xovn_nat_timeouts *t, const char *name, size_t len)
{
	static const struct {
		const char *name;
		size_t off;
	} names[] = {
		{ "tcp", offsetof(struct xovn_nat_timeouts, tcp) },
		{ "tcp-closing", offsetof(struct xovn_nat_timeouts, tcp_closing) },
		{ "udp", offsetof(struct xovn_nat_timeouts, udp) },
		{ "icmp", offsetof(struct xovn_nat_timeouts, icmp) },
		{ "other", offsetof(struct xovn_nat_timeouts, other) },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && memcmp(names[i].name, name, len) == 0)
			return (uint64_t *)((char *)t + names[i].off);
	return NULL;
}

int xovn_nat_timeouts_parse(const char *spec, struct xovn_nat_timeouts *t, char *err,
			    size_t errlen)
{
	struct xovn_nat_timeouts next = *t;
	const char *p = spec;

	while (p && *p) {
		const char *eq = strchr(p, '='), *comma;
		unsigned long long secs;
		uint64_t *slot;
		char *end;

		slot = eq ? timeout_named(&next, p, (size_t)(eq - p)) : NULL;
		if (!slot) {
			snprintf(err, errlen, "NAT timeouts \"%s\": expected "
				 "tcp|tcp-closing|udp|icmp|other=SECONDS", spec);
			return -1;
		}
		errno = 0;
		secs = strtoull(eq + 1, &end, 10);
		comma = *end == ',' ? end + 1 : NULL;
		if (errno || end == eq + 1 || secs == 0 || secs > UINT64_MAX / NS_PER_S ||
		    (*end && *end != ',')) {
			snprintf(err, errlen, "NAT timeouts \"%s\": \"%.*s\" is not a positive "
				 "number of seconds", spec, (int)(end - eq - 1), eq + 1);
			return -1;
		}
		*slot = secs;
		p = comma;
	}
	*t = next;
	return 0;
}

static uint64_t timeout_ns(const struct xovn_nat_timeouts *t, uint8_t proto, int closing)
{
	if (proto == IPPROTO_TCP)
		return (closing ? t->tcp_closing : t->tcp) * NS_PER_S;
	if (proto == IPPROTO_UDP)
		return t->udp * NS_PER_S;
	if (proto == IPPROTO_ICMP)
		return t->icmp * NS_PER_S;
	return t->other * NS_PER_S;
}

static int is_idle(int map_fd, const struct xovn_nat_timeouts *t,
		   const struct xovn_nat_ct_key *k, const struct xovn_nat_ct_val *v,
		   uint64_t now_ns)
{
	struct xovn_nat_ct_key pk;
	struct xovn_nat_ct_val pv;
	uint64_t seen = v->seen_ns;
	int closing = (v->flags & XOVN_CT_CLOSING) != 0;

	xovn_nat_ct_peer(k, v, &pk);
	if (bpf_map_lookup_elem(map_fd, &pk, &pv) == 0) {
		if (pv.seen_ns > seen)
			seen = pv.seen_ns;
		closing |= (pv.flags & XOVN_CT_CLOSING) != 0;
	}
	return now_ns > seen && now_ns - seen > timeout_ns(t, k->proto, closing);
}

/*
 * An idle entry is deleted once the walk has moved past it: deleting the
 * walk's own cursor would restart it, deleting the one before does not.
 */
int xovn_nat_age(int map_fd, const struct xovn_nat_timeouts *t, uint64_t now_ns)
{
	struct xovn_nat_ct_key cursor[2], *prev = NULL;
	struct xovn_nat_ct_val val;
	int deleted = 0, cur = 0, prev_idle = 0;

	while (bpf_map_get_next_key(map_fd, prev, &cursor[cur]) == 0) {
		if (prev_idle)
			deleted += bpf_map_delete_elem(map_fd, prev) == 0;
		prev = &cursor[cur];
		cur ^= 1;
		prev_idle = bpf_map_lookup_elem(map_fd, prev, &val) == 0 &&
			    is_idle(map_fd, t, prev, &val, now_ns);
		/*
		 * A connection's two entries go together: left alone, the
		 * second would lose what the first said (a FIN seen one way).
		 */
		if (prev_idle) {
			struct xovn_nat_ct_key peer;

			xovn_nat_ct_peer(prev, &val, &peer);
			deleted += bpf_map_delete_elem(map_fd, &peer) == 0;
		}
	}
	if (prev_idle)
		deleted += bpf_map_delete_elem(map_fd, prev) == 0;
	return deleted;
}
