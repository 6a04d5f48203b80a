"""Render a Dokumen as the values xlwings hands a UDF: the template's whole ranges as
lists of rows, None for empty cells, floats for numbers, datetimes for dates, Ya/Tidak
for booleans (what the dropdown cells hold)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from xlplugin.domain.records import TABLE_ATTR, Dokumen
from xlplugin.layout import load_layout
from xlplugin.layout.udf import ARG_TABLES, LEGACY_TABLES


def cell(value: object) -> object:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (int, Decimal)):
        return float(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def table_range(key: str, records: list) -> list[list]:
    table = load_layout().tables[key]
    rows = [[None] * len(table.columns) for _ in range(table.capacity)]
    for rec in records:
        rows[rec.row - table.first_row] = [cell(getattr(rec, c.key)) for c in table.columns]
    return rows


def udf_args(doc: Dokumen, tables: tuple[str, ...] = LEGACY_TABLES) -> dict[str, object]:
    """Keyword arguments for a 0.1.0 status UDF: profil plus one range per table."""
    layout = load_layout()
    args: dict[str, object] = {
        "profil": [cell(getattr(doc.profil, f.key)) for f in layout.profil.fields]}
    from udfs.dak_udfs import TABLE_PARAMS

    for param, key in zip(TABLE_PARAMS, tables):
        args[param] = table_range(key, getattr(doc, TABLE_ATTR[key]))
    return args


def check_args(doc: Dokumen, codes: list[str] | None = None) -> dict[str, object]:
    """Keyword arguments for DAK_PERIKSA: the Rekap codes, profil and every table."""
    from xlplugin.rulepack import load_pack

    pack = load_pack()
    codes = codes if codes is not None else [
        c for m in pack.menu for c in (m, *pack.rincian_of_menu(m))]
    return {"kode": codes, **udf_args(doc, ARG_TABLES)}
