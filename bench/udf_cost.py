"""Issue 13 cost model: what one edit costs while the status columns call Python.

    python -m bench.udf_cost                                  # sample, large, capacity
    python -m bench.udf_cost --sizes sample large capacity --reuse --out build/udf_cost.md

For each size the built workbook (`xlplugin.template.build`; `bench.generate` for the
benchmark sizes) is read as Excel would see it, whatever contract its formulas carry:
every formula calling a Python UDF (the functions the `xlwings_udfs` VBA module declares,
plus `xlplugin.layout.udf`'s names), the cells each call passes, and which calls a
one-cell edit dirties, through ordinary formulas, defined names and INDEX bounds
(`bench.udf_cost_graph`). Per input area (Profil and every input table) the worst cell
is reported; "capacity" is the empty template with every computed INDEX bound at its
range's end, i.e. every table full.

Then the Python side of each distinct edit (`bench.udf_cost_python`): xlwings' own
argument conversion and cleaning, the UDF bodies after their memos are cleared, the
result conversion; and the first call after opening, in a fresh interpreter. COM itself
needs Excel: it is estimated at 0.75, 2.7 and 5.5 µs per cell, the figures of xlwings
issue #397 (https://github.com/xlwings/xlwings/issues/397: 1,000,000 cells read and
returned in 0.75 s with Value2 passed directly, 2.7 s as a 1x1,000,000 and 5.5 s as a
1,000,000x1 range through the generated wrapper with ndim=2). Nothing here asserts a
time: the table is the result.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .generate import DEFAULT_OUT, generate, workbook_path
from .measuring import Stat
from .measuring import fmt_value as _fmt
from .run import ROOT, say
from .scale import SIZES
from .table import machine, verdict
from .udf_cost_book import Book
from .udf_cost_formula import column_number
from .udf_cost_graph import EditCost, InputArea, Model, build_model

US_PER_CELL = (0.75, 2.7, 5.5)  # xlwings issue #397
SPECIAL = ("empty", "sample", "capacity")
SOURCES = ("xlplugin", "udfs", "workbook_templates")
SOURCE_SUFFIXES = {".py", ".toml", ".bas", ".cls", ".xml", ".md"}
TARGET_CELLS = {"sample": 10_000, "large": 100_000}
TARGET_PYTHON = {"sample": 0.030, "large": 0.150}
TARGET_FIRST_CALL = 1.5


@dataclass
class SizeRun:
    size: str
    shape: str
    build: str
    model: Model
    python: dict[tuple, object] = field(default_factory=dict)  # formulas -> PythonSide
    first: object = None  # FirstCall
    cleaning: str = ""


# ---------------------------------------------------------------- workbooks
def workbook(size: str, folder: Path, reuse: bool) -> tuple[Path, str]:
    name = "empty" if size in ("empty", "capacity") else size
    path = workbook_path(name, folder)
    if reuse and path.exists() and not stale(path):
        return path, "(reused)"
    from xlplugin.template.build import build_template

    say(f"{size}: building {path}")
    start = time.perf_counter()
    if name == "empty":
        build_template(None, path)
    elif name == "sample":
        from xlplugin.sample import sample_dokumen

        build_template(sample_dokumen(), path)
    else:
        generate(name, folder)
    return path, f"{time.perf_counter() - start:.1f} s"


def stale(path: Path) -> bool:
    """A workbook older than the template's sources: built with another contract."""
    built = path.stat().st_mtime
    return any(p.stat().st_mtime > built for d in SOURCES for p in (ROOT / d).rglob("*")
               if p.suffix in SOURCE_SUFFIXES and p.is_file())


# ---------------------------------------------------------------- the workbook's contract
def udf_contract(book: Book) -> tuple[frozenset[str], str, frozenset[str]]:
    """UDF names (upper case), the Python module they call, the volatile ones."""
    from xlplugin.layout import udf as contract
    from xlplugin.template.sheets.config import UDF_MODULE

    vba = book.vba_udfs()
    names = set(vba.names)
    names |= {n.upper() for n in getattr(contract, "STATUS_UDF", {}).values()}
    total = getattr(contract, "TOTAL_UDF", None)
    if isinstance(total, str):
        names.add(total.upper())
    return frozenset(names), (vba.modules or (UDF_MODULE,))[0], vba.volatile


def input_areas(book: Book, layout) -> list[InputArea]:
    """Profil's value cells and the input columns of every input table, over the rows
    of the workbook's Excel table (it follows a grown table)."""
    form = layout.profil
    col = column_number(form.value_column)
    rows = [f.row for f in form.fields if book.formula_at(form.sheet, f.row, col) is None]
    areas = [InputArea("Profil", form.sheet, _intervals(rows), (col,))]
    for key, t in layout.tables.items():
        found = book.tables.get(t.name.upper())
        first, last = ((found.r1 + found.header_rows, found.r2 - found.totals_rows) if found
                       else (t.first_row, t.last_row))
        cols = tuple(c.index for c in t.columns if c.is_input)
        areas.append(InputArea(key, t.sheet, ((first, last),), cols))
    return areas


