// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* names_enum.c - spellings of the datapath's enums (include/xovn_maps.h). */
#include "model/model.h"
#include "dataplane/names.h"
#include "xovn_maps.h"

static const char *const drop_names[XOVN_DROP__COUNT] = {
	[XOVN_DROP_NONE] = "none",
	[XOVN_DROP_MALFORMED] = "malformed",
	[XOVN_DROP_NO_PORT] = "no-port",
	[XOVN_DROP_VLAN_NOT_ALLOWED] = "vlan-not-allowed",
	[XOVN_DROP_STACKED_VLAN] = "stacked-vlan",
	[XOVN_DROP_SRC_MULTICAST] = "src-multicast",
	[XOVN_DROP_HAIRPIN] = "hairpin",
	[XOVN_DROP_NO_UNKNOWN_PORT] = "no-unknown-port",
	[XOVN_DROP_PORT_ABSENT] = "port-absent",
	[XOVN_DROP_LOCALPORT] = "localport",
	[XOVN_DROP_LOCALNET_REFLECT] = "localnet-reflect",
	[XOVN_DROP_NO_REMOTE] = "no-remote",
	[XOVN_DROP_PORT_SEC_SRC] = "port-security-src",
	[XOVN_DROP_PORT_SEC_DST] = "port-security-dst",
	[XOVN_DROP_GENEVE_SHORT] = "geneve-short",
	[XOVN_DROP_GENEVE_OPTLEN] = "geneve-optlen",
	[XOVN_DROP_GENEVE_OPTION] = "geneve-option",
	[XOVN_DROP_GENEVE_VNI] = "geneve-vni",
	[XOVN_DROP_GENEVE_PORT] = "geneve-port",
	[XOVN_DROP_EXTERNAL_NOT_HELD] = "external-not-held",
	[XOVN_DROP_ENCAP_FAILED] = "encap-failed",
	[XOVN_DROP_REDIRECT_FAILED] = "redirect-failed",
	[XOVN_DROP_MTU] = "mtu",
	[XOVN_DROP_DHCP] = "dhcp-not-answered",
	[XOVN_DROP_NO_ROUTE] = "no-route",
	[XOVN_DROP_NO_NEIGH] = "no-neighbour",
	[XOVN_DROP_TTL_EXCEEDED] = "ttl-exceeded",
	[XOVN_DROP_ROUTER_HOPS] = "router-hops",
	[XOVN_DROP_ROUTER_LOCAL] = "router-local",
	[XOVN_DROP_ROUTER_UNHANDLED] = "router-unhandled",
	[XOVN_DROP_ROUTE_DISCARD] = "route-discard",
	[XOVN_DROP_MTU_ICMP] = "mtu-icmp-sent",
	[XOVN_DROP_NO_GATEWAY] = "no-gateway",
	[XOVN_DROP_NAT_TABLE_FULL] = "nat-table-full",
	[XOVN_DROP_NAT_NO_PORT] = "nat-no-port",
};

static const char *const action_names[] = {
	[XOVN_ACT_NONE] = "none",
	[XOVN_ACT_DROP] = "drop",
	[XOVN_ACT_DELIVER] = "deliver",
	[XOVN_ACT_TUNNEL] = "tunnel",
	[XOVN_ACT_LOCALNET] = "localnet",
	[XOVN_ACT_FLOOD] = "flood",
	[XOVN_ACT_ARP_REPLY] = "arp-reply",
	[XOVN_ACT_PASS] = "pass",
	[XOVN_ACT_DHCP_REPLY] = "dhcp-reply",
	[XOVN_ACT_NEIGH_LEARN] = "neighbour-learned",
};

static const char *const out_kind_names[] = {
	[XOVN_OUT_LOCAL] = "local",
	[XOVN_OUT_TUNNEL] = "tunnel",
	[XOVN_OUT_LOCALNET] = "localnet",
};

#define LOOKUP(table, i) \
	((i) < sizeof(table) / sizeof(table[0]) && table[i] ? table[i] : "unknown")

const char *xovn_drop_reason_name(unsigned reason)
{
	return LOOKUP(drop_names, reason);
}

const char *xovn_action_name(unsigned action)
{
	return LOOKUP(action_names, action);
}

const char *xovn_out_kind_name(unsigned kind)
{
	return LOOKUP(out_kind_names, kind);
}

const char *xovn_port_type_name(unsigned type)
{
	return type < XOVN_PT__COUNT ? xovn_port_type_names[type] : "unknown";
}
