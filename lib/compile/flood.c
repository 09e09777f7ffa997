// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * flood.c - the two multicast groups of a switch (flood to all,
 * flood to "unknown" ports) as seen from this chassis: local members with
 * their own delivery VID, and the distinct remote chassis holding members.
 */
#include <string.h>
#include <arpa/inet.h>

#include "compile/ctx.h"

void flood_init(struct switch_state *st)
{
	memset(&st->flood, 0, sizeof(st->flood));
	memset(&st->unknown, 0, sizeof(st->unknown));
}

static const char *group_name(uint16_t group)
{
	return group == XOVN_MC_FLOOD ? "flood" : "unknown";
}

static int add_local(struct compile_ctx *ctx, const struct switch_state *st, uint16_t group,
		     struct xovn_flood_val *fv, uint16_t port_key, const struct xovn_port_val *pv)
{
	struct xovn_flood_member *m;

	if (fv->n_local >= XOVN_MAX_FLOOD_LOCAL)
		return compile_fail(ctx, "switch %u: more than %d local members in the %s group",
				    st->dp_key, XOVN_MAX_FLOOD_LOCAL, group_name(group));
	m = &fv->local[fv->n_local++];
	m->ifindex = pv->ifindex;
	m->port_key = port_key;
	m->vid = pv->vid;
	m->port_type = pv->port_type;
	m->flags = pv->flags;
	return 0;
}

/* Remote chassis are few (at most XOVN_MAX_FLOOD_REMOTE): a linear scan is enough. */
static int add_remote(struct compile_ctx *ctx, const struct switch_state *st, uint16_t group,
		      struct xovn_flood_val *fv, uint32_t ip)
{
	for (uint16_t i = 0; i < fv->n_remote; i++) {
		if (fv->remote_ip[i] == ip)
			return 0;
	}
	if (fv->n_remote >= XOVN_MAX_FLOOD_REMOTE)
		return compile_fail(ctx, "switch %u: more than %d remote chassis in the %s group",
				    st->dp_key, XOVN_MAX_FLOOD_REMOTE, group_name(group));
	fv->remote_ip[fv->n_remote++] = ip;
	return 0;
}

static int add_to_group(struct compile_ctx *ctx, const struct switch_state *st, uint16_t group,
			struct xovn_flood_val *fv, uint16_t port_key, const struct xovn_port_val *pv)
{
	if (pv->flags & XOVN_PF_LOCAL)
		return add_local(ctx, st, group, fv, port_key, pv);
	if (pv->flags & XOVN_PF_REMOTE)
		return add_remote(ctx, st, group, fv, pv->remote_ip);
	return 0; /* absent ports and externals are not members */
}

int flood_add_member(struct compile_ctx *ctx, struct switch_state *st, uint16_t port_key,
		     const struct xovn_port_val *pv)
{
	if (add_to_group(ctx, st, XOVN_MC_FLOOD, &st->flood, port_key, pv) < 0)
		return -1;
	/* A localnet port leads to a whole network of unknown MACs. */
	if ((pv->flags & XOVN_PF_UNKNOWN) || pv->port_type == XOVN_PT_LOCALNET)
		return add_to_group(ctx, st, XOVN_MC_UNKNOWN, &st->unknown, port_key, pv);
	return 0;
}

/* Sorted by address so that the value does not change with model order. */
static void sort_remote_ips(struct xovn_flood_val *fv)
{
	for (uint16_t i = 1; i < fv->n_remote; i++) {
		uint32_t ip = fv->remote_ip[i];
		uint16_t j = i;

		for (; j > 0 && ntohl(fv->remote_ip[j - 1]) > ntohl(ip); j--)
			fv->remote_ip[j] = fv->remote_ip[j - 1];
		fv->remote_ip[j] = ip;
	}
}

static int emit_group(struct compile_ctx *ctx, uint32_t dp_key, uint16_t group,
		      struct xovn_flood_val *fv)
{
	struct xovn_flood_key fk;

	if (fv->n_local + fv->n_remote == 0)
		return 0;
	sort_remote_ips(fv);
	memset(&fk, 0, sizeof(fk));
	fk.dp_key = dp_key;
	fk.group = group;
	return compile_emit(ctx, XOVN_MAP_FLOOD, &fk, sizeof(fk), fv, sizeof(*fv));
}

int flood_emit(struct compile_ctx *ctx, struct switch_state *st)
{
	if (emit_group(ctx, st->dp_key, XOVN_MC_FLOOD, &st->flood) < 0 ||
	    emit_group(ctx, st->dp_key, XOVN_MC_UNKNOWN, &st->unknown) < 0)
		return -1;
	return 0;
}
