"""Annex cells styled once per kind of cell and line, then copied: every cell still has
its own look, and a text kept as text (quote prefix) marks only its own cell."""

from __future__ import annotations

from openpyxl import Workbook

from xlplugin.reports.lampiran import Col, LampiranTable, Row
from xlplugin.reports.sheet import MONEY, Kop, render_annex


def test_copied_styles_keep_each_cells_format_and_quote_prefix_stays_on_its_cell():
    table = LampiranTable(1, (Col("Uraian", "text", 20), Col("Jumlah (Rp)", "money", 14)), [
        Row(("=HYPERLINK(1)", 1000)), Row(("biasa", 2000)), Row(("JUMLAH", 3000), "total")])
    ws = Workbook().active
    place = render_annex(ws, table, Kop(["UJI"], []))
    first, plain, total = (ws.cell(row=place.first_row + i, column=1) for i in range(3))
    assert first.quotePrefix and not plain.quotePrefix and not total.quotePrefix
    assert first.data_type == plain.data_type == "s"
    money = [ws.cell(row=place.first_row + i, column=2) for i in range(3)]
    assert [c.number_format for c in money] == [MONEY] * 3
    assert [c.font.b for c in money] == [False, False, True]
    assert total.fill.fgColor.rgb.endswith("D9E1F2") and plain.fill.fill_type is None
    assert money[0].alignment.horizontal == "right" and plain.alignment.wrap_text


def test_a_whole_quantity_gets_an_integer_format_so_excel_prints_no_trailing_separator():
    from decimal import Decimal

    table = LampiranTable(1, (Col("Volume", "decimal", 8),),
                          [Row((Decimal(24),)), Row((Decimal("2.5"),))])
    ws = Workbook().active
    place = render_annex(ws, table, Kop(["UJI"], []))
    whole, part = (ws.cell(row=place.first_row + i, column=1) for i in range(2))
    assert (whole.value, whole.number_format) == (24, "#,##0")
    assert (part.value, part.number_format) == (Decimal("2.5"), "#,##0.##")
