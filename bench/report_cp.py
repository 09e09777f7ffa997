#!/usr/bin/env python3
"""report_cp.py - docs/BENCHMARKS.md with the control-plane rows of a later run.

    bench/report_cp.py CP_RESULTS FULL_RESULTS DOC PLOT_DIR

CP_RESULTS holds the rows of bench_ctlplane, bench/control.sh and
bench/cp_write.sh (bench/cp_only.sh writes them).  They replace the rows of
the same kinds in FULL_RESULTS (the last `make bench`; it may be missing),
the merged rows are saved beside CP_RESULTS as results_merged.tsv, and the
whole document is rendered from them by bench/report.py, its header saying
which run each part comes from.  Nothing of the old document is kept.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
from report_util import load  # noqa: E402

CP_KINDS = ("cp", "mem", "once", "oncephase", "show", "react", "cpwrite")


def merge(cp_path, full_path):
    """The full run's rows and meta, with cp_path's control-plane rows instead of its own."""
    cp_rows, cp_meta = load(cp_path)
    rows, meta = load(full_path) if os.path.exists(full_path) else ({}, {})
    for kind in CP_KINDS:
        rows[kind] = cp_rows.get(kind, [])
    rows["note"] = [r for r in rows.get("note", []) if r[0] != "cpwrite"] + cp_rows.get("note", [])
    meta["cp_refresh"] = (f"Section 4 (control plane) from bench/cp_only.sh: {cp_meta.get('mode', '?')} "
                          f"mode, {cp_meta.get('date', '?')}, {cp_meta.get('elapsed_s', '?')} s, "
                          f"load average {cp_meta.get('loadavg_start', '?')} at its start"
                          + ("" if rows.get("pkt") else "; no full run's rows were found for "
                             "the other sections"))
    return rows, meta


def write_tsv(path, rows, meta):
    with open(path, "w") as f:
        for kind, rs in rows.items():
            for r in rs:
                f.write("\t".join([kind, *r]) + "\n")
        for key, value in meta.items():
            f.write(f"meta\t{key}\t{value}\n")


def main():
    cp_path, full_path, doc, plot_dir = sys.argv[1:5]
    rows, meta = merge(cp_path, full_path)
    merged = os.path.join(os.path.dirname(cp_path), "results_merged.tsv")
    write_tsv(merged, rows, meta)
    os.makedirs(plot_dir, exist_ok=True)
    text, _missing = report.render(rows, meta, plot_dir)
    with open(doc, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
