"""What bench/lib/report_run.py, report_scale.py and batch_clock.py share: reading a run's work folder, number
formats, ratios, percentiles."""
import json
import math
import os
import subprocess
import sys

LIB = os.path.dirname(os.path.abspath(__file__))
MB = 1e6


def pct(sorted_values, p):
    """Nearest-rank percentile (p a fraction), as the floor and the Lucene peer compute it."""
    k = int(math.ceil(p * len(sorted_values)))
    return sorted_values[max(0, min(len(sorted_values) - 1, k - 1))]


class RunDir:
    """The files a bench script leaves in its work folder: JSON, /usr/bin/time -v reports, one-value files."""

    def __init__(self, path):
        self.path = path

    def load(self, name):
        with open(os.path.join(self.path, name)) as f:
            return json.load(f)

    def gtime(self, name):
        out = subprocess.run([sys.executable, os.path.join(LIB, "gtime.py"), os.path.join(self.path, name)],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)

    def read(self, name):
        with open(os.path.join(self.path, name)) as f:
            return f.read().strip()

    def noise(self, steps):
        """Per step, the cores other processes kept busy meanwhile (machine CPU from /proc/stat minus the step's)."""
        loads = []
        for st in steps:
            if os.path.exists(os.path.join(self.path, st + ".busy")) and os.path.exists(os.path.join(self.path, st + ".time")):
                t = self.gtime(st + ".time")
                others = max(0.0, float(self.read(st + ".busy")) - t["cpu_s"])
                loads.append(f"{st} {min(os.cpu_count(), others / t['wall_s']):.2f}" if t["wall_s"] > 0 else f"{st} n/a")
        return ("Noise: cores kept busy by other processes during each step (machine-wide CPU time from /proc/stat minus "
                "the step's own, ÷ its wall time; 0 is a quiet machine): " + ", ".join(loads) + ".")


def fmt(x, digits=None):
    if x is None:
        return "n/a"
    if digits is None:
        digits = 3 if abs(x) < 1 else 2 if abs(x) < 10 else 1 if abs(x) < 1000 else 0
    return f"{x:,.{digits}f}"


def ratio(a, b):
    return "n/a" if a is None or b in (None, 0) else f"{a / b:.2f}"


def noop_sentence(run):
    """The no-op rerun: its exit status, summary, CPU, RSS, and whether it wrote a new database revision."""
    t, summary = run.gtime("depeche-noop.time"), run.load("depeche-noop.json")
    rev_b, rev_a = run.read("depeche.rev-before"), run.read("depeche.rev-after")
    return (f"exit status of the no-op rerun and its summary: {t['exit']}, {json.dumps(summary)}, CPU {t['cpu_s']} s, "
            f"peak RSS {t['peak_rss_kb'] / 1024:.0f} MB; database revision {rev_b} before the rerun, {rev_a} after"
            f"{' (nothing written)' if rev_a == rev_b else ' (a new revision: decisions 14 says a no-op run writes nothing)'}")
