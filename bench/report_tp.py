"""report_tp.py - section 3 of docs/BENCHMARKS.md: throughput between
namespaces (bench/throughput.sh `tp` rows, OVN's from bench/ovn_throughput.sh),
XDP against TC (bench/xdp_vs_tc.sh `xt` rows) and NAT connections
(bench/nat_ct.c `natct` rows).

    tp TOPOLOGY IMPL TEST REP VALUE
        TOPOLOGY same | cross | routed | nat; IMPL the topology's kernel
        baseline (TP_BASELINES), xovn, ovn, or any other name: a reference
        row beside them (an IMPL named floor* is also shown as the floor
        beside the topology's targets)
    xt IMPL TEST REP VALUE
    natct CASE REP NS
"""
import collections
import statistics

from report_util import fmt, paired, summary

TP_TESTS = [("tcp1", "TCP, 1 stream", "Gbit/s", 1e9, 1.0),
            ("tcp4", "TCP, 4 streams", "Gbit/s", 1e9, 1.0),
            ("udp64", "UDP, 64-byte frames", "kpps", 1e3, None),
            ("udp64cpu", "UDP, 64-byte frames per CPU-second", "k/CPU-s", 1e3, None),
            ("conn", "new TCP connections", "k/s", 1e3, None),
            ("udp64sink", "UDP, 64-byte frames, forwarding only (dropped at the receiving VM's eth0)",
             "kpps", 1e3, None),
            ("udp64sinkcpu", "UDP, 64-byte frames per CPU-second, forwarding only", "k/CPU-s", 1e3, None)]


def ratio_cell(x, b):
    """median(x) ÷ median(b), and min–max of the per-interval ratios."""
    if not x or not b:
        return "—"
    # An interval in which the divisor carried nothing has no ratio.
    ratios = [xi / bi for xi, bi in zip(x, b) if bi > 0] or [0.0]
    r = statistics.median(x) / statistics.median(b) if statistics.median(b) else 0.0
    return f"{r:.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


TP_TOPOLOGIES = [("same", "bridge", "same chassis"), ("cross", "vxlan", "two chassis"),
                 ("routed", "linuxrouter", "routed, same chassis"),
                 ("nat", "masquerade", "SNAT, same chassis")]
# Targets other than TP_TESTS' own, by (topology, test).
TP_TARGETS = {("same", "udp64"): 2.0}
TP_BASELINES = {"bridge": "Linux bridge", "vxlan": "VXLAN + Linux bridge",
                "linuxrouter": "Linux routing (ip_forward) between two bridges",
                "masquerade": "Linux routing with nftables masquerade"}


