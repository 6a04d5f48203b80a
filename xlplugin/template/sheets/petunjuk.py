"""The Petunjuk sheet: the macro banner, then `workbook_templates/petunjuk.md` rendered,
then the list of every column of every input sheet.

The text lives in Markdown so it is reviewed as text; `{placeholders}` are filled with
the versions of this build, and `[[LEGENDA_WARNA]]` becomes one coloured row per
finding severity (the same colours the conditional formatting uses). The column list
(`[[DAFTAR_KOLOM]]`, or after the text when the Markdown has no such line) is generated
from the layout, its column help (`help.toml`) and the rule pack, so it cannot drift
from the workbook: every Profil field, then every table's columns in order.
"""

from __future__ import annotations

import math
from importlib import metadata
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName

from ... import __version__
from ...layout.model import Layout, help_for
from .. import styles
from ..formulas import quote_sheet
from .tables import BANNER_NAME, protect

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "workbook_templates"
SOURCE = "petunjuk.md"
WIDTH = 76
BANNER = (
    "MAKRO BELUM AKTIF - klik 'Aktifkan Konten' / 'Enable Content' pada bilah kuning di atas.",
    ("Bila bilah merah 'Microsoft telah memblokir makro' muncul: tutup berkas, klik kanan berkas > "
     "Properties > centang 'Unblock' > OK, lalu buka lagi (lihat bagian 'Mengaktifkan makro')."),
    ("Tanpa makro, rumus, rekap, daftar pilihan dan pewarnaan tetap bekerja; pemeriksaan Python "
     "(Status Periksa, tombol Validasi, Ekspor Laporan) tidak."),
)
SEVERITY_TEXT = {
    "PELANGGARAN": "PELANGGARAN: wajib diperbaiki.",
    "PERLU_PERSETUJUAN": "PERLU PERSETUJUAN: di luar batasan umum; catat nomor, tanggal dan "
                         "alasan surat persetujuan kementerian di sheet Persetujuan, satu baris "
                         "per batasan.",
    "PERLU_PENJELASAN": "PERLU PENJELASAN: di bawah batas minimum; catat nomor pernyataan "
                        "yang diketahui Kepala Dinas di sheet Persetujuan.",
    "PERINGATAN": "PERINGATAN: periksa kembali.",
}


def versions(layout: Layout, pack) -> dict[str, object]:
    return {
        "judul": pack.judul, "regulasi": pack.regulasi, "tahun": pack.tahun,
        "versi_template": f"{pack.template_name} {layout.version}",
        "versi_layout": layout.version, "versi_xlplugin": __version__,
        "versi_xlwings": _xlwings_version(), "jumlah_aturan": len(pack.rules),
    }


def build_petunjuk_sheet(ws, wb, layout: Layout, pack, source: Path | None = None) -> None:
    text = (source or TEMPLATES_DIR / SOURCE).read_text(encoding="utf-8")
    ws.column_dimensions["A"].width = WIDTH
    _banner(ws, wb)
    row = _version_line(ws, len(BANNER) + 2, layout, pack) + 1
    lines = text.format_map(versions(layout, pack)).splitlines()
    if COLUMNS_MARK not in (line.strip() for line in lines):
        lines += ["", COLUMNS_MARK]
    for line in lines:
        if line.strip() == COLUMNS_MARK:
            for generated in column_lines(layout, pack):
                row = _render_line(ws, row, generated)
        else:
            row = _render_line(ws, row, line.rstrip())
    ws.print_area = f"A1:A{row}"
    ws.sheet_view.showGridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    protect(ws)


COLUMNS_MARK = "[[DAFTAR_KOLOM]]"
COLUMNS_INTRO = ("Setiap judul kolom memuat catatan yang sama (arahkan tetikus ke judulnya); "
                 "saat sel dipilih, ringkasannya tampil sebagai pesan isian. 'Diperiksa' "
                 "menyebut ID aturan juknis yang membaca kolom itu (lihat sheet Temuan).")


