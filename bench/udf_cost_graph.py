"""Which UDF calls a one-cell edit makes Excel run, and how many cells they pass.

Every formula of the workbook is read once. Formulas copied down a column (the same
text once relative row numbers are taken as offsets) form one `Run`, so the
precedent graph has a few dozen nodes instead of ~10,000 cells. A formula calling a
Python UDF (`UdfFormula`) is recalculated when any cell it depends on changes, directly
or through ordinary formulas, defined names and INDEX bounds (`closure`); all its UDF
calls then run again and pass their arguments through COM. `edit_costs` finds, for
each input area (Profil and every input table), the cell whose edit moves the most
cells, by a sweep over row intervals per column.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .udf_cost_book import Book, FormulaCell
from .udf_cost_eval import EvalError, Host
from .udf_cost_formula import (
    MAX_ROW,
    FormulaError,
    Func,
    Ref,
    column_letters,
    parse,
    parse_area,
    walk,
)
from .udf_cost_refs import Deps, Resolver

_RELATIVE_ROW = re.compile(r"(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3})([0-9]+)(?![0-9A-Za-z_(!])")

Rect = tuple  # (sheet, r1, c1, r2, c2)


@dataclass
class Run:
    sheet: str
    c1: int
    c2: int
    r1: int
    r2: int
    rep_row: int  # the row whose formula was read; relative rows shift from here
    refs: tuple[Ref, ...]
    volatile: bool
    array: bool  # one formula for every cell of the area: its references do not move

    def refs_for(self, a: int, b: int) -> list[Ref]:
        """The areas read by the run's cells in rows a..b."""
        if self.array:
            return list(self.refs)
        out = []
        for ref in self.refs:
            ends = []
            for r in (a, b):
                shift = r - self.rep_row
                ends += [ref.r1 + (0 if ref.r1abs else shift), ref.r2 + (0 if ref.r2abs else shift)]
            lo, hi = max(1, min(ends)), min(MAX_ROW, max(ends))
            out.append(Ref(ref.sheet, lo, ref.c1, hi, ref.c2))
        return out


@dataclass
class Call:
    name: str
    cell: FormulaCell
    args: tuple  # syntax trees of the arguments
    arg_cells: tuple[int, ...]  # cells (values) each argument passes through COM

    @property
    def cells(self) -> int:
        return sum(self.arg_cells)

    @property
    def target(self) -> str:
        where = self.cell.array or f"{column_letters(self.cell.col)}{self.cell.row}"
        return f"'{self.cell.sheet}'!{where}"

    @property
    def returned(self) -> int:
        return parse_area(self.cell.array).cells if self.cell.array else 1


@dataclass
class UdfFormula:
    cell: FormulaCell
    calls: list[Call]
    closure: frozenset[Rect]  # every area it depends on, transitively
    volatile: bool


@dataclass(frozen=True)
class InputArea:
    label: str  # "Profil", "RAB", ...
    sheet: str
    rows: tuple[tuple[int, int], ...]  # row intervals that hold input cells
    cols: tuple[int, ...]


@dataclass(frozen=True)
class EditCost:
    area: InputArea
    cell: str  # the worst cell of the area, e.g. 'RAB'!A6
    formulas: tuple[int, ...]  # indexes into Model.formulas
    calls: int
    cells: int


@dataclass
class Model:
    book: Book
    udf_names: frozenset[str]
    formulas: list[UdfFormula]
    edits: list[EditCost] = field(default_factory=list)
    unknown_names: set[str] = field(default_factory=set)  # used, never defined

    @property
    def calls(self) -> list[Call]:
        return [c for f in self.formulas for c in f.calls]

    @property
    def worst(self) -> EditCost | None:
        return max(self.edits, key=lambda e: e.cells, default=None)

    def calls_of(self, edit: EditCost) -> list[Call]:
        return [c for i in edit.formulas for c in self.formulas[i].calls]


