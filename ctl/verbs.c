/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * verbs.c - the table of every verb and the --help text.
 */
#include <string.h>

#include "ctl.h"

static const struct ctl_verb *const verb_tables[] = {
	ctl_switch_verbs, ctl_port_verbs, ctl_ha_verbs,
	ctl_chassis_verbs, ctl_bind_verbs, ctl_show_verbs,
	ctl_trace_verbs, ctl_stats_verbs, ctl_db_verbs, ctl_dhcp_verbs,
	ctl_router_verbs, ctl_route_verbs, ctl_nat_verbs, ctl_gateway_verbs,
	ctl_conntrack_verbs,
};

const struct ctl_verb *ctl_find_verb(const char *name)
{
	size_t t;

	for (t = 0; t < sizeof(verb_tables) / sizeof(verb_tables[0]); t++) {
		const struct ctl_verb *v;

		for (v = verb_tables[t]; v->name; v++)
			if (strcmp(v->name, name) == 0)
				return v;
	}
	return NULL;
}

static const char help_text[] =
"usage: xovnctl [--db FILE] [OPTIONS] COMMAND [ARG...] [-- [OPTIONS] COMMAND [ARG...]]...\n"
"\n"
"Edits the xovn northbound model (default $XOVN_DB, else /var/lib/xovn/nb.json).\n"
"Commands chained with -- form one transaction: the model is locked, every\n"
"command is applied, the result is validated and saved only if all of it\n"
"succeeded.  On error nothing changes and the exit status is 1.\n"
"\n"
"Logical switches:\n"
"  ls-add SWITCH                 create a switch (tunnel key allocated)\n"
"  ls-del SWITCH                 delete a switch with all of its ports, their\n"
"                                VIF attachments and bindings\n"
"  ls-list                       print switch names\n"
"\n"
"Logical switch ports:\n"
"  lsp-add SWITCH PORT [PARENT TAG]\n"
"                                create a port; with PARENT TAG a container port\n"
"                                (PARENT must be a VIF, TAG 1..4094)\n"
"  lsp-del PORT                  delete a port with its VIF attachments and\n"
"                                binding; a parent of container ports is refused\n"
"                                until its container ports are deleted\n"
"  lsp-list SWITCH               print the switch's port names\n"
"  lsp-set-type PORT TYPE        TYPE: \"\" localport localnet external l2gateway router\n"
"  lsp-get-type PORT\n"
"  lsp-set-addresses PORT [ADDRESS]...\n"
"                                ADDRESS: \"MAC [IP]...\", unknown or router;\n"
"                                no ADDRESS clears\n"
"  lsp-get-addresses PORT\n"
"  lsp-set-port-security PORT [\"MAC [IP[/PLEN]]...\"]...\n"
"  lsp-get-port-security PORT\n"
"  lsp-set-options PORT [KEY=VALUE]...\n"
"                                replace the options (network_name,\n"
"                                l2gateway-chassis, requested-chassis, ...)\n"
"  lsp-get-options PORT\n"
"  lsp-set-tag PORT TAG          VLAN of a localnet port (\"\" clears)\n"
"  lsp-set-ha-chassis-group PORT GROUP\n"
"                                GROUP \"\" clears\n"
"\n"
"Logical routers:\n"
"  lr-add ROUTER                 create a router (tunnel key allocated from the\n"
"                                switches' key space)\n"
"  lr-del ROUTER                 delete a router with its ports and routes\n"
"  lr-list                       print \"UUID (name)\" of every router\n"
"\n"
"Logical router ports:\n"
"  lrp-add ROUTER PORT MAC NETWORK... [peer=PEER] [COLUMN[:KEY]=VALUE]...\n"
"                                create a port; NETWORK: IPv4 or IPv6\n"
"                                ADDRESS/PLEN; names are shared with switch ports\n"
"  lrp-del PORT                  delete a router port\n"
"  lrp-list ROUTER               print \"UUID (name)\" of the router's ports\n"
"  lrp-set-enabled PORT STATE    STATE: enabled or disabled\n"
"  lrp-get-enabled PORT          print the port's state\n"
"\n"
"Static routes:\n"
"  lr-route-add ROUTER PREFIX NEXTHOP [PORT]\n"
"                                PREFIX: IP[/PLEN] (host bits cleared);\n"
"                                NEXTHOP: an address of PREFIX's family or\n"
"                                discard; PORT: a router port; a second route\n"
"                                for a prefix needs --ecmp\n"
"  lr-route-del ROUTER [PREFIX [NEXTHOP [PORT]]]\n"
"                                delete the matching routes (all without\n"
"                                PREFIX and --policy)\n"
"  lr-route-list ROUTER          print the routes by family and route table,\n"
"                                longest prefix first\n"
"\n"
"NAT:\n"
"  lr-nat-add ROUTER TYPE EXTERNAL_IP LOGICAL_IP [LOGICAL_PORT EXTERNAL_MAC]\n"
"             [EXTERNAL_PORT_RANGE]\n"
"                                TYPE: snat (LOGICAL_IP may be a network), dnat\n"
"                                or dnat_and_snat (with LOGICAL_PORT and\n"
"                                EXTERNAL_MAC: distributed); the range needs\n"
"                                --portrange\n"
"  lr-nat-del ROUTER [TYPE [IP [GATEWAY_PORT]]]\n"
"                                delete the matching NAT rules\n"
"  lr-nat-list ROUTER            print the NAT rules\n"
"\n"
"Gateway chassis:\n"
"  lrp-set-gateway-chassis PORT CHASSIS [PRIORITY]\n"
"                                PRIORITY 0..32767 (default 0); updates an\n"
"                                existing one\n"
"  lrp-del-gateway-chassis PORT CHASSIS\n"
"  lrp-get-gateway-chassis PORT  print NAME PRIORITY, highest first\n"
"  lrp-set-redirect-type PORT overlay|bridged\n"
"  lrp-get-redirect-type PORT\n"
"\n"
"HA chassis groups:\n"
"  ha-chassis-group-add GROUP\n"
"  ha-chassis-group-del GROUP    ports naming the group lose the reference\n"
"  ha-chassis-group-list\n"
"  ha-chassis-group-add-chassis GROUP CHASSIS PRIORITY\n"
"                                PRIORITY 0..32767; updates an existing member\n"
"  ha-chassis-group-remove-chassis GROUP CHASSIS\n"
"\n"
"DHCP (answered by the port's own chassis, no server runs):\n"
"  dhcp-options-create CIDR [KEY=VALUE]...\n"
"                                new options row (the pairs are external_ids);\n"
"                                prints nothing: find it with dhcp-options-list\n"
"  dhcp-options-set-options UUID [KEY=VALUE]...\n"
"                                replace the options: router server_id server_mac\n"
"                                lease_time dns_server domain_name mtu\n"
"                                classless_static_route T1 T2; IPv6: server_id\n"
"                                (a MAC) dns_server domain_search\n"
"  dhcp-options-get-options UUID\n"
"  dhcp-options-del UUID         ports using the row lose the reference\n"
"  dhcp-options-list             print the rows' UUIDs\n"
"  lsp-set-dhcpv4-options PORT [UUID]   no UUID clears\n"
"  lsp-get-dhcpv4-options PORT   prints \"UUID (CIDR)\"\n"
"  lsp-set-dhcpv6-options PORT [UUID]\n"
"  lsp-get-dhcpv6-options PORT\n"
"\n"
"Chassis and bindings:\n"
"  chassis-add CHASSIS geneve ENCAP_IP\n"
"  chassis-del CHASSIS           also removes its VIFs, bindings and HA\n"
"                                memberships\n"
"  chassis-list\n"
"  chassis-set-encap-iface CHASSIS IFNAME      underlay interface (\"\" clears)\n"
"  chassis-set-bridge-mappings CHASSIS NETWORK:IFNAME[,NETWORK:IFNAME]...\n"
"                                replace the mappings (\"\" clears)\n"
"  chassis-set-state CHASSIS up|down           liveness for HA groups\n"
"  vif-attach CHASSIS IFNAME PORT\n"
"                                bind a VIF (or a localport instance) to the\n"
"                                interface; re-attaching IFNAME replaces its port\n"
"  vif-detach CHASSIS IFNAME\n"
"  lsp-bind PORT CHASSIS         explicit binding (not localport/localnet)\n"
"  lsp-unbind PORT\n"
"\n"
"Database commands (ovn-nbctl's generic ones; see docs/nbctl.md):\n"
"  list TABLE [RECORD]...        every column of the records (all of them)\n"
"  find TABLE [COLUMN[:KEY]=VALUE | COLUMN[:KEY]!=VALUE]...\n"
"                                the records whose columns match all conditions\n"
"  get TABLE RECORD COLUMN[:KEY]...\n"
"                                one value a line (--if-exists: a missing record\n"
"                                or key prints nothing)\n"
"  set TABLE RECORD COLUMN[:KEY]=VALUE...\n"
"  add TABLE RECORD COLUMN [KEY=]VALUE...\n"
"                                add to a set or map column\n"
"  remove TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...\n"
"  clear TABLE RECORD COLUMN...  empty set or map columns\n"
"  create TABLE COLUMN[:KEY]=VALUE...\n"
"                                prints the new row's UUID; with --id=@NAME later\n"
"                                commands of the chain may name it @NAME\n"
"  destroy TABLE RECORD...       as the matching -del verb\n"
"  sync                          with --wait=hv: wait for what is written\n"
"                                TABLE: Logical_Switch, Logical_Switch_Port,\n"
"                                Logical_Router, Logical_Router_Port,\n"
"                                Logical_Router_Static_Route, HA_Chassis_Group,\n"
"                                HA_Chassis, Chassis, DHCP_Options (any case,\n"
"                                a unique prefix); RECORD: its name or _uuid\n"
"\n"
"Inspection:\n"
"  show                          switches, ports, routers, chassis, bindings\n"
"  trace [--chassis NAME] [--pin-dir DIR] [--json] PORT FIELDS...\n"
"  trace [--chassis NAME] [--pin-dir DIR] [--json] [--packet N] --pcap FILE PORT\n"
"  trace --chassis NAME --underlay [--json] (--pcap FILE [--packet N] | FIELDS...)\n"
"                                run the chassis' real datapath (its pinned\n"
"                                trace program and live maps, never written) on\n"
"                                one frame entering from PORT (or the underlay)\n"
"                                and print every decision: ingress port,\n"
"                                admission, port security, ARP/ND responder, L2\n"
"                                lookup, outputs or the drop reason.  --chassis\n"
"                                defaults to the port's binding; --pin-dir to\n"
"                                /sys/fs/bpf/xovn/NAME; --packet (from 1) picks\n"
"                                a packet of a pcap file.  FIELDS (NAME=VALUE):\n"
"                                eth.src eth.dst eth.type vlan (repeat to stack)\n"
"                                arp.op arp.sha arp.spa arp.tha arp.tpa ip4.src\n"
"                                ip4.dst ip.ttl ip6.src ip6.dst nd.target udp.src\n"
"                                udp.dst icmp.type icmp.code payload.len\n"
"  stats [--chassis NAME] [--pin-dir DIR] [--json] [PORT]\n"
"                                per-port rx/tx packets and bytes and drops by\n"
"                                reason, summed over CPUs; --chassis defaults to\n"
"                                the port's binding, else the only chassis;\n"
"                                without PORT also the BFD sessions\n"
"  bfd-show [--chassis NAME] [--pin-dir DIR] [--json]\n"
"                                the chassis' BFD sessions as its xovnd runs\n"
"                                them: peer, local and remote state, liveness\n"
"                                applied, diagnostic, intervals, flaps\n"
"  lr-nat-conntrack [--chassis NAME] [--pin-dir DIR] [--json] [ROUTER]\n"
"                                the NAT connections in the chassis' datapath:\n"
"                                tuple before and after translation, idle time;\n"
"                                --chassis defaults to the only chassis\n"
"\n"
"Options (before a command, apply to it):\n"
"  --may-exist                   ls-add, lsp-add, lr-add, lrp-add, lr-route-add,\n"
"                                lr-nat-add,\n"
"                                chassis-add, ha-chassis-group-add: existing is\n"
"                                no error (lr-route-add: replaces the nexthop)\n"
"  --if-exists                   ls-del, lsp-del, lr-del, lrp-del, lr-route-del,\n"
"                                lr-nat-del,\n"
"                                chassis-del, ha-chassis-group-del, vif-detach,\n"
"                                lsp-unbind: missing is no error\n"
"  --tunnel-key=N                ls-add, lsp-add, lr-add, lrp-add: use key N\n"
"                                instead of the lowest free one\n"
"  --ecmp                        lr-route-add: one more nexthop for a prefix\n"
"  --policy=src-ip|dst-ip        lr-route-add, lr-route-del: route on the source\n"
"                                or (the default) destination address\n"
"  --route-table=NAME            lr-route-add, lr-route-del, lr-route-list: the\n"
"                                route table (default: the main one)\n"
"  --stateless                   lr-nat-add: a dnat_and_snat without\n"
"                                connection tracking\n"
"  --portrange                   lr-nat-add: the last argument is\n"
"                                EXTERNAL_PORT_RANGE (PORT or LOW-HIGH)\n"
"  --id=@NAME                    create, get: name the row for the chain\n"
"Global options:\n"
"  --db FILE, --db=FILE          model file\n"
"  --format=list|table|csv|json  output of list and find (-f FORMAT)\n"
"  --bare                        values only, no column names or quotes\n"
"  --columns=COLUMN[,COLUMN]...  columns of list and find, in this order\n"
"  --wait=none|sb|hv             after a write (or sync), wait until every\n"
"                                chassis running xovnd (its maps pinned under\n"
"                                $XOVN_PIN_ROOT, else /sys/fs/bpf/xovn) holds it\n"
"  --timeout=SECS, -t SECS       bound the wait (exit 1 on timeout)\n"
"  --no-wait                     do not wait (the default)\n"
"  --commands                    list every command name\n"
"  -h, --help                    this text\n";

