"""report_util.py - what every section of bench/report.py shares: reading
results.tsv, summarising repetitions, formatting, plotting, and the record
of targets each section measures (bench/report_targets.py renders it)."""
import collections
import os
import platform
import statistics
import subprocess


def summary(values):
    """median, min and max of a list of repetitions."""
    return statistics.median(values), min(values), max(values)


def fmt(s, scale=1.0, digits=1):
    med, lo, hi = (v / scale for v in s)
    return f"{med:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def paired(x, b):
    """summary of x[i] / b[i] over the repetitions both have (a zero divisor has none)."""
    ratios = [xi / bi for xi, bi in zip(x or [], b or []) if bi > 0]
    return summary(ratios) if ratios else None


def load(path):
    """rows by kind (the first field) and the meta values of results.tsv."""
    rows = collections.defaultdict(list)
    meta = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if not f[0]:
            continue
        if f[0] == "meta":
            meta[f[1]] = f[2]
        else:
            rows[f[0]].append(f[1:])
    return rows, meta


def machine():
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return cpu, os.cpu_count(), platform.release()


def gnuplot(script):
    subprocess.run(["gnuplot"], input=script.encode(), check=True)


# report.py --no-plots: the markdown alone (tests/bench/test_report.py), no gnuplot.
PLOTS = {"on": True}


def plot(plot_dir, name, columns, series, settings):
    """A log-log PNG of series [(title, [y per x])] over columns (the x values)."""
    if not PLOTS["on"]:
        return
    dat = os.path.join(plot_dir, f"{name}.dat")
    with open(dat, "w") as f:
        for i, x in enumerate(columns):
            f.write(f"{x} " + " ".join(f"{ys[i]:.4f}" for _, ys in series) + "\n")
    plots = ", ".join(f"'{dat}' using 1:{i + 2} with linespoints title '{title}'"
                      for i, (title, _) in enumerate(series))
    try:
        gnuplot(f"set terminal png size 900,520\nset output '{plot_dir}/{name}.png'\n"
                f"set logscale xy\n{settings}\nplot {plots}")
    finally:
        os.unlink(dat)


class Targets:
    """What each target measured in this run: figure, met or not, and its floor."""

    def __init__(self):
        self.got = {}

    def record(self, tid, figure, met, floor="", **extra):
        """extra: label, goal, reason for a target not in report_targets.TARGETS."""
        self.got[tid] = dict(figure=figure, met=met, floor=floor, **extra)


class Sections:
    """Which sections were rendered, and why a missing one is missing."""

    def __init__(self, notes):
        self.notes = notes          # {kind: reason} from the run's note rows
        self.missing = []           # (section, why)

    def absent(self, out, title, kinds, note_key=None):
        """A section without rows: says so in the doc and remembers it."""
        why = self.notes.get(note_key) if note_key else None
        text = why or f"no {', '.join(f'`{k}`' for k in kinds)} rows in this run's results"
        out.append(f"{title}\n\nNot measured in this run: {text}.\n")
        self.missing.append((title.lstrip("# "), text, bool(why)))
