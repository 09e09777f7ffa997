#!/usr/bin/env bash
# xovnctl stats and xovnd --metrics after known traffic: a VM sends an exact
# number of frames of known sizes (some of them spoofed, so port security
# drops them); the per-port and per-reason counters must move by exactly that,
# and the Prometheus endpoint (scraped with curl, parsed with the reference
# parser) must report the same numbers, the map fill levels and the model
# generation in force.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin stats

HV=xs-hv-$SUF VM1=xs-vm1-$SUF VM2=xs-vm2-$SUF
MAC1=02:00:00:00:04:01 MAC2=02:00:00:00:04:02 SPOOF=02:00:00:00:04:99
METRICS=127.0.0.1:9477
# The distribution's Python carries the prometheus_client parser (python3-prometheus-client).
PY=/usr/bin/python3

quiet_vm() { ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.eth0.disable_ipv6=1; }

netns_add "$HV"
# The chassis' side of the VIFs stays silent too (no RS/MLD toward the VMs).
ip netns exec "$HV" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
vm_add "$VM1" "$HV" vif1 $MAC1 10.0.0.1/24 && quiet_vm "$VM1"
vm_add "$VM2" "$HV" vif2 $MAC2 10.0.0.2/24 && quiet_vm "$VM2"
ctl ls-add sw0 \
	-- lsp-add sw0 p1 -- lsp-set-addresses p1 "$MAC1 10.0.0.1" \
	-- lsp-set-port-security p1 "$MAC1" \
	-- lsp-add sw0 p2 -- lsp-set-addresses p2 "$MAC2 10.0.0.2" \
	-- lsp-add sw0 p3 -- lsp-set-addresses p3 "02:00:00:00:04:03 10.0.0.3" \
	-- chassis-add hv1 geneve 192.0.2.1 \
	-- vif-attach hv1 vif1 p1 -- vif-attach hv1 vif2 p2 || exit 1

PIN=$E2E_PIN_ROOT/hv1
# Bounded: a daemon that wrongly accepted the address is killed after 5 s (status 124).
timeout 5 nsenter --net="/run/netns/$HV" "$XOVND" --chassis hv1 --db "$DB" --pin-dir "$PIN" \
	--metrics 127.0.0.1 >"$E2E_TMP/bad-metrics.out" 2>&1
rc=$?
check "xovnd refuses a malformed --metrics address (exit $rc)" test "$rc" -eq 1
check "... saying what is wrong" grep -q "expected ADDR:PORT" "$E2E_TMP/bad-metrics.out"
check "... and touched no datapath" test ! -e "$PIN/xovn_ports"

nsenter --net="/run/netns/$HV" "$XOVND" --chassis hv1 --db "$DB" --pin-dir "$PIN" \
	--metrics "$METRICS" >>"$(xovnd_log hv1)" 2>&1 &
XOVND_PID=$!
E2E_PIDS+=("$XOVND_PID")
E2E_CHASSIS+=("$HV:$PIN")
check "xovnd applies the model" wait_log hv1 'applied generation [0-9]+' 10
check "xovnd serves metrics" wait_log hv1 "serving Prometheus metrics on http://$METRICS/metrics" 2

stats() { ctl stats --json --pin-dir "$PIN" "$@"; }
port_field() { jq -r --arg p "$2" --arg f "$3" '[.ports[] | select(.port == $p) | .[$f]] | add // 0' <<<"$1"; }
drop_field() { jq -r --arg r "$2" --arg f "$3" '.drops[$r][$f]' <<<"$1"; }
delta() { echo $(( $(port_field "$2" "$3" "$4") - $(port_field "$1" "$3" "$4") )); }

# send VMNS COUNT SRC DST LEN: COUNT frames of LEN bytes (ethertype 0x88b5).
send() {
	ip netns exec "$1" python3 -c '
import socket, sys
n, src, dst, length = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
mac = lambda m: bytes.fromhex(m.replace(":", ""))
frame = mac(dst) + mac(src) + b"\x88\xb5" + bytes(length - 14)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
for _ in range(n):
    s.send(frame)' "$2" "$3" "$4" "$5"
}

