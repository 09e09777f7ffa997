#!/usr/bin/env bash
# xovnctl trace against two running chassis.  For every path (local unicast,
# flood, tunnel, localport drop, port security drop) the trace's decision is
# compared with what the same bytes really did when sent from the VM: which
# ports' tx counters moved (on both chassis) or which drop counter did.
# Then tracing is shown not to disturb live traffic: many traces change no
# counter and deliver nothing, and pings running meanwhile lose nothing.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin trace

HV1=xt-hv1-$SUF HV2=xt-hv2-$SUF
VM1=xt-vm1-$SUF VM2=xt-vm2-$SUF VM3=xt-vm3-$SUF LP=xt-lp-$SUF
MAC1=02:00:00:00:03:01 MAC2=02:00:00:00:03:02 MAC3=02:00:00:00:03:03
MACLP=02:00:00:00:03:fe SPOOF=02:00:00:00:03:99

# IPv6 off in the VMs: no autoconfiguration chatter in the exact counts.
quiet_vm() { ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.eth0.disable_ipv6=1; }

netns_add "$HV1"
netns_add "$HV2"
# Nor from the chassis' side of the VIFs, which would send router
# solicitations and MLD reports straight to the VMs.
quiet_ns() { ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1; }
quiet_ns "$HV1"
quiet_ns "$HV2"
ip -n "$HV1" link add ul0 type veth peer name ul0 netns "$HV2"
ip -n "$HV1" addr add 192.168.77.1/24 dev ul0
ip -n "$HV2" addr add 192.168.77.2/24 dev ul0
ip -n "$HV1" link set ul0 up
ip -n "$HV2" link set ul0 up
vm_add "$VM1" "$HV1" vif1 $MAC1 10.0.0.1/24 && quiet_vm "$VM1"
vm_add "$VM2" "$HV1" vif2 $MAC2 10.0.0.2/24 && quiet_vm "$VM2"
vm_add "$LP" "$HV1" lport1 $MACLP 10.0.0.254/24 && quiet_vm "$LP"
vm_add "$VM3" "$HV2" vif3 $MAC3 10.0.0.3/24 && quiet_vm "$VM3"

ctl ls-add sw0 \
	-- lsp-add sw0 p1 -- lsp-set-addresses p1 "$MAC1 10.0.0.1" \
	-- lsp-set-port-security p1 "$MAC1 10.0.0.1" \
	-- lsp-add sw0 p2 -- lsp-set-addresses p2 "$MAC2 10.0.0.2" \
	-- lsp-add sw0 p3 -- lsp-set-addresses p3 "$MAC3 10.0.0.3" \
	-- lsp-add sw0 lp -- lsp-set-type lp localport \
	-- lsp-set-addresses lp "$MACLP 10.0.0.254" \
	-- chassis-add hv1 geneve 192.168.77.1 -- chassis-set-encap-iface hv1 ul0 \
	-- chassis-add hv2 geneve 192.168.77.2 -- chassis-set-encap-iface hv2 ul0 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 -- vif-attach hv1 lport1 lp \
	-- vif-attach hv2 vif3 p3 || exit 1

xovnd_start "$HV1" hv1
xovnd_start "$HV2" hv2
check "hv1 applies the model" wait_log hv1 'applied generation [0-9]+' 10
check "hv2 applies the model" wait_log hv2 'applied generation [0-9]+' 10
check "vm1 -> vm2 (local)" until_ok 5 one_ping "$VM1" 10.0.0.2
check "vm1 -> vm3 (through the tunnel)" until_ok 5 one_ping "$VM1" 10.0.0.3

# Permanent neighbours from here on: no ARP refreshes (some answered by the
# ARP responder, which counts nothing) in the exact comparisons below.
for vm in "$VM1" "$VM2" "$VM3" "$LP"; do
	ip -n "$vm" neigh replace 10.0.0.1 lladdr $MAC1 dev eth0 nud permanent
	ip -n "$vm" neigh replace 10.0.0.2 lladdr $MAC2 dev eth0 nud permanent
	ip -n "$vm" neigh replace 10.0.0.3 lladdr $MAC3 dev eth0 nud permanent
done

pin() { echo "$E2E_PIN_ROOT/$1"; }

