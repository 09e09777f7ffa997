#!/usr/bin/env python3
"""peer.py - the far end of a NAT check: who connected, and how much arrived.

  peer.py udp PORT             prints the source address of one datagram
  peer.py tcp PORT             accepts one connection, reads it to the end,
                               prints "ADDRESS BYTES"
  peer.py send-udp IP PORT     sends one datagram
  peer.py send-tcp IP PORT N   connects and sends N bytes
  peer.py send-tcp-paced IP PORT N SECONDS
                               the same, spread evenly over SECONDS
Every wait is bounded (10 s).
"""
import socket
import sys
import time


def send_paced(ip, port, n, seconds):
    """n bytes in chunks every 50 ms over seconds; a chunk blocked by an
    outage is sent when TCP can take it, so the total always arrives."""
    s = socket.create_connection((ip, port), timeout=10)
    steps = max(1, int(seconds / 0.05))
    chunk = -(-n // steps)
    start = time.monotonic()
    for i in range(steps):
        part = min(chunk, n - i * chunk)
        if part <= 0:
            break
        s.sendall(b"x" * part)
        time.sleep(max(0.0, start + (i + 1) * 0.05 - time.monotonic()))
    s.close()


def main():
    kind = sys.argv[1]
    if kind == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("0.0.0.0", int(sys.argv[2])))
        s.settimeout(10)
        _, addr = s.recvfrom(2048)
        print(addr[0])
    elif kind == "tcp":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", int(sys.argv[2])))
        s.listen(1)
        s.settimeout(10)
        c, addr = s.accept()
        c.settimeout(10)
        total = 0
        while True:
            b = c.recv(65536)
            if not b:
                break
            total += len(b)
        print(addr[0], total)
    elif kind == "send-udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.sendto(b"nat", (sys.argv[2], int(sys.argv[3])))
    elif kind == "send-tcp":
        s = socket.create_connection((sys.argv[2], int(sys.argv[3])), timeout=10)
        s.sendall(b"x" * int(sys.argv[4]))
        s.close()
    elif kind == "send-tcp-paced":
        send_paced(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))


if __name__ == "__main__":
    main()
