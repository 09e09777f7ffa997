#!/usr/bin/env bash
# Packet stress: over a million malformed frames (truncated, bit-flipped,
# stacked VLANs, IPv6 extension chains, odd ARP, lying Geneve lengths)
# through the VIF and underlay programs on three random topologies, each
# checked for a legal verdict, a counted drop and no wrong-port delivery.
# Not part of the test suite; takes about a minute on two cores.
#   bench/stress_packets.sh [FRAMES_PER_SEED]   (default 340000, x3 seeds)
set -eu
cd "$(dirname "$0")/.."
frames=${1:-340000}
make -s build/test_bpf
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
start=$(date +%s)
XOVN_SRC=$PWD XOVN_PACKET_FUZZ_FRAMES=$frames \
	build/test_bpf --filter 'packet_fuzz/mutated_frames'
echo "stress: $((frames * 3)) frames in $(( $(date +%s) - start ))s"
