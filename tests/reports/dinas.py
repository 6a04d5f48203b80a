"""Builders for what the dinas writes on the Narasi and Dokumentasi sheets, and readers
of a written report document (python-docx, independent of the writer)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image

from xlplugin.domain.records import Dokumen, Dokumentasi, Narasi

TEKS = {
    "Latar belakang": "Sentra tenun di Kabupaten Contoh membutuhkan penguatan kapasitas.",
    "Tujuan": "Melaporkan pelaksanaan pelatihan manajemen usaha bagi IKM tenun.",
    "Perencanaan": "Rencana kegiatan disusun bersama pengelola sentra pada Maret 2023.",
    "Kesimpulan": "Pelatihan terlaksana sesuai rencana dengan 25 peserta tuntas.",
    "Saran": "Pelatihan lanjutan pemasaran daring perlu dianggarkan tahun berikutnya.",
}


def png(width: int = 640, height: int = 480, colour: str = "teal") -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def narasi_rows(first_row: int = 6, **teks: str) -> list[Narasi]:
    """One row per part, in TEKS order; a part given as "" is left out."""
    parts = {**TEKS, **teks}
    return [Narasi(row=first_row + i, bagian=bagian, uraian=text)
            for i, (bagian, text) in enumerate((b, t) for b, t in parts.items() if t)]


def foto(row: int = 6, kode: str = "K01", *, berkas: str | None = None,
         gambar: tuple[bytes, ...] = (), keterangan: str = "Pembukaan pelatihan",
         tanggal: date | None = date(2023, 5, 8)) -> Dokumentasi:
    return Dokumentasi(row=row, kode_kegiatan=kode, berkas_foto=berkas, keterangan=keterangan,
                       tanggal=tanggal, gambar=gambar)


def lengkap(doc: Dokumen) -> Dokumen:
    """`doc` with every narrative part written and one pasted photo of its first activity."""
    doc.narasi = narasi_rows()
    doc.dokumentasi = [foto(kode=doc.kegiatan[0].kode_kegiatan, gambar=(png(),))]
    return doc


def blocks(path) -> list[str]:
    """Paragraph and table-cell texts in document order, as python-docx reads them
    (a non-breaking hyphen reads "-")."""
    doc = Document(str(path))
    out = []
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            out.append(Paragraph(el, doc).text)
        elif el.tag.endswith("}tbl"):
            out += [cell.text for row in Table(el, doc).rows for cell in row.cells]
    return out


def between(texts: list[str], start: str, end: str) -> list[str]:
    """The texts from the one starting with `start` up to the one starting with `end`."""
    first = next(i for i, t in enumerate(texts) if t.startswith(start))
    last = next(i for i, t in enumerate(texts) if i > first and t.startswith(end))
    return texts[first:last]


def all_text(path) -> str:
    """Body, tables, headers and footers of every section."""
    doc = Document(str(path))
    parts = blocks(path)
    for s in doc.sections:
        for hf in (s.header, s.footer, s.first_page_header):
            parts += [p.text for p in hf.paragraphs]
    return "\n".join(parts)
