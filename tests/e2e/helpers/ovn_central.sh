# ovn_central.sh - OVN's own central components for a test, from Debian's
# ovn-central: the NB and SB ovsdb-servers and ovn-northd, on unix sockets
# under $E2E_TMP/ovn (paths are not per network namespace, so xovnd in a
# chassis namespace reaches them without addresses).  They run in the
# foreground in the background of the test, so their PIDs are ours and
# e2e_cleanup stops exactly them.  Source after lib.sh, after e2e_begin.

OVN_SCHEMAS=${OVN_SCHEMAS:-/usr/share/ovn}
OVN_DIR=$E2E_TMP/ovn
OVN_NB=unix:$OVN_DIR/nb.sock
OVN_SB=unix:$OVN_DIR/sb.sock

nbctl() { ovn-nbctl --db="$OVN_NB" --timeout=20 "$@"; }
sbctl() { ovn-sbctl --db="$OVN_SB" --timeout=20 "$@"; }

# ovn_run NAME CMD...: CMD in the background, logging to $OVN_DIR/NAME.log.
ovn_run() {
	local name=$1; shift
	"$@" -vconsole:off -vfile:info --log-file="$OVN_DIR/$name.log" --no-chdir \
		>>"$OVN_DIR/$name.out" 2>&1 &
	E2E_PIDS+=("$!")
}

# start_sb / kill_sb: the SB ovsdb-server alone (a database outage).
start_sb() {
	rm -f "$OVN_DIR/sb.sock"
	ovn_run sb ovsdb-server "$OVN_DIR/sb.db" --remote="punix:$OVN_DIR/sb.sock" \
		--unixctl="$OVN_DIR/sb.ctl"
	OVN_SB_PID=$!
	until_ok 10 test -S "$OVN_DIR/sb.sock"
}
kill_sb() {
	kill "$OVN_SB_PID" && wait "$OVN_SB_PID" 2>/dev/null
	! test -S "$OVN_DIR/sb.sock" || rm -f "$OVN_DIR/sb.sock"
}

ovn_central_start() {
	mkdir -p "$OVN_DIR"
	ovsdb-tool create "$OVN_DIR/nb.db" "$OVN_SCHEMAS/ovn-nb.ovsschema" &&
		ovsdb-tool create "$OVN_DIR/sb.db" "$OVN_SCHEMAS/ovn-sb.ovsschema" || return 1
	ovn_run nb ovsdb-server "$OVN_DIR/nb.db" --remote="punix:$OVN_DIR/nb.sock" \
		--unixctl="$OVN_DIR/nb.ctl"
	start_sb || return 1
	until_ok 10 test -S "$OVN_DIR/nb.sock" || return 1
	ovn_run northd ovn-northd --ovnnb-db="$OVN_NB" --ovnsb-db="$OVN_SB" \
		--unixctl="$OVN_DIR/northd.ctl"
	until_ok 10 nbctl --wait=sb sync
}

# ovn_chassis_start NS NAME ENCAP_IP [ENCAP_IFACE [XOVND_FLAGS...]]: xovnd as chassis NAME of
# this OVN, its local configuration (what ovn-controller reads from OVS) in
# $E2E_TMP/local-NAME.json, edited with local_ctl NAME ... (vif-attach is
# the iface-id of an OVS interface).
ovn_chassis_start() {
	local ns=$1 name=$2 ip=$3 iface=${4:-}
	local_ctl "$name" chassis-add "$name" geneve "$ip" || return 1
	[ -z "$iface" ] || local_ctl "$name" chassis-set-encap-iface "$name" "$iface" || return 1
	DB=$E2E_TMP/local-$name.json xovnd_start "$ns" "$name" --ovn-remote "$OVN_SB" "${@:5}"
}

# A local file names ports that live in the SB, not in the file: xovnctl's
# warnings that they do not exist there are expected and dropped.
local_ctl() {
	local name=$1; shift
	"$XOVNCTL" --db "$E2E_TMP/local-$name.json" "$@" 2> >(grep -v '^xovnctl: warning: interface of chassis' >&2)
}

# ---- a chassis of real ovn-controller + Open vSwitch (userspace datapath) ----

OVS_SCHEMA=${OVS_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}

# ovs_env NS NAME: the command prefix that runs in NS with chassis NAME's
# run directory (a command, not a function, so that ovn_run's PID is the
# daemon's own).
ovs_env() {
	local d=$OVN_DIR/$2
	OVS_ENV=(nsenter --net="/run/netns/$1" env OVS_RUNDIR="$d" OVS_DBDIR="$d" OVS_LOGDIR="$d"
		 OVN_RUNDIR="$d")
}
ovs_vsctl() { local d=$OVN_DIR/$1; shift; ovs-vsctl --timeout=10 --db="unix:$d/db.sock" "$@"; }