# trace CHASSIS PORT FIELDS...: the JSON report.
trace() {
	local ch=$1; shift
	ctl trace --json --chassis "$ch" --pin-dir "$(pin "$ch")" "$@"
}

stats_json() { ctl stats --json --chassis "$1" --pin-dir "$(pin "$1")"; }

# tx / rx packets of PORT in a stats snapshot, 0 when it has none yet.
port_count() { jq -r --arg p "$2" --arg f "$3" \
	'[.ports[] | select(.port == $p) | .[$f]] | add // 0' <<<"$1"; }
drop_count() { jq -r --arg r "$2" '.drops[$r].packets' <<<"$1"; }

# send VMNS HEX: the frame on the VM's eth0, once, as the VM would send it.
send() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
s.send(bytes.fromhex(sys.argv[1]))' "$2"
}

# Tx deltas of every port on both chassis, "port@chassis=N" sorted, nonzero only.
tx_moves() {
	local before1=$1 before2=$2 after1 after2 p out=()
	after1=$(stats_json hv1); after2=$(stats_json hv2)
	for p in p1 p2 p3 lp; do
		local d1=$(( $(port_count "$after1" $p tx_packets) - $(port_count "$before1" $p tx_packets) ))
		local d2=$(( $(port_count "$after2" $p tx_packets) - $(port_count "$before2" $p tx_packets) ))
		[ "$d1" -ne 0 ] && out+=("$p@hv1=$d1")
		[ "$d2" -ne 0 ] && out+=("$p@hv2=$d2")
	done
	echo "${out[*]}"
}

# What the trace says should move: local outputs on the traced chassis, and
# for a tunnel the egress port (or every port of a group) on the remote chassis.
expected_moves() {
	local report=$1 ch=$2
	jq -r --arg ch "$ch" '
		.outputs[] | if .kind == "tunnel" then
			(if .egress.name == "_MC_flood" then "p3@\(.chassis)=1"
			 else "\(.egress.name)@\(.chassis)=1", "\(.egress.name)@\($ch)=1" end)
		else "\(.port.name)@\($ch)=1" end' <<<"$report" | sort | xargs
}

# Drop deltas of both chassis, "reason@chassis=N", nonzero only.
drop_moves() {
	local before1=$1 before2=$2 after1 after2
	after1=$(stats_json hv1); after2=$(stats_json hv2)
	jq -rn --argjson b1 "$before1" --argjson b2 "$before2" --argjson a1 "$after1" \
		--argjson a2 "$after2" '
		[([$b1, $a1, "hv1"], [$b2, $a2, "hv2"]) as [$b, $a, $ch] |
		 $a.drops | to_entries[] | select(.value.packets != $b.drops[.key].packets) |
		 "\(.key)@\($ch)=\(.value.packets - $b.drops[.key].packets)"] | join(" ")'
}

# path NAME VMNS CHASSIS PORT FIELDS: traces, replays the bytes for real, compares.
path() {
	local name=$1 vm=$2 ch=$3 port=$4 fields=$5 report b1 b2 a1 want got reason
	report=$(trace "$ch" "$port" "$fields") || { fail "$name: trace failed"; return; }
	b1=$(stats_json hv1); b2=$(stats_json hv2)
	send "$vm" "$(jq -r .frame_hex <<<"$report")"
	sleep 0.3
	reason=$(jq -r '.drop_reason // empty' <<<"$report")
	got=$(tx_moves "$b1" "$b2" | tr ' ' '\n' | sort | xargs)
	if [ -n "$reason" ] && [ "$(jq -r .action <<<"$report")" = drop ]; then
		a1=$(stats_json "$ch")
		local before=$b1; [ "$ch" = hv2 ] && before=$b2
		check "$name: live frame counted as drop '$reason' like the trace said" \
			test $(( $(drop_count "$a1" "$reason") - $(drop_count "$before" "$reason") )) -eq 1
		check "$name: and went nowhere (moved: '${got}')" test -z "$got"
	else
		want=$(expected_moves "$report" "$ch")
		check "$name: live frame went where the trace said ('$want' vs '$got')" \
			test "$want" = "$got"
		got=$(drop_moves "$b1" "$b2")
		check "$name: and no drop was counted ('$got')" test -z "$got"
	fi
	LAST_REPORT=$report
}

