"""Issue 8 benchmark runner: every step side by side, one markdown table with the targets.

    python -m bench.run                          # small, large, xlarge (about 10 minutes)
    python -m bench.run --sizes small large --reuse --results bench/RESULTS.md

Workbooks come from `bench.generate` (built fresh unless `--reuse` finds them). Each
step runs `--repeat` times (fewer at xlarge, see REPEATS) and shows the median with
min-max. Whole-process steps run as child processes; their memory peak is the child's
maximum resident set (wait4 rusage). Nothing here asserts a time: the table is the result.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from .generate import DEFAULT_OUT, generate, layout_for, workbook_path
from .scale import SIZES, scaled_dokumen

REPEATS = {"tiny": 2, "small": 5, "large": 5, "xlarge": 3}
LO_REPEATS = {"tiny": 1, "small": 3, "large": 3, "xlarge": 1}
FORMULAS_SIZES = ("tiny", "small")  # the formulas package is too slow beyond small
FORMULAS_CAP = 120.0  # seconds
MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]  # children run `python -m bench.run` from here
_lo_started = False  # the first LibreOffice start also creates its profile: not timed


# ---------------------------------------------------------------- measuring
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
        parts = [_fmt(self.median, self.unit)]
        if len(self.values) > 1:
            parts.append(f"({_fmt(min(self.values), self.unit, False)}-"
                         f"{_fmt(max(self.values), self.unit, False)})")
        return " ".join(parts) + (f" {self.note}" if self.note else "")


def _fmt(value: float, unit: str, with_unit: bool = True) -> str:
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


# ---------------------------------------------------------------- the steps
def input_sheets(layout) -> list[str]:
    return [layout.profil.sheet] + [t.sheet for t in layout.tables.values()]


def floor_read(path: Path, layout) -> int:
    """Every cell of every input sheet through python-calamine, nothing else."""
    from python_calamine import CalamineWorkbook

    cells = 0
    book = CalamineWorkbook.from_path(str(path))
    try:
        for sheet in input_sheets(layout):
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            cells += sum(len(r) for r in rows)
    finally:
        book.close()
    return cells


def floor_copy(path: Path, out: Path) -> None:
    """Inflate every part and deflate it again into a new zip: the write floor."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_DEFLATED)


def ours_in_process(path: Path, out: Path, layout=None) -> int:
    """`xlplugin validate FILE -o OUT` inside this process (its printout discarded).

    Every size goes through the CLI with the published layout: the reader follows each
    Excel table to its end (xl/tables/tableN.xml), so the xlarge workbook, whose tables
    the generator grew past the template's capacity, is read whole.
    """
    from xlplugin.cli.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["validate", str(path), "-o", str(out)])


def validate_with_layout(path: Path, out: Path, layout) -> int:
    """What `validate_cmd.run` does, with an explicit layout (`--child-validate`)."""
    from xlplugin.adapters.file import FileAdapter
    from xlplugin.cli.validate_cmd import print_summary
    from xlplugin.validation import read_problems, validate_workbook, write_findings

    with FileAdapter(path) as adapter:
        findings = validate_workbook(adapter, layout)
        problems = read_problems(adapter, layout)
        write_findings(adapter, findings, layout)
        adapter.save(out)
    print_summary(findings, problems, sys.stdout)
    return 1 if any(f.is_blocking for f in findings) else 0


def ours_command(path: Path, out: Path, layout=None) -> list[str]:
    """The CLI as a user runs it (published layout at every size, see ours_in_process)."""
    exe = shutil.which("xlplugin") or ""
    base = [exe] if exe else [sys.executable, "-m", "xlplugin"]
    return base + ["validate", str(path), "-o", str(out)]


def grown_layout(capacities: list[str]):
    from xlplugin.layout import load_layout

    layout = load_layout()
    want = dict(item.split("=") for item in capacities)
    return replace(layout, tables={k: replace(t, capacity=int(want.get(k, t.capacity)))
                                   for k, t in layout.tables.items()})


def report_export(path: Path, out_dir: Path, layout) -> None:
    """The Semester I report (annex .xlsx + .docx), reading included; PDF excluded.
    The published layout at every size (grown tables are read to their end)."""
    from xlplugin.reports.export import export_report

    export_report(path, "semester1", out_dir, pdf=False)


LO_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def lo_profile(root: Path) -> Path:
    """A LibreOffice profile that always recalculates OOXML files on load (default: never)."""
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(LO_SETTINGS, encoding="utf-8")
    return root


def lo_command(path: Path, out_dir: Path, profile: Path) -> list[str]:
    return ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
            "--convert-to", "xlsx", "--outdir", str(out_dir), str(path)]


FORMULAS_CHILD = """
import sys, time
import formulas
start = time.perf_counter()
model = formulas.ExcelModel().loads(sys.argv[1]).finish()
model.calculate()
print(time.perf_counter() - start)
"""