# ---------------------------------------------------------------- building the model
def build_model(book: Book, udf_names: frozenset[str], areas: list[InputArea],
                index_at_end: bool = False, volatile_udfs: frozenset[str] = frozenset()
                ) -> Model:
    """The UDF formulas of `book`, their precedents, and the worst edit of each area.
    `index_at_end`: every computed INDEX bound at its range's end (tables full)."""
    resolver = Resolver(book, index_at_end)
    has_udf = None
    if udf_names:
        alternatives = "|".join(re.escape(n) for n in sorted(udf_names))
        has_udf = re.compile(rf"(?<![A-Za-z0-9_.])(?:_xludf\.)?({alternatives})\s*\(",
                             re.IGNORECASE)
    runs, udf_cells = _runs(book, resolver, has_udf)
    index = _RunIndex(runs)
    formulas = []
    for cell in udf_cells:
        tree, host = parse(cell.text), Host(cell.sheet, cell.row, cell.col)
        deps = resolver.precedents(tree, host)
        closure, volatile = index.closure(deps)
        calls = [Call(node.name, cell, node.args,
                      tuple(_passed(resolver, a, host) for a in node.args))
                 for node in walk(tree) if isinstance(node, Func) and node.name in udf_names]
        volatile |= any(c.name in volatile_udfs for c in calls)  # Application.Volatile
        formulas.append(UdfFormula(cell, calls, closure, volatile))
    model = Model(book, udf_names, formulas, unknown_names=resolver.unknown_names)
    model.edits = [edit_cost(model, area) for area in areas]
    return model


def _passed(resolver: Resolver, arg, host: Host) -> int:
    """Cells an argument hands over: its areas' cells for a reference (COM passes a
    Range and xlwings reads its whole .Value), else the values it evaluates to (one for
    a scalar; an error value or an unknown function counts one)."""
    areas = resolver.areas(arg, host)
    if areas is not None:
        return sum(a.cells for a in areas)
    try:
        value = resolver.evaluate(arg, host)
    except (EvalError, FormulaError):
        return 1
    return sum(len(row) for row in value) if isinstance(value, list) else 1


def _row_key(text: str, row: int) -> str:
    return _RELATIVE_ROW.sub(lambda m: f"{m.group(1)}[{int(m.group(2)) - row}]", text)


def _runs(book: Book, resolver: Resolver, has_udf) -> tuple[list[Run], list[FormulaCell]]:
    """Formula cells grouped into runs (consecutive rows of one column whose formulas
    differ only in relative rows); the cells calling a UDF, each on its own."""
    runs, udf_cells = [], []
    for sheet in book.sheets:
        pending: list[list[FormulaCell]] = []
        last_key = None
        for cell in sorted(book.formulas[sheet], key=lambda f: (f.col, f.row)):
            is_udf = has_udf is not None and has_udf.search(cell.text)
            if is_udf:
                udf_cells.append(cell)
            key = None if (cell.array or is_udf) else (cell.col, _row_key(cell.text, cell.row))
            prev = pending[-1][-1] if pending else None
            if key is not None and key == last_key and prev.row == cell.row - 1:
                pending[-1].append(cell)
            else:
                pending.append([cell])
            last_key = key
        for group in pending:
            runs.extend(_group_runs(group, resolver))
    return runs, sorted(udf_cells, key=lambda c: (book.sheets.index(c.sheet), c.row, c.col))


def _group_runs(group: list[FormulaCell], resolver: Resolver) -> list[Run]:
    first = group[0]
    deps = _deps(first, resolver)
    if first.array:
        area = parse_area(first.array)
        return [Run(first.sheet, area.c1, area.c2, area.r1, area.r2, first.row,
                    tuple(deps.refs), deps.volatile, True)]
    run = Run(first.sheet, first.col, first.col, first.row, group[-1].row, first.row,
              tuple(deps.refs), deps.volatile, False)
    if len(group) == 1:
        return [run]
    last = group[-1]
    check = _deps(last, resolver)
    expected = [(r.sheet, r.r1, r.c1, r.r2, r.c2) for r in run.refs_for(last.row, last.row)]
    if deps.moving or check.moving or expected != [
            (r.sheet, r.r1, r.c1, r.r2, r.c2) for r in check.refs]:
        return [r for cell in group for r in _group_runs([cell], resolver)]
    return [run]


def _deps(cell: FormulaCell, resolver: Resolver) -> Deps:
    return resolver.precedents(parse(cell.text), Host(cell.sheet, cell.row, cell.col))


