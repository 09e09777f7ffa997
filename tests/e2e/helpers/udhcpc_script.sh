#!/bin/sh
# udhcpc_script.sh - the script busybox udhcpc runs (-s) in a VM namespace
# of the DHCP test: applies the lease with ip(8) (address, MTU, default
# route) and records what the server sent in $UDHCPC_RECORD, instead of
# Debian's default script, which would rewrite the host's /etc/resolv.conf.
case $1 in
deconfig)
	ip link set "$interface" up
	ip -4 addr flush dev "$interface"
	;;
bound | renew)
	ip -4 addr flush dev "$interface"
	ip -4 addr add "$ip/$mask" dev "$interface"
	[ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
	[ -n "$router" ] && ip -4 route replace default via "${router%% *}" dev "$interface"
	{
		echo "event=$1"
		echo "ip=$ip"
		echo "mask=$mask"
		echo "subnet=$subnet"
		echo "router=$router"
		echo "dns=$dns"
		echo "mtu=$mtu"
		echo "lease=$lease"
		echo "serverid=$serverid"
	} >>"$UDHCPC_RECORD"
	;;
leasefail | nak)
	echo "event=$1" >>"$UDHCPC_RECORD"
	;;
esac
exit 0
