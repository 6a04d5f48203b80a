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

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..layout.model import Layout, column_index, column_letter
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
        sheet = "'" + self.sheet.replace("'", "''") + "'"
        terms = []
        for col in self.columns:
            letter = column_letter(col)
            r = f"{sheet}!${letter}${self.first_row}:${letter}${self.last_row}"
            terms.append(f'SUMPRODUCT(ISTEXT({r})*(LEN({r})*ROW({r})+_xlfn.UNICODE(RIGHT({r})&"_")))'
                         f"+ROUND(SUM({r}),4)")
        return "=IFERROR(" + "+".join(terms) + ",-1)"


def parts(layout: Layout) -> list[Part]:
    form = layout.profil
    out = [Part("Profil", form.sheet, (column_index(form.value_column),),
                form.fields[0].row, form.fields[-1].row)]
    for key, table in layout.tables.items():
        cols = tuple(c.index for c in table.columns if c.is_input)
        out.append(Part(key, table.sheet, cols, table.first_row, table.last_row))
    return out


def compute(part: Part, grid: Grid | None) -> float:
    """What `part.formula()` gives in Excel for this grid (the template's own positions)."""
    if grid is None:
        return 0.0
    cols = [c - 1 for c in part.columns]
    text = [0] * len(cols)
    numbers = [0.0] * len(cols)
    for row, line in enumerate(grid.rows[part.first_row - 1:part.last_row], start=part.first_row):
        if line.count(None) == len(line):
            continue  # most capacity rows are empty
        width = len(line)
        for i, c in enumerate(cols):
            v = line[c] if c < width else None
            if v is None or isinstance(v, bool):
                continue
            if isinstance(v, str):
                if v in ERROR_TEXTS:
                    return -1.0
                units = v.encode("utf-16-le")
                text[i] += len(units) // 2 * row + int.from_bytes(units[-2:], "little")
            else:
                numbers[i] += _number(v)
    total = 0.0
    for t, n in zip(text, numbers, strict=True):  # left to right, as Excel adds the terms
        total += t
        total += round(n, 4)
    return total


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