def formulas_calc(path: Path, cap: float) -> Stat:
    """The formulas package loading and calculating the workbook, in a child with a cap."""
    try:
        done = subprocess.run([sys.executable, "-c", FORMULAS_CHILD, str(path)], check=False,
                              timeout=cap,
                              capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return Stat([], note=f"> {cap:.0f} s (stopped)")
    if done.returncode != 0:
        return Stat([], note="failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60])
    return Stat([float(done.stdout.strip().splitlines()[-1])])


# ---------------------------------------------------------------- UDFs as xlwings calls them
def udf_arguments(path: Path, layout) -> tuple[list, dict[str, list]]:
    """The ranges the template passes, as xlwings hands them over: None for an empty
    cell, float for a number, datetime for a date (values read with calamine)."""
    from python_calamine import CalamineWorkbook

    from xlplugin.layout.model import column_index

    book = CalamineWorkbook.from_path(str(path))
    form = layout.profil
    rows = book.get_sheet_by_name(form.sheet).to_python(skip_empty_area=False)
    col = column_index(form.value_column) - 1
    profil = [_xw(_at(rows, f.row - 1, col)) for f in form.fields]
    tables = {}
    for key, t in layout.tables.items():
        rows = book.get_sheet_by_name(t.sheet).to_python(skip_empty_area=False)
        tables[key] = [[_xw(_at(rows, r - 1, c)) for c in range(len(t.columns))]
                       for r in range(t.first_row, t.last_row + 1)]
    book.close()
    return profil, tables


def _at(rows: list, r: int, c: int) -> object:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _xw(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


@dataclass
class UdfCost:
    cold: Stat  # DAK_PERIKSA after an edit: one engine run over the filled rows
    warm: Stat  # the same inputs again (memo hit: Excel recalculating without a change)
    cells: int  # values the call receives (filled rows only)
    size: str = "large"


def udf_cost(path: Path, layout, repeat: int, size: str) -> UdfCost:
    """Python-side cost of the template's one live call, with the values xlwings would
    pass: each table down to its last filled row (the template's INDEX bounds)."""
    from udfs import dak_udfs
    from xlplugin.layout.udf import ARG_TABLES
    from xlplugin.rulepack import load_pack

    profil, tables = udf_arguments(path, layout)
    pack = load_pack()
    kode = [c for m in pack.menu for c in (m, *pack.rincian_of_menu(m))]
    args = [kode, profil] + [filled_rows(tables[k]) for k in ARG_TABLES]

    def cold() -> None:
        dak_udfs._analyse.cache_clear()
        dak_udfs.DAK_PERIKSA(*args)

    result = timed(cold, repeat)
    warm = timed(lambda: dak_udfs.DAK_PERIKSA(*args), repeat)
    cells = len(kode) + len(profil) + sum(len(t) * len(t[0]) for t in args[2:])
    return UdfCost(result, warm, cells, size)


def filled_rows(rows: list[list]) -> list[list]:
    """Down to the last row with a value (at least one row), as the count cells bound."""
    last = max((i for i, row in enumerate(rows) if any(v is not None for v in row)),
               default=0)
    return rows[:last + 1]


# ---------------------------------------------------------------- one size
@dataclass
class SizeResult:
    size: str
    shape: str
    steps: dict[str, Stat] = field(default_factory=dict)
    udf: UdfCost | None = None


def measure_size(size: str, work: Path, args) -> SizeResult:
    doc = scaled_dokumen(size)
    layout = layout_for(doc)
    result = SizeResult(size, f"{len(doc.rab):,} RAB / {len(doc.peserta):,} peserta")
    path = workbook_path(size, args.workbooks).resolve()
    steps = result.steps
    if args.reuse and path.exists():
        steps["build"] = Stat([], note="(reused)")
    else:
        path, seconds = generate(size, args.workbooks)
        path = path.resolve()
        steps["build"] = Stat([seconds])
    n, out = (1 if args.quick else REPEATS[size]), work / f"{size}.diperiksa.xlsm"
    warm = 0 if size == "xlarge" else 1  # one xlarge run outweighs any first-run import
    _say(f"{size}: floor")
    steps["read"] = timed(lambda: floor_read(path, layout), n)
    steps["copy"] = timed(lambda: floor_copy(path, work / "copy.zip"), n)
    steps["floor"] = Stat([a + b for a, b in zip(steps["read"].values, steps["copy"].values)])
    steps["floor_cpu"] = Stat([a + b for a, b in zip(steps["read"].cpu, steps["copy"].cpu)])
    _say(f"{size}: xlplugin validate in process")
    steps["ours"] = timed(lambda: ours_in_process(path, out, layout), n, warm)
    _say(f"{size}: xlplugin validate as a process")
    runs = [run_process(ours_command(path, out, layout), cwd=ROOT) for _ in range(n)]
    steps["ours_cpu"] = Stat(steps["ours"].cpu)
    steps["ours_wall"] = Stat([r.seconds for r in runs])
    steps["ours_wall_cpu"] = Stat([r.cpu for r in runs])
    steps["ours_rss"] = Stat([float(max(r.max_rss for r in runs))], unit="MB")
    if size == "large":
        from .engine_bench import measure
        steps["engine"] = Stat(list(measure(size, repeat=n if args.quick else 20,
                                            doc=doc).times))
    _say(f"{size}: report export")
    steps["report"] = timed(lambda: report_export(path, work / f"laporan_{size}", layout),
                            max(1, n - 2), warm)
    if not args.no_libreoffice and shutil.which("soffice"):
        _say(f"{size}: LibreOffice recalculation")
        profile = lo_profile(work / "lo-profile")
        lo_out = work / "lo"
        global _lo_started
        if not _lo_started:
            run_process(lo_command(path, lo_out, profile))
            _lo_started = True
        count = 1 if args.quick else LO_REPEATS[size]
        runs = [run_process(lo_command(path, lo_out, profile)) for _ in range(count)]
        steps["lo"] = Stat([r.seconds for r in runs])
        steps["lo_rss"] = Stat([float(max(r.max_rss for r in runs))], unit="MB")
    if size in FORMULAS_SIZES and not args.no_formulas:
        _say(f"{size}: formulas package")
        steps["formulas"] = formulas_calc(path, args.formulas_cap)
    if size in ("small", "large", "tiny"):
        _say(f"{size}: UDFs")
        result.udf = udf_cost(path, layout, n if args.quick else max(3, n), size)
    return result


def template_build(work: Path, repeat: int) -> Stat:
    from xlplugin.template.build import build_template

    return timed(lambda: build_template(None, work / "template.xlsm"), repeat, warmup=0)


# ---------------------------------------------------------------- the table
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
                    verdicts.append(_verdict(value, wanted[r.size], higher, r.size, "x"))
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
                     _only(sizes, udf.size, _fmt(cold, "s")), "< 150 ms",
                     _verdict(cold, 0.150, False, "", "s")))
    if "template" in extra:
        t = extra["template"].median
        out.append(("template build", _only(sizes, sizes[0], _fmt(t, "s")), "< 10 s",
                    _verdict(t, 10.0, False, "", "s")))
    return out


def _absolute(label, results, size, key, limit, goal, sizes, unit="s"):
    r = _by(results, size)
    if r is None or key not in r.steps or not r.steps[key].values:
        return (label, ["-"] * len(sizes), goal, "not measured")
    value = r.steps[key].median
    return (label, _only(sizes, size, _fmt(value, unit)), goal,
            _verdict(value, limit, False, "", unit))


def _verdict(value: float, limit: float, higher: bool, size: str, unit: str) -> str:
    ok = value >= limit if higher else value <= limit
    where = f"{size}: " if size else ""
    if ok:
        return f"{where}pass"
    if unit == "x":
        by = f"{limit / value:.1f} x short" if higher else f"{value / limit:.2f} x over"
    else:
        by = f"{value / limit:.1f} x the limit ({_fmt(value - limit, unit)} over)"
    return f"{where}**miss**, {by}"


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    cpu = platform.processor() or platform.machine()
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"load average at the end {load}")


