"""III.b chart for the Word report: pagu vs realisasi per menu as a table-drawn bar chart.

matplotlib is not a dependency; a grid of shaded table cells draws exact bars in Word
and LibreOffice alike (the annex workbook carries a native Excel chart).
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from .docx_util import rupiah, shade

STEPS = 24  # bar resolution: one cell = 1/24 of the largest amount
BAR_CM = 0.45
COLOURS = {"Anggaran": "8EA9DB", "Realisasi": "548235"}


def bar_length(value: int, largest: int) -> int:
    """Cells to shade for `value`; at least one for any amount above zero."""
    if largest <= 0 or value <= 0:
        return 0
    return max(1, round(value * STEPS / largest))


def add_bar_chart(doc, rows) -> None:
    """rows: KeuanganRow (kode, anggaran, realisasi)."""
    largest = max([r.anggaran for r in rows] + [r.realisasi for r in rows] + [0])
    t = doc.add_table(rows=0, cols=STEPS + 2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for r in rows:
        for label, value in (("Anggaran", r.anggaran), ("Realisasi", r.realisasi)):
            cells = t.add_row().cells
            _text(cells[0], f"Menu {r.kode} - {label}")
            n = bar_length(value, largest)
            if n:
                bar = cells[1].merge(cells[n]) if n > 1 else cells[1]
                shade(bar, COLOURS[label])
            _text(cells[STEPS + 1], rupiah(value))
    widths = [Cm(3.6)] + [Cm(BAR_CM)] * STEPS + [Cm(2.8)]
    for i, w in enumerate(widths):
        t.columns[i].width = w
        for cell in t.columns[i].cells:
            cell.width = w
    doc.add_paragraph()


def _text(cell, text: str) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.font.size = Pt(8)
