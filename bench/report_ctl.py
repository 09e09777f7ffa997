"""report_ctl.py - sections 4 and 5 of docs/BENCHMARKS.md: the control
plane (bench_ctlplane `cp` and `mem` rows, bench/control.sh `once`,
`oncephase`, `show` and `react` rows, bench/cp_write.sh `cpwrite` rows) and
convergence with OVN's databases (bench/ovn_convergence.sh `converge` rows).

    cpwrite PORTS REP KIND NS
        KIND start (`xovnctl --help`: the process alone), read, write
        (lsp-set-addresses), full_write (the same through the full path),
        compacting (a write that rewrote the db); any other KIND is a write
        verb of its own (lsp_add -> `xovnctl lsp-add`), held to the same
        < 100 ms target as `write`.
"""
import collections
import statistics

from report_util import fmt, paired, plot, summary

PHASES = ["load", "validate", "compile", "apply", "change"]

LINEAR = 1.25     # per-port growth of a phase still counted as linear (noise)


def phases_section(rows, out, targets, plot_dir):
    """bench_ctlplane: each phase at every model size, and its growth per port."""
    cp = collections.defaultdict(list)
    switches = {}
    for ports, sw, phase, _rep, ns in rows.get("cp", []):
        cp[(int(ports), phase)].append(float(ns))
        switches[int(ports)] = sw
    sizes = sorted(switches)
    if not sizes:
        return False
    out.append("### Phases of one model change, in process, against the real maps\n")
    out.append("`load` read + parse the db file, `validate` every schema and semantic rule, "
               "`compile` the typed model read from the document → map entries of one chassis, `apply` write every entry into "
               "empty maps, `change` one port's MAC changed: recompile, diff, write the "
               "difference. Milliseconds, median (min–max).\n")
    out.append("| ports (switches) | " + " | ".join(PHASES) + " |")
    out.append("|---" * (len(PHASES) + 1) + "|")
    for n in sizes:
        out.append(f"| {n} ({switches[n]}) | " +
                   " | ".join(fmt(summary(cp[(n, ph)]), 1e6, 1) for ph in PHASES) + " |")
    out.append("")
    ref = next((n for n in sizes if n >= 1000), sizes[0])
    out.append(f"Growth: cost per port at each size ÷ cost per port at {ref} ports "
               "(≤ 1 means linear or better).\n")
    out.append("| phase | " + " | ".join(f"{n}" for n in sizes if n >= ref) + " |")
    out.append("|---" * (1 + len([n for n in sizes if n >= ref])) + "|")
    worst = (0.0, "")
    for ph in PHASES:
        base = statistics.median(cp[(ref, ph)]) / ref
        cells = []
        for n in sizes:
            if n < ref:
                continue
            g = statistics.median(cp[(n, ph)]) / n / base
            superlinear = g > LINEAR and ph != "change"
            cells.append(f"{g:.2f}" + (" **superlinear**" if superlinear else ""))
            if ph != "change" and n == sizes[-1] and g > worst[0]:
                worst = (g, ph)
        out.append(f"| {ph} | " + " | ".join(cells) + " |")
    if sizes[-1] > ref:
        targets.record("cp:linear", f"{worst[1]} {worst[0]:.2f}× per port at {sizes[-1]} ports "
                       f"(the steepest phase)", worst[0] <= LINEAR,
                       floor_growth(cp, sizes, ref))
    vc_growth_row(cp, sizes, ref, out, targets)
    out.append("\nEvery repetition runs every size, in a rotating order, so a slow phase of the "
               "shared machine weighs on all sizes alike. `change` is a whole-model recompile and "
               "diff, so it grows with the model even though only a handful of entries are "
               "written.\n")
    out.append("![control-plane cost vs model size](bench/control_plane.png)\n")
    plot(plot_dir, "control_plane", sizes,
         [(ph, [statistics.median(cp[(n, ph)]) / 1e6 for n in sizes]) for ph in PHASES],
         "set xlabel 'logical ports in the model'\nset ylabel 'ms (median)'\nset key left top\n"
         "set title 'Control-plane cost vs model size (log-log; slope 1 = linear)'")
    mem_section(rows, out, sizes)
    return True


# validate + compile per port at the largest size ÷ at the reference size (issue target).
VC_TARGET = 1.1


