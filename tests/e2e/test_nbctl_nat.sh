#!/usr/bin/env bash
# xovnctl against Debian's real ovn-nbctl on the same command lines: NAT
# rules (lr-nat-add/del/list, seed 002's "create nat" line) and gateway
# chassis (lrp-set/del/get-gateway-chassis, redirect type), one command
# per invocation through both (ovn-nbctl on a scratch NB ovsdb-server on a
# unix socket, xovnctl on its own db).  Each line must give both the same
# exit status and the same output with UUIDs masked: lr-nat-list and
# lrp-get-gateway-chassis byte for byte, show with its records, ports and
# NAT blocks sorted (OVSDB lists rows in hash order), and refusals with the
# same message after the program name.
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin nbctl-nat
. "$(dirname "$0")/helpers/ovn_central.sh"
. "$(dirname "$0")/helpers/nbctl_compare.sh"

nb_scratch_start

same_lines <<'EOF'
ls-add ls1
lsp-add ls1 vm1
lsp-add ls1 vm2
lr-add lr1
lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24
lrp-add lr1 lr1-out 00:00:00:00:00:02 172.16.0.1/24 2001:db8:40::1/64
create Logical_Router name=lr2 options:chassis=master >/dev/null
lrp-add lr2 lr2-lsjoin 00:00:00:00:00:06 10.10.30.2/24
-- --id=@nat create nat type="snat" logical_ip=10.10.10.0/24 external_ip=10.10.40.1 -- add logical_router lr2 nat @nat >/dev/null
lr-nat-list lr2
lr-nat-add lr1 snat 172.16.0.10 10.10.10.0/24
lr-nat-add lr1 snat 172.16.0.10 10.10.10.0/24
--may-exist lr-nat-add lr1 snat 172.16.0.10 10.10.10.0/24
lr-nat-add lr1 snat 172.16.0.11 10.10.10.7/24
lr-nat-add lr1 snat 172.16.0.12 10.10.11.0/24
lr-nat-add lr1 snat 172.16.0.13 10.10.12.5/32
lr-nat-add lr1 dnat 172.16.0.20 10.10.10.20
lr-nat-add lr1 dnat 172.16.0.20 10.10.10.21
lr-nat-add lr1 dnat 172.16.0.21 10.10.10.0/24
lr-nat-add lr1 dnat_and_snat 172.16.0.20 10.10.10.20
lr-nat-add lr1 dnat_and_snat 172.16.0.30 10.10.10.30 vm1 00:00:00:00:01:30
lr-nat-add lr1 dnat_and_snat 172.16.0.31 10.10.10.31 vm1
lr-nat-add lr1 dnat_and_snat 172.16.0.31 10.10.10.31 nosuch 00:00:00:00:01:31
lr-nat-add lr1 dnat_and_snat 172.16.0.31 10.10.10.31 vm2 zz
lr-nat-add lr1 snat 172.16.0.31 10.10.13.0/24 vm2 00:00:00:00:01:31
--portrange lr-nat-add lr1 dnat_and_snat 172.16.0.32 10.10.10.32 vm2 00:00:00:00:01:32 1000-2000
--portrange lr-nat-add lr1 dnat 172.16.0.33 10.10.10.33 8080
--portrange lr-nat-add lr1 dnat 172.16.0.34 10.10.10.34 2000-1000
--portrange lr-nat-add lr1 dnat 172.16.0.34 10.10.10.34 0-10
--stateless lr-nat-add lr1 dnat_and_snat 172.16.0.35 10.10.10.35
--stateless lr-nat-add lr1 snat 172.16.0.36 10.10.14.0/24
lr-nat-add lr1 masquerade 172.16.0.37 10.10.10.37
lr-nat-add lr1 snat 172.16.0 10.10.10.0/24
lr-nat-add lr1 snat 001.16.0.1 10.10.10.0/24
lr-nat-add lr1 snat 2001:db8:40::10 10.10.10.0/24
lr-nat-add lr1 dnat 2001:db8:40::10 10.10.10.5
lr-nat-add lr1 snat 2001:db8:40::10 FD00:0:0:0::/64
lr-nat-add lr1 dnat_and_snat 2001:DB8:40::11 FD00::0011
lr-nat-add nope snat 172.16.0.10 10.10.10.0/24
lr-nat-list lr1
lr-nat-list nope
get nat 172.16.0.30 logical_port external_mac
show
lr-nat-del lr1 snat 10.10.11.9/24
lr-nat-del lr1 dnat 172.16.0.20
lr-nat-del lr1 dnat 172.16.9.9
--if-exists lr-nat-del lr1 snat 10.99.0.0/16
lr-nat-del lr1 nat
lr-nat-del lr1 dnat 172.16.0.33 nosuch
lr-nat-del lr1 dnat 172.16.0.33 lr1-out
--if-exists lr-nat-del lr1 dnat 172.16.0.33 lr1-out
lr-nat-del lr1 snat 10.10.10.0/24 lr1-ls1
lr-nat-list lr1
lr-nat-del lr1 dnat_and_snat
lr-nat-list lr1
lr-nat-del lr1
lr-nat-list lr1
lrp-set-gateway-chassis lr1-out hv1 20
lrp-set-gateway-chassis lr1-out hv2
lrp-set-gateway-chassis lr1-out hv3 10
lrp-set-gateway-chassis lr1-out hv3 15
lrp-set-gateway-chassis lr1-out hv4 32768
lrp-set-gateway-chassis lr1-out hv4 -1
lrp-set-gateway-chassis lr1-out hv4 high
lrp-set-gateway-chassis nope hv1 1
lrp-get-gateway-chassis lr1-out
lrp-get-gateway-chassis lr1-ls1
lrp-get-gateway-chassis nope
list gateway_chassis lr1-out-hv1
show
lrp-del-gateway-chassis lr1-out hv9
lrp-del-gateway-chassis lr1-out hv2
lrp-del-gateway-chassis nope hv1
lrp-get-gateway-chassis lr1-out
lrp-get-redirect-type lr1-out
lrp-set-redirect-type lr1-out bridged
lrp-get-redirect-type lr1-out
lrp-set-redirect-type lr1-out OVERLAY
lrp-get-redirect-type lr1-out
lrp-set-redirect-type lr1-out tunnel
lrp-del-gateway-chassis lr1-out hv1
lrp-del-gateway-chassis lr1-out hv3
lrp-get-gateway-chassis lr1-out
show
EOF

e2e_end
