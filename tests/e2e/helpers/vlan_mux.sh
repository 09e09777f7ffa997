# shellcheck shell=bash
# vlan_mux.sh - containers behind a test VM, as if on 802.1Q subinterfaces
# of the VM's eth0 (see vlan_mux.bpf.c for why and how).  Source after
# lib.sh and e2e_begin: pins live under $E2E_PIN_ROOT and namespaces are
# registered with netns_add, so lib.sh's cleanup removes them.
#
#   vlan_mux_build                      compile the TC programs (once)
#   vlan_mux_vm VMNS                    load them for VMNS, attach to its eth0
#   container_add VMNS CTNS IFNAME TAG MAC IP/LEN
#                                       container CTNS on tag TAG of VMNS
#   vlan_mux_replug VMNS                after the VM's eth0 was re-created
#                                       (lib.sh's vm_move): attach again

VLAN_MUX_SRC=$(dirname "${BASH_SOURCE[0]}")/vlan_mux.bpf.c

vlan_mux_build() {
	VLAN_MUX_OBJ=$E2E_TMP/vlan_mux.bpf.o
	clang -target bpf -O2 -g -Wall -I"/usr/include/$(uname -m)-linux-gnu" \
		-c "$VLAN_MUX_SRC" -o "$VLAN_MUX_OBJ"
}

VLAN_MUX_CONTAINERS=() # "VMNS IFNAME TAG" of every container_add

vlan_mux_pins() { echo "$E2E_PIN_ROOT/mux-$1"; }

# in_ns NS command...: runs in NS's network namespace only, so the bpffs
# pins stay visible (tc -n and ip netns exec would remount /sys).
in_ns() { local ns=$1; shift; nsenter --net="/run/netns/$ns" "$@"; }

# tc_attach NS IFNAME PROG: the pinned program PROG on IFNAME's TC ingress.
tc_attach() {
	in_ns "$1" tc qdisc add dev "$2" clsact 2>/dev/null
	in_ns "$1" tc filter add dev "$2" ingress bpf direct-action object-pinned "$3"
}

# le32 N: N as four little-endian bytes, the way bpftool takes keys and values.
le32() { echo "$(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255))"; }

ifindex_of() { ip -n "$1" -o link show "$2" | awk -F: '{ print $1; exit }'; }

vlan_mux_vm() {
	local vm=$1 pins; pins=$(vlan_mux_pins "$1")
	mkdir -p "$pins" || return 1
	bpftool prog loadall "$VLAN_MUX_OBJ" "$pins/progs" type tc pinmaps "$pins/maps" ||
		return 1
	tc_attach "$vm" eth0 "$pins/progs/mux_from_uplink"
}

container_add() {
	local vm=$1 ct=$2 ifname=$3 tag=$4 mac=$5 addr=$6 pins
	pins=$(vlan_mux_pins "$vm")
	netns_add "$ct" || return 1
	# No IPv6 autoconfiguration chatter: a container sends only what the
	# test makes it send, so drop counters can be read per container.
	in_ns "$ct" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "$vm" link add "$ifname" type veth peer name eth0 netns "$ct" || return 1
	ip -n "$ct" link set eth0 address "$mac"
	ip -n "$ct" link set eth0 mtu "$(ip -n "$vm" -o link show eth0 | awk '{ for (i = 1; i < NF; i++) if ($i == "mtu") print $(i + 1) }')"
	ip -n "$ct" addr add "$addr" dev eth0
	ip -n "$ct" link set eth0 up
	ip -n "$vm" link set "$ifname" up
	VLAN_MUX_CONTAINERS+=("$vm $ifname $tag")
	vlan_mux_map "$vm" "$ifname" "$tag" || return 1
	tc_attach "$vm" "$ifname" "$pins/progs/mux_from_container"
}

# vlan_mux_map VMNS IFNAME TAG: the two table entries of one container.
# le32's output is split on purpose: bpftool takes one argument per byte.
# shellcheck disable=SC2046
vlan_mux_map() {
	local vm=$1 ifname=$2 tag=$3 pins idx uplink
	pins=$(vlan_mux_pins "$vm")
	idx=$(ifindex_of "$vm" "$ifname") uplink=$(ifindex_of "$vm" eth0)
	bpftool map update pinned "$pins/maps/mux_containers" key $(le32 "$idx") \
		value $(le32 "$uplink") $(le32 "$tag") || return 1
	bpftool map update pinned "$pins/maps/mux_vids" key $(le32 "$tag") \
		value $(le32 "$idx")
}

vlan_mux_replug() {
	local vm=$1 entry e_vm e_if e_tag
	tc_attach "$vm" eth0 "$(vlan_mux_pins "$vm")/progs/mux_from_uplink" || return 1
	for entry in "${VLAN_MUX_CONTAINERS[@]}"; do
		read -r e_vm e_if e_tag <<<"$entry"
		[ "$e_vm" = "$vm" ] || continue
		vlan_mux_map "$vm" "$e_if" "$e_tag" || return 1
	done
}
