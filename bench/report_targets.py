"""report_targets.py - the "Targets" section of docs/BENCHMARKS.md: every
target the benchmarks track, what this run measured for it, met or missed,
and for a missed one its measured floor and the reason it is missed.

The sections record figures (report_util.Targets); a target no row of the
run measured is listed as not measured.  REASONS holds the explanation of
each target that is missed today; a met target's reason is not printed.
"""
from report_pkt import PATHS

PER_PACKET = [
    ("pkt:unicast", "local unicast VIF->VIF, × the minimal TC redirect (repeat)", "≤ 1.5×"),
    ("pkt:encap", "VIF->tunnel (Geneve encap), × the minimal TC redirect (single)", "≤ 2.5×"),
    ("pkt:decap", "tunnel->VIF (Geneve decap), × the minimal TC redirect (single)", "≤ 2.5×"),
    ("pkt:routed_unicast", "routed VIF->router->VIF ÷ local unicast, same chassis (single)",
     "≤ 2.0×"),
    ("pkt:routed_encap", "routed VIF->router->tunnel ÷ VIF->tunnel (single)", "≤ 2.0×"),
]
DRIFT = [(f"drift:{scen}", f"{label}: flat from the smallest model to 100,000 ports",
          "≤ 10% drift") for scen, label, _ in PATHS]
THROUGHPUT = [
    ("tp:same:tcp1", "same chassis, TCP, 1 stream, ÷ Linux bridge", "≥ 1.0×"),
    ("tp:same:tcp4", "same chassis, TCP, 4 streams, ÷ Linux bridge", "≥ 1.0×"),
    ("tp:same:udp64", "same chassis, UDP, 64-byte frames, ÷ Linux bridge", "≥ 2.0×"),
    ("tp:cross:tcp1", "two chassis, TCP, 1 stream, ÷ VXLAN + Linux bridge", "≥ 1.0×"),
    ("tp:cross:tcp4", "two chassis, TCP, 4 streams, ÷ VXLAN + Linux bridge", "≥ 1.0×"),
    ("tp:routed:tcp1", "routed, same chassis, TCP, 1 stream, ÷ Linux routing", "≥ 1.0×"),
    ("tp:routed:tcp4", "routed, same chassis, TCP, 4 streams, ÷ Linux routing", "≥ 1.0×"),
    ("tp:nat:tcp1", "SNAT, TCP, 1 stream, ÷ nftables masquerade", "≥ 1.0×"),
    ("tp:nat:tcp4", "SNAT, TCP, 4 streams, ÷ nftables masquerade", "≥ 1.0×"),
    ("ovn", "OVN on Open vSwitch's userspace datapath measured beside xovn", "measured"),
]
CONTROL = [
    ("cp:linear", "every control-plane phase but `change` linear: cost per port at 100,000 "
                  "ports ÷ at 1000", "≤ 1.25×"),
    ("cp:vc_growth", "validate + compile, cost per port at 100,000 ports ÷ at 1000", "≤ 1.1×"),
    ("cp:show", "`xovnctl show`, cost per port at 100,000 ports ÷ at 10,000", "≤ 1.25× (linear)"),
    ("cp:write", "one xovnctl write (`lsp-set-addresses`) on a 100,000-port db, end to end",
     "< 100 ms"),
    ("cp:once", "`xovnd --once`: a 100,000-port model applied from empty", "< 2000 ms"),
    ("cp:react", "xovnd's reaction to one xovnctl write on a 100,000-port db", "< 10 ms"),
    ("converge", "one ovn-nbctl change in the fdb map of the last of 20 chassis (10,000 ports)",
     "< 1 s at the max"),
]
TARGETS = PER_PACKET + DRIFT + THROUGHPUT + CONTROL