def column_lines(layout: Layout, pack) -> list[str]:
    """The column list as Markdown lines: a heading per sheet, a bullet per column with
    its letter, header, what to type, unit, example and the rules that read it."""
    lines = ["## Daftar kolom setiap sheet", COLUMNS_INTRO]
    form = layout.profil
    lines += ["", f"## Sheet {form.sheet} (isian di kolom {form.value_column})"]
    lines += [_column_line(f"{form.value_column}{f.row}", f.label, help_for(form.key, f.key),
                           pack) for f in form.fields]
    tables = [layout.table_for_sheet(name) for name in layout.sheet_order()]
    for table in [t for t in tables if t is not None]:
        heading = (f"## Sheet {table.sheet} (tabel {table.name}, judul kolom di baris "
                   f"{table.header_row})")
        lines += ["", heading]
        for col in table.columns:
            if col.is_input:
                lines.append(_column_line(col.letter, col.header,
                                          help_for(table.key, col.key), pack))
            else:
                lines.append(f"- {col.letter} '{col.header}': dihitung otomatis (abu-abu, "
                             "terkunci); jangan diisi.")
    return lines


def _column_line(place: str, header: str, help_, pack) -> str:
    if help_ is None:
        return f"- {place} '{header}'."
    parts = [f"- {place} '{header}': {help_.isi}"]
    if help_.satuan:
        parts.append(f"Satuan: {help_.satuan}.")
    parts.append(f"Contoh: {help_.contoh}.")
    rules = [r for r in help_.aturan if r in pack.rules]
    parts.append(f"Diperiksa: {', '.join(rules)}." if rules else
                 "Tidak diperiksa aturan (dipakai untuk laporan).")
    return " ".join(parts)


def _banner(ws, wb) -> None:
    for row, text in enumerate(BANNER, start=1):
        cell = ws.cell(row, 1, text)
        cell.font = styles.BANNER_FONT if row == 1 else Font(name=styles.FONT_NAME, size=10,
                                                             color="FFFFFF")
        cell.fill = styles.BANNER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[row].height = _height(text) * (1.3 if row == 1 else 1)
    ref = f"{quote_sheet(ws.title)}!$1:${len(BANNER)}"
    wb.defined_names[BANNER_NAME] = DefinedName(BANNER_NAME, attr_text=ref)


def _version_line(ws, row: int, layout: Layout, pack) -> int:
    """'Versi templat 0.2.0 · tata letak 2023.3 · juknis TA 2023' where the eye starts
    (the same values as the document properties and the config sheet); the next row."""
    from ...io.version import build_version

    cell = ws.cell(row, 1, build_version(layout, pack).line())
    cell.font = styles.BOLD_FONT
    return row + 1


def _render_line(ws, row: int, line: str) -> int:
    if line == "[[LEGENDA_WARNA]]":
        for severity, (fill, font, name) in styles.SEVERITY_COLOURS.items():
            cell = ws.cell(row, 1, f"    {name.capitalize()}: {SEVERITY_TEXT[severity]}")
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(name=styles.FONT_NAME, size=10, color=font, bold=True)
            row += 1
        return row
    if not line:
        return row + 1
    cell = ws.cell(row, 1)
    if line.startswith("## "):
        cell.value, cell.font, cell.fill = line[3:], styles.BOLD_FONT, styles.LABEL_FILL
    elif line.startswith("# "):
        cell.value, cell.font = line[2:], styles.TITLE_FONT
        ws.row_dimensions[row].height = 20 * max(1, math.ceil(len(line) / (WIDTH * 0.8)))
    elif line.startswith("- "):
        cell.value, cell.font = "•  " + line[2:], styles.BODY_FONT
    else:
        cell.value, cell.font = line, styles.BODY_FONT
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if len(str(cell.value)) > WIDTH:
        ws.row_dimensions[row].height = _height(str(cell.value))
    return row + 1


def _height(text: str) -> float:
    """Rows do not auto-fit wrapped text on load everywhere: estimate the lines."""
    return 14.5 * max(1, math.ceil(len(text) / (WIDTH * 1.05)))


def _xlwings_version() -> str:
    try:
        return metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        return "(tidak terpasang saat build)"
