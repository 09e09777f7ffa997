#!/usr/bin/env bash
# ovn_packages.sh - Open vSwitch and OVN from Debian's packages for
# bench/ovn_throughput.sh: a benchmark-only dependency, like gnuplot.
# Exit 0 when they are there (installed now or before), 1 when not.
#
# bench/ovn_throughput.sh starts private daemons of its own, so the packages'
# system services are not wanted: any that this installation started (a
# system without a policy-rc.d that forbids it) is stopped again.
set -u
OVS_CTL=/usr/share/openvswitch/scripts/ovs-ctl
OVN_CTL=/usr/share/ovn/scripts/ovn-ctl

have() { command -v ovs-vswitchd && command -v ovn-northd && command -v ovn-controller; } >/dev/null

stop_services() {
	if ls /run/openvswitch/*.pid >/dev/null 2>&1; then "$OVS_CTL" stop; fi
	if ls /run/ovn/*.pid >/dev/null 2>&1; then
		"$OVN_CTL" stop_controller
		"$OVN_CTL" stop_northd
		"$OVN_CTL" stop_ovsdb
	fi
} >/dev/null 2>&1

have && exit 0
DEBIAN_FRONTEND=noninteractive apt-get install -y -q openvswitch-switch ovn-central ovn-host >/dev/null
stop_services
have
