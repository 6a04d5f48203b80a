"""The benchmark's result: one markdown table of every step by size, then the targets
of issue 8 (and 13) with a pass or miss verdict each, and the machine it ran on."""

from __future__ import annotations

import os
import platform
from typing import TYPE_CHECKING

from .measuring import MIB, Stat, fmt_value
from .udf_call import UdfCost

if TYPE_CHECKING:  # the runner produces the results this module writes out
    from .run import SizeResult


ROWS = [
    ("build", "filled workbook written by the template builder (generator)"),
    ("read", "floor: python-calamine reads every input cell"),
    ("copy", "floor: zip re-deflate copy of the file"),
    ("floor", "I/O floor = read + copy"),
    ("floor_cpu", "I/O floor, CPU time (user+sys)"),
    ("ours", "**ours: `xlplugin validate FILE` in process** (read, check, write)"),
    ("ours_cpu", "ours in process, CPU time (user+sys)"),
    ("ours_wall", "**ours: `xlplugin validate FILE` whole process (wall)**"),
    ("ours_wall_cpu", "ours whole process, CPU time (user+sys)"),
    ("ours_rss", "ours: memory peak of that process (max RSS)"),
    ("engine", "engine rules only, Dokumen in memory (`bench.engine_bench`)"),
    ("report", "ours: report export, Semester I .xlsx + .docx (no PDF)"),
    ("lo", "peer: LibreOffice headless recalc to xlsx (wall, whole process)"),
    ("lo_rss", "peer: LibreOffice memory peak (max RSS)"),
    ("formulas", "peer: `formulas` package load + calculate"),
]


def table(results: list[SizeResult], extra: dict[str, Stat], udf: UdfCost | None) -> str:
    sizes = [r.size for r in results]
    head = ["step"] + [f"{r.size} ({r.shape})" for r in results] + ["target", "result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def add(label: str, cells: list[str], target: str = "", verdict: str = "") -> None:
        lines.append("| " + " | ".join([label, *cells, target, verdict]) + " |")

    for key, label in ROWS:
        cells = [r.steps[key].show() if key in r.steps else "-" for r in results]
        if any(c != "-" for c in cells):
            add(label, cells)
    if udf is not None:
        add(f"UDF: DAK_PERIKSA after an edit ({udf.cells:,} cells, one engine run)",
            _only(sizes, udf.size, udf.cold.show()))
        add("UDF: DAK_PERIKSA again, inputs unchanged (memo hit)",
            _only(sizes, udf.size, udf.warm.show()))
    if "template" in extra:
        add("template build, empty `.xlsm` (`build_template()`)",
            _only(sizes, sizes[0], extra["template"].show()))
    for label, cells, target, verdict in targets(results, udf, extra):
        add(label, cells, target, verdict)
    return "\n".join(lines)


def _only(sizes: list[str], size: str, text: str) -> list[str]:
    return [text if s == size else "" for s in sizes]


def _by(results: list[SizeResult], size: str) -> SizeResult | None:
    return next((r for r in results if r.size == size), None)


def targets(results: list[SizeResult], udf: UdfCost | None, extra: dict[str, Stat]):
    sizes = [r.size for r in results]
    out = []

    def ratio_row(label, num, den, wanted: dict[str, float], higher: bool, fmt="{:.2f} x"):
        cells, verdicts = [], []
        for r in results:
            if num in r.steps and den in r.steps and r.steps[num].values and r.steps[den].values:
                value = r.steps[num].median / r.steps[den].median
                cells.append(fmt.format(value))
                if r.size in wanted:
                    verdicts.append(verdict(value, wanted[r.size], higher, r.size, "x"))
            else:
                cells.append("-")
        goal = ", ".join(f"{'>=' if higher else '<='} {v} x at {s}" for s, v in wanted.items())
        out.append((label, cells, goal, "; ".join(verdicts) or "not measured"))

    ratio_row("ratio: ours in process / I/O floor", "ours", "floor",
              {"large": 2.5, "xlarge": 2.5}, higher=False)
    ratio_row("ratio, CPU time (user+sys): ours in process / I/O floor", "ours_cpu",
              "floor_cpu", {"large": 2.5, "xlarge": 2.5}, higher=False)
    ratio_row("ratio: LibreOffice wall / ours whole-process wall", "lo", "ours_wall",
              {"large": 5, "xlarge": 2}, higher=True, fmt="{:.1f} x")
    out.append(_absolute("small: whole-process wall", results, "small", "ours_wall", 0.5,
                         "< 0.5 s", sizes))
    out.append(_absolute("small: whole-process CPU time (user+sys; load-robust)", results,
                         "small", "ours_wall_cpu", 0.5, "< 0.5 s", sizes))
    out.append(_absolute("xlarge: memory peak", results, "xlarge", "ours_rss", 300 * MIB,
                         "< 300 MB", sizes, unit="MB"))
    out.append(_absolute("large: engine rules", results, "large", "engine", 0.050,
                         "< 50 ms", sizes))
    out.append(_absolute("large: report export", results, "large", "report", 3.0, "< 3 s",
                         sizes))
    if udf is not None:
        cold = udf.cold.median
        label = ("UDF call after an edit, functions only (issue 13: <= 150 ms at large "
                 "for the whole Python side, `bench.udf_cost`)")
        out.append((label,
                     _only(sizes, udf.size, fmt_value(cold, "s")), "< 150 ms",
                     verdict(cold, 0.150, False, "", "s")))
    if "template" in extra:
        t = extra["template"].median
        out.append(("template build", _only(sizes, sizes[0], fmt_value(t, "s")), "< 10 s",
                    verdict(t, 10.0, False, "", "s")))
    return out


def _absolute(label, results, size, key, limit, goal, sizes, unit="s"):
    r = _by(results, size)
    if r is None or key not in r.steps or not r.steps[key].values:
        return (label, ["-"] * len(sizes), goal, "not measured")
    value = r.steps[key].median
    return (label, _only(sizes, size, fmt_value(value, unit)), goal,
            verdict(value, limit, False, "", unit))


def verdict(value: float, limit: float, higher: bool, size: str, unit: str) -> str:
    ok = value >= limit if higher else value <= limit
    where = f"{size}: " if size else ""
    if ok:
        return f"{where}pass"
    if unit == "x":
        by = f"{limit / value:.1f} x short" if higher else f"{value / limit:.2f} x over"
    else:
        by = f"{value / limit:.1f} x the limit ({fmt_value(value - limit, unit)} over)"
    return f"{where}**miss**, {by}"


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    cpu = platform.processor() or platform.machine()
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"load average at the end {load}")
