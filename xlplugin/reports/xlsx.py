"""Write the annex workbook: Lampiran 1-5 as printable sheets and the III.b chart."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.styles import Alignment, Font

from ..domain.money import percent
from ..layout import load_layout
from .kop import report_kop
from .lampiran import Col, LampiranTable, Row
from .sheet import FONT, Kop, render_annex, write_value
from .stable import stabilise

CHART_SHEET = "Grafik III.b"


def write_lampiran_xlsx(report, path: Path) -> Path:
    layout = load_layout()
    wb = Workbook()
    wb.remove(wb.active)
    for table in report.lampiran:
        render_annex(wb.create_sheet(layout.outputs[table.key].sheet), table,
                     report_kop(report, table))
    _chart_sheet(wb.create_sheet(CHART_SHEET), report)
    props = wb.properties
    props.creator = props.lastModifiedBy = "xlplugin"
    props.title = f"Lampiran {report.nama_laporan} TA {report.tahun}"
    wb.save(path)
    stabilise(path)
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


def _chart_sheet(ws, report) -> None:
    table = keuangan_table(report)
    # The report's title once (judul_format names the report and the year).
    kop = Kop(["CAPAIAN REALISASI KEUANGAN PER MENU (BAB III.b)", report.judul_format,
               report.text("kab_kota").upper()], [])
    place = render_annex(ws, table, kop)
    ws.oddFooter.left.text = "Grafik Anggaran dan Realisasi per Menu"
    if not table.rows:
        write_value(ws.cell(row=place.first_row, column=2), "Belum ada anggaran.")
        return
    menus = place.last_row - 1  # the JUMLAH row is not a bar
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = "Anggaran dan Realisasi per Menu (Rp)"
    chart.y_axis.title, chart.x_axis.title = "Rupiah", "Menu"
    chart.y_axis.numFmt = "#,##0"
    chart.y_axis.delete = chart.x_axis.delete = False
    for col in (3, 4):  # the numbering row (3)(4) under the header is not data
        values = Reference(ws, min_col=col, min_row=place.first_row, max_row=menus)
        chart.series.append(Series(values, title=table.columns[col - 1].header))
    chart.set_categories(Reference(ws, min_col=1, min_row=place.first_row, max_row=menus))
    chart.legend.position = "b"  # on the right, the long series names were cut off
    chart.height, chart.width = 9, 22
    anchor = place.last_row + 2
    ws.add_chart(chart, f"A{anchor}")
    note = ws.cell(row=place.last_row + 1, column=1)
    write_value(note, "Sumber: Lampiran 1 Realisasi Anggaran.")
    note.font = Font(name=FONT, size=8, italic=True)
    note.alignment = Alignment()
    ws.print_area = f"A1:{place.last_column}{anchor + 18}"
