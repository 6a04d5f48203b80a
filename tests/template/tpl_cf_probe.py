"""Make the native conditional formats observable: flagged rows per rule.

Two independent evaluators read the same CF formulas: our small formula evaluator
(`flagged_rows`) and LibreOffice (`probe_workbook` copies each formula into spare
cells of its own sheet, one per row, so LibreOffice computes it on recalculation).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter

from xlplugin.formula import Evaluator, Range, grid_of, names_of, parse
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack
from xlplugin.template.conditional import native_rules

PROBE_FIRST_COLUMN = 200  # far right of every table
PROBE_ROWS = 400  # rows probed per table (the test workbooks fill fewer)


def probe_rows(layout, native) -> list[int]:
    if native.target == "Profil":
        return [layout.profil.field(native.fields[0]).row]
    t = layout.tables[native.target]
    return list(range(t.first_row, min(t.last_row, t.first_row + PROBE_ROWS - 1) + 1))


def sheet_of(layout, native) -> str:
    return layout.profil.sheet if native.target == "Profil" else layout.tables[
        native.target].sheet


def probe_cells(layout=None, pack=None) -> list[tuple[object, str, str]]:
    """(native rule, sheet, spare column letter) in a fixed order."""
    layout, pack = layout or load_layout(), pack or load_pack()
    used: dict[str, int] = {}
    out = []
    for native in native_rules(layout, pack):
        sheet = sheet_of(layout, native)
        index = used.get(sheet, PROBE_FIRST_COLUMN)
        used[sheet] = index + 1
        out.append((native, sheet, get_column_letter(index)))
    return out


def probe_workbook(src: Path, out: Path) -> Path:
    layout = load_layout()
    wb = openpyxl.load_workbook(src)
    for native, sheet, letter in probe_cells(layout):
        ws = wb[sheet]
        ws.protection.sheet = False
        rows = probe_rows(layout, native)
        origin = f"{letter}{rows[0]}"
        for row in rows:
            formula = Translator("=" + native.formula, origin=origin).translate_formula(
                f"{letter}{row}")
            ws[f"{letter}{row}"] = f"=IF({formula[1:]},1,0)"
    wb.save(out)
    return out


def lo_flagged(lo_file: Path) -> dict[tuple[str, str], set[int]]:
    """(rule, sheet) -> rows LibreOffice computed as flagged."""
    layout = load_layout()
    wb = openpyxl.load_workbook(lo_file, data_only=True)
    out: dict[tuple[str, str], set[int]] = {}
    for native, sheet, letter in probe_cells(layout):
        rows = {r for r in probe_rows(layout, native) if wb[sheet][f"{letter}{r}"].value == 1}
        out.setdefault((native.rule_id, sheet), set()).update(rows)
    return out


def flagged_rows(path: Path) -> dict[tuple[str, str], set[int]]:
    """(rule, sheet) -> rows whose CF formula our evaluator finds TRUE."""
    layout, pack = load_layout(), load_pack()
    wb = openpyxl.load_workbook(path)
    ev = Evaluator(grid_of(wb), names_of(wb))
    out: dict[tuple[str, str], set[int]] = {}
    for native in native_rules(layout, pack):
        sheet, rows = sheet_of(layout, native), probe_rows(layout, native)
        node = parse(native.formula, rows[0])  # written for the range's first row
        hits = {row for row in rows if _scalar(ev, ev.eval(node, sheet, row), row) is True}
        out.setdefault((native.rule_id, sheet), set()).update(hits)
    return out


def _scalar(ev, value, row):
    return value.scalar(ev, row) if isinstance(value, Range) else value
