# shellcheck shell=bash
# seed002.sh - seed 002's northbound lines as the seed writes them, one
# command a line (quotes included), for a test to run through its own
# executor: step_lines (each line as `step LINE`, with the test's step) or
# nbctl_compare.sh's same_lines.

# seed002_router_port SW LR MAC: switch SW's port of type router (SW-LR)
# facing router LR's port LR-SW, whose MAC it lists, as the seed names them.
seed002_router_port() {
	echo "lsp-add $1 $1-$2"
	echo "lsp-set-type $1-$2 router"
	echo "lsp-set-addresses $1-$2 $3"
	echo "lsp-set-options $1-$2 router-port=$2-$1"
}

# seed002_routed_switches: ls1 and ls2 joined by router lr1, ls1's vm1.
seed002_routed_switches() {
	printf '%s\n' "ls-add ls1" "ls-add ls2" "lr-add lr1" \
		"lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24"
	seed002_router_port ls1 lr1 00:00:00:00:00:01
	echo "lrp-add lr1 lr1-ls2 00:00:00:00:00:02 10.10.20.1/24"
	seed002_router_port ls2 lr1 00:00:00:00:00:02
	cat <<'LINES'
lsp-add ls1 ls1-vm1
lsp-set-addresses ls1-vm1 "00:00:00:00:00:03 10.10.10.2"
lsp-set-port-security ls1-vm1 "00:00:00:00:00:03 10.10.10.2"
LINES
}

# seed002_more_vms: ls1's vm2, ls2's vm1 and vm2.
seed002_more_vms() {
	cat <<'LINES'
lsp-add ls1 ls1-vm2
lsp-set-addresses ls1-vm2 "00:00:00:00:00:04 10.10.10.3"
lsp-set-port-security ls1-vm2 "00:00:00:00:00:04 10.10.10.3"
lsp-add ls2 ls2-vm1
lsp-set-addresses ls2-vm1 "00:00:00:00:00:03 10.10.20.2"
lsp-set-port-security ls2-vm1 "00:00:00:00:00:03 10.10.20.2"
lsp-add ls2 ls2-vm2
lsp-set-addresses ls2-vm2 "00:00:00:00:00:04 10.10.20.3"
lsp-set-port-security ls2-vm2 "00:00:00:00:00:04 10.10.20.3"
LINES
}

# seed002_join: the gateway router lr2 (created before, with the chassis
# option the test needs) on lsjoin with lr1, and the static routes both ways.
seed002_join() {
	printf '%s\n' "lrp-add lr2 lr2-lsjoin 00:00:00:00:00:06 10.10.30.2/24" \
		"lrp-add lr2 lr2-lslocal 00:00:00:00:00:07 10.10.40.1/24" "ls-add lsjoin"
	seed002_router_port lsjoin lr2 00:00:00:00:00:06
	echo "lrp-add lr1 lr1-lsjoin 00:00:00:00:00:05 10.10.30.1/24"
	seed002_router_port lsjoin lr1 00:00:00:00:00:05
	echo 'lr-route-add lr2 "10.10.10.0/24" 10.10.30.1'
	echo 'lr-route-add lr1 "0.0.0.0/0" 10.10.30.2'
}

# seed002_lslocal: lr2's local switch lslocal.
seed002_lslocal() {
	echo "ls-add lslocal"
	seed002_router_port lslocal lr2 00:00:00:00:00:07
}

# step_lines: `step LINE` (the test's step) for each non-empty line of stdin.
step_lines() {
	local line
	while IFS= read -r line; do
		[ -n "$line" ] && eval "step $line"
	done
}

# seed002_localnet: lslocal's localnet port to the seed's externalnet.
seed002_localnet() {
	cat <<'LINES'
lsp-add lslocal lslocal-localnet
lsp-set-addresses lslocal-localnet unknown
lsp-set-type lslocal-localnet localnet
lsp-set-options lslocal-localnet network_name=externalnet
LINES
}
