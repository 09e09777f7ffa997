// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * invariants_check.c - what must hold for every decision, whatever
 * the topology and the frame (semantics.md, "Forwarding rules",
 * "localport", "localnet and external ports"):
 *
 *   - nothing is delivered to a port of another switch, or to no port;
 *   - nothing goes back to its ingress port (container/parent excepted);
 *   - nothing from or to a localport is tunneled; localport traffic reaches
 *     localnet only as unicast to an external port this chassis holds;
 *   - nothing that came by tunnel is tunneled again or sent to localnet;
 *   - nothing from localnet goes back to localnet;
 *   - a frame failing ingress port security is dropped; no copy reaches a
 *     port whose port security refuses its destination;
 *   - container tags stay local: no tag on a tunnel, only the provider VLAN
 *     on the fabric, each local copy with its receiver's own tag;
 *   - a known unicast destination is the port the decision names.
 */
#include <linux/pkt_cls.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "invariants_check.h"

struct inv {
	const struct topo *t;
	const struct topo_frame *f;
	const struct xovn_trace *tr;
	const struct topo_port *in;     /* ingress port by the oracle, NULL if none */
	char *why;
	size_t len;
};

static int broken(struct inv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int broken(struct inv *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, c->len, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_group(const uint8_t mac[6])
{
	return mac[0] & 1;
}

static int from_tunnel(const struct inv *c)
{
	return c->f->origin == TOPO_FROM_TUNNEL;
}

static int from_localnet(const struct inv *c)
{
	return c->f->origin == TOPO_FROM_LOCALNET;
}

static int from_localport(const struct inv *c)
{
	return !from_tunnel(c) && c->in && c->in->type == XOVN_PT_LOCALPORT;
}

/* The two share one interface: a container and its parent, or two siblings. */
static int share_parent_iface(const struct topo_port *a, const struct topo_port *b)
{
	return a->parent >= 0 || b->parent >= 0;
}

/* ---- the decision as a whole ------------------------------------------------ */

static int check_ingress(struct inv *c)
{
	const struct xovn_trace *tr = c->tr;
	uint32_t dp = c->f->sw >= 0 ? c->t->sw[c->f->sw].dp_key : 0;

	if (tr->action == XOVN_ACT_NONE || tr->action == XOVN_ACT_PASS)
		return broken(c, "no decision (action %u) for a frame meant for the switch",
			      tr->action);
	if (tr->action == XOVN_ACT_DROP)
		return tr->n_out ? broken(c, "dropped with %u copies out", tr->n_out) : 0;
	if (c->f->origin == TOPO_FROM_NOWHERE)
		return broken(c, "frame from an interface of no port was switched");
	if (tr->dp_key != dp)
		return broken(c, "switched in dp %u, the ingress belongs to dp %u", tr->dp_key, dp);
	if (from_tunnel(c))
		return tr->in_port == (c->f->tunnel_in & XOVN_PORT_KEY_MAX) ? 0
			: broken(c, "tunnel ingress key %u recorded as %u", c->f->tunnel_in,
				 tr->in_port);
	if (!c->in)
		return broken(c, "(ifindex %u, its tag) is no port's, yet the frame was switched",
			      c->f->ifindex);
	if (tr->in_port != c->in->key)
		return broken(c, "ingress port %u, expected %u", tr->in_port, c->in->key);
	return 0;
}

static int check_admission(struct inv *c)
{
	const struct topo_port *in = c->in;

	if (c->tr->action == XOVN_ACT_DROP || from_tunnel(c))
		return 0;
	if (is_group(c->f->src))
		return broken(c, "frame with a multicast source was not dropped");
	if (!in || !in->psec)
		return 0;
	if (memcmp(c->f->src, in->mac, 6) != 0)
		return broken(c, "source MAC fails port security of %s, not dropped", in->name);
	if (in->psec_ip && c->f->ip_src && c->f->ip_src != in->ip)
		return broken(c, "source IP fails port security of %s, not dropped", in->name);
	return 0;
}

/* Which port the destination MAC names in the ingress switch, or -1. */
static int fdb_port(const struct inv *c)
{
	if (c->f->sw < 0 || is_group(c->f->dst))
		return -1;
	return topo_port_by_mac(c->t, c->f->sw, c->f->dst);
}

static int check_unicast_choice(struct inv *c)
{
	const struct xovn_trace *tr = c->tr;
	int unicast = tr->action == XOVN_ACT_DELIVER || tr->action == XOVN_ACT_TUNNEL ||
		      tr->action == XOVN_ACT_LOCALNET;
	int want;

	if (from_tunnel(c)) {
		if ((unicast || tr->action == XOVN_ACT_FLOOD) && tr->out_port != c->f->tunnel_out)
			return broken(c, "tunnel egress key %u sent to %u", c->f->tunnel_out,
				      tr->out_port);
		return 0;
	}
	want = fdb_port(c);
	if (unicast && want < 0)
		return broken(c, "unicast decision for a destination no port of the switch has");
	if (unicast && c->t->ports[want].key != tr->out_port)
		return broken(c, "destination MAC is port %u's, sent to %u",
			      c->t->ports[want].key, tr->out_port);
	if (tr->action == XOVN_ACT_FLOOD && want >= 0)
		return broken(c, "known unicast destination flooded");
	return 0;
}

static int check_reply(struct inv *c)
{
	const struct xovn_trace *tr = c->tr;

	if (tr->action != XOVN_ACT_ARP_REPLY)
		return 0;
	if (!c->f->is_arp || is_group(c->f->dst) == 0)
		return broken(c, "answered something other than a broadcast ARP request");
	if (tr->n_out != 1 || tr->out[0].ifindex != c->f->ifindex ||
	    tr->out[0].port_key != tr->in_port)
		return broken(c, "answer not sent back to the requester only");
	return 0;
}

/* ---- each copy ---------------------------------------------------------------- */

static int check_local_copy(struct inv *c, const struct xovn_trace_out *o,
			    const struct topo_port *q)
{
	uint16_t want_vid = q->parent >= 0 ? q->tag : 0;

	if (!q->ifindex || o->ifindex != q->ifindex)
		return broken(c, "copy for %s out ifindex %u, its interface here is %u", q->name,
			      o->ifindex, q->ifindex);
	if (q->type == XOVN_PT_LOCALNET)
		return broken(c, "copy to the localnet port recorded as a local delivery");
	if (o->vid != want_vid)
		return broken(c, "copy for %s tagged %u, its own tag is %u", q->name, o->vid,
			      want_vid);
	if (from_tunnel(c) && q->type == XOVN_PT_LOCALPORT)
		return broken(c, "frame from a tunnel given to localport %s", q->name);
	if (c->in && !from_tunnel(c) && o->ifindex == c->f->ifindex &&
	    !share_parent_iface(c->in, q))
		return broken(c, "copy for %s leaves through the ingress interface", q->name);
	if (q->psec && !is_group(c->f->dst) && memcmp(c->f->dst, q->mac, 6) != 0)
		return broken(c, "copy reaches %s whose port security refuses the destination",
			      q->name);
	return 0;
}

static int remote_chassis(const struct topo *t, uint32_t ip)
{
	int ch;

	for (ch = 1; ch < TOPO_N_CHASSIS; ch++)
		if (t->encap_ip[ch] == ip)
			return ch;
	return -1;
}

static int switch_lives_on(const struct topo *t, int sw, int ch)
{
	int k;

	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].sw == sw && t->ports[k].chassis == ch &&
		    t->ports[k].type == XOVN_PT_VIF)
			return 1;
	return 0;
}

