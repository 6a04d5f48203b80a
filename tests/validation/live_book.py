"""What Excel shows in every status cell while Python answers, computed from a workbook
file as Excel would compute it: the live block's `DAK_PERIKSA` call with the arguments
its names resolve to (INDEX bounds from the file's cached row counts, values shaped as
COM delivers them, converted by xlwings' own `conversion.read`), then each status
cell's INDEX into the result column from its table's start. Built on the benchmark's model of the
workbook (`bench.udf_cost_*`), which resolves names, ranges and INDEX on its own.
"""

from __future__ import annotations

from pathlib import Path

from bench.udf_cost_book import Book
from bench.udf_cost_eval import Host
from bench.udf_cost_formula import Func, parse, walk
from bench.udf_cost_python import decorated_module, excel_engine, windows_engine_impl
from bench.udf_cost_refs import Resolver
from xlplugin.layout import load_layout
from xlplugin.layout.udf import ARG_TABLES, CHECK_UDF, LIVE_SHEET, status_tables

LAYOUT = load_layout()
_MODULE = None


def _module():
    global _MODULE
    if _MODULE is None:
        _MODULE = decorated_module("udfs.dak_udfs")
    return _MODULE


def live_result(path: Path) -> tuple[list[list], list[int]]:
    """The result block DAK_PERIKSA returns for the workbook, and the cells each
    argument passed through COM."""
    from xlwings import conversion

    book = Book.read(path)
    anchor = next(f for f in book.formulas[LIVE_SHEET] if CHECK_UDF in f.text)
    call = next(n for n in walk(parse(anchor.text))
                if isinstance(n, Func) and n.name == CHECK_UDF)
    resolver, host = Resolver(book), Host(LIVE_SHEET, anchor.row, anchor.col)
    module = _module()
    fn = getattr(module, CHECK_UDF)
    options = [a["options"] for a in fn.__xlfunc__["args"]]
    values, cells = [], []
    for arg in call.args:
        (area,) = resolver.areas(arg, host)
        values.append(book.values(area.sheet, area.r1, area.c1, area.r2, area.c2))
        cells.append((area.r2 - area.r1 + 1) * (area.c2 - area.c1 + 1))
    with excel_engine(windows_engine_impl()[0]):
        module._analyse.cache_clear()
        args = [conversion.read(None, v, o) for v, o in zip(values, options)]
        return fn(*args), cells


def split(result: list[list], passed: dict[str, int]) -> tuple[dict[str, list], list]:
    """The result column cut as the start cells cut it: each status table's statuses
    (as many as its rows passed, one at least), then the totals."""
    values = [row[0] for row in result]
    out, start = {}, 0
    for key in status_tables(LAYOUT):
        n = max(1, passed[key])
        out[key], start = values[start:start + n], start + n
    return out, values[start:]


def live_statuses(path: Path) -> dict[tuple[str, int], str]:
    """(table, worksheet row) -> the text its status cell shows, for every capacity row
    (a row past its table's passed rows shows "")."""
    result, cells = live_result(path)
    widths = [len(LAYOUT.tables[k].columns) for k in ARG_TABLES]
    passed = {k: c // w for k, c, w in zip(ARG_TABLES, cells[2:], widths)}
    statuses, _ = split(result, passed)
    shown = {}
    for key, texts in statuses.items():
        table = LAYOUT.tables[key]
        for row in range(table.first_row, table.last_row + 1):
            i = row - table.header_row - 1
            shown[(key, row)] = texts[i] if i < len(texts) else ""
    return shown


__all__ = ["live_result", "live_statuses", "split"]
