#!/usr/bin/env bash
# ovn_topo.sh - private OVN and Open vSwitch daemons for bench/ovn_throughput.sh,
# sourced after bench/topo.sh (it uses bt_in and $BT_TMP from there).
#
# One OVN central (NB and SB ovsdb-servers, ovn-northd) and, per chassis
# namespace, its own ovsdb-server, ovs-vswitchd and ovn-controller.  Every
# daemon talks over unix sockets under $BT_TMP (paths are not per network
# namespace, so chassis namespaces reach the central without addresses),
# detaches with its pidfile there, and ovn_stop_all stops exactly those PIDs.
# Bridges use datapath_type=netdev: the kernel here has no openvswitch module.

OVN_BINS="ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ovs-appctl ovn-northd ovn-controller ovn-nbctl ovn-sbctl ethtool"
OVS_SCHEMA=${OVS_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}
OVN_SCHEMAS=${OVN_SCHEMAS:-/usr/share/ovn}
OVN_PIDFILES=()

# ovn_missing: the binaries and schemas this needs that are not here, if any.
ovn_missing() {
	local b
	for b in $OVN_BINS; do command -v "$b" >/dev/null || echo "$b"; done
	for b in "$OVS_SCHEMA" "$OVN_SCHEMAS/ovn-nb.ovsschema" "$OVN_SCHEMAS/ovn-sb.ovsschema"; do
		[ -r "$b" ] || echo "$b"
	done
}

# ovn_daemon DIR NAME CMD...: CMD detached, its pidfile and log named NAME in
# DIR.  --detach returns once the daemon is ready.
ovn_daemon() {
	local dir=$1 name=$2
	shift 2
	OVN_PIDFILES+=("$dir/$name.pid")
	"$@" -vconsole:off --pidfile="$dir/$name.pid" --log-file="$dir/$name.log" --detach --no-chdir
}

ovn_nb() { ovn-nbctl --db="unix:$BT_TMP/central/nb.sock" "$@"; }
ovn_sb() { ovn-sbctl --db="unix:$BT_TMP/central/sb.sock" "$@"; }

# ovn_central_start: NB and SB databases and ovn-northd, in this namespace
# (they use no network, only the unix sockets).
ovn_central_start() {
	local d=$BT_TMP/central
	mkdir -p "$d"
	ovsdb-tool create "$d/nb.db" "$OVN_SCHEMAS/ovn-nb.ovsschema" &&
		ovsdb-tool create "$d/sb.db" "$OVN_SCHEMAS/ovn-sb.ovsschema" || return 1
	ovn_daemon "$d" nb ovsdb-server "$d/nb.db" --remote="punix:$d/nb.sock" \
		--unixctl="$d/nb.ctl" &&
		ovn_daemon "$d" sb ovsdb-server "$d/sb.db" --remote="punix:$d/sb.sock" \
		--unixctl="$d/sb.ctl" &&
		ovn_daemon "$d" northd ovn-northd --ovnnb-db="unix:$d/nb.sock" \
			--ovnsb-db="unix:$d/sb.sock" --unixctl="$d/northd.ctl"
}

# Per-chassis commands: HV is the topo.sh namespace suffix (s1, c1, c2).
ovn_dir() { echo "$BT_TMP/$1"; }
ovn_vsctl() { local d; d=$(ovn_dir "$1"); shift; ovs-vsctl --timeout=10 --db="unix:$d/db.sock" "$@"; }
# ovn_appctl HV CMD...: a control command to HV's ovs-vswitchd (for debugging:
# dpctl/dump-flows, ofproto/trace br-int ..., tnl/neigh/show).
ovn_appctl() { local d; d=$(ovn_dir "$1"); shift; ovs-appctl -t "$d/vswitchd.ctl" "$@"; }
# ovn_in HV CMD...: CMD inside HV's namespace with its run directory.
ovn_in() {
	local hv=$1 d
	d=$(ovn_dir "$hv")
	shift
	bt_in "$hv" env OVS_RUNDIR="$d" OVS_DBDIR="$d" OVS_LOGDIR="$d" OVN_RUNDIR="$d" "$@"
}

