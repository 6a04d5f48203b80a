"""The report's parts written from the dinas's own sheets (Narasi, Dokumentasi), the
monitoring table of III.a, and the DRAF marks: python-docx writers for `docx.py`.

A part the rule pack requires and the dinas left empty keeps its yellow
"[Diisi oleh dinas: ...]" field; an empty part not required is left out.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .docx_util import RED, centered, draf_header, para, picture, placeholder, table
from .monev import BELUM
from .narasi import KESIMPULAN, SARAN

MONEV_JUDUL = "Rencana dan Realisasi per Kegiatan (Pemantauan dan Evaluasi)"
PHOTO_WIDTH_CM, PHOTO_HEIGHT_CM = 15.0, 10.5  # two photos and captions to an A4 page
TANPA_FOTO = ("Tidak ada foto dokumentasi yang dilampirkan untuk periode laporan ini; "
              "belum ada kegiatan yang dilaksanakan pada periode ini.")
TANPA_FOTO_LAIN = "Tidak ada foto dokumentasi yang dilampirkan untuk periode laporan ini."


def narasi(doc, report, bagian: str, what: str) -> None:
    """The paragraphs of `bagian`, or the field to fill when the pack requires it."""
    texts = report.narasi.teks(bagian)
    for text in texts:
        para(doc, text)
    if not texts and bagian in report.wajib:
        placeholder(doc, what)


def kesimpulan_saran(doc, report) -> None:
    for bagian in (KESIMPULAN, SARAN):
        if report.narasi.teks(bagian) or bagian in report.wajib:
            para(doc, bagian, bold=True).paragraph_format.keep_with_next = True
        narasi(doc, report, bagian, bagian.lower())


def monev(doc, report) -> None:
    """III.a's second table: each activity's plan against what was carried out."""
    if not report.monev:
        return
    para(doc, MONEV_JUDUL, bold=True).paragraph_format.keep_with_next = True
    rows = [(r.kode, r.nama, r.rencana_waktu, r.realisasi_waktu, r.rencana_lokasi,
             r.realisasi_lokasi, r.target, r.realisasi) for r in report.monev]
    table(doc, ["Kode", "Nama Kegiatan", "Rencana Waktu", "Realisasi Waktu",
                "Rencana Lokasi", "Realisasi Lokasi", "Target Keluaran",
                "Realisasi Keluaran"], rows, [1.2, 2.8, 2.3, 2.3, 2.0, 2.0, 1.7, 1.7])


def dokumentasi(doc, report) -> None:
    """III.c: each picture with its caption under it; a note where one could not be
    read; a sentence when there is none (a field to fill only when one is due)."""
    nomor = 0
    for foto in report.foto:
        if foto.gambar is None:
            _merah(para(doc, foto.catatan))
            continue
        nomor += 1
        picture(doc, foto.gambar, PHOTO_WIDTH_CM, PHOTO_HEIGHT_CM)
        caption = para(doc, foto.judul(nomor))
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].font.size, caption.runs[0].italic = Pt(9), True
    if nomor:
        return
    if report.foto_kurang:
        placeholder(doc, "foto dan dokumentasi kegiatan (sheet Dokumentasi)")
    elif not report.foto:
        para(doc, TANPA_FOTO_LAIN if _ada_kegiatan(report) else TANPA_FOTO)


def masalah_dinas(doc, rows) -> None:
    """The dinas's own problems of one activity (or of the whole programme)."""
    table(doc, ["No", "Permasalahan", "Upaya Penyelesaian"],
          [(n, r.uraian, r.upaya or "-") for n, r in enumerate(rows, 1)], [0.9, 8.6, 6.5])


def draf_cover(doc, report) -> None:
    """On the cover, in red: the report is DRAF, and why."""
    if not report.draf:
        return
    doc.add_paragraph()
    _merah(centered(doc, "DRAF - BELUM FINAL", 14))
    _merah(para(doc, "Laporan ini masih DRAF karena:", bold=True))
    for reason in report.draf:
        p = para(doc, f"- {reason}")
        p.runs[0].font.size = Pt(10)
        _merah(p)


def draf_pages(doc, report) -> None:
    if report.draf:
        draf_header(doc)


def _ada_kegiatan(report) -> bool:
    """Whether any activity was carried out in the period (by the monitoring table)."""
    return any(r.realisasi_waktu != BELUM for r in report.monev)


def _merah(p):
    for run in p.runs:
        run.font.color.rgb = RED
    return p