static int check_tunnel_copy(struct inv *c, const struct xovn_trace_out *o,
			     const struct topo_port *q)
{
	const struct topo_switch *s = &c->t->sw[c->f->sw];
	int ch = remote_chassis(c->t, o->remote_ip);

	if (from_tunnel(c))
		return broken(c, "frame from a tunnel tunneled again");
	if (from_localnet(c))
		return broken(c, "frame from localnet sent into a tunnel");
	if (from_localport(c))
		return broken(c, "localport traffic tunneled");
	if (o->vid)
		return broken(c, "tag %u on a tunnel copy", o->vid);
	if (s->localnet >= 0 && s->ln_mapped[0])
		return broken(c, "tunnel used on a switch whose localnet is mapped here");
	if (ch < 0)
		return broken(c, "tunnel to an IP that is no other chassis");
	if (q && (q->type == XOVN_PT_LOCALPORT || q->chassis != ch))
		return broken(c, "tunnel for %s to a chassis where it does not live", q->name);
	if (!q && !switch_lives_on(c->t, c->f->sw, ch))
		return broken(c, "flood copy to a chassis with no port of the switch");
	return 0;
}

static int localport_may_use_localnet(const struct inv *c)
{
	int p = fdb_port(c);

	return c->tr->action == XOVN_ACT_LOCALNET && p >= 0 &&
	       c->t->ports[p].type == XOVN_PT_EXTERNAL && c->t->ports[p].held_here;
}