def vc_growth_row(cp, sizes, ref, out, targets):
    def per_port(n):
        sums = [v + c for v, c in zip(cp[(n, "validate")], cp[(n, "compile")])]
        return statistics.median(sums) / n
    base = per_port(ref)
    cells = []
    for n in sizes:
        if n < ref:
            continue
        g = per_port(n) / base
        if n == sizes[-1] and n > ref:
            met = g <= VC_TARGET
            cells.append(f"{g:.2f} (target ≤ {VC_TARGET}× — {'met' if met else '**missed**'})")
            targets.record("cp:vc_growth", f"{g:.2f}× per port at {n} ports ÷ at {ref}", met,
                           floor_growth(cp, sizes, ref))
        else:
            cells.append(f"{g:.2f}")
    out.append("| validate + compile | " + " | ".join(cells) + " |")
    if cp.get((ref, "floor")):
        cells = [f"{growth(cp, 'floor', n, ref):.2f}" for n in sizes if n >= ref]
        out.append("| floor: one walk of the parsed document | " + " | ".join(cells) + " |")
    if all(cp.get((n, "floor_refs")) for n in sizes if n >= ref):
        cells = [f"{growth(cp, 'floor_refs', n, ref):.2f}" for n in sizes if n >= ref]
        out.append("| floor: one lookup per reference by name (floor_refs) | " + " | ".join(cells) + " |")
    if all(cp.get((n, "floor_refs_batch")) for n in sizes if n >= ref):
        cells = [f"{growth(cp, 'floor_refs_batch', n, ref):.2f}" for n in sizes if n >= ref]
        out.append("| floor: the same lookups in batches, keys and slots asked for ahead "
                   "(floor_refs_batch) | " + " | ".join(cells) + " |")


def growth(cp, phase, n, ref):
    return statistics.median(cp[(n, phase)]) / n / (statistics.median(cp[(ref, phase)]) / ref)


# bench_ctlplane's `floor` phase reads every member name and string of the parsed
# document once: the least work that touches the bytes validate and compile read.
def floor_growth(cp, sizes, ref):
    n = sizes[-1]
    if not cp.get((ref, "floor")) or not cp.get((n, "floor")):
        return ""
    text = f"one walk of the parsed document grows {growth(cp, 'floor', n, ref):.2f}× per port"
    if cp.get((ref, "floor_refs")) and cp.get((n, "floor_refs")):
        text += (f"; one lookup per VIF attachment in an index of every port name (floor_refs), "
                 f"the least a reference by name costs, grows {growth(cp, 'floor_refs', n, ref):.2f}×")
    if cp.get((ref, "floor_refs_batch")) and cp.get((n, "floor_refs_batch")):
        text += (f"; the same lookups in batches, each key and slot asked for ahead "
                 f"(floor_refs_batch, as the model's read resolves them), grow "
                 f"{growth(cp, 'floor_refs_batch', n, ref):.2f}×")
    return text


def mem_section(rows, out, sizes):
    mem = [r for r in rows.get("mem", []) if int(r[0]) == sizes[-1]]
    if not mem:
        return
    n = sizes[-1]
    out.append(f"### Map memory with {n} ports\n")
    out.append("`memlock` is what the kernel charges for the map (fdinfo); `payload` is "
               "entries × (key + value).\n")
    out.append("| map | entries | key+value bytes | payload bytes | memlock bytes |")
    out.append("|---|---|---|---|---|")
    tot_pay = tot_lock = 0
    for _ports, name, entries, eb, lock in mem:
        pay = int(entries) * int(eb)
        tot_pay += pay
        tot_lock += max(int(lock), 0)
        out.append(f"| {name} | {entries} | {eb} | {pay} | {lock} |")
    out.append(f"| **total** | | | {tot_pay} | {tot_lock} |")
    out.append(f"\nPer logical port: **{tot_pay / n:.0f} bytes** of entries, "
               f"**{tot_lock / n:.0f} bytes** charged by the kernel.\n")


