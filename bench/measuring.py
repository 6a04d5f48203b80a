"""How a benchmark step is measured: repeated in-process timings (wall and CPU) and
whole-process runs (wall, CPU, memory peak), with the median/min-max text the table shows."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass
class Stat:
    values: list[float]
    unit: str = "s"
    note: str = ""
    cpu: list[float] = field(default_factory=list)  # user+sys seconds of the same runs

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def show(self) -> str:
        if not self.values:
            return self.note or "-"
        parts = [fmt_value(self.median, self.unit)]
        if len(self.values) > 1:
            parts.append(f"({fmt_value(min(self.values), self.unit, False)}-"
                         f"{fmt_value(max(self.values), self.unit, False)})")
        return " ".join(parts) + (f" {self.note}" if self.note else "")


def fmt_value(value: float, unit: str, with_unit: bool = True) -> str:
    if unit == "s":
        text = f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    elif unit == "us":
        text = f"{value * 1e6:.1f} µs"
    elif unit == "ms":
        text = f"{value * 1000:.1f} ms"
    elif unit == "MB":
        text = f"{value / MIB:.0f} MB"
    else:
        text = f"{value:.2f}"
    return text if with_unit else text.split(" ")[0]


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1, unit: str = "s") -> Stat:
    for _ in range(warmup):
        fn()
    values, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        values.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Stat(values, unit, cpu=cpu)


@dataclass
class ProcessRun:
    seconds: float
    max_rss: int  # bytes
    returncode: int
    cpu: float = 0.0  # user+sys seconds of the child: robust against other load


# Runs the measured command and reports its wall time, memory peak and CPU time. A
# child started straight from this process would report this process's own resident
# set as its peak (Linux keeps the larger high-water mark across fork/vfork and exec,
# and this process holds hundreds of MB after the in-process xlarge runs): started from
# this small runner, its peak is its own.
CHILD_RUNNER = """
import resource, subprocess, sys, time
timeout = float(sys.argv[1]) or None
start = time.perf_counter()
try:
    code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=timeout).returncode
    seconds = time.perf_counter() - start
except subprocess.TimeoutExpired:
    code, seconds = -9, float("inf")
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, code)
"""


def run_process(cmd: list[str], timeout: float | None = None, cwd: Path | None = None,
                ) -> ProcessRun:
    """Wall time, memory peak (largest resident set among the command's waited
    processes) and CPU time of one run of `cmd` (see CHILD_RUNNER)."""
    done = subprocess.run([sys.executable, "-c", CHILD_RUNNER, str(timeout or 0), *cmd],
                          capture_output=True, text=True, cwd=cwd, check=True)
    seconds, max_rss_kb, cpu, code = done.stdout.split()
    return ProcessRun(float(seconds), int(max_rss_kb) * 1024, int(code), float(cpu))