echo "trace decisions against the real packet"
# Unicast frames go to 10.0.0.77, an address no VM owns: the receiver drops
# them silently instead of answering, so only the frame itself moves counters.
path "local unicast" "$VM1" hv1 p1 \
	"eth.src=$MAC1 eth.dst=$MAC2 ip4.src=10.0.0.1 ip4.dst=10.0.0.77 udp.dst=9"
check "local unicast: delivered to p2 on switch sw0" \
	test "$(jq -r '"\(.action) \(.out_port.name) \(.ingress.switch) \(.ingress.port.name)"' \
		<<<"$LAST_REPORT")" = "deliver p2 sw0 p1"
check "local unicast: the port security stage ran and passed" \
	test "$(jq -r '.stages[] | select(.stage == "port-security") | .result' \
		<<<"$LAST_REPORT")" = ok
unicast_report=$LAST_REPORT

path "flood" "$VM1" hv1 p1 "eth.src=$MAC1 eth.dst=ff:ff:ff:ff:ff:ff eth.type=0x88b5"
check "flood: _MC_flood to p2, lp and one tunnel copy to hv2" \
	test "$(jq -r '[.outputs[] | .port.name // "tunnel:\(.chassis)"] | sort | join(",")' \
		<<<"$LAST_REPORT")" = "lp,p2,tunnel:hv2"

path "tunnel" "$VM1" hv1 p1 \
	"eth.src=$MAC1 eth.dst=$MAC3 ip4.src=10.0.0.1 ip4.dst=10.0.0.77 udp.dst=9"
sw_key=$(jq -r '.logical_switches[] | select(.name == "sw0") | .tunnel_key' "$DB")
p1_key=$(jq -r '.logical_switches[].ports[] | select(.name == "p1") | .tunnel_key' "$DB")
p3_key=$(jq -r '.logical_switches[].ports[] | select(.name == "p3") | .tunnel_key' "$DB")
check "tunnel: Geneve to hv2 192.168.77.2, VNI $sw_key, keys $p1_key -> $p3_key" \
	test "$(jq -r '.outputs[0] | "\(.kind) \(.chassis) \(.remote_ip) \(.vni) \(.ingress_key) \(.egress.key) \(.egress.name)"' \
		<<<"$LAST_REPORT")" = "tunnel hv2 192.168.77.2 $sw_key $p1_key $p3_key p3"

path "localport drop" "$LP" hv1 lp \
	"eth.src=$MACLP eth.dst=$MAC3 ip4.src=10.0.0.254 ip4.dst=10.0.0.3 udp.dst=9"
check "localport drop: reason localport at the output stage" \
	test "$(jq -r '"\(.drop_reason) \(.stages[-1].stage)"' <<<"$LAST_REPORT")" = "localport output"

path "port security drop" "$VM1" hv1 p1 \
	"eth.src=$SPOOF eth.dst=$MAC2 ip4.src=10.0.0.1 ip4.dst=10.0.0.2 udp.dst=9"
check "port security drop: at the port-security stage" \
	test "$(jq -r '"\(.drop_reason) \(.stages[-1].stage)"' <<<"$LAST_REPORT")" = \
		"port-security-src port-security"

echo "other forms"
PCAP=$E2E_TMP/unicast.pcap
python3 -c '
import struct, sys
f = bytes.fromhex(sys.argv[2])
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for _ in range(2):
        out.write(struct.pack("<IIII", 0, 0, len(f), len(f)) + f)' \
	"$PCAP" "$(jq -r .frame_hex <<<"$unicast_report")"
pcap_report=$(ctl trace --json --chassis hv1 --pin-dir "$(pin hv1)" --pcap "$PCAP" --packet 2 p1)
check "a frame from a pcap file decides like the same fields" \
	test "$(jq -c '[.action, .outputs, .stages]' <<<"$pcap_report")" = \
		"$(jq -c '[.action, .outputs, .stages]' <<<"$unicast_report")"
text=$(ctl trace --chassis hv1 --pin-dir "$(pin hv1)" p1 "eth.src=$MAC1" "eth.dst=$MAC3" \
	ip4.src=10.0.0.1 ip4.dst=10.0.0.3)
check "text output names switch, ports and chassis" \
	grep -q "tunnel to chassis hv2 (192.168.77.2), vni $sw_key, keys $p1_key -> $p3_key (p3)" <<<"$text"