REASONS = {
    "pkt:unicast":
        "what is left is one array read (the ingress port by ifindex; the (interface, VID) hash "
        "only for tagged frames and large ifindexes), one hash lookup (switch, MAC) to the "
        "destination, whose value carries everything delivery needs, two per-CPU counters and "
        "the redirect; the baseline looks nothing up. The floor beside it, a program making only "
        "these lookups, counters and the redirect, is above 1.5× on its own; between xovn's "
        "lookups are only tests of values already in hand (egress rules, counter-slot owner, "
        "trace and feature flags), no lookup or helper call.",
    "pkt:encap":
        "the floor beside it, a program making only the encap path's lookups (ingress port, "
        "fdb, the remote chassis' next hop in `xovn_remote_hops`, which xovnd keeps from the "
        "kernel's routes and neighbours so no frame asks the FIB), its two counters, one "
        "bpf_skb_adjust_room, one 72-byte write and the redirect, is above 2.5× on its own. "
        "Above that floor xovn tests values already in hand (the pipeline's checks, MTU, next "
        "hop usable) and makes one BPF-to-BPF call into the encapsulation (inlining it would "
        "take the VIF program's stack past 512 bytes); the switch lookup is skipped while the "
        "frame is on its ingress switch, the front is written in 8-byte words, and the outer "
        "checksum and flow hash are summed in registers (docs/bench/notes/encap.md).",
    "pkt:decap":
        "the outer headers and the Geneve options are read in place, the inner Ethernet header "
        "is written in place, and a frame to a port needs one lookup (the port's entry; the "
        "VNI's only for groups and redirects); decap costs about 0.9× the local unicast path it "
        "ends in, so it cannot go below that switching cost, and 2.5× is out of reach while "
        "local unicast in single mode is above it.",
    "pkt:routed_unicast":
        "a router hop needs a route LPM walk and one hash lookup (the neighbour, whose entry "
        "carries the out switch's fdb value) more than switching; the floors' own ratio (the "
        "same lookups alone) is beside it. Above its floor the hop spends about 95 ns, against "
        "about 30 ns for local unicast, spread over the path rather than in one operation: two "
        "BPF-to-BPF calls, the router scratch's three cache lines, and the NAT, gateway, ARP/ND "
        "and trace tests (docs/bench/notes/routed.md). Header and map-value copies are already "
        "whole words.",
    "pkt:routed_encap":
        "the hop's lookups as for the same-chassis path, then the whole encapsulation; not "
        "profiled apart.",
    "scale":
        "no lookup on the path grows with the model: each one made alone on the very maps of "
        "each size costs the same at 21 and 100,000 ports (the lookup rows beside it). Over 18 "
        "separate loads of the bench (docs/bench/notes/drift.md) the median drift of decap, the "
        "ARP reply and the three NAT paths was 0–1%; what moves one run is the load itself, "
        "which fixes a 10–20 ns offset for a size that its repetitions cannot average out, and "
        "the kernel's per-run time moving in 10 ns steps on a 100 ns baseline.",
    "drift:port_security":
        "single host addresses are looked up in an exact-match hash and the LPM tries hold only "
        "subnets, consulted only for a MAC that lists some, so the lookup does not walk a growing "
        "trie; what is left is the cold lookups every single-mode path shares.",
    "drift:arp_reply":
        "the responder is one exact-match hash lookup keyed by (switch, IPv4), no LPM, and the "
        "reply one store; in 35 interleaved repetitions (docs/bench/notes/vif.md) the reply cost "
        "minus local unicast's was the same at 21 and 100,000 ports (−21 and −19 ns), and a "
        "table with 8× the buckets changed nothing, so a drift here is single-mode noise shared "
        "by every path, not a growing lookup.",
    "tp:same:tcp1":
        "the cost is dominated by the TCP stacks of both VMs: a TSO aggregate (about 60 kB) "
        "crosses either path as one skb, so per byte both do the same copies; what is left is "
        "xovn's per-packet work (section 1) and the noise of a shared 2-core machine, which the "
        "paired runs limit but do not remove.",
    "tp:same:udp64":
        "the rate is the inverse of the whole per-frame cost on the sending core, and the "
        "generator and the receiving VM's stack (including a route lookup per frame for an ICMP "
        "port unreachable that the rate limit then refuses), the same for every forwarder, are "
        "about 70% of the floor's cost (bench/perf_udp64.sh). The floor beside it, a TC program "
        "doing only bpf_redirect_peer, cannot reach 2× either; xovn's extra cost over it is all "
        "in its own program (two hash lookups and the pipeline's checks, about 90 ns). Most of "
        "the bridge's cost is br_netfilter, which this kernel switches on in every namespace: "
        "the plain-bridge and forwarding-only rows of section 3 show the figures without it and "
        "without the receiving stack.",
    "cp:linear":
        "validate and compile are the phases that grow; see validate + compile below. Load, "
        "apply and a walk of the parsed document stay linear. Every step of compile was timed "
        "on its own (docs/bench/notes/cplin.md): each grows where it reads data in an order "
        "other than the one it was laid down in (the port address strings scattered through "
        "the parsed document, the entries sorted and given slots through pointers to their "
        "own allocations), while the steps that walk in order stay flat.",
    "cp:vc_growth":
        "the work is linear: about 25k instructions per port at 1000 and at 100,000 ports "
        "(callgrind). What grows is the random access to model-sized tables. xovnd now reads "
        "the db into one typed model that validate and compile share, with port-name "
        "references resolved once, in batches whose keys and slots are asked for ahead "
        "(lib/model/resolve.c, lib/util/name_index.c), and placements kept in arrays by port "
        "number; what is left is the duplicate checks keyed by value (MAC and IP addresses, "
        "tunnel keys, interface names), the port strings scattered through the parsed "
        "document, and the entries' sort and slot assignment through pointers, each a cache "
        "miss once the model outgrows the caches. The floors beside it: one lookup per "
        "reference into an index of every port name grows several times faster than "
        "validate + compile as a whole, in batches too, while one in-order walk of the "
        "document stays linear (docs/bench/notes/cplin.md). Next: the strings compile reads "
        "copied in document order when the model is read, and the entries held as fixed-size "
        "records in one array.",
    "cp:show":
        "`xovnctl show` groups ports by chassis through one name index, so it is linear; a miss "
        "is the larger model's memory traffic on this shared machine.",
    "write":
        "a write on switch ports, switches, routers, router ports, routes, NAT, gateway chassis, "
        "HA groups and DHCP options (and the generic set/add/remove/clear/create on those "
        "tables) reads only the rows it touches through `DB.index` and appends one journal "
        "record; the db is compacted by a detached process after the write returns. What is "
        "left per write is the process start, parsing the journal, reading and validating its "
        "part, and one fdatasync. A write the part cannot settle (renames, a port that chassis "
        "or bindings name, the first write after a hand edit) takes the full path before "
        "writing anything, as the full-path rows show (docs/bench/notes/cpwrite.md).",
    "cp:once":
        "a start verifies the programs on a thread per CPU while it reads, validates and "
        "compiles the model, so it takes the longer of the two plus pins and attachments "
        "(section 4's phase table). The verifier's share fell to 0.4× when the underlay's "
        "router pipeline became one global function checked once (docs/bench/notes/once.md); "
        "what is left of the model's path is the growing random access of validate and "
        "compile (the validate + compile target). On a restart the old programs stay "
        "attached and keep forwarding while the new ones are verified (hitless restart), so "
        "traffic does not wait for it.",
    "cp:react":
        "xovnd applies xovnctl's journal record and compiles only the changed switch; what is "
        "left is the wake-up, reading the record and xovnctl and xovnd competing for two cores.",
    "converge":
        "every chassis builds its whole model anew when a binding or chassis changes, and the "
        "chassis share two cores with the databases and ovn-northd.",
    "ovn":
        "OVN is the comparison, not part of xovn; bench/ovn_throughput.sh names the step that "
        "failed (run it alone: `bench/ovn_throughput.sh 2`).",
}
REASONS["tp:same:tcp4"] = REASONS["tp:cross:tcp1"] = REASONS["tp:cross:tcp4"] = (
    REASONS["tp:same:tcp1"])