echo "stats after known traffic"
before=$(stats)
send "$VM1" 7 $MAC1 $MAC2 100
send "$VM1" 3 $SPOOF $MAC2 60
sleep 0.3
after=$(stats)
check "p1 rx: 10 frames (7 good, 3 spoofed)" test "$(delta "$before" "$after" p1 rx_packets)" -eq 10
check "p1 rx bytes: 7 x 100 + 3 x 60" test "$(delta "$before" "$after" p1 rx_bytes)" -eq 880
check "p2 tx: exactly the 7 good frames" test "$(delta "$before" "$after" p2 tx_packets)" -eq 7
check "p2 tx bytes: 700" test "$(delta "$before" "$after" p2 tx_bytes)" -eq 700
check "port-security-src drops: 3 frames, 180 bytes" test \
	"$(( $(drop_field "$after" port-security-src packets) - $(drop_field "$before" port-security-src packets) )) $(( $(drop_field "$after" port-security-src bytes) - $(drop_field "$before" port-security-src bytes) ))" = "3 180"
check "no other drop reason moved" test \
	"$(jq -c '.drops | del(."port-security-src")' <<<"$after")" = \
	"$(jq -c '.drops | del(."port-security-src")' <<<"$before")"
one=$(stats p2)
check "stats PORT: only that port, same numbers" test \
	"$(jq -c '[(.ports | length), .ports[0].port, .ports[0].tx_packets]' <<<"$one")" = \
	"[1,\"p2\",$(port_field "$after" p2 tx_packets)]"
check "stats PORT for a port without traffic: zeros" test \
	"$(stats p3 | jq -c '[.ports[0].rx_packets, .ports[0].tx_packets]')" = "[0,0]"
check "text form names the ports" \
	grep -qE '^p2 +sw0 +[0-9]+ +[0-9]+ +[0-9]+ +700' <<<"$(ctl stats --pin-dir "$PIN" p2)"
check_not "stats of an unknown port is refused" ctl stats --pin-dir "$PIN" nope

echo "Prometheus metrics"
scrape() { nsenter --net="/run/netns/$HV" curl -sf --max-time 5 "http://$METRICS/metrics"; }
body=$(scrape)
check "curl gets /metrics" test -n "$body"
# Parses with prometheus_client and prints "name{sorted labels} value" per sample.
parsed=$($PY -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
for fam in text_string_to_metric_families(sys.stdin.read()):
    for s in fam.samples:
        labels = ",".join("%s=%s" % kv for kv in sorted(s.labels.items()))
        print("%s{%s} %d" % (s.name, labels, s.value))' <<<"$body")
check "the body parses as Prometheus text" test -n "$parsed"
metric() { awk -v k="$1" '$1 == k { print $2 }' <<<"$parsed"; }
sk=$(jq -r '.logical_switches[0].tunnel_key' "$DB")
p2k=$(jq -r '.logical_switches[0].ports[] | select(.name == "p2") | .tunnel_key' "$DB")
now=$(stats)
check "port tx packets equal xovnctl stats" test \
	"$(metric "xovn_port_tx_packets_total{chassis=hv1,port=p2,port_key=$p2k,switch=sw0,switch_key=$sk}")" = \
	"$(port_field "$now" p2 tx_packets)"
check "drops by reason equal xovnctl stats" test \
	"$(metric "xovn_drops_total{chassis=hv1,reason=port-security-src}")" = \
	"$(drop_field "$now" port-security-src packets)"
check "fdb fill level: 3 MACs of 131072" test \
	"$(metric "xovn_map_entries{chassis=hv1,map=xovn_fdb_v2}") $(metric "xovn_map_max_entries{chassis=hv1,map=xovn_fdb_v2}")" = "3 131072"
check "model generation applied" test \
	"$(metric "xovn_model_generation{chassis=hv1}")" = "$(jq -r .generation "$DB")"
ctl lsp-del p3 || fail "lsp-del p3"
gen=$(jq -r .generation "$DB")
gen_now() { scrape | grep -q "^xovn_model_generation{chassis=\"hv1\"} $gen\$"; }
check "the generation follows an edit ($gen)" until_ok 3 gen_now
check "unknown paths get 404" test \
	"$(nsenter --net="/run/netns/$HV" curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$METRICS/")" = 404

e2e_end
