# shellcheck shell=bash
# frames.sh - exact frame counting for the end-to-end tests: bounded pcap
# captures inside namespaces, counting what they caught, and one
# hand-made broadcast ARP request.  Source after lib.sh and e2e_begin.
#
#   capture NS IFNAME FILE FILTER...   start a capture; returns once listening
#   capture_end                        end every running capture
#   frames FILE [FILTER...]            how many captured frames match FILTER
#   send_arp NS SRCMAC SRCIP TARGET    one broadcast "who has TARGET" on eth0

CAPTURES=()

# At most 20 frames (a duplicate or a loop still shows) and 30 s: a bound
# for a test that dies, not a window to hit (capture_end ends them), so a
# slow machine starting many captures still has the first one listening.
# --immediate-mode: without it a frame may still sit in the capture ring
# when the capture is ended.
capture() {
	local ns=$1 ifname=$2 file=$3; shift 3
	timeout 30 nsenter --net="/run/netns/$ns" tcpdump --immediate-mode -U -nn \
		-i "$ifname" -c 20 -w "$file" "$@" 2>"$file.err" &
	E2E_PIDS+=("$!")
	CAPTURES+=("$!")
	until_ok 3 grep -q 'listening on' "$file.err"
}

# A second for late copies, then TERM (timeout passes it on; tcpdump
# writes what it has).
capture_end() {
	local pid
	sleep 1
	for pid in "${CAPTURES[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	for pid in "${CAPTURES[@]}"; do wait "$pid" 2>/dev/null; done
	CAPTURES=()
}

frames() { local f=$1; shift; tcpdump -nn -r "$f" "$@" 2>/dev/null | wc -l; }

send_arp() {
	nsenter --net="/run/netns/$1" python3 - "$2" "$3" "$4" <<-'EOF'
		import socket, struct, sys
		mac = bytes.fromhex(sys.argv[1].replace(":", ""))
		sip, tip = socket.inet_aton(sys.argv[2]), socket.inet_aton(sys.argv[3])
		arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, sip, b"\0" * 6, tip)
		s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
		s.bind(("eth0", 0))
		s.send(b"\xff" * 6 + mac + b"\x08\x06" + arp)
	EOF
}
