"""A fingerprint of the checked inputs that Python and a native Excel formula agree on.

Temuan stores the fingerprint computed at check time next to a live formula over
the same input cells; when they differ, the sheet says its findings are stale,
without Python running. One number per part (the Profil form and each input table),
summed over that part's input columns:

    SUMPRODUCT(ISTEXT(c)*(LEN(c)*ROW(c)+UNICODE(RIGHT(c)&"_"))) + ROUND(SUM(c),4)

i.e. text lengths weighted by row plus the code of each text's last character, and
the plain sum of the numbers (dates count as their serial number). It notices added,
removed or edited rows and numbers; an edit that keeps a text's length and last
character (a middle digit of a NIK) goes unnoticed — it is an indicator, not a hash.
Input cells holding an Excel error give -1 on both sides. UNICODE is stored with its
file prefix `_xlfn.` (an Excel 2013 function: without it Excel and LibreOffice show
#NAME?); the live adapter drops the prefix when it types a formula through Excel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import compress, repeat
from operator import itemgetter, mul

from ..layout.model import Layout, Table, column_index, column_letter, quote_sheet
from .grid import Grid

EPOCH = datetime(1899, 12, 30)
TOLERANCE = 0.01
ERROR_TEXTS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"}


@dataclass(frozen=True)
class Part:
    key: str  # "Profil" or a table key
    sheet: str
    columns: tuple[int, ...]  # 1-based input columns
    first_row: int
    last_row: int

    def formula(self) -> str:
        sheet = quote_sheet(self.sheet)
        terms = []
        for col in self.columns:
            letter = column_letter(col)
            r = f"{sheet}!${letter}${self.first_row}:${letter}${self.last_row}"
            terms.append(f'SUMPRODUCT(ISTEXT({r})*(LEN({r})*ROW({r})+_xlfn.UNICODE(RIGHT({r})&"_")))'
                         f"+ROUND(SUM({r}),4)")
        return "=IFERROR(" + "+".join(terms) + ",-1)"


def profil_part(layout: Layout) -> Part:
    form = layout.profil
    return Part("Profil", form.sheet, (column_index(form.value_column),),
                form.fields[0].row, form.fields[-1].row)


def table_part(table: Table, last_row: int | None = None) -> Part:
    """A table's part; `last_row` past the capacity when the workbook's table grew."""
    cols = tuple(c.index for c in table.columns if c.is_input)
    return Part(table.key, table.sheet, cols, table.first_row,
                max(table.last_row, last_row or 0))


def parts(layout: Layout, last_rows: Mapping[str, int] | None = None) -> list[Part]:
    last_rows = last_rows or {}
    return [profil_part(layout)] + [table_part(t, last_rows.get(k))
                                    for k, t in layout.tables.items()]


def compute(part: Part, grid: Grid | None) -> float:
    """What `part.formula()` gives in Excel for this grid (the template's own positions).

    Column by column (each column's sum is its own term, added left to right as Excel
    adds them), skipping empty cells first: most capacity rows hold nothing."""
    if grid is None:
        return 0.0
    lines = grid.rows[part.first_row - 1:part.last_row]
    widest = max(part.columns)
    short = any(len(line) < widest for line in lines)
    total = 0.0
    for col in part.columns:
        if short:
            values = [line[col - 1] if col <= len(line) else None for line in lines]
        else:
            values = list(map(itemgetter(col - 1), lines))
        term = _column_term(values, part.first_row)
        if term is None:
            return -1.0
        text, numbers = term
        total += text
        total += round(numbers, 4)
    return total


def _column_term(values: list, first_row: int) -> tuple[int, float] | None:
    """(text term, number sum) of one column; None when a cell holds an Excel error.

    The common column holds only texts or only numbers (floats, as read): summed with
    list builtins. Anything else (dates, booleans, mixed) takes the cell-by-cell loop."""
    is_text = list(map(isinstance, values, repeat(str)))
    texts = list(compress(values, is_text))
    floats = list(compress(values, map(isinstance, values, repeat(float))))
    if len(texts) + len(floats) + values.count(None) != len(values) or "" in texts:
        return _column_term_cells(values, first_row)
    if not ERROR_TEXTS.isdisjoint(texts):
        return None
    rows = compress(range(first_row, first_row + len(values)), is_text)
    if "".join(texts).isascii():
        text = sum(map(mul, map(len, texts), rows)) + sum(map(ord, map(itemgetter(-1), texts)))
    else:
        text = sum(map(_utf16_term, texts, rows))
    return text, sum(floats, 0.0)  # left to right, as the cell loop adds


def _column_term_cells(values: list, first_row: int) -> tuple[int, float] | None:
    text, numbers = 0, 0.0
    for row, v in enumerate(values, start=first_row):
        if v is None:
            continue
        kind = type(v)
        if kind is float:
            numbers += v
        elif kind is str:
            if not v:
                continue
            if v[0] == "#" and v in ERROR_TEXTS:
                return None
            text += _utf16_term(v, row)
        elif kind is not bool:
            numbers += _number(v)
    return text, numbers


def _utf16_term(text: str, row: int) -> int:
    """LEN(c)*ROW(c)+UNICODE(RIGHT(c)) of a non-empty text: Excel counts UTF-16 units."""
    if text.isascii():
        return len(text) * row + ord(text[-1])
    units = text.encode("utf-16-le")
    return len(units) // 2 * row + int.from_bytes(units[-2:], "little")


def _number(v: object) -> float:
    if isinstance(v, datetime):
        return (v - EPOCH) / timedelta(days=1)
    if isinstance(v, date):
        return float((v - EPOCH.date()).days)
    if isinstance(v, time):
        return (v.hour * 3600 + v.minute * 60 + v.second) / 86400
    if isinstance(v, timedelta):
        return v / timedelta(days=1)
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0
