#!/usr/bin/env python3
"""perf_udp64_stages.py - group the samples of `perf script -F comm,period,ip,sym`
(recorded with -g on the 64-byte UDP generator, bench/perf_udp64.sh) into the
stages of the path a frame takes on the sending core, and print each stage's
share of the samples and its cost in ns per frame.

    perf_udp64_stages.py IMPL=NS_PER_FRAME=SCRIPT_OUTPUT...
    PERF_TOP=N also lists each stage's N costliest functions (self time).

A sample belongs to the innermost stage on its call chain: the chain is read
from the outermost frame inwards and the last frame that names a stage wins
(a frame of a shared function, kfree_skb or memcpy, belongs to whichever
stage called it).  The ICMP stage is final once entered: the port-unreachable
reply goes out through veth and backlog functions of its own, and those are
the cost of answering, not of forwarding.
"""
import os
import re
import sys

# Stage names and the functions that enter them, in table order.
STAGES = [
    ("generator (AF_PACKET sendmmsg, syscall)",
     r"^(entry_SYSCALL|do_syscall_64|__x64_sys_sendmmsg|__sys_sendmmsg|___sys_sendmsg|"
     r"packet_sendmsg|packet_snd|packet_direct_xmit|\[unknown\]|__sendmmsg|sendmmsg|flood|main)"),
    ("veth xmit (incl. netif_rx enqueue)",
     r"^(veth_xmit|veth_forward_skb|__dev_forward_skb2?|dev_forward_skb|__netif_rx|netif_rx|"
     r"enqueue_to_backlog|dev_direct_xmit|__dev_queue_xmit|dev_hard_start_xmit|veth_)"),
    ("softirq + backlog + rx core",
     r"^(handle_softirqs|__do_softirq|do_softirq|net_rx_action|__napi_poll|process_backlog|"
     r"__netif_receive_skb|netif_receive_skb)"),
    ("bridge", r"^(br_(?!nf_)|__br_|nbp_|should_deliver)"),
    ("bridge netfilter hooks (br_netfilter)", r"^(br_nf_|nf_hook|nf_bridge|skb_ext_)"),
    ("TC hook (tcx/clsact dispatch)", r"^(tcx_run|sch_handle_ingress|tcf_classify|tc_run|cls_bpf)"),
    ("forwarding BPF program + helpers",
     r"^(bpf_prog_(?!.*xt_tc_sink)|bpf_(?!redirect_peer|prog_|lsm_)|__bpf_|htab_|array_map_|lpm_|"
     r"trie_|__htab)"),
    ("redirect_peer", r"^(skb_do_redirect|bpf_redirect_peer|veth_peer_dev)"),
    ("receiver sink (TC drop on VM eth0)", r"^bpf_prog_.*xt_tc_sink"),
    ("receiver IP/UDP stack",
     r"^(ip_rcv|ip_list_rcv|ip_sublist_rcv|ip_local_deliver|ip_protocol_deliver|ip_route_input|"
     r"ip_rcv_finish|__udp4_lib|udp_|udp4_|raw_local_deliver|fib_|ip_route_|ip4_)"),
    ("receiver ICMP port unreachable", r"^(__icmp_send|icmp_send|icmp_|__ip_append|ip_push)"),
    ("interrupts, scheduler, other",
     r"^(asm_sysvec|asm_common_interrupt|sysvec_|__sysvec|schedule|__schedule|"
     r"exit_to_user_mode|irqentry_exit)"),
]
OTHER = STAGES[-1][0]
ICMP = "receiver ICMP port unreachable"
MATCHERS = [(name, re.compile(rx)) for name, rx in STAGES]


def stage_of(chain):
    """chain: function names, innermost first."""
    stage = OTHER
    for fn in reversed(chain):
        for name, rx in MATCHERS:
            if rx.search(fn):
                stage = name
                break
        if stage == ICMP:
            break
    return stage


def samples(path):
    """(period, [functions innermost first]) for each sample of a perf script dump."""
    period, chain = None, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if period is not None:
                    yield period, chain
                period, chain = None, []
            elif not line.startswith("\t"):
                last = line.split()[-1]
                period = int(last) if last.isdigit() else 1
            else:
                parts = line.split(None, 1)
                chain.append(parts[1].split("+0x")[0] if len(parts) > 1 else "[unknown]")
    if period is not None:
        yield period, chain


def shares(path):
    """Each stage's share of the samples, and each (stage, leaf function)'s."""
    totals = {name: 0 for name, _ in STAGES}
    leaves = {}
    for period, chain in samples(path):
        stage = stage_of(chain)
        totals[stage] += period
        key = (stage, chain[0] if chain else "[unknown]")
        leaves[key] = leaves.get(key, 0) + period
    whole = sum(totals.values()) or 1
    return ({k: v / whole for k, v in totals.items()},
            {k: v / whole for k, v in leaves.items()})


def print_leaves(impl, ns, leaves, top):
    """The TOP functions by self time in each stage of one implementation."""
    print("-- %s: top %d functions (self) per stage, ns/frame" % (impl, top))
    for name, _ in STAGES:
        mine = sorted(((v, fn) for (st, fn), v in leaves.items() if st == name), reverse=True)
        if mine:
            print("%-42s %s" % (name, ", ".join("%s %.0f" % (fn, ns * v) for v, fn in mine[:top])))


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: perf_udp64_stages.py IMPL=NS_PER_FRAME=SCRIPT_OUTPUT...")
    impls, detail = [], []
    for arg in argv[1:]:
        impl, ns, path = arg.split("=", 2)
        share, leaves = shares(path)
        impls.append((impl, float(ns), share))
        detail.append((impl, float(ns), leaves))
    head = "%-42s" % "stage" + "".join("%20s" % i for i, _, _ in impls)
    print(head)
    print("%-42s" % "" + "".join("%20s" % "share    ns/frame" for _ in impls))
    for name, _ in STAGES:
        print("%-42s" % name + "".join("%11.1f%% %7.0f" % (100 * s[name], ns * s[name])
                                        for _, ns, s in impls))
    print("%-42s" % "whole path (generator CPU time per frame)" +
          "".join("%11s %7.0f" % ("", ns) for _, ns, _ in impls))
    top = int(os.environ.get("PERF_TOP", "0"))
    for impl, ns, leaves in detail if top > 0 else []:
        print_leaves(impl, ns, leaves, top)


if __name__ == "__main__":
    main(sys.argv)
