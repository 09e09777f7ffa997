"""report_pkt.py - sections 1 and 2 of docs/BENCHMARKS.md: per-packet cost
(bench_pktcost's `pkt` rows) and how it scales with the model.

    pkt PORTS SWITCHES SCENARIO MODE REP NS BASELINE_NS

SCENARIO is a path of bench/scenarios.c, a floor (floor_*: bench/floor.bpf.c,
encap_floor / decap_floor: bench/baseline.bpf.c), or a baseline (baseline_*).
"""
import collections
import statistics

from report_util import fmt, paired, plot, summary

# scenario, label, target (× minimal redirect in the path's mode)
PATHS = [
    ("unicast", "local unicast VIF->VIF", 1.5),
    ("encap", "VIF->tunnel (Geneve encap)", 2.5),
    ("decap", "tunnel->VIF (Geneve decap)", 2.5),
    ("flood", "flood to 4 local + 2 remote", None),
    ("localport_drop", "localport -> remote: dropped", None),
    ("port_security", "port-security check + unicast", None),
    ("arp_reply", "ARP responder reply", None),
    ("dhcp_offer", "DHCP DISCOVER -> OFFER built in BPF", None),
    ("unicast_dhcp_port", "local unicast from a DHCP port", None),
    ("routed_unicast", "routed VIF->router->VIF, same chassis", None),
    ("routed_encap", "routed VIF->router->tunnel", None),
    ("snat_conn", "SNAT, existing connection", None),
    ("snat_new", "SNAT, new connection", None),
    ("dnat_conn", "DNAT to a floating IP, existing connection", None),
    ("snat_reply", "SNAT reply, un-NATed", None),
]
LABEL = {scen: label for scen, label, _ in PATHS}
# Paths that rewrite their frame cannot use repeat mode (the kernel reruns the
# program on the rewritten buffer); they are compared in single mode.
REPEATABLE = {"unicast", "localport_drop", "port_security", "unicast_dhcp_port"}
MODES = ("repeat", "single", "wall")

# Floors: (floor row, the path it bounds, what the floor program does).
FLOORS = [("floor_unicast", "unicast", "local unicast's lookups: ingress port from an array "
                                       "indexed by ifindex, fdb hash, two per-CPU counters, "
                                       "redirect"),
          ("floor_unicast_hash", "unicast", "the same with the ingress port from the (interface, "
                                            "VID) hash"),
          ("floor_routed", "routed_unicast", "routed same chassis: local unicast's lookups + "
                                             "route LPM, neighbour hash (which carries the out "
                                             "switch's fdb value), one store"),
          ("encap_floor_full", "encap", "Geneve encap's lookups and bytes: ingress array, fdb "
                                        "hash, remote hop hash, two per-CPU counters, "
                                        "adjust_room, one 72-byte write, redirect"),
          ("encap_floor", "encap", "Geneve encap's bytes alone: adjust_room, one 72-byte "
                                   "write, redirect"),
          ("decap_floor", "decap", "Geneve decap's bytes: adjust_room, one 14-byte write, "
                                   "redirect")]

# Each path's own lookups, made alone on the very maps of each model size
# (bench/lookup.bpf.c): whether the lookup itself grows with the model.
LOOKUPS = [("lookup_ports", "decap", "decap's port lookup (xovn_ports)"),
           ("lookup_fdb", "unicast", "the L2 fdb lookup (xovn_fdb_v2)"),
           ("lookup_arp_resp", "arp_reply", "the ARP responder's lookup (xovn_arp_resp)"),
           ("lookup_path_nat", "snat_conn", "the NAT path's three hash lookups"),
           ("lookup_path_nat", "dnat_conn", "the NAT path's three hash lookups"),
           ("lookup_path_nat", "snat_reply", "the NAT path's three hash lookups"),
           ("grow_unicast", "unicast", "local unicast's lookups, counters and redirect"),
           ("grow_routed", "routed_unicast", "a whole router hop's lookups")]

# One router hop against the switched path it ends in (bench3 -> brt -> bench4).
ROUTED = [("routed_unicast", "unicast", "floor_routed", "floor_unicast",
           "routed ÷ switched, same chassis"),
          ("routed_encap", "encap", None, None, "routed ÷ switched, to another chassis")]