void ctl_print_help(FILE *f)
{
	fputs(help_text, f);
}

void ctl_print_commands(FILE *f)
{
	size_t t;

	for (t = 0; t < sizeof(verb_tables) / sizeof(verb_tables[0]); t++) {
		const struct ctl_verb *v;

		for (v = verb_tables[t]; v->name; v++)
			fprintf(f, "%s\n", v->name);
	}
}

/* A verb's entry of help_text: its line "  VERB ..." and the indented lines after it. */
static const char *entry_end(const char *line)
{
	const char *p = strchr(line, '\n');

	while (p && strncmp(p + 1, "    ", 4) == 0)
		p = strchr(p + 1, '\n');
	return p ? p + 1 : line + strlen(line);
}

void ctl_print_verb_help(FILE *f, const char *verb)
{
	size_t n = strlen(verb);
	const char *line = help_text;
	int found = 0;

	for (; *line; line = strchr(line, '\n') + 1) {
		const char *end;

		if (strncmp(line, "  ", 2) != 0 || strncmp(line + 2, verb, n) != 0 ||
		    (line[2 + n] != ' ' && line[2 + n] != '\n'))
			continue;
		end = entry_end(line);
		fprintf(f, "%s xovnctl [GLOBAL OPTIONS] %.*s", found ? "      " : "usage:",
			(int)(end - line - 2), line + 2);
		found = 1;
		line = end - 1;
	}
	if (!found)
		fprintf(f, "usage: xovnctl [GLOBAL OPTIONS] %s [ARG...]\n", verb);
	fputs("(xovnctl --help lists every command and option)\n", f);
}