# ovn_chassis_start HV SYSTEM_ID ENCAP_IP: ovsdb-server, ovs-vswitchd and
# ovn-controller in HV's namespace, and a netdev br-int that OVN fills.
ovn_chassis_start() {
	local hv=$1 d
	d=$(ovn_dir "$hv")
	mkdir -p "$d"
	ovsdb-tool create "$d/conf.db" "$OVS_SCHEMA" || return 1
	ovn_daemon "$d" ovsdb ovn_in "$hv" ovsdb-server "$d/conf.db" --remote="punix:$d/db.sock" \
		--unixctl="$d/ovsdb.ctl" || return 1
	ovn_vsctl "$hv" --no-wait init || return 1
	ovn_daemon "$d" vswitchd ovn_in "$hv" ovs-vswitchd "unix:$d/db.sock" \
		--unixctl="$d/vswitchd.ctl" || return 1
	ovn_vsctl "$hv" set open . external_ids:system-id="$2" \
		external_ids:ovn-remote="unix:$BT_TMP/central/sb.sock" \
		external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip="$3" \
		external_ids:ovn-bridge-datapath-type=netdev \
		-- add-br br-int -- set bridge br-int datapath_type=netdev fail-mode=secure \
		other_config:disable-in-band=true || return 1
	ovn_daemon "$d" controller ovn_in "$hv" ovn-controller "unix:$d/db.sock"
}

# ovn_bind HV IFACE LSP: IFACE (a veth in HV) becomes logical port LSP.
ovn_bind() {
	ovn_vsctl "$1" add-port br-int "$2" -- set interface "$2" external_ids:iface-id="$3"
}

# ovn_underlay HV IP: userspace tunnelling needs the tunnel endpoint on a
# netdev bridge, so "ul" moves into br-phy and IP moves onto br-phy's
# internal port; ovs-vswitchd then routes and resolves neighbours itself
# (its route table mirrors the namespace's, ARP it snoops or asks for).
ovn_underlay() {
	local ns
	ns=$(bt_ns "$1")
	ip -n "$ns" addr flush dev ul
	ovn_vsctl "$1" add-br br-phy -- set bridge br-phy datapath_type=netdev \
		-- set interface br-phy mtu_request=1600 -- add-port br-phy ul || return 1
	ip -n "$ns" addr add "$2/24" dev br-phy && ip -n "$ns" link set br-phy up
}

# ovn_no_tx_offload VM: the userspace datapath reads frames with AF_PACKET
# and cannot finish a partial checksum or split a TSO frame, so the VM must
# send complete frames: with the veth defaults ping works but TCP does not.
ovn_no_tx_offload() {
	bt_in "$1" ethtool -K eth0 tx off >/dev/null
}

# ovn_port_up LSP: wait until ovn-controller has claimed LSP and installed its flows.
ovn_port_up() {
	ovn_nb --timeout=20 wait-until Logical_Switch_Port "$1" up=true >/dev/null
}

# ovn_pids_of DIR: the PIDs in the pidfiles under DIR (one chassis or all).
ovn_pids_of() {
	local f
	for f in "${OVN_PIDFILES[@]}"; do
		case $f in "$1"/*) [ -r "$f" ] && cat "$f" ;; esac
	done
}

ovn_any_alive() {
	local pid
	for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
	return 1
}

# ovn_stop DIR: SIGTERM the daemons started under DIR, up to 5 s for them to
# go, then SIGKILL; their pidfiles go too, so no PID is signalled twice.
ovn_stop() {
	local pids pid f _
	pids=$(ovn_pids_of "$1")
	for pid in $pids; do kill "$pid" 2>/dev/null; done
	for _ in $(seq 1 50); do
		# shellcheck disable=SC2086 # one argument per PID
		ovn_any_alive $pids || break
		sleep 0.1
	done
	for pid in $pids; do kill -KILL "$pid" 2>/dev/null; done
	for f in "${OVN_PIDFILES[@]}"; do
		case $f in "$1"/*) rm -f "$f" ;; esac
	done
}

ovn_stop_all() { ovn_stop "$BT_TMP"; }
