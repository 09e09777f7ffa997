#!/usr/bin/env python3
"""test_report.py - bench/report.py renders results.tsv rows into the
sections, ratios and targets of docs/BENCHMARKS.md.

A small results.tsv is built from known per-repetition values (so every
ratio is known), rendered into a temporary directory, and the document is
checked for the rows, ratios, targets and notes it must hold.  Prints
"report: N passed, N failed" (tests/run-all.sh counts it).
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPS = range(5)

# scenario -> {mode: ns}; the minimal redirect is 10 ns in every mode.
PKT = {
    "baseline_tc": {"repeat": 10, "single": 10, "wall": 10, "single_iqm": 10},
    "unicast": {"repeat": 30, "single": 40, "wall": 50},
    "floor_unicast": {"repeat": 20, "single": 20},
    "encap": {"single": 100},
    "encap_floor": {"single": 16},
    "decap": {"single": 20, "single_iqm": 20},
    "lookup_ports": {"single_iqm": 12},
    "decap_floor": {"single": 15},
    "routed_unicast": {"single": 90},
    "floor_routed": {"single": 30},
    "snat_conn": {"single": 108},
}
# The cost at 100,000 ports: unicast drifts 20%; decap's interquartile mean and
# its lookup alone drift 20% while its single median stays flat; the rest stays flat.
BIG = {("unicast", "repeat"): 36, ("decap", "single_iqm"): 24, ("lookup_ports", "single_iqm"): 14.4}


def pkt_rows():
    for ports, sw in ((21, 6), (100000, 1006)):
        for rep in REPS:
            for scen, modes in PKT.items():
                for mode, ns in modes.items():
                    ns = BIG.get((scen, mode), ns) if ports == 100000 else ns
                    yield f"pkt\t{ports}\t{sw}\t{scen}\t{mode}\t{rep}\t{ns}\t10"


def tp_rows():
    # (topology, baseline impl, test, baseline value, xovn value)
    for topo, base, test, b, x in (("same", "bridge", "tcp1", 10e9, 12e9),
                                   ("same", "bridge", "udp64", 600e3, 840e3),
                                   ("same", "floorpeer", "udp64", 900e3, None),
                                   ("nat", "masquerade", "tcp1", 10e9, 9e9)):
        for rep in REPS:
            yield f"tp\t{topo}\t{base}\t{test}\t{rep}\t{b:.0f}"
            if x:
                yield f"tp\t{topo}\txovn\t{test}\t{rep}\t{x:.0f}"


def cp_rows():
    for rep in REPS:
        for ports, sw, ms in ((1000, 12, 2), (100000, 1002, 300)):
            for phase in ("load", "validate", "compile", "apply", "change"):
                yield f"cp\t{ports}\t{sw}\t{phase}\t{rep}\t{ms * 1e6:.0f}"
        for kind, ms in (("start", 20), ("read", 300), ("write", 40), ("full_write", 800),
                         ("lsp_add", 150)):
            yield f"cpwrite\t100000\t{rep}\t{kind}\t{ms * 1e6:.0f}"


def results():
    lines = list(pkt_rows()) + list(tp_rows()) + list(cp_rows())
    lines += ["note\tconverge\tbench/ovn_convergence.sh failed (exit status 1)",
              "perfstat\tsame\tbridge\t1\t2",
              "meta\tmode\tfixture", "meta\telapsed_s\t1", "meta\tdate\t2026-12-07 18:00 UTC"]
    return "\n".join(lines) + "\n"


def render(tmp):
    """Renders the fixture with --require-all (markdown only): the exit status, stderr and
    the document."""
    tsv, doc, plots = (os.path.join(tmp, n) for n in ("results.tsv", "BENCHMARKS.md", "bench"))
    os.makedirs(os.path.join(plots, "notes"))
    with open(tsv, "w") as f:
        f.write(results())
    with open(os.path.join(plots, "notes", "b.md"), "w") as f:
        f.write("### Note B\n\nsecond note\n")
    with open(os.path.join(plots, "notes", "a.md"), "w") as f:
        f.write("### Note A\n\nfirst note\n")
    run = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "report.py"), tsv, doc, plots,
                          "--require-all", "--no-plots"], stderr=subprocess.PIPE, text=True)
    with open(doc) as f:
        return run.returncode, run.stderr, f.read()


def line_with(doc, *parts):
    return next((ln for ln in doc.split("\n") if all(p in ln for p in parts)), "")


CHECKS = [
    # (what, a line holding every part)
    ("unicast row, ratio 3.00, ÷ floor 1.50, target missed",
     ("| local unicast VIF->VIF | repeat | 30.0", "3.00 (3.00–3.00)", "1.50 (1.50–1.50)",
      "**missed**")),
    ("encap ÷ its floor", ("| VIF->tunnel (Geneve encap) | single", "6.25 (6.25–6.25)")),
    ("decap target met", ("| tunnel->VIF (Geneve decap) | single", "2.00 (2.00–2.00)", "met")),
    ("routed ÷ switched and the floors' ratio",
     ("routed ÷ switched, same chassis | single | 2.25", "1.50 (1.50–1.50)", "**missed**")),
    ("NAT ÷ routed", ("| SNAT, existing connection | single", "1.20 (1.20–1.20)")),
    ("drift of unicast", ("| local unicast VIF->VIF (repeat)", "20% **missed**")),
    ("the drift target's floor: the floor's own drift", ("flat from the smallest model",
                                                          "floor_unicast (maps that do not grow) drifts 0%")),
    ("encap flat", ("| VIF->tunnel (Geneve encap) (single)", "| 0% ")),
    ("single-mode drift judged on the interquartile mean",
     ("| tunnel->VIF (Geneve decap) (single_iqm)", "20% **missed**")),
    ("the path's lookup alone beside its drift",
     ("tunnel->VIF (Geneve decap): flat", "(lookup_ports) drifts 20%")),
    ("udp64 target, with its floor", ("same chassis, UDP, 64-byte frames, ÷ Linux bridge",
                                      "1.40", "**missed**", "floorpeer: 1.50×", "xovn 0.93× it")),
    ("tcp target met", ("same chassis, TCP, 1 stream, ÷ Linux bridge", "1.20", "| met |")),
    ("SNAT throughput row", ("| SNAT, same chassis | TCP, 1 stream |", "0.90 (0.90–0.90)")),
    ("validate + compile growth", ("validate + compile, cost per port", "1.50×", "**missed**")),
    ("cp_write write met", ("one xovnctl write (`lsp-set-addresses`) on a 100,000-port db",
                                            "40.0 ms", "| met |")),
    ("cp_write extra verb", ("`xovnctl lsp-add` on a 100000-port db", "150.0 ms", "**missed**",
                             "the process alone: 20.0 ms")),
    ("cp_write table", ("| `xovnctl lsp-set-addresses` | 40.0 (40.0–40.0) | 5 | 0.133",)),
    ("a target with no rows", ("`xovnd --once`", "not measured in this run")),
    ("the missing convergence says why", ("Not measured in this run: bench/ovn_convergence.sh",)),
    ("the run's header", ("Run: fixture mode, 2026-12-07 18:00 UTC",)),
    ("a reason for a missed target", ("**local unicast VIF->VIF, × the minimal TC redirect",
                                      "one array read (the ingress port by ifindex")),
    ("the history link", ("(bench/history.md)",)),
    ("rows no section renders are named", ("no section renders yet: `perfstat` (1)",)),
]


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        rc, err, doc = render(tmp)
        results_ = [(what, bool(line_with(doc, *parts))) for what, parts in CHECKS]
        a, b = doc.find("### Note A"), doc.find("### Note B")
        results_.append(("notes verbatim, sorted by name", 0 < a < b and "first note" in doc))
        results_.append(("renders without a Python error", "Traceback" not in err))
        # xt, natct, once and react have neither rows nor a note; converge has a note.
        results_.append(("--require-all fails on sections without rows or a note",
                         rc == 1 and "3 section(s) without rows and without a note" in err))
    for what, ok in results_:
        print(f"{'ok' if ok else 'FAILED'}: {what}")
        passed, failed = passed + ok, failed + (not ok)
    print(f"report: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
