#!/usr/bin/env bash
# lib.sh - shared helpers for the end-to-end tests: chassis and VM network
# namespaces joined by veth pairs, xovnd processes, bounded traffic checks,
# and a cleanup that removes everything a test made, even when it fails.
#
# Source it, then call e2e_begin NAME.  Every name made here carries the
# test's PID, so concurrent runs and leftovers of earlier runs never meet.
#
# Chassis namespaces are entered with nsenter --net (not `ip netns exec`,
# which remounts /sys and would hide the pins under /sys/fs/bpf).

E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
XOVND=$E2E_ROOT/build/xovnd
XOVNCTL=$E2E_ROOT/build/xovnctl
SUF=$$

E2E_NETNS=()      # every namespace we created
E2E_PIDS=()       # every process we started
E2E_CHASSIS=()    # "netns:pin_dir" of every chassis we started xovnd for
E2E_FAILS=0
E2E_CHECKS=0

e2e_begin() {
	E2E_NAME=$1
	E2E_TMP=$(mktemp -d "/tmp/xovn-e2e-$1.XXXXXX")
	E2E_PIN_ROOT=/sys/fs/bpf/xovn-e2e-$1-$SUF
	DB=$E2E_TMP/nb.json
	mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
	trap e2e_cleanup EXIT
	trap 'exit 130' INT TERM
}