ROUTED_TARGET = 2.0
DRIFT_TARGET = 0.10
NAT_SCENARIOS = ("snat_conn", "snat_new", "dnat_conn", "snat_reply")


class Pkt:
    """The pkt rows by (ports, scenario, mode): ns and ratio to the minimal redirect."""

    def __init__(self, rows):
        self.ns = collections.defaultdict(list)
        self.ratio = collections.defaultdict(list)
        self.switches = {}
        for ports, sw, scen, mode, _rep, ns, base in rows:
            key = (int(ports), scen, mode)
            self.ns[key].append(float(ns))
            self.ratio[key].append(float(ns) / float(base))
            self.switches[int(ports)] = int(sw)
        self.sizes = sorted(self.switches)
        self.small = self.sizes[0] if self.sizes else None

    @staticmethod
    def mode(scen):
        return "repeat" if scen in REPEATABLE else "single"

    def has(self, scen, mode, size=None):
        return (size or self.small, scen, mode) in self.ns

    def per_rep(self, a, b, mode, size=None):
        """a ÷ b per repetition, same block."""
        size = size or self.small
        return paired(self.ns.get((size, a, mode)), self.ns.get((size, b, mode)))


def floor_text(p, scen, mode):
    """The floors of a path at the smallest size: × minimal redirect and xovn ÷ floor."""
    parts = []
    for floor, path, label in FLOORS:
        fmode = mode if p.has(floor, mode) else "single"
        if path != scen or not p.has(floor, fmode):
            continue
        above = p.per_rep(scen, floor, fmode)
        parts.append(f"{label} ({fmode}): {summary(p.ratio[(p.small, floor, fmode)])[0]:.2f}× "
                     f"the minimal redirect, xovn {above[0]:.2f}× it" if above else label)
    return "; ".join(parts)


def pkt_section(p, out, targets):
    out.append("## 1. Per-packet cost in the kernel\n")
    out.append(f"Model of {p.small} ports. The programs timed are the ones xovnd loads "
               "(build/xovn.bpf.o, its maps filled by the same compile and diff), on the same "
               "frames at every model size; each path's decision is checked through its trace "
               "twin before it is timed, and drop counters other than the path's own must not "
               "move while it runs. `repeat`: after an untimed warm-up call, five "
               "BPF_PROG_TEST_RUN calls with repeat=N/5 on one buffer, the median of their "
               "kernel means (only for paths that leave their frame unchanged). `single`: after "
               "N/10 untimed warm-up runs, N separate runs with repeat=1, each on a fresh frame; "
               "the median kernel time per run (this includes the kernel's own timer reads, "
               "~30–50 ns, so small programs look relatively cheaper). `wall`: the median time "
               "of the same calls taken with clock_gettime (syscall, skb set-up and copy-out "
               "included). Medians, because on a shared machine some calls are preempted. Each "
               "ratio divides by the minimal TC redirect measured the same way, right before "
               "and right after the paths of the same repetition and model size (their mean). "
               "÷ floor: the path divided, per repetition, by its floor (below), the minimal "
               "program making the same lookups or moving the same bytes.\n")
    out.append("| path | mode | ns/packet median (min–max) | × minimal redirect median (min–max) "
               "| ÷ floor median (min–max) | target |")
    out.append("|---|---|---|---|---|---|")
    for mode in MODES:
        if p.has("baseline_tc", mode):
            out.append(f"| minimal TC redirect (baseline) | {mode} | "
                       f"{fmt(summary(p.ns[(p.small, 'baseline_tc', mode)]))} | 1.00 | | |")
    if p.has("baseline_xdp_live", "repeat"):
        key = (p.small, "baseline_xdp_live", "repeat")
        out.append(f"| minimal XDP redirect, live frames (reference) | repeat | "
                   f"{fmt(summary(p.ns[key]))} | {fmt(summary(p.ratio[key]), digits=2)} | | |")
    for scen, label, target in PATHS:
        for mode in MODES:
            if p.has(scen, mode):
                out.append(path_row(p, scen, label, target, mode, targets))
    out.append("")
    floor_table(p, out)
    routed_table(p, out, targets)
    nat_table(p, out)
    out.append("xovn forwards in TC programs (its XDP program, loaded only with "
               "`--underlay-xdp`, only guards the underlay), so the XDP row is a reference for what the cheapest XDP redirect costs here; it ran in live-frames "
               "mode into a veth whose XDP sink counted the frames that arrived.\n")


