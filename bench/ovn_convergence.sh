#!/usr/bin/env bash
# ovn_convergence.sh - one ovn-nbctl change on a 10,000-port OVN (100
# switches of 100 ports, tenant networks as OpenStack makes them) reaching
# 20 xovnd chassis (namespaces of this run, Debian's ovsdb-servers and
# ovn-northd), measured by build/bench/bench_converge; and each chassis'
# memory.  Rows on stdout (converge ...), progress on stderr.
#
#   bench/ovn_convergence.sh [CHASSIS [PORTS [REPS]]]
#
# Uses the e2e helpers for the daemons and their cleanup.
set -u
CHASSIS=${1:-20} PORTS=${2:-10000} REPS=${3:-10}
. "$(dirname "$0")/../tests/e2e/lib.sh"
e2e_begin converge >&2
. "$E2E_ROOT/tests/e2e/helpers/ovn_central.sh"
log() { echo "ovn_convergence: [$SECONDS s] $*" >&2; }

ovn_central_start >&2 || { log "the OVN central did not start"; exit 1; }
log "creating $PORTS ports"
# One OVSDB transaction inserts them all (ovn-nbctl takes minutes for this many).
python3 - "$PORTS" "${OVN_NB#unix:}" <<'PY' || { log "the port transaction failed"; exit 1; }
import json, socket, sys
n, path = int(sys.argv[1]), sys.argv[2]
per = 100
ops = ["OVN_Northbound"]
for sw in range((n + per - 1) // per):
    ports = []
    for i in range(sw * per + 1, min(n, (sw + 1) * per) + 1):
        mac = "0a:00:00:%02x:%02x:%02x" % (i >> 16, (i >> 8) & 255, i & 255)
        ops.append({"op": "insert", "table": "Logical_Switch_Port", "uuid-name": "p%d" % i,
                    "row": {"name": "p%d" % i, "addresses": mac}})
        ports.append(["named-uuid", "p%d" % i])
    ops.append({"op": "insert", "table": "Logical_Switch",
                "row": {"name": "ls%d" % (sw + 1), "ports": ["set", ports]}})
s = socket.socket(socket.AF_UNIX)
s.connect(path)
s.sendall(json.dumps({"method": "transact", "params": ops, "id": 0}).encode())
dec, buf = json.JSONDecoder(), ""
while True:
    buf += s.recv(1 << 20).decode()
    try:
        reply, _ = dec.raw_decode(buf)
    except ValueError:
        continue
    if reply.get("id") == 0:
        break
errors = [r for r in reply["result"] if r and "error" in r]
sys.exit(1 if reply.get("error") or errors else 0)
PY
nbctl --wait=sb sync
log "starting $CHASSIS chassis"
pins=()
for ((c = 1; c <= CHASSIS; c++)); do
	ns=xb-c$c-$SUF
	netns_add "$ns"
	ovn_chassis_start "$ns" hv$c 10.99.$((c / 250)).$((c % 250 + 1)) || exit 1
	# Each chassis hosts port p<c> (its interface need not exist to be claimed).
	local_ctl hv$c vif-attach hv$c tap$c p$c
	pins+=("$E2E_PIN_ROOT/hv$c")
done
# --wait=hv counts only the chassis that have registered, and a chassis
# registers before it has read the Southbound's ports: wait until every one
# reports the NB's nb_cfg (applied with the whole model) before measuring.
all_chassis_report() {
	local want
	nbctl --timeout=300 --wait=hv sync || return 1
	want=$(nbctl get NB_Global . nb_cfg)
	[ "$(sbctl --bare --columns nb_cfg list Chassis_Private |
		awk -v w="$want" 'NF && $1 >= w' | wc -l)" -ge "$CHASSIS" ]
}
deadline=$((SECONDS + 600))
until all_chassis_report; do
	[ $SECONDS -lt $deadline ] || { log "the chassis did not all report"; exit 1; }
	sleep 1
done
log "all chassis hold the model"
dp=$(sbctl --bare --columns tunnel_key find datapath_binding external_ids:name=ls1)
# p1 lives on hv1: the change is measured where it is remote (hv2..hvN).
"$E2E_ROOT/build/bench/bench_converge" --nb "$OVN_NB" --port p1 --dp "$dp" --ports "$PORTS" \
	--reps "$REPS" "${pins[@]:1}" || {
	for f in "$E2E_TMP"/xovnd-*.log; do echo "== $f"; tail -n 8 "$f"; done >&2
	exit 1
}
printf 'converge\t%s\tchassis\t0\t%s\n' "$PORTS" "$CHASSIS"
for pid in "${E2E_PIDS[@]}"; do
	case $(cat /proc/$pid/comm 2>/dev/null) in
	xovnd) awk -v p="$PORTS" '/^VmRSS/ { printf "converge\t%s\trss_kib\t0\t%s\n", p, $2 }' /proc/$pid/status ;;
	esac
done