def _say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- entry
def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child-validate"]:
        path, out, *caps = argv[1:]
        return validate_with_layout(Path(path), Path(out), grown_layout(caps))
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["small", "large", "xlarge"],
                        choices=list(SIZES))
    parser.add_argument("--workbooks", type=Path, default=DEFAULT_OUT,
                        help="where the generated workbooks are kept (default build/bench)")
    parser.add_argument("--reuse", action="store_true", help="reuse generated workbooks")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--no-formulas", action="store_true")
    parser.add_argument("--formulas-cap", type=float, default=FORMULAS_CAP)
    parser.add_argument("--results", type=Path, help="also write the table to this file")
    parser.add_argument("--quick", action="store_true",
                        help="one run per step (a smoke test, not a measurement)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="xlplugin-bench-") as tmp:
        work = Path(tmp)
        results = [measure_size(size, work, args) for size in args.sizes]
        extra = {"template": template_build(work, 1 if args.quick else 3)}
    udf = next((r.udf for r in results if r.size == "large"), None) or next(
        (r.udf for r in results if r.udf), None)
    text = table(results, extra, udf)
    command = "python -m bench.run " + " ".join(argv)
    footer = (f"\nCommand: `{command.strip()}` (took {time.perf_counter() - started:.0f} s). "
              f"Machine: {machine()}.")
    print(text + "\n" + footer)
    if args.results:
        args.results.write_text(text + "\n" + footer + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