static int check_localnet_copy(struct inv *c, const struct xovn_trace_out *o,
			       const struct topo_port *q)
{
	const struct topo_switch *s = &c->t->sw[c->f->sw];

	if (from_tunnel(c))
		return broken(c, "frame from a tunnel sent to localnet");
	if (from_localnet(c))
		return broken(c, "frame from localnet sent back to localnet");
	if (from_localport(c) && !localport_may_use_localnet(c))
		return broken(c, "localport traffic leaked to localnet");
	if (s->localnet < 0 || !q || q->type != XOVN_PT_LOCALNET || o->ifindex != s->bridge_ifindex)
		return broken(c, "localnet copy not through the switch's own bridge");
	if (o->vid != q->tag)
		return broken(c, "localnet copy tagged %u, provider VLAN is %u", o->vid, q->tag);
	return 0;
}

static int check_copy(struct inv *c, unsigned int i)
{
	const struct xovn_trace_out *o = &c->tr->out[i];
	int p = topo_port_by_key(c->t, c->f->sw, o->port_key);
	const struct topo_port *q = p >= 0 ? &c->t->ports[p] : NULL;
	unsigned int j;

	for (j = 0; j < i; j++)
		if (c->tr->out[j].port_key == o->port_key && c->tr->out[j].kind == o->kind &&
		    c->tr->out[j].remote_ip == o->remote_ip)
			return broken(c, "copy %u duplicates copy %u", i, j);
	if (c->tr->action == XOVN_ACT_ARP_REPLY)
		return 0;
	if (!q && !(o->kind == XOVN_OUT_TUNNEL && c->tr->action == XOVN_ACT_FLOOD))
		return broken(c, "copy %u to key %u, no port of the switch", i, o->port_key);
	if (q && c->in && q == c->in)
		return broken(c, "copy %u back to the ingress port %s", i, q->name);
	if (q && from_tunnel(c) && q->key == (c->f->tunnel_in & XOVN_PORT_KEY_MAX))
		return broken(c, "copy %u back to the tunnel's logical ingress port", i);
	switch (o->kind) {
	case XOVN_OUT_LOCAL:
		return check_local_copy(c, o, q);
	case XOVN_OUT_TUNNEL:
		return check_tunnel_copy(c, o, c->tr->action == XOVN_ACT_FLOOD ? NULL : q);
	case XOVN_OUT_LOCALNET:
		return check_localnet_copy(c, o, q);
	}
	return broken(c, "copy %u of unknown kind %u", i, o->kind);
}

static int check_verdict(struct inv *c, int verdict)
{
	if (verdict != TC_ACT_SHOT && verdict != TC_ACT_REDIRECT && verdict != TC_ACT_OK)
		return broken(c, "verdict %d", verdict);
	if (c->tr->action == XOVN_ACT_DROP && verdict != TC_ACT_SHOT)
		return broken(c, "drop decision with verdict %d", verdict);
	return 0;
}

int inv_check(const struct topo *t, const struct topo_frame *f, const struct xovn_trace *tr,
	      int verdict, char *why, size_t len)
{
	struct inv c = { t, f, tr, f->in_port >= 0 ? &t->ports[f->in_port] : NULL, why, len };
	unsigned int i;

	if (check_verdict(&c, verdict) || check_ingress(&c))
		return -1;
	if (tr->action == XOVN_ACT_DROP)
		return 0;
	if (check_admission(&c) || check_unicast_choice(&c) || check_reply(&c))
		return -1;
	if (tr->n_out > XOVN_MAX_TRACE_OUT)
		return broken(&c, "%u copies, more than a trace can hold", tr->n_out);
	for (i = 0; i < tr->n_out; i++)
		if (check_copy(&c, i))
			return -1;
	return 0;
}

static const char *origin_name(enum topo_origin o)
{
	static const char *const names[] = { "iface", "localnet", "tunnel", "nowhere" };

	return names[o];
}

void inv_describe(const struct topo *t, const struct topo_frame *f, const struct xovn_trace *tr,
		  char *buf, size_t len)
{
	const uint8_t *s = f->src, *d = f->dst;

	snprintf(buf, len,
		 "from %s ifindex %u in_port %s (tunnel %u->%u) %02x:%02x:%02x:%02x:%02x:%02x > "
		 "%02x:%02x:%02x:%02x:%02x:%02x %s; decision: action %u reason %u dp %u "
		 "in %u out %u copies %u",
		 origin_name(f->origin), f->ifindex, f->in_port >= 0 ? t->ports[f->in_port].name : "-",
		 f->tunnel_in, f->tunnel_out, s[0], s[1], s[2], s[3], s[4], s[5], d[0], d[1], d[2],
		 d[3], d[4], d[5], f->is_arp ? "ARP" : "UDP", tr->action, tr->drop_reason,
		 tr->dp_key, tr->in_port, tr->out_port, tr->n_out);
}