def daemon_section(rows, out, targets):
    once = [float(r[2]) for r in rows.get("once", [])]
    react = collections.defaultdict(list)
    ports = None
    for p, what, _rep, ns in rows.get("react", []):
        react[what].append(float(ns))
        ports = p
    if not once or not react:
        return False
    ports = ports or rows["once"][0][0]
    out.append(f"### xovnd and xovnctl on a {ports}-port model\n")
    out.append("xovnd runs in a chassis namespace of its own with its maps pinned. "
               "`xovnd --once` from empty: BPF load and verification, model load, validation, "
               "compile and map writes, fresh pins each time. Reaction: `xovnctl "
               "lsp-set-addresses` gives a remote port a new MAC; the reaction runs from the "
               "commit (on a db of 1 MiB or more the record appended to `DB.journal` and "
               "fsync'ed, else the new db renamed into place; seen through inotify) until the new "
               "entry is in the pinned `xovn_fdb_v2`, polled every 50 µs while xovnctl is still "
               "running, by a process at real-time priority (on two shared cores it would "
               "otherwise often run only after xovnd had finished); \"from the db write\" starts "
               "earlier, at the modification time of the file written last, and so also counts "
               "xovnctl's fsync. xovnd applies such a write from its journal record: only the "
               "changed switch is compiled, diffed and written (docs/ARCHITECTURE.md, \"Model "
               "changes\"). The read is the floor of any command that loads the whole db.\n")
    out.append("| measurement | median (min–max) | target |")
    out.append("|---|---|---|")
    o = summary(once)
    a = summary(react["applied"])
    ok_once, ok_react = o[0] <= 2e9, a[0] <= 10e6
    out.append(f"| apply the model from empty (`xovnd --once`) | {fmt(o, 1e6, 0)} ms | < 2000 ms — {'met' if ok_once else '**missed**'} |")
    out.append(f"| xovnd reaction to one xovnctl write | {fmt(a, 1e6, 1)} ms | < 10 ms — {'met' if ok_react else '**missed**'} |")
    if react.get("written"):
        out.append(f"| from the db write to the map entry | {fmt(summary(react['written']), 1e6, 1)} ms | |")
    out.append(f"| `xovnctl lsp-get-addresses` (read) | {fmt(summary(react['ctl_read']), 1e6, 1)} ms | |")
    w = summary(react["ctl_write"])
    ok_write = w[0] <= WRITE_TARGET_NS
    out.append(f"| `xovnctl lsp-set-addresses` (write) | {fmt(w, 1e6, 1)} ms | "
               f"< {WRITE_TARGET_NS / 1e6:.0f} ms — {'met' if ok_write else '**missed**'} |")
    wr = [a / b for a, b in zip(react["ctl_write"], react["ctl_read"])]
    out.append(f"| write ÷ read of the same repetition | {fmt(summary(wr), 1, 2)} | |")
    if react.get("ctl_write_cpu") and react.get("ctl_read_cpu"):
        out.append(f"| CPU time (user + system) of the read | {fmt(summary(react['ctl_read_cpu']), 1e6, 1)} ms | |")
        out.append(f"| CPU time of the write | {fmt(summary(react['ctl_write_cpu']), 1e6, 1)} ms | |")
        wrc = [a / b for a, b in zip(react["ctl_write_cpu"], react["ctl_read_cpu"])]
        out.append(f"| write ÷ read, CPU time | {fmt(summary(wrc), 1, 2)} | |")
    out.append("")
    show_rows(rows, out, targets)
    once_phases(rows, out)
    targets.record("cp:once", f"{o[0] / 1e6:.0f} ms ({ports} ports)", ok_once, once_floor(rows))
    targets.record("cp:react", f"{a[0] / 1e6:.1f} ms ({ports} ports)", ok_react)
    # bench/cp_write.sh's rows, when there are some, replace this figure.
    targets.record("cp:write", f"{w[0] / 1e6:.0f} ms ({ports} ports, bench/control.sh)", ok_write,
                   f"the read: {statistics.median(react['ctl_read']) / 1e6:.0f} ms")
    return True


WRITE_TARGET_NS = 100e6
# `xovnctl show` per port at the big size ÷ at a tenth of it: linear is 1.
SHOW_TARGET = 1.25


def show_rows(rows, out, targets):
    show = collections.defaultdict(list)
    for p, _rep, ns in rows.get("show", []):
        show[int(p)].append(float(ns))
    if len(show) < 2:
        return
    small, big = sorted(show)[:2]
    per_port = [(b / big) / (s / small) for s, b in zip(show[small], show[big])]
    g = summary(per_port)
    met = g[0] <= SHOW_TARGET
    out.append(f"`xovnctl show` (the whole model printed), {small} and {big} ports alternating, "
               "ms, median (min–max), and the cost per port at the big size ÷ at the small one "
               "in the same repetition:\n")
    out.append(f"| {small} ports | {big} ports | per-port growth | target |")
    out.append("|---|---|---|---|")
    out.append(f"| {fmt(summary(show[small]), 1e6, 1)} | {fmt(summary(show[big]), 1e6, 1)} | "
               f"{fmt(g, 1, 2)} | ≤ {SHOW_TARGET}× (linear) — {'met' if met else '**missed**'} |\n")
    targets.record("cp:show", f"{g[0]:.2f}× per port at {big} ports ÷ at {small}", met)


