"""BACA-*: what the reader met before any rule could run, as findings (RULES.md section 7).

The reader (`io.reader`) reports what does not match the template as `ReadProblem`s
(GALAT: that part was not read and counts as empty; CATATAN: read with an assumption
to confirm). `read_findings` is the one place they become findings, with their rule ID,
severity and clause from the pack, so the Temuan sheet, the CLI and its JSON count them
like any other. The workbook's template version (BACA-VERSI) is checked here too: the
validation passes what the workbook states.

A problem names no rule itself; `problem_kind` places it by what it points at:
- no cell, not read (GALAT): a missing sheet -> BACA-SHEET;
- no cell, on a sheet under another spelling than the template's: a sheet read under
  that name -> BACA-SHEET `nama` (a renamed sheet whose columns are also reordered
  has two such notes; both land here);
- a cell below the table's rows: input outside the table, not read -> BACA-SHEET
  `luar_tabel`;
- anything else (a header cell, a column order, a Profil label) -> BACA-KOLOM:
  not found (GALAT) or read elsewhere / by assumption (CATATAN: `pindah`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.finding import Finding
from ..domain.kode import code_key
from ..domain.records import Dokumen
from ..io.errors import GALAT
from ..io.headers import SCAN_ROWS
from ..layout import load_layout
from ..layout.model import Layout
from ..rulepack import RulePack, RulePackError, load_pack
from .context import Context
from .validate import run_scope


class _Unread:
    """The workbook's version was not looked at (a live workbook whose properties the
    platform does not expose): BACA-VERSI then says nothing."""

    def __repr__(self) -> str:
        return "UNREAD"


UNREAD = _Unread()


@dataclass(frozen=True)
class Bacaan:
    """What the read checks see: the reader's problems and the stated template version
    (None: the workbook states none; UNREAD: not looked at)."""

    problems: tuple = ()
    versi: str | None | _Unread = UNREAD


def read_findings(problems: Iterable = (), *, versi: str | None | _Unread = UNREAD,
                  pack: RulePack | None = None, layout: Layout | None = None) -> list[Finding]:
    """One finding per read problem (BACA-SHEET's, then BACA-KOLOM's, each in the reader's
    order), then BACA-VERSI's if the stated version calls for one."""
    pack, layout = pack or load_pack(), layout or load_layout()
    ctx = Context(Dokumen(), pack, layout, Bacaan(tuple(problems), versi))
    return run_scope(ctx, "baca")


def read_finding(problem, pack: RulePack | None = None,
                 layout: Layout | None = None) -> Finding:
    """The finding of one read problem."""
    found = read_findings([problem], pack=pack, layout=layout)
    if len(found) != 1:
        raise RulePackError("paket aturan tidak memuat aturan BACA-SHEET dan BACA-KOLOM")
    return found[0]


def problem_kind(problem, layout: Layout) -> tuple[str, str | None]:
    """(check name, variant) of a read problem: see the module docstring."""
    declared = {layout.profil.sheet, *(t.sheet for t in layout.tables.values())}
    if problem.cell is None:
        if problem.level == GALAT:
            return "baca_sheet", None
        if problem.sheet not in declared:
            return "baca_sheet", "nama"
        return "baca_kolom", "pindah"
    table = _table_of(problem.sheet, layout)
    if table is not None and _row(problem.cell) > max(table.capacity,
                                                      table.header_row + SCAN_ROWS):
        # The reader seeks a header no further than SCAN_ROWS below the template's and
        # reads `capacity` rows under it (its header is at row 1 at least): a problem
        # that deep is input below the table, not a header cell.
        return "baca_sheet", "luar_tabel"
    return "baca_kolom", None if problem.level == GALAT else "pindah"


def finding_of(ctx: Context, rule, problem, variant: str | None) -> Finding:
    """The finding of `problem` under `rule`, where the reader saw it; {pesan} is the
    reader's own description (which sheet, which cell, what it assumed)."""
    return ctx.finding_at(rule, (problem.sheet, _row(problem.cell) or None, problem.cell),
                          variant=variant, pesan=problem.message)


def _table_of(sheet: str, layout: Layout):
    for table in layout.tables.values():
        if code_key(table.sheet) == code_key(sheet):
            return table
    return None


def _row(cell: str | None) -> int:
    match = re.fullmatch(r"[A-Z]+(\d+)", cell or "")
    return int(match[1]) if match else 0


def with_read_findings(findings: Iterable, problems: Iterable) -> list[Finding]:
    """The findings with the read problems as their BACA-* findings, sorted: what the CLI's
    JSON, counts and exit code and the rekap's counts all take."""
    return sorted([read_finding(p) for p in problems] + list(findings), key=Finding.sort_key)
