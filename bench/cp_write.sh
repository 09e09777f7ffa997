#!/usr/bin/env bash
# cp_write.sh - one xovnctl write on a big db, end to end (process start to
# exit, wall time): on a different port each time `lsp-set-addresses`,
# `lsp-add` of a new port and `lsp-del` of it, `ls-add`, `lr-add`,
# `lrp-add`, `lr-route-add`, `lr-nat-add`, `lsp-set-dhcpv4-options`, the
# generic `set` (a switch port's option) and `create` (a DHCP options row),
# `lrp-set-gateway-chassis`, `lrp-del`, `lr-del` and `dhcp-options-del`
# (of the rows this repetition added), each beside, in the same
# repetition, the same kind of write through the full path
# (XOVN_CTL_FULL_WRITES=1: the whole db read and validated), and the
# process alone (`--help`) and a read (`lsp-get-addresses`).  The db is
# bench_ctlplane's model, made a db as xovnctl leaves it first (row UUIDs,
# DB.index, a journal of its own records).  A write during which the db
# file was rewritten (it waited on the lock of the compaction an earlier
# write left running) is counted apart.
#
#   bench/cp_write.sh [PORTS] [REPS]     rows on stdout:
#     cpwrite PORTS REP KIND NS
#   KIND: start (`xovnctl --help`, the process alone, nothing read), read,
#   write / full_write (lsp-set-addresses), add / full_add (lsp-add),
#   del / full_del (lsp-del), and for each of the verbs ls-add, lr-add,
#   lrp-add (on router brt), lr-route-add (on brt), lr-nat-add (a
#   dnat_and_snat on bgw), lsp-set-dhcpv4-options, lrp-set-gateway-chassis,
#   lrp-del, lr-del and dhcp-options-del the verb's name with "_" for "-"
#   (ls_add, ...), db_set and db_create for the generic set and create, and
#   full_ before each for its full path;
#   compacting (any write the db was rewritten under)
#   and a summary on stderr: medians (min-max), each partial write / read and
#   full / partial per repetition.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORTS=${1:-100000}
REPS=${2:-15}
TMP=$(mktemp -d /tmp/xovn-bench-cpw.XXXXXX)
DB=$TMP/nb.json
trap 'rm -rf "$TMP"' EXIT
CTL="$ROOT/build/xovnctl --db $DB"

make -s -f "$ROOT/bench/Makefile" -C "$ROOT" build/bench/bench_ctlplane
"$ROOT/build/bench/bench_ctlplane" --write-model "$PORTS" "$DB" >/dev/null
# As in control.sh: two writes make it a db as xovnctl leaves it.
$CTL lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6"
$CTL lsp-set-addresses r1 "02:00:00:00:01:06 10.1.0.6"

