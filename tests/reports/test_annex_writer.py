"""The exported annex workbook, streamed by XlsxWriter (`annex_writer`), against the same
plans rendered by openpyxl (`sheet.render_annex`, the template's path): the same cells,
values, fonts, fills, borders, number formats, merges, row heights, column widths and
print setup for the demo report; a draft shows "DRAF" in every page header; two
exports are byte-identical."""

from __future__ import annotations

import copy

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from xlplugin.layout import load_layout
from xlplugin.reports.annex_plan import plan_annex
from xlplugin.reports.kop import report_kop
from xlplugin.reports.lampiran import Col, LampiranTable, Row
from xlplugin.reports.model import build_report
from xlplugin.reports.sheet import apply_plan
from xlplugin.reports.xlsx import CHART_SHEET, chart_plan, write_lampiran_xlsx
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen

LAYOUT, PACK = load_layout(), load_pack()


def _report(draf=()):
    report = copy.copy(build_report(sample_dokumen(), "semester1", PACK))
    report.draf = draf  # a stand-in: reports.model sets it from alasan_draf
    return report


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    report = _report()
    path = write_lampiran_xlsx(report, tmp_path_factory.mktemp("annex") / "lampiran.xlsx")
    return report, path


def _expected(report, path) -> Workbook:
    """The same plans applied by openpyxl, saved and read back as the export is."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in report.lampiran:
        apply_plan(wb.create_sheet(LAYOUT.outputs[table.key].sheet),
                   plan_annex(table, report_kop(report, table)))
    apply_plan(wb.create_sheet(CHART_SHEET), chart_plan(report)[1])
    wb.save(path)
    return load_workbook(path)


def _look(c) -> tuple:
    f, a, b, fill = c.font, c.alignment, c.border, c.fill
    return (f.name, float(f.sz), bool(f.b), bool(f.i), f.u, a.horizontal, a.vertical,
            bool(a.wrap_text), tuple(s.style for s in (b.left, b.right, b.top, b.bottom)),
            fill.fill_type, fill.fgColor.rgb[-6:] if fill.fill_type else None,
            c.number_format, bool(c.quotePrefix))


def _cells(ws) -> dict:
    """Every cell that has a value, with its look; styled empty cells by their look."""
    out = {}
    for row in ws.iter_rows():
        for c in row:
            value = None if c.value == "" else c.value
            if value is None and not c.has_style:
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[c.coordinate] = (value, _look(c))
    return out


def _width(ws, index: int) -> float:
    for dim in ws.column_dimensions.values():  # one <col> may cover several columns
        if dim.min and dim.max and dim.min <= index <= dim.max and dim.width:
            return round(dim.width, 2)
    return 0.0


def _page(ws) -> tuple:
    ps, m = ws.page_setup, ws.page_margins
    return (int(ps.paperSize), ps.orientation, int(ps.fitToWidth), int(ps.fitToHeight),
            bool(ws.sheet_properties.pageSetUpPr.fitToPage), ws.print_title_rows,
            ws.print_area, bool(ws.print_options.horizontalCentered),
            (m.left, m.right, m.top, m.bottom, m.header, m.footer),
            ws.oddFooter.left.text, ws.oddFooter.right.text, ws.freeze_panes)


def test_streamed_sheets_equal_the_openpyxl_rendering_of_the_demo_report(demo, tmp_path):
    report, path = demo
    got, want = load_workbook(path), _expected(report, tmp_path / "openpyxl.xlsx")
    assert got.sheetnames == want.sheetnames
    for name in want.sheetnames:
        g, w = got[name], want[name]
        assert _cells(g) == _cells(w), name
        assert sorted(map(str, g.merged_cells.ranges)) == \
            sorted(map(str, w.merged_cells.ranges)), name
        assert {r: (d.height, bool(d.hidden)) for r, d in g.row_dimensions.items()
                if d.height} == {r: (d.height, bool(d.hidden))
                                 for r, d in w.row_dimensions.items() if d.height}, name
        ncols = w.max_column
        # Widths to 1/256 of a character, the unit the file stores.
        assert [_width(g, i) for i in range(1, ncols + 1)] == pytest.approx(
            [w.column_dimensions[get_column_letter(i)].width for i in range(1, ncols + 1)],
            abs=1 / 256), name
        assert _page(g) == _page(w), name
        assert not g.oddHeader.center.text, name  # a final report: no DRAF


def test_the_chart_sheet_has_a_native_bar_chart_of_anggaran_and_realisasi(demo):
    report, path = demo
    ws = load_workbook(path)[CHART_SHEET]
    (chart,) = ws._charts
    assert (chart.tagname, chart.type, chart.grouping) == ("barChart", "col", "clustered")
    place = chart_plan(report)[1].placement
    menus = place.last_row - 1  # the JUMLAH row is not a bar
    refs = [s.val.numRef.f for s in chart.series]
    assert refs == [f"'{CHART_SHEET}'!$C${place.first_row}:$C${menus}",
                    f"'{CHART_SHEET}'!$D${place.first_row}:$D${menus}"]
    category = chart.series[0].cat
    assert (category.numRef or category.strRef).f == f"'{CHART_SHEET}'!$A${place.first_row}:$A${menus}"


def test_a_draft_shows_draf_bold_and_red_in_every_page_header(tmp_path):
    path = write_lampiran_xlsx(_report(("Narasi Bab II belum diisi",)), tmp_path / "l.xlsx")
    wb = load_workbook(path)
    for ws in wb.worksheets:
        centre = ws.oddHeader.center
        assert (centre.text, centre.color, centre.font) == ("DRAF", "FF0000", "Arial,Bold"), \
            ws.title
        assert ws.oddFooter.right.text == "Halaman &P dari &N", ws.title


def test_exporting_twice_gives_the_same_bytes(demo, tmp_path):
    report, path = demo
    again = write_lampiran_xlsx(report, tmp_path / "lagi.xlsx")
    assert again.read_bytes() == path.read_bytes()


def test_text_stays_text_and_an_ampersand_in_a_footer_is_escaped(tmp_path):
    from xlplugin.reports.annex_plan import Kop
    from xlplugin.reports.annex_writer import SheetWriter, open_workbook

    table = LampiranTable(3, (Col("Uraian", "text", 20), Col("Jumlah (Rp)", "money", 14)),
                          [Row(("=HYPERLINK(1)", 1000)), Row(("http://contoh.id", 2))])
    plan = plan_annex(table, Kop(["UJI"], []))
    plan.page.footer_left = "Sewa & Konsumsi"
    wb = open_workbook(tmp_path / "t.xlsx", "uji")
    SheetWriter(wb, wb.add_worksheet("T"), {}).write_plan(plan)
    wb.close()
    ws = load_workbook(tmp_path / "t.xlsx")["T"]
    first = plan.placement.first_row
    formula, link = ws.cell(first, 1), ws.cell(first + 1, 1)
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=HYPERLINK(1)", "s",
                                                                       True)
    assert (link.value, link.hyperlink, link.quotePrefix) == ("http://contoh.id", None, False)
    # "&" starts a code in a header/footer; "&&" is printed as one "&" (openpyxl keeps
    # the escape when it reads the file back).
    assert ws.oddFooter.left.text == "Sewa && Konsumsi"


def test_a_negative_zero_is_written_as_zero(tmp_path):
    """A refund cancelling a payment gives Decimal("-0.00"): LibreOffice would print
    "-0,00%", wider than the column planned for it."""
    from decimal import Decimal

    from xlplugin.reports.annex_plan import Kop
    from xlplugin.reports.annex_writer import SheetWriter, open_workbook

    table = LampiranTable(1, (Col("Realisasi (%)", "percent", 12), Col("Sisa", "decimal", 8)),
                          [Row((Decimal("-0.00"), Decimal("-0")))])
    plan = plan_annex(table, Kop(["UJI"], []))
    wb = open_workbook(tmp_path / "n.xlsx", "uji")
    SheetWriter(wb, wb.add_worksheet("N"), {}).write_plan(plan)
    wb.close()
    ws = load_workbook(tmp_path / "n.xlsx")["N"]
    cells = [ws.cell(plan.placement.first_row, c).value for c in (1, 2)]
    assert cells == [0, 0] and all(str(v) == "0" for v in cells)
