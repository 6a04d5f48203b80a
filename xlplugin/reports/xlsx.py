"""Write the annex workbook: Lampiran 1-5 as printable sheets and the III.b chart.

Each sheet is planned by `annex_plan` (as the template's Lampiran sheets are) and
streamed by `annex_writer` (XlsxWriter). A draft report (`report.draf` names why)
shows "DRAF" in every sheet's page header.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.money import percent
from ..layout import load_layout
from .annex_plan import NOTE, AnnexPlan, Kop, plan_annex
from .annex_writer import SheetWriter, chart_size, open_workbook
from .kop import report_kop
from .lampiran import Col, LampiranTable, Row

CHART_SHEET = "Grafik III.b"
CHART_ROWS = 18  # rows the chart covers below its anchor (9 cm of 15-point rows)


def write_lampiran_xlsx(report, path: Path) -> Path:
    layout = load_layout()
    draf = bool(getattr(report, "draf", ()))
    wb = open_workbook(path, f"Lampiran {report.nama_laporan} TA {report.tahun}")
    formats: dict = {}
    for table in report.lampiran:
        ws = wb.add_worksheet(layout.outputs[table.key].sheet)
        SheetWriter(wb, ws, formats).write_plan(plan_annex(table, report_kop(report, table)),
                                                draf)
    _chart_sheet(SheetWriter(wb, wb.add_worksheet(CHART_SHEET), formats), report, draf)
    wb.close()
    return path


def keuangan_table(report) -> LampiranTable:
    """III.b per menu as a small table (the chart's data)."""
    cols = (Col("Menu", "text", 8), Col("Nama Menu", "text", 50), Col("Anggaran (Rp)", "money", 18),
            Col(f"Realisasi s.d. {report.periode.judul} (Rp)", "money", 18),
            Col("Realisasi (%)", "percent", 12))
    table = LampiranTable(1, cols)
    table.rows = [Row((k.kode, k.nama, k.anggaran, k.realisasi, k.persen)) for k in report.keuangan]
    if table.rows:
        anggaran = sum(k.anggaran for k in report.keuangan)
        realisasi = sum(k.realisasi for k in report.keuangan)
        table.rows.append(Row(("", "JUMLAH", anggaran, realisasi, percent(realisasi, anggaran)),
                              "total"))
    return table


def chart_plan(report) -> tuple[LampiranTable, AnnexPlan]:
    """The chart page's table, its source note and a print area reaching over the chart."""
    table = keuangan_table(report)
    # The report's title once (judul_format names the report and the year).
    kop = Kop(["CAPAIAN REALISASI KEUANGAN PER MENU (BAB III.b)", report.judul_format,
               report.text("kab_kota").upper()], [])
    plan = plan_annex(table, kop)
    place = plan.placement
    plan.page.footer_left = "Grafik Anggaran dan Realisasi per Menu"
    if not table.rows:
        plan.set_value(place.first_row, 2, "Belum ada anggaran.")
        return table, plan
    plan.set_value(place.last_row + 1, 1, "Sumber: Lampiran 1 Realisasi Anggaran.", NOTE)
    plan.page.print_area = f"A1:{place.last_column}{place.last_row + 2 + CHART_ROWS}"
    return table, plan


def _chart_sheet(sheet: SheetWriter, report, draf: bool) -> None:
    table, plan = chart_plan(report)
    sheet.write_plan(plan, draf)
    if not table.rows:
        return
    place, name = plan.placement, sheet.ws.get_name()
    first, menus = place.first_row - 1, place.last_row - 2  # 0-based; JUMLAH is not a bar
    chart = sheet.wb.add_chart({"type": "column"})  # clustered
    for col in (2, 3):  # Anggaran, Realisasi
        chart.add_series({"name": table.columns[col].header,
                          "categories": [name, first, 0, menus, 0],
                          "values": [name, first, col, menus, col]})
    chart.set_title({"name": "Anggaran dan Realisasi per Menu (Rp)"})
    chart.set_x_axis({"name": "Menu"})
    chart.set_y_axis({"name": "Rupiah", "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})  # on the right, long series names were cut off
    chart.set_size(chart_size(22, 9))
    sheet.ws.insert_chart(place.last_row + 1, 0, chart)  # row last_row + 2, 1-based
