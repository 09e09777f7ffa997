#!/usr/bin/env bash
# xovnctl against Debian's real ovn-nbctl on the same command lines: the
# L3 gateway part of seed 002 and more router, router port and static
# route commands, one command per invocation, run through both (ovn-nbctl
# on a scratch NB ovsdb-server on a unix socket, xovnctl on its own db).
# Each line must give both the same exit status and the same output with
# UUIDs masked: lr-route-list and lr/lrp-list byte for byte, show with its
# records and ports sorted (OVSDB lists rows in hash order, xovn in the
# model's), and refusals with the same message after the program name.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin nbctl-routers
. "$(dirname "$0")/helpers/ovn_central.sh"
. "$(dirname "$0")/helpers/nbctl_compare.sh"
. "$(dirname "$0")/helpers/seed002.sh"

nb_scratch_start

# The seed's lines (ovn-nbctl's warnings-free ones: no localnet port that
# xovnctl would report incomplete before its network_name).
same_lines < <(seed002_routed_switches
	echo 'create Logical_Router name=lr2 options:chassis=master >/dev/null'
	seed002_join)
same_lines <<'EOF'
show
lr-list
lrp-list lr1
lr-route-list lr1
lr-route-list lr2
get logical_router lr2 options:chassis
lrp-add lr1 lr1-v6 0a:00:00:00:00:09 fd00::1/64 10.20.0.1/16 peer=lr2-x
lr-route-add lr1 10.1.2.3/16 10.10.30.254
--ecmp lr-route-add lr1 10.1.0.0/16 10.10.30.253
lr-route-add lr1 10.1.0.0/16 10.10.30.252
--may-exist lr-route-add lr1 10.1.2.3/32 10.10.30.2
--policy=src-ip lr-route-add lr1 10.10.10.0/24 10.10.30.2
--route-table=rtb1 lr-route-add lr1 0.0.0.0/0 10.10.30.9
lr-route-add lr1 2001:DB8:2::5/48 FD00::2 lr1-v6
lr-route-add lr1 10.9.0.0/16 discard
--ecmp lr-route-add lr1 10.9.0.0/16 10.10.30.9
lr-route-add lr1 10.9.0.0/33 10.10.30.9
lr-route-add lr1 10.8.0.0/16 2001:db8::1
lr-route-add lr1 10.8.0.0/16 10.10.30.9 nope
--policy=any lr-route-add lr1 10.8.0.0/16 10.10.30.9
lr-route-list lr1
--route-table=rtb1 lr-route-list lr1
lr-route-del lr1 10.1.0.0/16 10.10.30.253
lr-route-del lr1 10.7.0.0/16
--policy=src-ip lr-route-del lr1
lr-route-list lr1
lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24
--may-exist lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24
--may-exist lrp-add lr1 lr1-ls1 00:00:00:00:00:09 10.10.10.1/24
--may-exist lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.11.1/24
--may-exist lrp-add lr2 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24
lrp-add lr1 lr1-bad zz 10.10.10.1/24
lrp-add lr1 lr1-bad 00:00:00:00:00:0a 10.10.10.1/33
lrp-add nope lr1-bad 00:00:00:00:00:0a 10.10.10.1/24
lrp-set-enabled lr1-v6 disabled
lrp-get-enabled lr1-v6
lrp-set-enabled lr1-v6 sideways
show
lrp-del lr1-v6
lrp-del lr1-v6
--if-exists lrp-del lr1-v6
lr-add lr1
--may-exist lr-add lr1
lr-del nope
lr-del lr2
lr-list
show
EOF

e2e_end
