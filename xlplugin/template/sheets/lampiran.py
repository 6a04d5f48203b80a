"""The report annex sheets (Lampiran 1-5) of the template. Owned by the reports package.

Each sheet is a printable government annex frame: title block (kab/kota and dinas
read live from the Profil form), header with numbered columns, bordered rows, the
Kepala Dinas signature block (name and NIP from Profil), A4 print setup with fit to
width, repeated header rows and page numbers. The rows are filled for a chosen
report by the Ekspor Laporan button / `xlplugin report`, which render the same frame
(`xlplugin.reports.sheet.render_annex`) with data.
"""

from __future__ import annotations

from ...reports.kop import template_kop
from ...reports.lampiran import empty_tables
from ...reports.sheet import render_annex

SPARE_ROWS = 10  # bordered blank rows: the frame reads as a form when printed empty


def build_lampiran_sheet(ws, key: str, layout, pack, profil=None) -> None:
    """Lay out annex `key` ("Lampiran1".."Lampiran5") on the empty sheet `ws`.

    `profil` is unused: the title and signature are formulas over the Profil form so
    they follow what the dinas types there.
    """
    table = {t.key: t for t in empty_tables()}[key]
    render_annex(ws, table, template_kop(layout, pack, table), spare_rows=SPARE_ROWS)