# xovnd -v's phases of a start, in the order they end (bench/control.sh rows).
# The programs are verified on threads while the model is read and compiled,
# so bpf-load overlaps reload and compile; bpf-wait is what the start still
# waited for the verifier after the compile.
ONCE_PHASES = [
    ("reload", "read, parse and validate the model (while the programs are verified)"),
    ("compile", "compile for this chassis and, into the new maps, the batched writes"),
    ("bpf-load", "from the start until the last program was verified (overlapped)"),
    ("bpf-wait", "how long the start still waited for the verifier after the compile"),
    ("start", "all of the above plus pins, trace program pins and attachment state"),
    ("apply", "diff and attachments (the compile was made during the start)"),
    ("total", "from before the start to the end of the apply"),
    ("stop", "the model and the objects freed before the process exits"),
]


def once_floor(rows):
    """The start's floor: the longer of its two overlapped paths, the verifier's and
    the model's (read, validate, compile)."""
    ph = collections.defaultdict(list)
    for _ports, _rep, name, ns in rows.get("oncephase", []):
        ph[name].append(float(ns))
    if not ph.get("bpf-load"):
        return ""
    bpf = statistics.median(ph["bpf-load"]) / 1e6
    if not ph.get("compile"):
        return f"the BPF load and verification alone (bpf-load phase): {bpf:.0f} ms"
    model = (statistics.median(ph["reload"]) + statistics.median(ph["compile"])) / 1e6
    return (f"the longer of the two overlapped paths: the programs' verification (bpf-load) "
            f"{bpf:.0f} ms, the model's read, validation and compile {model:.0f} ms")


def once_phases(rows, out):
    """Where the time of `xovnd --once` goes, from xovnd's own -v timings."""
    ph = collections.defaultdict(list)
    for _ports, _rep, name, ns in rows.get("oncephase", []):
        ph[name].append(float(ns))
    if not ph:
        return
    out.append("Where `xovnd --once` spends its time (xovnd -v's own phase timings of the "
               "same runs; process start and exit are the rest of the wall time):\n")
    out.append("| phase | ms, median (min–max) | what it covers |")
    out.append("|---|---|---|")
    for name, what in ONCE_PHASES:
        if ph.get(name):
            out.append(f"| {name} | {fmt(summary(ph[name]), 1e6, 0)} | {what} |")
    out.append("")


def converge_section(rows, out, targets):
    cv = collections.defaultdict(list)
    ports = chassis = None
    for p, what, _rep, v in rows.get("converge", []):
        if what == "chassis":
            ports, chassis = p, v
        else:
            cv[what].append(float(v))
    rss = cv.pop("rss_kib", [])
    if not cv.get("chassis_max"):
        return False
    out.append(f"One `ovn-nbctl lsp-set-addresses` on a {ports}-port OVN (100 switches of 100 "
               f"ports) with {chassis} xovnd chassis (namespaces of the run; Debian's ovsdb-servers "
               "and ovn-northd on the same 2 cores): time from ovn-nbctl's exit to the new MAC "
               "in the fdb map of the last and the median chassis (bench/ovn_convergence.sh, "
               "build/bench/bench_converge), and `ovn-nbctl --wait=hv` end to end (ovn-northd's "
               "own recompute and its hv_cfg round included).\n")
    out.append("| measure | median (min-max) | target |")
    out.append("|---|---|---|")
    mx = summary(cv["chassis_max"])
    ok = mx[2] < 1e9
    out.append(f"| last chassis holds the change | {fmt(mx, 1e6, 0)} ms | < 1 s at the max — {'met' if ok else '**missed**'} |")
    out.append(f"| median chassis | {fmt(summary(cv['chassis_median']), 1e6, 0)} ms | |")
    if cv.get("wait_hv"):
        out.append(f"| `ovn-nbctl --wait=hv lsp-set-addresses` | {fmt(summary(cv['wait_hv']), 1e6, 0)} ms | |")
    if rss:
        out.append(f"| xovnd memory (RSS) per chassis | {fmt(summary(rss), 1024, 1)} MiB | |")
    out.append("\nThe same figure for ovn-controller is not measured: an Open vSwitch with its "
               "userspace datapath per chassis does not fit this machine beside the rest.\n")
    targets.record("converge", f"{mx[2] / 1e6:.0f} ms at the max ({chassis} chassis, {ports} "
                   "ports)", ok)
    return True


