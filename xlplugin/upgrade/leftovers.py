"""What the upgrade could not place: each value with where it was and why, shown to
the user on a report sheet of the new workbook and in the command's output. Nothing
the old workbook held is dropped without a line here."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment

from ..reports.sheet import write_value
from ..template import styles

SHEET = "Catatan Pembaruan"
HEADERS = ("Sheet", "Sel lama", "Kolom", "Nilai", "Sebab")
WIDTHS = (16, 10, 34, 40, 70)

# Why a value was not placed (the Sebab column).
REMOVED = "kolom ini tidak ada lagi di templat baru"
NOT_OFFERED = "nilai ini tidak lagi tersedia di daftar pilihan templat baru ({daftar})"
OVERFLOW = "tabel di templat baru hanya memuat {kapasitas} baris; baris ini di luar kapasitas"
NO_TABLE = "tabel ini tidak ada lagi di templat baru"
PICTURE = ("gambar yang ditempel tidak ikut dipindahkan; tempel ulang pada baris yang sama "
           "di berkas baru")


@dataclass(frozen=True)
class Leftover:
    sheet: str | None
    cell: str | None
    column: str  # the column's (or field's) header as the old workbook showed it
    value: object
    reason: str

    def line(self) -> str:
        place = f"{self.sheet}!{self.cell}" if self.cell else (self.sheet or "-")
        return f"{place} ({self.column}) = {self.value!r}: {self.reason}"


def add_report_sheet(wb, leftovers: list[Leftover], old_name: str, version_line: str) -> None:
    """The 'Catatan Pembaruan' sheet, last in the workbook: one row per leftover (or a
    line saying there is none)."""
    ws = wb.create_sheet(SHEET)
    title = ws.cell(1, 1, "Catatan Pembaruan Templat")
    title.font = styles.TITLE_FONT
    ws.cell(2, 1, f"Dipindahkan dari {old_name} ({version_line}).").font = styles.SUBTITLE_FONT
    ws.cell(3, 1, "Nilai di bawah ini tidak dapat ditempatkan di templat baru; salin sendiri "
                  "bila masih diperlukan. Berkas lama tidak diubah." if leftovers else
                  "Semua isian berkas lama telah dipindahkan; tidak ada yang tertinggal."
            ).font = styles.BODY_FONT
    for i, (text, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        styles.style_header(ws.cell(5, i, text))
        ws.column_dimensions[chr(64 + i)].width = width
    for r, item in enumerate(leftovers, start=6):
        values = (item.sheet, item.cell, item.column, item.value, item.reason)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            write_value(cell, value)
            cell.font = styles.BODY_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
