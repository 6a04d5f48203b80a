"""Write the rekap workbook: the tables of `sheets.py` plus native Excel bar charts.

A new file written with openpyxl, through a temp file and an atomic rename (an older
rekap at the same path is kept as a backup), with fixed timestamps so the same
folder gives the same bytes.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series

from ..ooxml.safe_write import write_atomic
from ..reports.stable import stabilise
from . import sheets
from .model import Rekap
from .table import Letak, write_table

SHEET_RINGKASAN = "Ringkasan"
SHEET_PROVINSI = "Per Provinsi"
SHEET_MENU = "Per Menu"
SHEET_TEMUAN = "Temuan"
SHEET_DUPLIKAT = "Duplikat"
SHEET_MASALAH = "Berkas Bermasalah"
SHEET_VERSI = "Per Versi"


def menu_sheet_name(menu: str) -> str:
    return f"Menu {menu}"


def build_workbook(rekap: Rekap) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    write_table(wb.create_sheet(SHEET_RINGKASAN), sheets.ringkasan(rekap))
    _provinsi(wb.create_sheet(SHEET_PROVINSI), rekap)
    _menu(wb.create_sheet(SHEET_MENU), rekap)
    for menu in rekap.pack.menu:
        write_table(wb.create_sheet(menu_sheet_name(menu)), sheets.menu_sheet(rekap, menu))
    write_table(wb.create_sheet(SHEET_TEMUAN), sheets.temuan(rekap))
    write_table(wb.create_sheet(SHEET_DUPLIKAT), sheets.duplikat(rekap))
    write_table(wb.create_sheet(SHEET_MASALAH), sheets.bermasalah(rekap))
    write_table(wb.create_sheet(SHEET_VERSI), sheets.versi(rekap))
    props = wb.properties
    props.creator = props.lastModifiedBy = "xlplugin"
    props.title = f"Rekap DAK Nonfisik Sentra IKM TA {rekap.pack.tahun}"
    return wb


def write_rekap(rekap: Rekap, target: Path | str) -> Path | None:
    """Write the rekap to `target`; returns the backup of an older file, if any.

    The timestamps are fixed before the file reaches `target` (in a folder of the
    system's own), so the one atomic write is the only thing that touches it."""
    wb = build_workbook(rekap)

    def write(fh) -> None:
        with tempfile.TemporaryDirectory(prefix="xlplugin-rekap-") as tmp:
            staged = Path(tmp) / "rekap.xlsx"
            wb.save(staged)
            stabilise(staged)
            with staged.open("rb") as src:
                shutil.copyfileobj(src, fh)

    return write_atomic(target, write, backup=True)


def _provinsi(ws, rekap: Rekap) -> None:
    letak = write_table(ws, sheets.per_provinsi(rekap))
    if letak.last_row < letak.first_row:
        return
    chart = _bar_chart("Pagu, RAB dan Realisasi per Provinsi (Rp)", "Provinsi")
    _add_series(chart, ws, letak, columns=(3, 4, 5))
    chart.width = max(24, 1.2 * (letak.last_row - letak.first_row + 1))
    ws.add_chart(chart, f"{_after(letak)}{letak.header_row}")


def _menu(ws, rekap: Rekap) -> None:
    letak = write_table(ws, sheets.per_menu(rekap))
    chart = _bar_chart("Anggaran RAB dan Realisasi per Menu (Rp)", "Menu")
    _add_series(chart, ws, letak, columns=(4, 5))
    ws.add_chart(chart, f"{_after(letak)}{letak.header_row}")
    below = (letak.total_row or letak.last_row) + 3
    write_table(ws, sheets.per_rincian(rekap), start_row=below)


def _bar_chart(title: str, x_title: str) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = title
    chart.y_axis.title, chart.x_axis.title = "Rupiah", x_title
    chart.y_axis.numFmt = "#,##0"
    chart.y_axis.delete = chart.x_axis.delete = False  # openpyxl hides axes by default
    chart.height, chart.width = 10, 24
    return chart


def _add_series(chart: BarChart, ws, letak: Letak, columns: tuple[int, ...]) -> None:
    for col in columns:
        values = Reference(ws, min_col=col, min_row=letak.header_row, max_row=letak.last_row)
        chart.series.append(Series(values, title_from_data=True))
    chart.set_categories(Reference(ws, min_col=1, min_row=letak.first_row,
                                   max_row=letak.last_row))


def _after(letak: Letak) -> str:
    """The column two to the right of the table, where its chart goes."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    return get_column_letter(column_index_from_string(letak.last_column) + 2)