def path_row(p, scen, label, target, mode, targets):
    key = (p.small, scen, mode)
    r = summary(p.ratio[key])
    floors = [f for f, path, _ in FLOORS if path == scen and p.has(f, mode)]
    above = p.per_rep(scen, floors[0], mode) if floors else None
    tgt = ""
    if target and mode == p.mode(scen):
        met = r[0] <= target
        tgt = f"≤ {target}× — {'met' if met else '**missed**'}"
        targets.record(f"pkt:{scen}", f"{fmt(r, digits=2)}× ({mode})", met,
                       floor_text(p, scen, mode))
    return (f"| {label} | {mode} | {fmt(summary(p.ns[key]))} | {fmt(r, digits=2)} | "
            f"{fmt(above, digits=2) if above else ''} | {tgt} |")


def floor_table(p, out):
    """What the same lookups (or bytes moved) cost alone, and how far xovn is above them."""
    lines = []
    for floor, path, label in FLOORS:
        for mode in ("repeat", "single"):
            if not p.has(floor, mode):
                continue
            above = p.per_rep(path, floor, mode)
            lines.append(f"| {label} | {mode} | {fmt(summary(p.ns[(p.small, floor, mode)]))} | "
                         f"{fmt(summary(p.ratio[(p.small, floor, mode)]), digits=2)} | "
                         f"{LABEL[path]} | {fmt(above, digits=2) if above else ''} |")
    if not lines:
        return
    out.append("Floors: minimal programs that make only a path's map lookups and helper calls "
               "(bench/floor.bpf.c, on maps of the same types, key and value layouts as xovn's; "
               "no parsing beyond the keys, no checks, no tracing) or move only a tunnel path's "
               "bytes (bench/baseline.bpf.c: one bpf_skb_adjust_room with xovn's flags, one "
               "write of the new front in place, the redirect), measured in the same blocks; "
               "xovn ÷ floor per repetition.\n")
    out += ["| floor | mode | ns/packet median (min–max) | × minimal redirect | of path | "
            "xovn ÷ floor |", "|---|---|---|---|---|---|"] + lines
    out.append("")


def routed_table(p, out, targets):
    """Each repetition's routed time divided by its switched one (single mode)."""
    lines = []
    for routed, switched, froute, fswitch, label in ROUTED:
        r = p.per_rep(routed, switched, "single")
        if not r:
            continue
        met = r[0] <= ROUTED_TARGET
        fr = p.per_rep(froute, fswitch, "single") if froute else None
        floor = (f"the same lookups alone (floor_routed ÷ floor_unicast, single): "
                 f"{fmt(fr, digits=2)}×" if fr else "")
        targets.record(f"pkt:{routed}", f"{fmt(r, digits=2)}×", met, floor)
        lines.append(f"| {label} | single | {fmt(r, digits=2)} | {fmt(fr, digits=2) if fr else ''} "
                     f"| ≤ {ROUTED_TARGET}× — {'met' if met else '**missed**'} |")
    if lines:
        out.append("One router hop (a distributed router between two switches, its maps "
                   "compiled from the model) against the switched path it ends in, per "
                   "repetition, and the same ratio of their floors:\n")
        out += ["| paths | mode | ratio median (min–max) | floors' ratio | target |",
                "|---|---|---|---|---|"] + lines
        out.append("")


def nat_table(p, out):
    """The NAT paths per repetition against the minimal redirect and the plain routed hop."""
    lines = []
    for scen in NAT_SCENARIOS:
        for mode in ("single", "wall"):
            routed = p.per_rep(scen, "routed_unicast", mode)
            if p.has(scen, mode) and routed:
                key = (p.small, scen, mode)
                lines.append(f"| {LABEL[scen]} | {mode} | {fmt(summary(p.ns[key]))} | "
                             f"{fmt(summary(p.ratio[key]), digits=2)} | {fmt(routed, digits=2)} |")
    if not lines:
        return
    out.append("NAT paths per packet (a gateway router pinned to this chassis: snat of the "
               "inside /24 and a floating IP), per repetition against the minimal redirect and "
               "against the routed path without NAT (routed VIF->router->VIF) of the same block. "
               "An existing connection was made by one untimed packet first, and the timed runs "
               "must add no entry; the new-connection path sends every call (warm-ups included) "
               "a source port of its own into an emptied connection table, and must leave two "
               "entries per call.\n")
    out += ["| path | mode | ns/packet median (min–max) | × minimal redirect | ÷ routed, no NAT |",
            "|---|---|---|---|---|"] + lines
    out.append("")