def _intervals(rows) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for r in sorted(rows):
        if out and r == out[-1][1] + 1:
            out[-1][1] = r
        else:
            out.append([r, r])
    return tuple((a, b) for a, b in out)


def filled_rows(book: Book, area: InputArea) -> int:
    (first, last), = area.rows
    return sum(1 for row in range(first, last + 1)
               if any(book.value(area.sheet, row, c) is not None for c in area.cols))


# ---------------------------------------------------------------- one size
def measure_size(size: str, args) -> SizeRun:
    from xlplugin.layout import load_layout

    path, build = workbook(size, args.workbooks, args.reuse)
    say(f"{size}: reading the formulas of {path.name}")
    book = Book.read(path)
    names, module_name, volatile = udf_contract(book)
    areas = input_areas(book, load_layout())
    model = build_model(book, names, areas, index_at_end=size == "capacity",
                        volatile_udfs=volatile)
    if size == "capacity":
        shape = "every table full"
    elif size == "empty":
        shape = "empty template"
    else:
        by = {a.label: a for a in areas}
        shape = " / ".join(f"{filled_rows(book, by[k]):,} {k if k == 'RAB' else k.lower()}"
                           for k in ("RAB", "Peserta") if k in by)
    result = SizeRun(size, shape, build, model)
    if size != "capacity" and not args.no_python and model.formulas:
        _python(result, module_name, args)
    return result


def _python(result: SizeRun, module_name: str, args) -> None:
    from .udf_cost_python import (
        decorated_module,
        first_call,
        prepare,
        python_side,
        windows_engine_impl,
    )

    impl, result.cleaning = windows_engine_impl()
    module = decorated_module(module_name)
    model = result.model
    for edit in sorted(model.edits, key=lambda e: -e.cells):
        if edit.formulas and edit.cell not in result.python:
            say(f"{result.size}: Python side of an edit in {edit.area.label} "
                 f"({edit.calls} UDF calls)")
            prepared = prepare(model, model.calls_of(edit), module)
            result.python[edit.cell] = python_side(prepared, module, impl, args.repeat,
                                                   cell=_cell(edit.cell))
    if not args.no_first_call:
        say(f"{result.size}: first call after opening (fresh interpreter)")
        prepared = prepare(model, model.calls[:1], module)
        result.first = first_call(module_name, prepared[0], impl, args.repeat)


# ---------------------------------------------------------------- the table
def frozen(cells: int) -> str:
    return " / ".join(_fmt(cells * us * 1e-6, "s") for us in US_PER_CELL)


def _cells_range(model: Model) -> str:
    sizes = sorted({c.cells for c in model.calls})
    if not sizes:
        return "-"
    return f"{sizes[0]:,}" if len(sizes) == 1 else f"{sizes[0]:,}-{sizes[-1]:,}"


def _cell(ref: str) -> tuple[str, int, int]:
    """"'RAB'!M6" -> ("RAB", 6, 13)."""
    sheet, _, a1 = ref.rpartition("!")
    letters = a1.rstrip("0123456789")
    return sheet.strip("'").replace("''", "'"), int(a1[len(letters):]), column_number(letters)


def slowest(run: SizeRun) -> EditCost | None:
    """The edit whose Python side takes longest (median)."""
    timed = [e for e in run.model.edits if e.cell in run.python]
    return max(timed, key=lambda e: run.python[e.cell].total.median, default=None)


def _edit_cell(run: SizeRun, edit: EditCost) -> str:
    side = run.python.get(edit.cell)
    text = f"{edit.calls} / {edit.cells:,}"
    return text + (f" / {_fmt(side.total.median, 's')}" if side else "")


