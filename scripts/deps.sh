#!/usr/bin/env bash
# Installs the Debian packages xovn needs to build, test and run the demo.
# Idempotent: installs only what is missing, so it is cheap to run every time.
set -euo pipefail

PKGS=(
  make gcc clang llvm pkg-config
  libbpf-dev libxdp-dev libelf-dev zlib1g-dev
  libjansson-dev libcriterion-dev
  bpftool iproute2 iputils-ping tcpdump iperf3 procps ethtool
  python3 python3-jsonschema python3-prometheus-client curl jq help2man
  ovn-central ovn-host openvswitch-switch
  udhcpc isc-dhcp-client
  frr
)

# OVN's tests start private daemons of their own: the services these
# packages start on installation are stopped again (only what was started).
stop_ovn_services() {
  if ls /run/openvswitch/*.pid >/dev/null 2>&1; then
    /usr/share/openvswitch/scripts/ovs-ctl stop || true
  fi
  if ls /run/ovn/*.pid >/dev/null 2>&1; then
    for what in stop_controller stop_northd stop_ovsdb; do
      /usr/share/ovn/scripts/ovn-ctl "$what" || true
    done
  fi
} >/dev/null 2>&1

# The BGP test runs zebra and bgpd of its own in namespaces: the frr
# service the package starts is stopped again.
stop_frr_service() {
  if [ -e /run/frr/watchfrr.pid ] || ls /run/frr/*.pid >/dev/null 2>&1; then
    /usr/lib/frr/frrinit.sh stop || true
  fi
} >/dev/null 2>&1

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  case " ${missing[*]} " in
    *" ovn-central "*|*" ovn-host "*|*" openvswitch-switch "*) stop_ovn_services ;;
  esac
  case " ${missing[*]} " in
    *" frr "*) stop_frr_service ;;
  esac
fi
