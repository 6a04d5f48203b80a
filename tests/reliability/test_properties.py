"""Property tests: coercion and the engine never raise on any cell content.

`coerce` promises to turn anything a reader hands over (calamine, openpyxl, xlwings:
None, bool, int, float incl. inf/nan, text, date, datetime, time, timedelta) into the
layout type or an `Invalid`. The engine, fed records bound from arbitrary raw rows
(the clean document with cells replaced by anything), must return findings, not raise.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlplugin.domain.coerce import EXCEL_ERRORS, coerce
from xlplugin.domain.records import TABLE_ATTR, field_names
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout
from xlplugin.layout.binding import bind_dokumen

LAYOUT = load_layout()
KINDS = ["text", "code", "enum", "nik", "int", "decimal", "money", "percent", "date", "bool"]
RESULT_TYPES = {
    "text": str, "code": str, "enum": str, "nik": str, "int": int, "decimal": Decimal,
    "money": int, "percent": Decimal, "date": date, "bool": bool,
}

texty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(sorted(EXCEL_ERRORS) + ["Ya", "Tidak", "1.500.000", "Rp 2.500.000,50",
                                            "17 Agustus 2023", "31/02/2023", "2023-08-17",
                                            "1e999", "-1e999", "NaN", "Infinity", "=1+1",
                                            "+cmd|'/C calc'!A0", "٣٢٠١", "00000000000000000"]),
    st.from_regex(r"-?\d{1,40}([.,]\d{1,30})?", fullmatch=True),
    st.from_regex(r"\d{1,2} [A-Za-z]{3,10}\.? \d{1,5}", fullmatch=True),
)
raw_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    texty, st.dates(), st.datetimes(), st.times(), st.timedeltas(),
)


@settings(max_examples=1500, deadline=None)
@given(value=raw_values, kind=st.sampled_from(KINDS))
def test_coerce_never_raises_and_returns_the_type_or_invalid(value, kind):
    out = coerce(value, kind)
    assert out is None or isinstance(out, (RESULT_TYPES[kind], Invalid)), (value, kind, out)
    if isinstance(out, Decimal):
        assert out.is_finite()


@settings(max_examples=300, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True) | st.integers(),
       kind=st.sampled_from(["money", "int", "decimal", "percent"]))
def test_numbers_of_any_size_coerce_to_a_value_or_invalid(value, kind):
    out = coerce(value, kind)
    if isinstance(value, float) and not math.isfinite(value):
        assert isinstance(out, Invalid)


# ---------------------------------------------------------------- the engine
def _raw(value):
    if isinstance(value, Invalid):
        return value.raw
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        return float(value)
    return value


def _clean_raw() -> tuple[dict, dict]:
    """The clean factory document as raw rows, the way a reader hands them over."""
    from factories import clean_dokumen

    doc = clean_dokumen()
    profil = {f.key: _raw(getattr(doc.profil, f.key)) for f in LAYOUT.profil.fields}
    tables = {}
    for key in LAYOUT.tables:
        rows = []
        for rec in getattr(doc, TABLE_ATTR[key]):
            rows.append((rec.row, {n: _raw(getattr(rec, n)) for n in field_names(type(rec))
                                   if n != "row"}))
        tables[key] = rows
    return profil, tables


CLEAN = _clean_raw()
TARGETS = [(key, c.key) for key, t in LAYOUT.tables.items() for c in t.columns
           if CLEAN[1][key]]
PROFIL_KEYS = [f.key for f in LAYOUT.profil.fields]

edits = st.lists(st.one_of(
    st.tuples(st.just("profil"), st.sampled_from(PROFIL_KEYS), raw_values),
    st.tuples(st.sampled_from(TARGETS), st.integers(0, 5), raw_values),
), min_size=1, max_size=12)


def _apply(edit_list):
    profil = dict(CLEAN[0])
    tables = {k: [(r, dict(v)) for r, v in rows] for k, rows in CLEAN[1].items()}
    for edit in edit_list:
        if edit[0] == "profil":
            profil[edit[1]] = edit[2]
            continue
        (key, field), index, value = edit
        rows = tables[key]
        rows[index % len(rows)][1][field] = value
    return profil, tables


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_list=edits)
def test_engine_validate_never_raises_on_any_record_content(edit_list):
    from xlplugin.engine import validate

    profil, tables = _apply(edit_list)
    doc = bind_dokumen(LAYOUT, profil, tables)
    findings = validate(doc, layout=LAYOUT)
    assert all(f.rule and f.sheet and f.message for f in findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_list=edits, extra=st.lists(st.tuples(st.integers(1, 40), st.integers(1, 45),
                                                  raw_values), max_size=20))
def test_reader_over_any_grid_never_raises(edit_list, extra):
    """Header cells and table cells replaced by anything: read problems, not exceptions."""
    from xlplugin.engine import validate
    from xlplugin.io.grid import Grid
    from xlplugin.io.reader import read_workbook

    profil, tables = _apply(edit_list)
    grids = {}
    form = LAYOUT.profil
    rows = [[None] * 4 for _ in range(max(f.row for f in form.fields))]
    for f in form.fields:
        rows[f.row - 1][1], rows[f.row - 1][2] = f.label, profil.get(f.key)
    grids[form.sheet] = rows
    for key, t in LAYOUT.tables.items():
        height = max([t.header_row] + [r for r, _ in tables[key]])
        grid = [[None] * (len(t.columns) + 1) for _ in range(height)]
        grid[t.header_row - 1][: len(t.columns)] = [c.header for c in t.columns]
        for r, values in tables[key]:
            grid[r - 1][: len(t.columns)] = [values.get(c.key) for c in t.columns]
        grids[t.sheet] = grid
    for r, c, value in extra:  # noise anywhere, headers included
        sheet = sorted(grids)[(r + c) % len(grids)]
        grid = grids[sheet]
        while len(grid) < r:
            grid.append([])
        grid[r - 1].extend([None] * (c - len(grid[r - 1])))
        grid[r - 1][c - 1] = value

    class Source:
        def sheet_names(self):
            return list(grids)

        def grid(self, sheet):
            return Grid(grids[sheet])

    read = read_workbook(Source(), LAYOUT)
    validate(read.doc, layout=LAYOUT)
    assert all(p.sheet and p.message for p in read.problems)


def test_time_and_duration_cells_are_invalid_dates_not_errors():
    assert isinstance(coerce(time(10, 30), "date"), Invalid)
    assert isinstance(coerce(timedelta(hours=3), "money"), Invalid)
    assert coerce(datetime(2023, 8, 17, 10), "date") == date(2023, 8, 17)