e2e_cleanup() {
	local pid entry ns
	for pid in "${E2E_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${E2E_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	for entry in "${E2E_CHASSIS[@]}"; do
		ns=${entry%%:*}
		[ -e "/run/netns/$ns" ] &&
			nsenter --net="/run/netns/$ns" "$XOVND" --chassis "${entry##*/}" \
				--pin-dir "${entry#*:}" --cleanup >/dev/null 2>&1
	done
	rm -rf "$E2E_PIN_ROOT"
	for ns in "${E2E_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	if [ "$E2E_FAILS" -ne 0 ] && [ -n "${E2E_TMP:-}" ]; then
		for f in "$E2E_TMP"/*.log; do
			[ -e "$f" ] && { echo "---- $f"; tail -n 40 "$f"; }
		done
	fi
	rm -rf "$E2E_TMP"
}

# ---- assertions --------------------------------------------------------------

pass() { E2E_CHECKS=$((E2E_CHECKS + 1)); echo "  ok   $*"; }
fail() { E2E_CHECKS=$((E2E_CHECKS + 1)); E2E_FAILS=$((E2E_FAILS + 1)); echo "  FAIL $*"; }

# check "what" command...: passes when the command succeeds.
check() {
	local what=$1; shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# check_not "what" command...: passes when the command fails.
check_not() {
	local what=$1; shift
	if "$@"; then fail "$what"; else pass "$what"; fi
}

e2e_end() {
	echo "$E2E_NAME: $E2E_CHECKS checks, $E2E_FAILS failed"
	[ "$E2E_CHECKS" -gt 0 ] && [ "$E2E_FAILS" -eq 0 ]
}

# ---- topology ----------------------------------------------------------------

# netns_add NAME: a namespace with lo up, removed at exit.
netns_add() {
	ip netns add "$1" || return 1
	E2E_NETNS+=("$1")
	ip -n "$1" link set lo up
}

# vm_add VMNS CHNS IFNAME MAC IP/LEN: a VM namespace whose eth0 is the peer
# of IFNAME in the chassis namespace (the interface xovnd attaches to).
vm_add() {
	local vm=$1 ch=$2 ifname=$3 mac=$4 addr=$5
	netns_add "$vm" || return 1
	ip -n "$ch" link add "$ifname" type veth peer name eth0 netns "$vm" || return 1
	ip -n "$vm" link set eth0 address "$mac"
	ip -n "$vm" addr add "$addr" dev eth0
	ip -n "$vm" link set eth0 up
	ip -n "$ch" link set "$ifname" up
}

# underlay_add NS_A IP_A NS_B IP_B [IFNAME]: a veth "wire" between two
# chassis namespaces, /24 addresses on both ends (default name ul0).
underlay_add() {
	local a=$1 ipa=$2 b=$3 ipb=$4 ifname=${5:-ul0}
	ip -n "$a" link add "$ifname" type veth peer name "$ifname" netns "$b" || return 1
	ip -n "$a" addr add "$ipa/24" dev "$ifname"
	ip -n "$b" addr add "$ipb/24" dev "$ifname"
	ip -n "$a" link set "$ifname" up
	ip -n "$b" link set "$ifname" up
}

# two_chassis_add NS1 IP1 NS2 IP2: two chassis namespaces joined by the
# underlay veth ul0, as most multi-chassis tests start.
two_chassis_add() {
	netns_add "$1"
	netns_add "$3"
	underlay_add "$1" "$2" "$3" "$4"
}

# tunnel_mtu VMNS...: leave room for Geneve's 58 bytes on the 1500-byte
# underlay in each VM's eth0.
tunnel_mtu() {
	local vm
	for vm in "$@"; do ip -n "$vm" link set eth0 mtu 1442; done
}

# encap_args IP1 IP2...: sets ENCAP_ARGS to the ctl arguments adding
# chassis hv1, hv2... with Geneve on ul0 at those addresses, for a
# command line such as: ctl ls-add ls1 -- "${ENCAP_ARGS[@]}".
encap_args() {
	local i=1 ip
	ENCAP_ARGS=()
	for ip in "$@"; do
		[ $i -gt 1 ] && ENCAP_ARGS+=(--)
		ENCAP_ARGS+=(chassis-add "hv$i" geneve "$ip" -- chassis-set-encap-iface "hv$i" ul0)
		i=$((i + 1))
	done
}

# steady_ping_start VMNS IP COUNT DEADLINE: COUNT echoes 10 ms apart in
# the background, for traffic that must survive a restart.
steady_ping_start() {
	PING_LOG=$E2E_TMP/ping.log
	ip netns exec "$1" ping -n -c "$3" -i 0.01 -W 1 -w "$4" "$2" >"$PING_LOG" 2>&1 &
	PING_PID=$!
	E2E_PIDS+=("$PING_PID")
	sleep 0.5
}

# steady_ping_wait: waits for it, prints its summary and sets PING_RECEIVED.
steady_ping_wait() {
	wait "$PING_PID"
	PING_RECEIVED=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$PING_LOG")
	echo "    $(grep -E 'transmitted' "$PING_LOG")"
}

# one_chassis_pair HV VM1 MAC1 IP1 VM2 MAC2 IP2: chassis hv1 in namespace
# HV with two VMs on vif1 and vif2, ports p1 and p2 of switch ls1 in the db;
# returns the status of writing the db.
one_chassis_pair() {
	netns_add "$1"
	vm_add "$2" "$1" vif1 "$3" "$4/24"
	vm_add "$5" "$1" vif2 "$6" "$7/24"
	ctl ls-add ls1 -- lsp-add ls1 p1 -- lsp-set-addresses p1 "$3 $4" \
		-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$6 $7" \
		-- chassis-add hv1 geneve 192.0.2.1 \
		-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2
}

# two_chassis_pair HV1 UL1 HV2 UL2 VM1 MAC1 IP1 VM2 MAC2 IP2: chassis hv1
# and hv2 (two_chassis_add), VM1 on hv1's vif1 as port p1 and VM2 on hv2's
# vif2 as port p2 of switch ls1 (IPs in a /24, MTUs leaving room for
# Geneve), Geneve between the chassis; returns the status of writing the db.
two_chassis_pair() {
	two_chassis_add "$1" "$2" "$3" "$4"
	vm_add "$5" "$1" vif1 "$6" "$7/24"
	vm_add "$8" "$3" vif2 "$9" "${10}/24"
	tunnel_mtu "$5" "$8"
	encap_args "$2" "$4"
	ctl ls-add ls1 -- lsp-add ls1 p1 -- lsp-set-addresses p1 "$6 $7" \
		-- lsp-add ls1 p2 -- lsp-set-addresses p2 "$9 ${10}" \
		-- "${ENCAP_ARGS[@]}" \
		-- vif-attach hv1 vif1 p1 -- vif-attach hv2 vif2 p2
}

# vm_move VMNS FROM_NS TO_NS IFNAME: the VM's eth0 is re-plugged into
# another chassis (same MAC and address), like a migrated VM.
vm_move() {
	local vm=$1 from=$2 to=$3 ifname=$4 mac addr
	mac=$(vm_mac "$vm")
	addr=$(ip -n "$vm" -4 -o addr show dev eth0 | awk '{ print $4 }')
	ip -n "$from" link del "$ifname" || return 1
	ip -n "$to" link add "$ifname" type veth peer name eth0 netns "$vm" || return 1
	ip -n "$vm" link set eth0 address "$mac"
	ip -n "$vm" addr add "$addr" dev eth0
	ip -n "$vm" link set eth0 up
	ip -n "$to" link set "$ifname" up
}

# capture_start NS IFNAME COUNT FILE: bounded tcpdump of Geneve in NS
# (at most COUNT frames, at most 10 s); sets CAPTURE_PID once listening.
capture_start() {
	local ns=$1 ifname=$2 count=$3 file=$4
	timeout 10 nsenter --net="/run/netns/$ns" tcpdump -l -vv -nn -i "$ifname" \
		-c "$count" udp port 6081 >"$file" 2>"$file.err" &
	CAPTURE_PID=$!
	E2E_PIDS+=("$CAPTURE_PID")
	until_ok 5 grep -q 'listening on' "$file.err"
}

# ---- xovnd ---------------------------------------------------------------------

# xovnd_start CHNS CHASSIS [ARGS...]: runs xovnd for CHASSIS inside CHNS (with
# --db $DB and ARGS), logging to $E2E_TMP/xovnd-CHASSIS.log; sets XOVND_PID.
xovnd_start() {
	local ns=$1 ch=$2 pin=$E2E_PIN_ROOT/$2
	local log=$E2E_TMP/xovnd-$ch.log
	shift 2
	nsenter --net="/run/netns/$ns" "$XOVND" --chassis "$ch" --db "$DB" ${XOVND_FLAGS:-} \
		--pin-dir "$pin" "$@" >>"$log" 2>&1 &
	XOVND_PID=$!
	E2E_PIDS+=("$XOVND_PID")
	local entry="$ns:$pin" e
	for e in "${E2E_CHASSIS[@]}"; do [ "$e" = "$entry" ] && return 0; done
	E2E_CHASSIS+=("$entry")
}

# xovnd_stop PID: SIGTERM and wait (the datapath stays).
xovnd_stop() {
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

xovnd_log() { echo "$E2E_TMP/xovnd-$1.log"; }

# wait_log CHASSIS PATTERN [SECONDS]: waits until the log has PATTERN
# (extended regex) at least [COUNT] times.
wait_log() {
	local log; log=$(xovnd_log "$1")
	local pattern=$2 secs=${3:-5} count=${4:-1} i
	# Every caller waits for something that must happen: a loaded machine
	# (two e2e lanes, the packet tests beside them) may take far longer to
	# verify and load a datapath than the caller's estimate, and a longer
	# bound costs nothing when the line is already there.
	((secs >= 30)) || secs=30
	for ((i = 0; i < secs * 10; i++)); do
		[ "$(grep -cE -- "$pattern" "$log" 2>/dev/null)" -ge "$count" ] && return 0
		sleep 0.1
	done
	return 1
}

log_count() { grep -cE -- "$2" "$(xovnd_log "$1")" 2>/dev/null; }

ctl() { "$XOVNCTL" --db "$DB" "$@"; }

# ---- traffic -------------------------------------------------------------------

# ping_ok VMNS IP [COUNT]: every one of COUNT pings answered, within bounds.
ping_ok() {
	local n=${3:-2}
	ip netns exec "$1" ping -q -c "$n" -i 0.2 -W 1 -w $((n + 3)) "$2" >/dev/null 2>&1
}

# ping_none VMNS IP: not a single reply to two pings.
ping_none() {
	! ip netns exec "$1" ping -q -c 2 -i 0.2 -W 1 -w 1 "$2" >/dev/null 2>&1
}

# one_lost VMNS IP: a single echo goes unanswered within 0.3 s (for "cut now" polls).
one_lost() { ! ip netns exec "$1" ping -q -c 1 -W 0.3 "$2" >/dev/null 2>&1; }

# until_ok SECONDS command...: retries (every 0.1 s) until it succeeds or
# SECONDS have passed (the command's own run time included).
until_ok() {
	local deadline=$(( $(date +%s%N) + $1 * 1000000000 )); shift
	while :; do
		"$@" && return 0
		[ "$(date +%s%N)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

# neigh_mac VMNS IP: the MAC VMNS learned for IP (empty if none).
neigh_mac() {
	ip -n "$1" neigh show "$2" dev eth0 | awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'
}

vm_mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ { print $2 }'; }

# one_ping VMNS IP: a single echo within a second (for "reachable now" polls).
one_ping() { ip netns exec "$1" ping -q -c 1 -W 1 "$2" >/dev/null 2>&1; }

# ---- physical network (localnet, external, l2gateway) ---------------------------

# fabric_add NS: a namespace holding the physical network, a plain Linux
# bridge br0 (no VLAN filtering, so 802.1Q-tagged frames pass as they are;
# no multicast snooping, so neighbour solicitations reach every port).
fabric_add() {
	netns_add "$1" || return 1
	ip -n "$1" link add br0 type bridge mcast_snooping 0 || return 1
	ip -n "$1" link set br0 addrgenmode none
	ip -n "$1" link set br0 up
}

# fabric_plug FABNS NS IFNAME PORT: a wire from IFNAME in NS (the interface a
# chassis maps a network to) to bridge port PORT in the fabric.  Neither end
# has addresses, so everything seen on it was sent by the datapath.
fabric_plug() {
	local fab=$1 ns=$2 ifname=$3 port=$4
	ip -n "$fab" link add "$port" type veth peer name "$ifname" netns "$ns" || return 1
	ip -n "$fab" link set "$port" addrgenmode none
	ip -n "$ns" link set "$ifname" addrgenmode none
	ip -n "$fab" link set "$port" master br0 up
	ip -n "$ns" link set "$ifname" up
}

# fabric_with_chassis FABNS CHNS...: the fabric, with the phys0 of each
# chassis plugged into it as bridge ports fh1, fh2, ... in that order; a
# chassis namespace not made yet (a chassis with no underlay) is made here.
fabric_with_chassis() {
	local fab=$1 i=1 ch
	shift
	fabric_add "$fab" || return 1
	for ch in "$@"; do
		[ -e "/run/netns/$ch" ] || netns_add "$ch" || return 1
		fabric_plug "$fab" "$ch" phys0 "fh$i" || return 1
		i=$((i + 1))
	done
}

# fabric_host_add FABNS HOSTNS PORT MAC IP/LEN: a bare-metal host on the
# physical network (its eth0 plugged into bridge port PORT).
fabric_host_add() {
	local fab=$1 host=$2 port=$3
	vm_add "$host" "$fab" "$port" "$4" "$5" || return 1
	ip -n "$fab" link set "$port" addrgenmode none
	ip -n "$fab" link set "$port" master br0
}

# l2_capture_start NS IFNAME FILE [FILTER...]: bounded link-level capture
# (tcpdump -e, at most 500 frames and 20 s); sets CAPTURE_PID once listening.
# Stop it early with capture_stop.
l2_capture_start() {
	local ns=$1 ifname=$2 file=$3; shift 3
	timeout 20 nsenter --net="/run/netns/$ns" tcpdump -l -e -nn -i "$ifname" \
		-c 500 "$@" >"$file" 2>"$file.err" &
	CAPTURE_PID=$!
	E2E_PIDS+=("$CAPTURE_PID")
	until_ok 5 grep -q 'listening on' "$file.err"
}

# capture_stop PID: ends a capture this test started and waits for its output.
capture_stop() {
	sleep 0.3 # let frames still in flight reach the capture
	kill -INT "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# drop_count CHASSIS REASON: packets the chassis' datapath dropped for REASON
# (a name as `xovnctl stats` prints it, e.g. external-not-held); "unknown"
# when the counters cannot be read, so that a comparison with it fails.
drop_count() {
	local n
	n=$(ctl stats --chassis "$1" --pin-dir "$E2E_PIN_ROOT/$1" --json 2>/dev/null |
		jq -r --arg r "$2" '.drops[$r].packets // 0' 2>/dev/null)
	echo "${n:-unknown}"
}

# capture_records FILE: a verbose (-vv) capture with one packet per line, so
# outer (Geneve) and inner headers can be matched together.
capture_records() {
	awk '/^[0-9][0-9]:[0-9][0-9]:/ { if (rec != "") print rec; rec = $0; next }
		{ rec = rec " " $0 } END { if (rec != "") print rec }' "$1"
}
