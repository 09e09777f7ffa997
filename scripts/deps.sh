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
  udhcpc
)

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
fi