now() { date +%s%N; }
file_id() { stat -c '%i %s %Y' "$DB"; }
# timed KIND REP COMMAND...: one timed write, "compacting" if the db file was rewritten under it.
# The command's output goes to $INTO when set (the rows stay on stdout).
timed() {
	local before t0 t1 kind=$1 rep=$2
	shift 2
	before=$(file_id)
	t0=$(now)
	"$@" >"${INTO:-/dev/stdout}"
	t1=$(now)
	[ "$(file_id)" = "$before" ] || kind=compacting
	printf 'cpwrite\t%s\t%s\t%s\t%s\n' "$PORTS" "$rep" "$kind" $((t1 - t0))
}
mac() { printf '0a:ee:00:%02x:%02x:%02x' "$1" $(($2 / 256)) $(($2 % 256)); }
full() { XOVN_CTL_FULL_WRITES=1 "$@"; }
DHCP=$($CTL dhcp-options-list | head -n 1)
CHASSIS=$($CTL --bare --columns=name list Chassis | head -n 1)
# The f-ls switches hold ports f0, f1, ...: spread the writes over them.
for rep in $(seq 0 $((REPS - 1))); do
	port=f$((rep * 997 % (PORTS / 2)))
	sw=f-ls$((rep * 997 % (PORTS / 2) / 100))
	t0=$(now)
	$CTL --help >/dev/null
	printf 'cpwrite\t%s\t%s\tstart\t%s\n' "$PORTS" "$rep" $(($(now) - t0))
	t0=$(now)
	$CTL lsp-get-addresses "$port" >/dev/null
	printf 'cpwrite\t%s\t%s\tread\t%s\n' "$PORTS" "$rep" $(($(now) - t0))
	timed write "$rep" $CTL lsp-set-addresses "$port" "$(mac 0 "$rep")"
	timed full_write "$rep" full $CTL lsp-set-addresses "$port" "$(mac 1 "$rep")"
	timed add "$rep" $CTL lsp-add "$sw" "bench-new-$rep"
	timed full_add "$rep" full $CTL lsp-add "$sw" "bench-full-$rep"
	timed del "$rep" $CTL lsp-del "bench-new-$rep"
	timed full_del "$rep" full $CTL lsp-del "bench-full-$rep"
	timed ls_add "$rep" $CTL ls-add "bench-ls-$rep"
	timed full_ls_add "$rep" full $CTL ls-add "bench-ls-full-$rep"
	timed lr_add "$rep" $CTL lr-add "bench-lr-$rep"
	timed full_lr_add "$rep" full $CTL lr-add "bench-lr-full-$rep"
	timed lrp_add "$rep" $CTL lrp-add brt "bench-lrp-$rep" "$(mac 2 "$rep")" \
		"172.16.$((rep % 256)).1/24"
	timed full_lrp_add "$rep" full $CTL lrp-add brt "bench-lrp-full-$rep" "$(mac 3 "$rep")" \
		"172.17.$((rep % 256)).1/24"
	timed lr_route_add "$rep" $CTL lr-route-add brt "192.168.$((rep % 256)).0/24" 10.3.0.1
	timed full_lr_route_add "$rep" full $CTL lr-route-add brt "192.169.$((rep % 256)).0/24" 10.3.0.1
	timed lr_nat_add "$rep" $CTL lr-nat-add bgw dnat_and_snat "10.7.1.$((rep % 256))" 10.6.0.3
	timed full_lr_nat_add "$rep" full $CTL lr-nat-add bgw dnat_and_snat "10.7.2.$((rep % 256))" \
		10.6.0.4
	timed lsp_set_dhcpv4_options "$rep" $CTL lsp-set-dhcpv4-options "$port" "$DHCP"
	timed full_lsp_set_dhcpv4_options "$rep" full $CTL lsp-set-dhcpv4-options "$port" "$DHCP"
	timed db_set "$rep" $CTL set Logical_Switch_Port "$port" "options:bench=$rep"
	timed full_db_set "$rep" full $CTL set Logical_Switch_Port "$port" "options:bench=f$rep"
	timed lrp_set_gateway_chassis "$rep" $CTL lrp-set-gateway-chassis "bench-lrp-$rep" "$CHASSIS" 10
	timed full_lrp_set_gateway_chassis "$rep" full $CTL lrp-set-gateway-chassis \
		"bench-lrp-full-$rep" "$CHASSIS" 10
	timed lrp_del "$rep" $CTL lrp-del "bench-lrp-$rep"
	timed full_lrp_del "$rep" full $CTL lrp-del "bench-lrp-full-$rep"
	timed lr_del "$rep" $CTL lr-del "bench-lr-$rep"
	timed full_lr_del "$rep" full $CTL lr-del "bench-lr-full-$rep"
	# create prints the new row's UUID, which the deletes below name.
	INTO=$TMP/uuid timed db_create "$rep" $CTL create DHCP_Options \
		"cidr=10.200.$((rep % 256)).0/24"
	INTO=$TMP/full_uuid timed full_db_create "$rep" full $CTL create DHCP_Options \
		"cidr=10.201.$((rep % 256)).0/24"
	timed dhcp_options_del "$rep" $CTL dhcp-options-del "$(head -n 1 "$TMP/uuid")"
	timed full_dhcp_options_del "$rep" full $CTL dhcp-options-del "$(head -n 1 "$TMP/full_uuid")"
done | tee "$TMP/rows"
python3 - "$TMP/rows" >&2 <<'PY'
import statistics, sys
rows = [l.split('\t') for l in open(sys.argv[1])]
ms, every = {}, {}
for r in rows:
    ms.setdefault(r[3], {})[int(r[2])] = int(r[4]) / 1e6
    every.setdefault(r[3], []).append(int(r[4]) / 1e6)
for kind, x in every.items():
    print(f"{kind}: {len(x)} runs, median {statistics.median(x):.1f} ms "
          f"({min(x):.1f}-{max(x):.1f})")
def per_rep(num, den):
    a, b = ms.get(num, {}), ms.get(den, {})
    r = [a[k] / b[k] for k in a if k in b]
    if r:
        print(f"{num} / {den}, same repetition: median {statistics.median(r):.3f} "
              f"({min(r):.3f}-{max(r):.3f})")
partial = [k for k in every if 'full_' + k in every]
for k in partial:
    per_rep(k, 'read')
for k in partial:
    per_rep('full_' + k, k)
PY