class _RunIndex:
    """Runs by sheet and column, to find those an area overlaps."""

    def __init__(self, runs: list[Run]):
        self.by_col: dict[tuple[str, int], list[Run]] = defaultdict(list)
        for run in runs:
            for c in range(run.c1, run.c2 + 1):
                self.by_col[(run.sheet, c)].append(run)
        self.cols: dict[str, list[int]] = defaultdict(list)
        for (sheet, c), col_runs in self.by_col.items():
            col_runs.sort(key=lambda r: r.r1)
            self.cols[sheet].append(c)
        for cols in self.cols.values():
            cols.sort()
        self.ends = {k: [r.r2 for r in v] for k, v in self.by_col.items()}

    def overlapping(self, ref: Ref):
        cols = self.cols.get(ref.sheet, [])
        for c in cols[bisect.bisect_left(cols, ref.c1):bisect.bisect_right(cols, ref.c2)]:
            col_runs, ends = self.by_col[(ref.sheet, c)], self.ends[(ref.sheet, c)]
            for run in col_runs[bisect.bisect_left(ends, ref.r1):]:
                if run.r1 > ref.r2:
                    break
                yield run

    def closure(self, deps: Deps) -> tuple[frozenset[Rect], bool]:
        volatile, done = deps.volatile, defaultdict(list)
        todo, out = list(deps.refs), set()
        while todo:
            ref = todo.pop()
            rect = (ref.sheet, ref.r1, ref.c1, ref.r2, ref.c2)
            if rect in out:
                continue
            out.add(rect)
            for run in self.overlapping(ref):
                a, b = (run.r1, run.r2) if run.array else (max(ref.r1, run.r1),
                                                          min(ref.r2, run.r2))
                if any(x <= a and b <= y for x, y in done[id(run)]):
                    continue
                done[id(run)].append((a, b))
                volatile |= run.volatile
                todo.extend(run.refs_for(a, b))
        return frozenset(out), volatile


# ---------------------------------------------------------------- the edit sweep
def edit_cost(model: Model, area: InputArea) -> EditCost:
    """The cell of `area` whose edit dirties the UDF calls passing the most cells."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(model.formulas):
        groups[(f.closure, f.volatile)].append(i)
    best = (-1, 0, area.rows[0][0], area.cols[0], ())
    top, bottom = area.rows[0][0], area.rows[-1][1]
    for col in area.cols:
        events = []
        for (closure, volatile), members in groups.items():
            weight = (sum(c.cells for i in members for c in model.formulas[i].calls),
                      sum(len(model.formulas[i].calls) for i in members))
            spans = [(top, bottom)] if volatile else _merge(
                (max(r1, top), min(r2, bottom)) for sheet, r1, c1, r2, c2 in closure
                if sheet == area.sheet and c1 <= col <= c2 and r1 <= bottom and r2 >= top)
            for lo, hi in spans:
                events += [(lo, 1, weight, tuple(members)), (hi + 1, -1, weight, tuple(members))]
        best = max(best, _sweep(events, area, col), key=lambda b: (b[0], -b[2]))
    cells, calls, row, col, members = best
    return EditCost(area, f"'{area.sheet}'!{column_letters(col)}{row}", tuple(sorted(members)),
                    calls, max(cells, 0))


def _merge(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for lo, hi in sorted(s for s in spans if s[0] <= s[1]):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _sweep(events: list, area: InputArea, col: int) -> tuple:
    """(cells, calls, row, col, formulas) at the costliest input row of one column."""
    bounds = sorted({area.rows[0][0], area.rows[-1][1] + 1} | {e[0] for e in events})
    by_row = defaultdict(list)
    for e in events:
        by_row[e[0]].append(e)
    active: dict[tuple, int] = defaultdict(int)
    best = (-1, 0, area.rows[0][0], col, ())
    cells = calls = 0
    for start, end in itertools.pairwise(bounds):
        for _, sign, (w_cells, w_calls), members in by_row.get(start, ()):
            cells, calls = cells + sign * w_cells, calls + sign * w_calls
            active[members] += sign
        row = _first_input_row(area, start, end - 1)
        if row is not None and cells > best[0]:
            best = (cells, calls, row, col, tuple(i for m, n in active.items() if n for i in m))
    return best


def _first_input_row(area: InputArea, lo: int, hi: int) -> int | None:
    for a, b in area.rows:
        if a <= hi and b >= lo:
            return max(a, lo)
    return None

