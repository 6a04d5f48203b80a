"""The template's one live call, `DAK_PERIKSA`, measured with the arguments xlwings would
pass it (values read with calamine, each table down to its last filled row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .measuring import Stat, timed


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