def tp_section(rows, out, targets, notes=(), xt=None):
    out.append("## 3. Throughput between namespaces\n")
    out.append("Two VM namespaces (bench/throughput.sh). The kernel baseline and xovn are built "
               "side by side, each with its own VM namespaces, and every test alternates between "
               "them: five pairs of short runs (a fifth of the test time each, at least 1 s for "
               "TCP), baseline then xovn; the pairs are the repetitions, so each ratio compares "
               "two runs seconds apart and the load of the shared machine weighs on both alike. "
               "TCP: iperf3, bits/s received. UDP: 64-byte frames (18 bytes "
               "of payload, 64 on the wire with FCS), one flow, from `bench/udpflood.c` in the "
               "sending VM: an AF_PACKET socket on its eth0 with `PACKET_QDISC_BYPASS`, one "
               "prebuilt frame sent in `sendmmsg` batches of 64, so the sender skips the VM's "
               "UDP/IP send path and costs little per frame; the figure is frames arriving on "
               "the receiving VM's eth0 (its rx counter), which then go up its stack to a port "
               "nobody listens on. Every step from the sender's transmit to that stack runs on "
               "the sender's core in its softirq context (veths forward synchronously), so "
               "frames/s is the inverse of the whole per-frame cost: generator, forwarding "
               "and the receiving VM's stack, the same generator and receiver for every "
               "implementation. A UDP socket sender (`udpflood -u`) costs more per frame and "
               "iperf3 (`-l 18`) more still (one write and one wake-up per datagram): with it the "
               "sender, not the forwarding, set the rate. Per CPU-second: the frames sent divided by "
               "the generator's own CPU time (user + system, getrusage): since every stage runs "
               "in its context, this is the per-frame cost of the whole path and does not depend "
               "on the share of the core the generator got, which on a shared machine moves the "
               "raw rate a lot (work deferred to ksoftirqd is not in it; it added about 1% in "
               "A/B runs). Ratio: xovn ÷ baseline in each pair; "
               "median (min–max) of the five. OVN (bench/ovn_throughput.sh) runs after, "
               "as one run sampled in five intervals; xovn ÷ OVN compares medians.\n")
    vals = collections.defaultdict(list)
    for topo, impl, test, _rep, v in rows:
        vals[(topo, impl, test)].append(float(v))
    out.append("| topology | test | baseline | baseline median (min–max) | xovn median (min–max) | xovn ÷ baseline median (min–max) | target | OVN median (min–max) | xovn ÷ OVN median (min–max) |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for topo, base, tlabel in TP_TOPOLOGIES:
        for test, label, unit, scale, target in TP_TESTS:
            b, x = vals.get((topo, base, test)), vals.get((topo, "xovn", test))
            if not b or not x:
                continue
            # Rows come in pairs run seconds apart: the ratio is the median of
            # the paired ratios.  A run in which the baseline carried nothing has none.
            r = paired(x, b) or (0.0, 0.0, 0.0)
            target = TP_TARGETS.get((topo, test), target)
            tgt = ""
            if target:
                met = r[0] >= target
                tgt = f"≥ {target}× — {'met' if met else '**missed**'}"
                targets.record(f"tp:{topo}:{test}", f"{fmt(r, digits=2)}× {TP_BASELINES[base]}",
                               met, tp_floor(vals, topo, base, test, xt))
            o = vals.get((topo, "ovn", test))
            ocell = f"{fmt(summary(o), scale, 2)} {unit}" if o else "—"
            out.append(f"| {tlabel} | {label} | {TP_BASELINES[base]} | {fmt(summary(b), scale, 2)} {unit} | "
                       f"{fmt(summary(x), scale, 2)} {unit} | {fmt(r, digits=2)} | {tgt} | "
                       f"{ocell} | {ratio_cell(x, o)} |")
            for impl in references(vals, topo, test, base):
                y = vals[(topo, impl, test)]
                out.append(f"| {tlabel} | {label} | {impl} (reference) | | {fmt(summary(y), scale, 2)} "
                           f"{unit} | {fmt(paired(y, b) or (0, 0, 0), digits=2)} | | | |")
    out.append("")
    out.append(TOPOLOGY_TEXT)
    ovn_paragraph(out, targets, any(impl == "ovn" for _topo, impl, _test in vals), notes)


TOPOLOGY_TEXT = (
    "Routed: VM A on 10.9.0.0/24, VM B on 10.9.1.0/24, each with its default route via the "
    "gateway; baseline: two Linux bridges in one namespace holding the gateway addresses, "
    "`ip_forward=1`; xovn: a distributed router between two logical switches. SNAT "
    "(`TP_TOPOS=nat`, bench/nat_topo.sh): VM A (10.9.0.1) behind a router to VM B (10.9.1.2), "
    "which has no route back, so every connection is source-NATed to 10.9.1.254; baseline: "
    "Linux routing between the two VM veths with an nftables `masquerade` rule in postrouting "
    "(conntrack + NAT); xovn: a gateway router pinned to the chassis with `lr-nat-add gw snat "
    "10.9.1.254 10.9.0.0/24`. New TCP connections: bench/conn_rate.c, one client connecting and "
    "closing (with a reset) one after the other against a listener that accepts and closes; "
    "every connection is a new NAT connection on both sides. Routed and SNAT run TCP only "
    "(udpflood addresses the receiver's MAC, which a router rewrites).\n")


def references(vals, topo, test, base):
    """Implementations measured beside the baseline and xovn in a topology, by name."""
    return sorted({impl for t, impl, te in vals if t == topo and te == test} -
                  {base, "xovn", "ovn"})


def tp_floor(vals, topo, base, test, xt):
    """The floor beside a throughput target: a floor* implementation of the same pairs,
    else for 64-byte UDP the minimal TC redirect_peer of bench/xdp_vs_tc.sh (same run)."""
    b = vals.get((topo, base, test))
    for impl in references(vals, topo, test, base):
        if impl.startswith("floor"):
            r = paired(vals[(topo, impl, test)], b)
            x = paired(vals[(topo, "xovn", test)], vals[(topo, impl, test)])
            if r and x:
                return (f"{impl}: {r[0]:.2f}× {TP_BASELINES[base]}; xovn {x[0]:.2f}× it")
    if test == "udp64" and topo == "same" and xt:
        tc, xo = xt.get("tc", {}).get("udp64"), xt.get("xovn", {}).get("udp64")
        if tc and xo:
            return (f"the minimal TC redirect_peer (bench/xdp_vs_tc.sh, same run): "
                    f"{statistics.median(tc) / 1e3:.0f} kpps, xovn "
                    f"{statistics.median(xo) / statistics.median(tc):.2f}× it")
    return ""


def ovn_paragraph(out, targets, measured, notes):
    """How the OVN column was measured (bench/ovn_throughput.sh), or why it is missing."""
    if measured:
        ovn_method(out)
    reasons = [reason for impl, reason in notes if impl == "ovn"]
    for reason in reasons:
        out.append(f"- OVN: {reason}")
    if reasons:
        out.append("")
    targets.record("ovn", "measured" + (" in part: " + "; ".join(reasons) if reasons else "")
                   if measured else "not measured" + (": " + "; ".join(reasons) if reasons else ""),
                   measured and not reasons)


def ovn_method(out):
    out.append("OVN column: OVN 23.03 with Open vSwitch 3.1's userspace datapath "
               "(`datapath_type=netdev`; the kernel here has no openvswitch module), both from "
               "Debian 12, measured by bench/ovn_throughput.sh right after the runs above with the "
               "same tests, VM namespaces and addresses. Private daemons: one OVN central "
               "(ovn-northd, NB and SB ovsdb-servers) and, in each chassis namespace, ovsdb-server, "
               "ovs-vswitchd and ovn-controller; one logical switch with the two VM ports, bound "
               "through `external_ids:iface-id`. The VMs' host-side veths are ordinary OVS ports "
               "that the userspace datapath reads and writes with AF_PACKET sockets in "
               "ovs-vswitchd's main thread (PMD threads only serve DPDK and AF_XDP ports): that "
               "thread needs scheduler time of its own beside the VMs' iperf3 processes on the "
               "same two cores, where the bridge, VXLAN and xovn forward in the kernel on the "
               "sender's own time. Across "
               "chassis, OVN's Geneve tunnel is OVS userspace tunnelling: the underlay veth is a "
               "port of a netdev bridge `br-phy` that holds the tunnel endpoint address, and "
               "ovs-vswitchd routes and resolves neighbours itself. The VMs' transmit checksum "
               "offload (and with it TSO) is off for OVN, because this datapath cannot complete a "
               "partial checksum or segment a TSO frame it reads from a veth (OVS 3.1's "
               "experimental userspace TSO does not cover tunnels); xovn and the kernel baselines "
               "keep the defaults (section \"XDP or TC\" below shows what that costs TC alone).\n")


XT_IMPLS = [("tc", "minimal TC ingress, bpf_redirect_peer (baseline)", "on"),
            ("xdp-offload", "minimal XDP_REDIRECT", "on"),
            ("xdp-swcsum", "minimal XDP_REDIRECT", "off"),
            ("tc-swcsum", "minimal TC ingress, bpf_redirect_peer", "off"),
            ("xovn", "xovn (full TC pipeline)", "on")]


def xt_cell(vals, base, test, scale):
    """median (min–max) of one implementation, and its ratio to the baseline."""
    x, b = vals.get(test), base.get(test)
    if not x or not b:
        return "—", "—"
    ratios = [xi / bi for xi, bi in zip(x, b) if bi > 0] or [0.0]
    r = statistics.median(x) / statistics.median(b) if statistics.median(b) else 0.0
    return fmt(summary(x), scale, 2), f"{r:.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def xt_values(rows):
    """xt rows by implementation and test."""
    vals = collections.defaultdict(lambda: collections.defaultdict(list))
    for impl, test, _rep, v in rows:
        vals[impl][test].append(float(v))
    return vals


def xt_section(rows, out):
    """bench/xdp_vs_tc.sh: which hook forwards VIF to VIF on one chassis."""
    if not rows:
        return
    vals = xt_values(rows)
    base = vals["tc"]
    out.append("### XDP or TC for VIF-to-VIF forwarding (bench/xdp_vs_tc.sh)\n")
    out.append("Same chassis, same run: two VM namespaces whose host-side veths sit in one chassis "
               "namespace, forwarded by a minimal program with no lookup (bench/xdp_tc.bpf.c) or "
               "by xovn. TC: ingress of the host-side veth, `bpf_redirect_peer` into the other "
               "VM's namespace. XDP: native XDP on the host-side veth, `XDP_REDIRECT` to the "
               "other host-side veth, `XDP_PASS` on the VMs' eth0 (a veth only takes redirected "
               "frames when its peer runs XDP). \"VM offloads\" is transmit checksum offload "
               "(and with it TSO) on the VMs' eth0: on is the default. Ratio: ÷ the TC baseline, "
               "median of the medians (min–max over the five intervals).\n")
    out.append("| forwarding | VM offloads | TCP 1 stream, Gbit/s | ÷ TC | UDP 64-byte, kpps | ÷ TC |")
    out.append("|---|---|---|---|---|---|")
    for impl, label, offl in XT_IMPLS:
        v = vals.get(impl)
        if not v:
            continue
        if impl == "xdp-offload":
            probe = v["tcp1_probe"][0] if v.get("tcp1_probe") else 0.0
            errs = int(v["csum_errors"][0]) if v.get("csum_errors") else 0
            tcp = (f"{probe / 1e9:.2f} in a 2 s attempt; the receiver dropped {errs} TCP "
                   "segments for bad checksums")
            out.append(f"| {label} | {offl} | {tcp} | {probe / statistics.median(base['tcp1']):.2f} "
                       "| not measured | |")
            continue
        tcp, tcp_r = xt_cell(v, base, "tcp1", 1e9)
        udp, udp_r = xt_cell(v, base, "udp64", 1e3)
        out.append(f"| {label} | {offl} | {tcp} | {tcp_r} | {udp} | {udp_r} |")
    out.append("")
    med = {i: statistics.median(vals[i]["tcp1"]) for i in ("tc", "xdp-swcsum", "tc-swcsum")
           if vals.get(i, {}).get("tcp1")}
    probe = vals.get("xdp-offload", {}).get("tcp1_probe", [None])[0]
    if probe is not None:
        out.append("With the VMs' default offloads, XDP " +
                   ("carried no TCP at all." if probe == 0 else
                    f"carried {probe / 1e9:.2f} Gbit/s of TCP in its attempt."))
    if len(med) == 3:
        offload_loss = med["tc-swcsum"] / med["tc"]
        hook_loss = med["xdp-swcsum"] / med["tc-swcsum"]
        bigger = "the lost offloads" if offload_loss < hook_loss else "the XDP hook itself"
        out.append(f"With the offloads off so that it works, XDP reaches {med['xdp-swcsum'] / med['tc']:.2f}× "
                   f"the TCP of TC with offloads. Turning the offloads off leaves TC alone at "
                   f"{offload_loss:.2f}×; with them off, XDP against TC is {hook_loss:.2f}×: the "
                   f"larger part of the gap is {bigger}.")
    out.append("64-byte UDP comes from `bench/udpflood.c` (AF_PACKET, qdisc bypass, `sendmmsg` "
               "batches; see section 3), so the rate is set by the per-frame cost of forwarding "
               "and delivering, not by the sending application; section 1 has the in-kernel cost "
               "of each minimal redirect.\n")

def natct_section(rows, out):
    """bench/nat_ct: where NAT keeps its connections."""
    ns = collections.defaultdict(list)
    for case, _rep, v in rows:
        ns[case].append(float(v))
    if not all(ns.get(c) for c in ("new_kfunc", "new_map", "lookup_kfunc", "lookup_map")):
        return False
    out.append("### NAT connections: conntrack kfuncs or an own hash (bench/nat_ct.c)\n")
    out.append("One BPF_PROG_TEST_RUN per case in a fresh network namespace, ns per packet: "
               "a packet of a known connection (conntrack: `bpf_skb_ct_lookup` + release; own "
               "hash: lookup + time stamp) and a new connection (conntrack: alloc, "
               "`bpf_ct_set_nat_info`, timeout, insert; own hash: both directions inserted "
               "with BPF_NOEXIST). Neither includes the rewrite, which is ours either way.\n")
    out.append("| per packet | conntrack kfuncs | own hash (xovn) | kfuncs ÷ own |")
    out.append("|---|---|---|---|")
    for what, k, m in (("known connection", "lookup_kfunc", "lookup_map"),
                       ("new connection", "new_kfunc", "new_map")):
        ratio = statistics.median(ns[k]) / statistics.median(ns[m])
        out.append(f"| {what} | {fmt(summary(ns[k]))} | {fmt(summary(ns[m]))} | {ratio:.2f} |")
    out.append("")
    return True