for _tid in ("tp:routed:tcp1", "tp:routed:tcp4", "tp:nat:tcp1", "tp:nat:tcp4"):
    REASONS[_tid] = REASONS["tp:same:tcp1"]
REASONS["cp:write"] = REASONS["write"]


def reason(tid, got):
    return REASONS.get(tid) or REASONS.get(got.get("reason", ""), "")


def targets_section(targets, out):
    """One table of every target, then why each missed one is missed."""
    listed = [(tid, label, goal) for tid, label, goal in TARGETS]
    known = {tid for tid, _, _ in listed}
    extra = [(tid, g["label"], g["goal"]) for tid, g in targets.got.items() if tid not in known]
    at = next(i for i, (tid, _, _) in enumerate(listed) if tid == "cp:write") + 1
    listed[at:at] = extra
    out.append("## Targets\n")
    out.append("Every target the benchmarks track, from this run's rows. For a missed one, its "
               "floor: the minimal program or process doing the same work, measured in the same "
               "run, and how close xovn is to it.\n")
    out.append("| target | goal | this run | status | floor (missed targets) |")
    out.append("|---|---|---|---|---|")
    missed = []
    for tid, label, goal in listed:
        got = targets.got.get(tid)
        if not got:
            out.append(f"| {label} | {goal} | — | not measured in this run | |")
            continue
        status = "met" if got["met"] else "**missed**"
        floor = "" if got["met"] else got["floor"]
        out.append(f"| {label} | {goal} | {got['figure']} | {status} | {floor} |")
        if not got["met"]:
            missed.append((label, goal, got, reason(tid, got)))
    out.append("")
    if missed:
        out.append("### Why the missed ones are missed\n")
        for label, goal, got, why in missed:
            out.append(f"- **{label}: {got['figure']} (goal {goal}).** {why}")
        out.append("")
