"""Bench helper: an import timed between two bare reads of its file, so both meet one machine speed.

On a shared machine the speed of a core drifts by a third within seconds; a bare read timed a minute
before the import (or the best of several) can meet another speed than the import did. Each run here
is bracketed by a bare read just before and just after it, and the ratio is the import's time over
their mean; a size's verdict is the median of its runs' ratios.
"""
import statistics
import time
from typing import NamedTuple


def bare_read(path: str) -> float:
    """Seconds for python-calamine (the fastest reader here) to read every row of the first sheet; for a
    CSV (in Shift_JIS, as the Japanese channels write it), the csv module over the decoded file."""
    started = time.perf_counter()
    if path.endswith(".csv"):
        import csv

        with open(path, encoding="cp932", newline="") as fh:
            for _ in csv.reader(fh):
                pass
        return time.perf_counter() - started
    from python_calamine import CalamineWorkbook

    for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
        pass
    return time.perf_counter() - started


class Run(NamedTuple):
    elapsed: float  # seconds of the run
    cpu: float  # CPU seconds of this process (all its threads) during the run
    bare: float  # mean seconds of the bare reads just before and just after it
    base_mb: float  # this process's RSS when the run began
    peak_mb: float  # its peak RSS during the run


def bracketed(path: str, run) -> Run:
    """run() timed between two bare reads of path."""
    before = bare_read(path)
    reset_peak_rss()
    base = peak_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = peak_rss_mb()
    return Run(elapsed, cpu, (before + bare_read(path)) / 2, base, peak)


def reset_peak_rss() -> None:
    """Start this process's peak RSS (VmHWM) again from its current size (Linux; elsewhere nothing)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def median_ratio(runs: list[Run]) -> float:
    """The median of the runs' time over their bare read."""
    return statistics.median(run.elapsed / run.bare for run in runs)