# cpwrite kinds that are not writes of their own, with their labels.
CPW_KNOWN = {"start": "`xovnctl --help` (process start and exit, nothing read)",
             "read": "`xovnctl lsp-get-addresses` (read: the whole db parsed)",
             "write": "`xovnctl lsp-set-addresses`",
             "full_write": "`xovnctl lsp-set-addresses`, full path (`XOVN_CTL_FULL_WRITES=1`)",
             "compacting": "a write that compacted the db (rewrote the file)"}


# Verbs bench/cp_write.sh times beside lsp-set-addresses, by their row kind.
CPW_VERBS = {"add": "lsp-add", "del": "lsp-del",
             "db_set": "set Logical_Switch_Port PORT options:…",
             "db_create": "create DHCP_Options cidr=…"}


def cpw_label(kind):
    if kind in CPW_KNOWN:
        return CPW_KNOWN[kind]
    full = kind.startswith("full_")
    base = kind[5:] if full else kind
    verb = CPW_VERBS.get(base, base.replace("_", "-"))
    return f"`xovnctl {verb}`" + (", full path (`XOVN_CTL_FULL_WRITES=1`)" if full else "")


def cpwrite_section(rows, out, targets):
    """bench/cp_write.sh: one xovnctl write on a big db, beside the process alone and a read."""
    ms = collections.defaultdict(dict)
    ports = None
    for p, rep, kind, ns in rows.get("cpwrite", []):
        ms[kind][rep] = float(ns)
        ports = p
    if not ms.get("read"):
        return False
    out.append(f"### One xovnctl write on the {ports}-port db (bench/cp_write.sh)\n")
    out.append("A db as xovnctl leaves it (row UUIDs, `DB.index`, a journal of its own "
               "records); each repetition runs, on a different port: `xovnctl --help` (the "
               "process alone), a read, the write, the same write through the full path (the "
               "whole db read and validated), and the verbs that have rows of their own. Wall "
               "time from process start to exit, median (min–max); a write that found the "
               "journal at its share and compacted the db inline is counted apart. The process "
               "alone is the floor of any command.\n")
    out.append("| on the db | ms, median (min–max) | runs | ÷ read, same repetition | target |")
    out.append("|---|---|---|---|---|")
    writes = [k for k in ms if (k not in CPW_KNOWN and not k.startswith("full_")) or k == "write"]
    # Each verb's partial-path row first, then the full-path rows together.
    extra = sorted((k for k in ms if k not in CPW_KNOWN), key=lambda k: (k.startswith("full_"), k))
    for kind in list(CPW_KNOWN) + extra:
        v = ms.get(kind)
        if not v:
            continue
        s = summary(list(v.values()))
        r = paired([v[k] for k in v if k in ms["read"]], [ms["read"][k] for k in v if k in ms["read"]])
        tgt = ""
        if kind in writes:
            met = s[0] <= WRITE_TARGET_NS
            tgt = f"< {WRITE_TARGET_NS / 1e6:.0f} ms — {'met' if met else '**missed**'}"
            tid = "cp:write" if kind == "write" else f"cp:write:{kind}"
            targets.record(tid, f"{s[0] / 1e6:.1f} ms ({ports} ports)", met, cpw_floor(ms),
                           label=f"{cpw_label(kind)} on a {ports}-port db", goal="< 100 ms",
                           reason="write")
        out.append(f"| {cpw_label(kind)} | {fmt(s, 1e6, 1)} | {len(v)} | "
                   f"{fmt(r, digits=3) if r and kind != 'read' else ''} | {tgt} |")
    out.append("")
    return True


def cpw_floor(ms):
    start = ms.get("start")
    return (f"the process alone: {statistics.median(start.values()) / 1e6:.1f} ms; a read of the "
            f"whole db: {statistics.median(ms['read'].values()) / 1e6:.0f} ms") if start else ""