check "--chassis defaults to the port's binding" \
	ctl trace --pin-dir "$(pin hv1)" p2 "eth.src=$MAC2" "eth.dst=$MAC1" eth.type=0x88b5 >/dev/null
check_not "a bad field is refused" ctl trace --pin-dir "$(pin hv1)" p1 "eth.src=$MAC1 eth.dstt=$MAC2"
check_not "a port with no interface on the chassis is refused" \
	ctl trace --chassis hv1 --pin-dir "$(pin hv1)" p3 "eth.src=$MAC3 eth.dst=$MAC1 eth.type=0x88b5"

echo "tracing cannot disturb live traffic"
rx_of() { ip -n "$1" -s -j link show eth0 | jq '.[0].stats64.rx.packets'; }
tx_of() { ip -n "$1" -s -j link show eth0 | jq '.[0].stats64.tx.packets'; }
many_traces() {
	local i
	for ((i = 0; i < $1; i++)); do
		trace hv1 p1 "eth.src=$MAC1 eth.dst=ff:ff:ff:ff:ff:ff eth.type=0x88b5" >/dev/null
		trace hv1 p1 "eth.src=$MAC1 eth.dst=$MAC2 ip4.src=10.0.0.1 ip4.dst=10.0.0.2" >/dev/null
		trace hv1 p1 "eth.src=$MAC1 eth.dst=$MAC3 ip4.src=10.0.0.1 ip4.dst=10.0.0.3" >/dev/null
		trace hv1 p1 "eth.src=$SPOOF eth.dst=$MAC2 eth.type=0x88b5" >/dev/null
		trace hv1 lp "eth.src=$MACLP eth.dst=$MAC3 eth.type=0x88b5" >/dev/null
	done
}
s1=$(stats_json hv1); s2=$(stats_json hv2)
vm2_rx=$(rx_of "$VM2"); vm3_rx=$(rx_of "$VM3"); lp_rx=$(rx_of "$LP")
many_traces 20
check "100 traces changed no counter on hv1" test "$(stats_json hv1)" = "$s1"
check "... nor on hv2" test "$(stats_json hv2)" = "$s2"
after_rx="$(rx_of "$VM2") $(rx_of "$VM3") $(rx_of "$LP")"
check "... and delivered nothing to vm2, vm3 or the localport ($vm2_rx $vm3_rx $lp_rx -> $after_rx)" \
	test "$after_rx" = "$vm2_rx $vm3_rx $lp_rx"

s1=$(stats_json hv1)
vm1_tx=$(tx_of "$VM1"); vm2_rx=$(rx_of "$VM2")
ip netns exec "$VM1" ping -q -c 60 -i 0.02 -W 1 -w 10 10.0.0.2 >"$E2E_TMP/ping.log" 2>&1 &
ping_pid=$!
E2E_PIDS+=("$ping_pid")
many_traces 20
wait "$ping_pid"; ping_rc=$?
check "pings during the traces lost nothing ($(grep -o '[0-9]*% packet loss' "$E2E_TMP/ping.log"))" \
	test "$ping_rc" -eq 0 -a -n "$(grep ' 0% packet loss' "$E2E_TMP/ping.log")"
# VMs' own neighbour probes may be in flight at any instant: compare at a
# quiet moment (a retry re-reads both sides together).
counts_agree() {
	a1=$(stats_json hv1)
	p1_rx=$(( $(port_count "$a1" p1 rx_packets) - $(port_count "$s1" p1 rx_packets) ))
	vm1_sent=$(( $(tx_of "$VM1") - vm1_tx ))
	p2_tx=$(( $(port_count "$a1" p2 tx_packets) - $(port_count "$s1" p2 tx_packets) ))
	vm2_got=$(( $(rx_of "$VM2") - vm2_rx ))
	[ "$p1_rx" -eq "$vm1_sent" ] && [ "$p2_tx" -eq "$vm2_got" ]
}
sleep 0.2
check "p1 rx counted exactly what vm1 sent, p2 tx what vm2 received" until_ok 2 counts_agree
echo "    (p1 rx $p1_rx, vm1 sent $vm1_sent, p2 tx $p2_tx, vm2 received $vm2_got)"
check "no drop was counted" test "$(jq -c .drops <<<"$a1")" = "$(jq -c .drops <<<"$s1")"

e2e_end
