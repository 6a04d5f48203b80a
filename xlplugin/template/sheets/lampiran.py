"""The report annex sheets (Lampiran 1-5) of the template. Owned by the reports package.

Each sheet is a printable government annex frame: title block (kab/kota and dinas
read live from the Profil form), header with numbered columns, bordered rows, the
Kepala Dinas signature block (name and NIP from Profil), A4 print setup with fit to
width, repeated header rows and page numbers. Where each part sits is declared once in
`xlplugin.reports.frame.template_frame`, which also keeps hidden style rows at the top;
the Ekspor Laporan button / `xlplugin report --isi-lampiran` fill the rows through
`xlplugin.reports.fill.fill_lampiran`, reading the same declaration.
"""

from __future__ import annotations

from ...reports.frame import template_frame
from ...reports.kop import template_kop
from ...reports.lampiran import empty_tables
from ...reports.sheet import render_annex


def build_lampiran_sheet(ws, key: str, layout, pack, profil=None) -> None:
    """Lay out annex `key` ("Lampiran1".."Lampiran5") on the empty sheet `ws`.

    `profil` is unused: the title and signature are formulas over the Profil form so
    they follow what the dinas types there.
    """
    table = {t.key: t for t in empty_tables()}[key]
    render_annex(ws, table, template_kop(layout, pack, table), frame=template_frame(table.nomor))