def table(runs: list[SizeRun]) -> str:
    head = ["one edit"] + [f"{r.size} ({r.shape})" for r in runs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def add(label: str, cells: list[str]) -> None:
        lines.append("| " + " | ".join([label, *cells]) + " |")

    add("formulas calling Python / UDF calls in them",
        [f"{len(r.model.formulas)} / {len(r.model.calls)}" for r in runs])
    add("cells one call passes (min-max)", [_cells_range(r.model) for r in runs])
    worst = [r.model.worst for r in runs]
    add("**worst one-cell edit: cells through COM**",
        [f"**{w.cells:,}**" if w else "-" for w in worst])
    add("worst edit: the cell, UDF calls it dirties",
        [f"{w.cell} ({w.area.label}), {w.calls} calls" if w else "-" for w in worst])
    add("frozen Excel at 0.75 / 2.7 / 5.5 µs per cell (xlwings #397)",
        [frozen(w.cells) if w else "-" for w in worst])
    slow = [slowest(r) for r in runs]
    sides = [r.python[s.cell] if s else None for r, s in zip(runs, slow)]
    add("slowest edit for Python: the cell",
        [f"{s.cell} ({s.area.label})" if s else "-" for s in slow])
    for label, part in (("Python side: xlwings argument conversion (`conversion.read`)",
                         "convert"),
                        ("Python side: the UDF functions (after a one-cell edit)", "bodies"),
                        ("Python side: xlwings result conversion (`conversion.write`)",
                         "write"),
                        ("**Python side of the slowest edit, total**", "total")):
        add(label, [getattr(s, part).show() if s else "-" for s in sides])
    add("Python side of the slowest edit, CPU time (user+sys; load-robust)",
        [Stat(s.total.cpu).show() if s else "-" for s in sides])
    for i, area in enumerate(runs[0].model.edits):
        add(f"edit in {area.area.label}: calls / cells / Python",
            [_edit_cell(r, r.model.edits[i]) for r in runs])
    firsts = [r.first for r in runs]
    if any(firsts):
        for label, part in (("first call after opening: `import xlwings`", "xlwings"),
                            ("first call: import the UDF module", "module"),
                            ("first call: the call (imports inside, one engine run)", "call"),
                            ("**first call: xlwings + module import + call**", "total"),
                            ("first call: whole child process (interpreter start too)",
                             "process")):
            add(label, [getattr(f, part).show() if f else "-" for f in firsts])
        add("first call: xlwings + module import + call, CPU time",
            [Stat(f.total.cpu).show() if f else "-" for f in firsts])
    return "\n".join(lines)


def targets(runs: list[SizeRun]) -> str:
    lines = ["| target (issue 13) | measured | result |", "|---|---|---|"]
    by = {r.size: r for r in runs}
    for size, limit in TARGET_CELLS.items():
        w = by[size].model.worst if size in by else None
        if w is not None:
            outcome = ("pass" if w.cells <= limit else
                       f"**miss**, {w.cells / limit:,.0f} x the limit")
            lines.append(f"| worst edit <= {limit:,} cells through COM at {size} | "
                         f"{w.cells:,} | {outcome} |")
    for size, limit in TARGET_PYTHON.items():
        r = by.get(size)
        slow = slowest(r) if r else None
        side = r.python[slow.cell] if slow else None
        if side is not None:
            for what, stat in (("", side.total), (", CPU time", Stat(side.total.cpu))):
                lines.append(f"| Python side of the slowest one-cell edit <= {_fmt(limit, 's')} "
                             f"at {size}{what} "
                             f"| {stat.show()} | {verdict(stat.median, limit, False, '', 's')} |")
    for r in runs:
        if r.first is not None:
            for what, stat in (("", r.first.total), (", CPU time", Stat(r.first.total.cpu))):
                lines.append(f"| first UDF call after opening <= {TARGET_FIRST_CALL} s "
                             f"({r.size}{what}) | {stat.show()} | "
                             f"{verdict(stat.median, TARGET_FIRST_CALL, False, '', 's')} |")
    return "\n".join(lines)


def notes(runs: list[SizeRun], command: str, seconds: float) -> str:
    calls = next((r.model.calls for r in runs if r.model.calls), [])
    cleaning = next((r.cleaning for r in runs if r.cleaning), "")
    unknown = sorted({n for r in runs for n in r.model.unknown_names})
    out = [
        f"Command: `{command}` (took {seconds:.0f} s; workbooks: "
        + ", ".join(f"{r.size} {r.build}" for r in runs) + f"). Machine: {machine()}.",
        "",
        ("Cells through COM: every argument of every UDF call the edit makes Excel run "
         "again (a Range argument counts all its cells: xlwings reads its whole `.Value`). "
         "Medians of `--repeat` runs, min-max in brackets. The Python side converts values "
         "shaped as COM delivers them (tuples of rows, None, float, datetime) with xlwings' "
         f"own pipeline; the Windows-only cleaning is run from {cleaning or '_xlwindows.py'}. "
         "The first call is measured in a fresh interpreter with the arguments already "
         "converted; on Windows xlwings is already imported by the COM server, and here "
         "`import xlwings` also imports numpy and pandas when they are installed."),
    ]
    if calls:
        out.append("")
        out.append("UDF calls (first size): " + "; ".join(
            f"{c.name} in {c.target} passes {c.cells:,}" for c in calls[:8])
            + (f"; ... {len(calls) - 8} more" if len(calls) > 8 else "") + ".")
    if unknown:
        out.append(f"Names the formulas use that the workbook does not define: {unknown}.")
    return "\n".join(out)


# ---------------------------------------------------------------- entry
def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bench.udf_cost", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["sample", "large", "capacity"],
                        choices=[*SPECIAL, *SIZES])
    parser.add_argument("--workbooks", type=Path, default=DEFAULT_OUT,
                        help="where the built workbooks are kept (default build/bench)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse built workbooks (rebuilt when the template's sources "
                             "are newer)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure")
    parser.add_argument("--no-python", action="store_true",
                        help="cells only: no Python side, no first call")
    parser.add_argument("--no-first-call", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    args.no_first_call |= args.no_python
    started = time.perf_counter()
    runs = [measure_size(size, args) for size in args.sizes]
    command = "python -m bench.udf_cost " + " ".join(argv)
    text = "\n\n".join([table(runs), targets(runs),
                        notes(runs, command.strip(), time.perf_counter() - started)])
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