def drift(p, scen, mode):
    meds = [statistics.median(p.ratio[(n, scen, mode)]) for n in p.sizes]
    return max(abs(m / meds[0] - 1) for m in meds)


def drift_mode(p, scen):
    """Single mode's drift is judged on the interquartile mean of each repetition's runs
    when the run has it: the kernel's per-run time moves in steps of about 10 ns, so a
    median of single runs jumps by a whole step on a 100 ns baseline."""
    mode = p.mode(scen)
    if mode == "single" and all(p.has(scen, "single_iqm", n) for n in p.sizes):
        return "single_iqm"
    return mode


def floor_drift(p, scen, mode):
    """The drift of a path's floors, whose maps are the same at every size (the noise of
    the drift measure itself in this run), and of its own lookups made alone on each
    size's maps (whether the lookup grows with the model)."""
    parts = [f"{floor} (maps that do not grow) drifts {drift(p, floor, mode):.0%}"
             for floor, path, _ in FLOORS
             if path == scen and all(p.has(floor, mode, n) for n in p.sizes)]
    parts += [f"{label} alone on each size's maps ({row}) drifts {drift(p, row, mode):.0%}"
              for row, path, label in LOOKUPS
              if path == scen and all(p.has(row, mode, n) for n in p.sizes)]
    return "; ".join(parts)


def scale_section(p, out, targets, plot_dir):
    out.append("## 2. Scale invariance\n")
    out.append("The same paths with the same frames as the model grows (filler switches of 100 "
               "ports, half of them on this chassis, a quarter with port security). Every size "
               "has its own loaded copy of the datapath, and every repetition measures every "
               "size, one after the other, starting from a different size each time, so a slow "
               "phase of the shared machine spreads over all sizes instead of landing on one. "
               "Figure: ratio to the minimal redirect (median of the repetitions); drift: "
               "that ratio at each size divided by the ratio at the smallest size. Paths timed "
               "in single mode are judged on `single_iqm`, each repetition's mean of the middle "
               "half of its runs: the kernel's per-run time moves in steps of about 10 ns, so a "
               "median of single runs can jump a whole step (10%) on the 100 ns baseline. Target: "
               f"within {DRIFT_TARGET:.0%}.\n")
    out.append("| path (mode) | " + " | ".join(f"{n} ports / {p.switches[n]} switches"
                                              for n in p.sizes) + " | max drift |")
    out.append("|---" * (len(p.sizes) + 2) + "|")
    series = []
    for scen, label, _ in PATHS:
        mode = drift_mode(p, scen)
        if not all(p.has(scen, mode, n) for n in p.sizes):
            continue
        meds = [statistics.median(p.ratio[(n, scen, mode)]) for n in p.sizes]
        d = drift(p, scen, mode)
        cells = " | ".join(f"{m:.2f}× ({statistics.median(p.ns[(n, scen, mode)]):.0f} ns)"
                           for m, n in zip(meds, p.sizes))
        met = d <= DRIFT_TARGET
        out.append(f"| {label} ({mode}) | {cells} | {d:.0%} {'' if met else '**missed**'} |")
        targets.record(f"drift:{scen}", f"{d:.0%} ({mode}, {p.sizes[0]} to {p.sizes[-1]} "
                       "ports)", met, floor_drift(p, scen, mode),
                       label=f"{label}: cost flat as the model grows",
                       goal=f"≤ {DRIFT_TARGET:.0%} drift", reason="scale")
        series.append((label, meds))
    out.append("\n![per-packet cost vs model size](bench/pkt_scale.png)\n")
    plot(plot_dir, "pkt_scale", p.sizes, series,
         "set xlabel 'logical ports in the model'\n"
         "set ylabel 'ns/packet ÷ minimal redirect (median, log scale)'\n"
         "set key outside right\nset title 'Per-packet cost vs model size'")
