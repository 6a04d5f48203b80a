"""Write the report document (.docx) of IV.B from a `Report`.

The outline (chapters, sub-sections, lampiran, addressees) comes from
`domain.laporan.expected_outline`; `outline_of_docx` reads it back from the written
file so `check_laporan` can hold the document to LAPORAN-FORMAT and LAPORAN-TUJUAN.
The dinas's own words and photos (sheets Narasi, Dokumentasi), the monitoring table
and the DRAF marks are written by `docx_narasi`.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from ..domain.calendar import tanggal
from ..domain.laporan import LaporanOutline, cover_lines, subbab
from ..rulepack.model import RulePack
from . import docx_narasi as dinas
from .chart import add_bar_chart
from .docx_util import (
    centered,
    new_document,
    para,
    persen,
    placeholder,
    rupiah,
    signature,
    table,
)
from .narasi import LATAR, PERENCANAAN, PERMASALAHAN, TUJUAN
from .stable import stabilise

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
KEPADA = "Kepada Yth.:"
TEMBUSAN = "Tembusan:"
LAMPIRAN = "LAMPIRAN"
RUJUKAN = "Rujukan Pemeriksaan Bab IV"
CATATAN_DINAS = "Catatan dinas"
PERMASALAHAN_LAIN = "Permasalahan lain"


def write_report_docx(report, pack: RulePack, path: Path, lampiran_file: str = "") -> Path:
    doc = new_document(f"{report.nama_laporan} DAK Nonfisik TA {report.tahun}")
    _cover(doc, report, pack)
    _addressees(doc, report, pack)
    fill = _fillers(report, pack)
    parts = subbab(pack)
    for i, bab in enumerate(report.outline.bab):
        nomor = ROMAN[i]
        doc.add_heading(f"{nomor}. {bab}", level=1)
        subs = parts.get(nomor, ())
        if not subs:
            fill.get((nomor, None), lambda d, n=nomor: placeholder(d, f"uraian Bab {n}"))(doc)
        for j, sub in enumerate(subs):
            doc.add_heading(f"{'abcdefgh'[j]}. {sub}", level=2)
            fill.get((nomor, j), lambda d, s=sub: placeholder(d, f"uraian {s}"))(doc)
    _lampiran(doc, report, lampiran_file)
    _closing(doc, report)
    _rujukan(doc, report)
    dinas.draf_pages(doc, report)
    doc.save(path)
    stabilise(path)
    return path


# ---------------------------------------------------------------- cover and addressees

def _cover(doc, report, pack: RulePack) -> None:
    for _ in range(3):
        doc.add_paragraph()
    for line in cover_lines(pack, report.jenis, report.profil):
        centered(doc, line, 14)
    doc.add_paragraph()
    centered(doc, report.text("nama_dinas"), 12)
    centered(doc, report.text("alamat_dinas"), 10, bold=False)
    doc.add_paragraph()
    centered(doc, f"Periode laporan: {report.rentang}", 10, bold=False)
    batas = report.batas(pack)
    centered(doc, f"Tanggal laporan: {report.tanggal_ttd}", 10, bold=False)
    if batas:
        centered(doc, f"Batas waktu penyampaian: {tanggal(batas)} "
                      f"({pack.rules[report.periode.rule].clause})", 10, bold=False)
    for f in report.tenggat:
        p = centered(doc, f"PERHATIAN - LAPORAN TERLAMBAT ({f.rule}, {f.clause}): {f.message}",
                     11)
        p.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    dinas.draf_cover(doc, report)
    doc.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)


def _addressees(doc, report, pack: RulePack) -> None:
    for title, names in ((KEPADA, report.outline.kepada), (TEMBUSAN, report.outline.tembusan)):
        if not names:
            continue
        para(doc, title, bold=True)
        for letter, name in zip("abcdefghij", names):
            para(doc, f"{letter}. {name}").paragraph_format.left_indent = Cm(0.75)
    para(doc, f"Dasar: {pack.regulasi} tentang {pack.judul}, Lampiran IV.")


# ---------------------------------------------------------------- chapter contents

def _fillers(report, pack: RulePack) -> dict:
    return {
        ("I", 0): lambda d: (para(d, f"Dasar pelaksanaan: {pack.regulasi} tentang {pack.judul}."),
                             dinas.narasi(d, report, LATAR, "latar belakang pelaksanaan DAK "
                                                            "Nonfisik di daerah (sheet Narasi)")),
        ("I", 1): lambda d: (para(d, f"Laporan ini menyampaikan perkembangan pelaksanaan "
                                     f"kegiatan DAK Nonfisik periode {report.rentang}."),
                             dinas.narasi(d, report, TUJUAN, "tujuan laporan (sheet Narasi)")),
        ("II", 0): lambda d: _perencanaan(d, report),
        ("II", 1): lambda d: _penganggaran(d, report),
        ("II", 2): lambda d: _target(d, report),
        ("III", 0): lambda d: (_capaian(d, report), dinas.monev(d, report)),
        ("III", 1): lambda d: _keuangan(d, report),
        ("III", 2): lambda d: dinas.dokumentasi(d, report),
        ("IV", None): lambda d: _permasalahan(d, report),
        ("V", None): lambda d: dinas.kesimpulan_saran(d, report),
    }


def _perencanaan(doc, report) -> None:
    p = report.profil
    rows = [("Tanggal penyampaian rencana kegiatan", _tgl(p.tanggal_rencana)),
            ("Tanggal penyampaian perubahan rencana", _tgl(p.tanggal_perubahan)),
            ("Reviu APIP atas KAK/RAB", f"{_tgl(p.tanggal_reviu_apip)} "
                                         f"{report.text('nomor_reviu_apip')}".strip()),
            ("Jumlah kegiatan", str(sum(t.kegiatan for t in report.target)))]
    table(doc, ["Uraian", "Keterangan"], rows, [7.5, 8.5])
    dinas.narasi(doc, report, PERENCANAAN, "uraian proses perencanaan (sheet Narasi)")


def _penganggaran(doc, report) -> None:
    t = report.totals
    para(doc, f"Pagu DAK Nonfisik: Rp {rupiah(t.pagu)}; jumlah RAB: Rp {rupiah(t.total.rab)} "
              f"({persen(t.persen_rab_pagu)} dari pagu).")
    rows = [(k.kode, k.nama, rupiah(k.anggaran)) for k in report.keuangan]
    rows.append(("", "JUMLAH", rupiah(sum(k.anggaran for k in report.keuangan))))
    table(doc, ["Menu", "Nama Menu", "Anggaran (Rp)"], rows, [1.5, 10.5, 4.0], {2}, True)


def _target(doc, report) -> None:
    rows = [(r.kode, r.nama, r.kegiatan, f"{r.target} {r.satuan}", rupiah(r.anggaran))
            for r in report.target]
    table(doc, ["Kode", "Rincian Kegiatan", "Jumlah Kegiatan", "Target Keluaran",
                "Anggaran (Rp)"], rows, [1.3, 7.2, 2.0, 2.5, 3.0], {2, 4})


def _capaian(doc, report) -> None:
    rows = [(r.kode, r.nama, f"{r.target} {r.satuan}", f"{r.capaian} {r.satuan}",
             persen(r.persen)) for r in report.capaian]
    table(doc, ["Kode", "Rincian Kegiatan", "Target", "Capaian", "Capaian (%)"], rows,
          [1.3, 7.7, 2.5, 2.5, 2.0], {4})
    para(doc, "Capaian pelatihan menghitung peserta yang mengikuti kegiatan sampai selesai "
              "(Lampiran II huruf i).").runs[0].font.size = Pt(9)


def _keuangan(doc, report) -> None:
    rows = [(k.kode, k.nama, rupiah(k.anggaran), rupiah(k.realisasi), persen(k.persen))
            for k in report.keuangan]
    total_a = sum(k.anggaran for k in report.keuangan)
    total_r = sum(k.realisasi for k in report.keuangan)
    from ..domain.money import percent
    rows.append(("", "JUMLAH", rupiah(total_a), rupiah(total_r), persen(percent(total_r,
                                                                                total_a))))
    table(doc, ["Menu", "Nama Menu", "Anggaran (Rp)",
                f"Realisasi s.d. {report.periode.judul} (Rp)", "Realisasi (%)"], rows,
          [1.4, 6.0, 3.3, 3.3, 2.0], {2, 3, 4}, True)
    para(doc, "Grafik Anggaran dan Realisasi per Menu", bold=True)
    add_bar_chart(doc, report.keuangan)


def _permasalahan(doc, report) -> None:
    """Per activity, in plain words: what is wrong, which clause, the upaya. Rule IDs
    and workbook places are in the reference table after the signature; names and
    ages of people stay in the annexes."""
    if not report.masalah_kegiatan:
        para(doc, "Pemeriksaan terhadap petunjuk teknis tidak menemukan permasalahan.")
    for kode, nama, butir in _bab4_kegiatan(report):
        para(doc, f"{kode} {nama}".strip(), bold=True).paragraph_format.keep_with_next = True
        rows = [(n, b.permasalahan, b.ketentuan, b.upaya) for n, b in enumerate(butir, 1)]
        dinas_rows = report.narasi.masalah.get(kode, ()) if kode else ()
        rows += [(n, r.uraian, CATATAN_DINAS, r.upaya or "-")
                 for n, r in enumerate(dinas_rows, len(rows) + 1)]
        table(doc, ["No", "Permasalahan", "Ketentuan", "Upaya Penyelesaian"], rows,
              [0.9, 7.0, 3.6, 4.5])
    lain = report.narasi.masalah_lain
    if lain:
        para(doc, PERMASALAHAN_LAIN, bold=True).paragraph_format.keep_with_next = True
        dinas.masalah_dinas(doc, lain)
    elif PERMASALAHAN in report.wajib and not report.narasi.masalah:
        placeholder(doc, "permasalahan lain dan upaya penyelesaiannya (sheet Narasi)")


def _bab4_kegiatan(report) -> list[tuple[str, str, tuple]]:
    """(kode, nama, butir) of IV's activity tables, in KAK order: those with findings
    and those only the dinas wrote about; the general group ("") last."""
    found = {m.kode: m for m in report.masalah_kegiatan}
    out = [(r.kode, found[r.kode].nama if r.kode in found else r.nama,
            found[r.kode].butir if r.kode in found else ())
           for r in report.monev if r.kode in found or r.kode in report.narasi.masalah]
    if "" in found:
        out.append(("", found[""].nama, found[""].butir))
    return out


def _rujukan(doc, report) -> None:
    """For the verifier: each line of chapter IV with its rule ID and workbook places."""
    rows = [(m.kode or "-", b.rule, b.tingkat, ", ".join(b.tempat))
            for m in report.masalah_kegiatan for b in m.butir]
    if not rows:
        return
    doc.add_page_break()
    para(doc, RUJUKAN, bold=True)
    para(doc, "Tabel ini menunjukkan letak setiap permasalahan Bab IV pada buku kerja "
              "dan kode aturan pemeriksaannya, untuk keperluan verifikasi.")
    table(doc, ["Kegiatan", "Kode Aturan", "Status", "Letak pada Buku Kerja"],
          rows, [2.0, 4.5, 3.5, 6.0])


def _lampiran(doc, report, lampiran_file: str) -> None:
    doc.add_heading(LAMPIRAN, level=1)
    for i, judul in enumerate(report.outline.lampiran, start=1):
        doc.add_heading(f"Lampiran {i}. {judul}", level=2)
    where = f" dalam berkas {lampiran_file}" if lampiran_file else ""
    para(doc, f"Lampiran 1-5 disajikan{where} (lembar cetak A4 dengan tanda tangan).")


def _closing(doc, report) -> None:
    doc.add_paragraph()
    signature(doc, f"{report.text('kab_kota', '..........')}, {report.tanggal_ttd}",
              f"Kepala {report.text('nama_dinas', 'Dinas')}",
              report.text("kepala_dinas", "...................."),
              report.text("nip_kepala_dinas", "...................."))


def _tgl(value) -> str:
    from datetime import date
    return tanggal(value) if isinstance(value, date) else "-"


# ---------------------------------------------------------------- reading it back

_NUMBERED = re.compile(r"^([IVX]+)\.\s+(.*)$")
_LAMPIRAN = re.compile(r"^Lampiran\s+\d+\.\s+(.*)$")
_ITEM = re.compile(r"^[a-j]\.\s+(.*)$")


def outline_of_docx(path: Path, jenis: str) -> LaporanOutline:
    """The outline a reader finds in a written report: headings, lampiran, addressees."""
    doc = Document(str(path))
    bab, lampiran, kepada, tembusan = [], [], [], []
    target = None
    for p in doc.paragraphs:
        style, text = p.style.name, p.text.strip()
        if style == "Heading 1" and (m := _NUMBERED.match(text)):
            bab.append(m.group(2))
        elif style == "Heading 2" and (m := _LAMPIRAN.match(text)):
            lampiran.append(m.group(1))
        elif text in (KEPADA, TEMBUSAN):
            target = kepada if text == KEPADA else tembusan
        elif target is not None and not bab and (m := _ITEM.match(text)):
            target.append(m.group(1))
        else:
            target = None
    return LaporanOutline(jenis, tuple(bab), tuple(lampiran), tuple(kepada), tuple(tembusan))
