#!/usr/bin/env python3
"""report_cp.py - rewrite only section 4 (control plane) of docs/BENCHMARKS.md.

    bench/report_cp.py RESULTS DOC PLOT_DIR

RESULTS holds the rows of bench_ctlplane and bench/control.sh (bench/cp_only.sh
writes them); the section and its plot are rendered by bench/report.py's own
code, the other sections are kept as they are, and the control-plane entries
of "Targets missed" are replaced by the new run's.  This refreshes the
control-plane numbers without the packet and throughput runs.
"""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

SECTION = "## 4. Control plane"
MISSES = "## Targets missed"
# How report.py words the control-plane misses (phase growth, --once, reaction).
CP_MISS_STARTS = tuple(f"- **`{ph}` costs" for ph in report.PHASES) + (
    "- **applying a", "- **xovnd reacts", "- **validate + compile cost", "- **one xovnctl write",
    "- **`xovnctl show` costs")


def split_doc(text):
    start = text.index(SECTION)
    end = text.index(MISSES, start)
    return text[:start], text[end:]


def is_cp_miss(line):
    return line.startswith(CP_MISS_STARTS)


def main():
    results, doc, plot_dir = sys.argv[1:4]
    rows, meta = report.load(results)
    with open(doc) as f:
        head, tail = split_doc(f.read())
    out, misses = [], []
    report.cp_section(rows, out, misses, plot_dir)
    out.insert(1, f"Control-plane rows refreshed on {datetime.date.today().isoformat()} "
                  f"(bench/cp_only.sh, {meta.get('elapsed_s', '?')} s, load average "
                  f"{meta.get('loadavg', '?')} at its start on this 2-CPU machine); the other "
                  "sections are from the last full `make bench`.\n")
    bullets = [line for line in tail.split("\n")[1:] if line.startswith("- **")]
    bullets = [line for line in bullets if not is_cp_miss(line)]
    bullets += [f"- **{what}.** {report.REASONS.get(key, '')}" for what, key in misses]
    kept = [MISSES, ""] + (bullets or ["None."]) + [""]
    with open(doc, "w") as f:
        f.write(head + "\n".join(out) + "\n" + "\n".join(kept))


if __name__ == "__main__":
    main()