# ovs_chassis_start NS NAME ENCAP_IP: ovsdb-server, ovs-vswitchd (netdev
# bridges: no kernel openvswitch module here) and ovn-controller for NAME.
# The underlay interface ul0 moves into br-phy, whose internal port takes
# ENCAP_IP: userspace tunnelling routes from its own bridge.
ovs_chassis_start() {
	local ns=$1 name=$2 ip=$3 d=$OVN_DIR/$2
	mkdir -p "$d"
	ovsdb-tool create "$d/conf.db" "$OVS_SCHEMA" || return 1
	ovs_env "$ns" "$name"
	ovn_run "$name-ovsdb" "${OVS_ENV[@]}" ovsdb-server "$d/conf.db" \
		--remote="punix:$d/db.sock" --unixctl="$d/ovsdb.ctl"
	until_ok 10 test -S "$d/db.sock" || return 1
	ovs_vsctl "$name" --no-wait init || return 1
	ovn_run "$name-vswitchd" "${OVS_ENV[@]}" ovs-vswitchd "unix:$d/db.sock" \
		--unixctl="$d/vswitchd.ctl"
	ovs_vsctl "$name" set open . external_ids:system-id="$name" \
		external_ids:ovn-remote="$OVN_SB" external_ids:ovn-encap-type=geneve \
		external_ids:ovn-encap-ip="$ip" external_ids:ovn-bridge-datapath-type=netdev \
		-- add-br br-int -- set bridge br-int datapath_type=netdev fail-mode=secure \
		other_config:disable-in-band=true || return 1
	ip -n "$ns" addr flush dev ul0
	ovs_vsctl "$name" add-br br-phy -- set bridge br-phy datapath_type=netdev \
		-- add-port br-phy ul0 || return 1
	ip -n "$ns" addr add "$ip/24" dev br-phy && ip -n "$ns" link set br-phy up || return 1
	ovn_run "$name-controller" "${OVS_ENV[@]}" ovn-controller "unix:$d/db.sock"
}

# ovs_bind NAME IFACE PORT: IFACE becomes logical port PORT (its iface-id).
ovs_bind() {
	ovs_vsctl "$1" add-port br-int "$2" -- set interface "$2" external_ids:iface-id="$3"
}

# ---- clustered NB and SB (Raft), three members each ----------------------------

# ovn_cluster_start BASEPORT: NB and SB as 3-member clusters whose Raft
# links are on loopback ports BASEPORT..BASEPORT+5; clients reach member i
# at unix:$OVN_DIR/{nb,sb}I.sock.  Sets OVN_NB and OVN_SB to all three, so
# ovn-nbctl, ovn-northd and xovnd each follow whichever member is up.
ovn_cluster_start() {
	local base=$1 db i schema
	mkdir -p "$OVN_DIR"
	for db in nb sb; do
		schema=$OVN_SCHEMAS/ovn-$db.ovsschema
		local p0=$base
		[ $db = sb ] && p0=$((base + 3))
		ovsdb-tool --election-timer=1000 create-cluster "$OVN_DIR/${db}1.db" "$schema" \
			"tcp:127.0.0.1:$p0" || return 1
		local name
		name=$(ovsdb-tool schema-name "$schema")
		for i in 2 3; do
			ovsdb-tool join-cluster "$OVN_DIR/$db$i.db" "$name" \
				"tcp:127.0.0.1:$((p0 + i - 1))" "tcp:127.0.0.1:$p0" || return 1
		done
		for i in 1 2 3; do
			ovn_member_start $db $i
		done
	done
	OVN_NB=unix:$OVN_DIR/nb1.sock,unix:$OVN_DIR/nb2.sock,unix:$OVN_DIR/nb3.sock
	OVN_SB=unix:$OVN_DIR/sb1.sock,unix:$OVN_DIR/sb2.sock,unix:$OVN_DIR/sb3.sock
	until_ok 20 ovn_cluster_ready nb || return 1
	until_ok 20 ovn_cluster_ready sb || return 1
	ovn_run northd ovn-northd --ovnnb-db="$OVN_NB" --ovnsb-db="$OVN_SB" \
		--unixctl="$OVN_DIR/northd.ctl"
	until_ok 20 nbctl --wait=sb sync
}

# ovn_member_start DB I: member I of cluster DB (nb or sb); its PID in OVN_PID_<db><i>.
ovn_member_start() {
	local db=$1 i=$2
	rm -f "$OVN_DIR/$db$i.sock"
	ovn_run "$db$i" ovsdb-server "$OVN_DIR/$db$i.db" --remote="punix:$OVN_DIR/$db$i.sock" \
		--unixctl="$OVN_DIR/$db$i.ctl"
	printf -v "OVN_PID_$db$i" %s "$!"
}

ovn_cluster_ready() {
	local i
	for i in 1 2 3; do
		ovs-appctl -t "$OVN_DIR/${1}$i.ctl" cluster/status "$(ovn_db_name $1)" 2>/dev/null |
			grep -q '^Status: cluster member' || return 1
	done
	test -n "$(ovn_leader "$1")"
}

ovn_db_name() { [ "$1" = nb ] && echo OVN_Northbound || echo OVN_Southbound; }

# ovn_leader DB: the index of DB's current leader (empty when none).
ovn_leader() {
	local i
	for i in 1 2 3; do
		ovs-appctl -t "$OVN_DIR/${1}$i.ctl" cluster/status "$(ovn_db_name $1)" 2>/dev/null |
			grep -q '^Role: leader' && { echo $i; return 0; }
	done
}

# ovn_member_kill DB I: member I stops (SIGKILL: no goodbye to the cluster).
ovn_member_kill() {
	local pid_var=OVN_PID_$1$2
	kill -KILL "${!pid_var}" 2>/dev/null
	wait "${!pid_var}" 2>/dev/null
	rm -f "$OVN_DIR/$1$2.sock"
}
