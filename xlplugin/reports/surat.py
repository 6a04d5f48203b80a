"""The two letters a Dinas sends the Direktur Jenderal IKMA (Lampiran III.A of the juknis):
the Rencana Kegiatan, by 31 March, and the Perubahan Rencana Kegiatan, by 30 June.

Each letter is written from the workbook (Profil for the sender, the date and the
signature; KAK and RAB for the activities and their budget), the deadline comes from
the rule pack's DL-RENCANA / DL-PERUBAHAN parameters, and a letter dated after it, or
not dated at all, is said so (`Surat.terlambat`, `Surat.catatan`). Word, then PDF by
whichever program this computer has (`pdf.make_pdfs`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx.shared import Cm

from ..domain.calendar import tanggal
from ..domain.money import format_percent
from ..domain.money import rupiah as rp
from ..domain.records import Dokumen
from ..engine.totals import compute_totals
from ..ooxml.safe_write import prepare_folder
from ..rulepack.model import RulePack
from .docx_util import centered, new_document, para, rupiah, signature, table
from .export import _publish, pack_for, read_source
from .lampiran import teks
from .pdf import make_pdfs
from .stable import stabilise

DIRJEN = ("Direktur Jenderal Industri Kecil, Menengah, dan Aneka",
          "Kementerian Perindustrian", "di Jakarta")


@dataclass(frozen=True)
class Jenis:
    hal: str  # the subject line, before "DAK Nonfisik ..."
    rule: str  # the deadline rule whose `batas` names the Profil date field
    kalimat: str  # what the letter sends


JENIS = {
    "rencana": Jenis("Penyampaian Rencana Kegiatan", "DL-RENCANA",
                     "bersama ini kami sampaikan Rencana Kegiatan"),
    "perubahan": Jenis("Penyampaian Perubahan Rencana Kegiatan", "DL-PERUBAHAN",
                       "bersama ini kami sampaikan Perubahan Rencana Kegiatan"),
}


@dataclass(frozen=True)
class Surat:
    files: list[Path]
    tanggal: date | None
    batas: date
    catatan: str  # the deadline said in Indonesian, for the CLI

    @property
    def terlambat(self) -> bool:
        return self.tanggal is not None and self.tanggal > self.batas


def deadline(pack: RulePack, jenis: str) -> tuple[str, date]:
    """(Profil field of the letter's date, the last day) from the pack's deadline rule."""
    field, batas = next(iter(pack.rules[JENIS[jenis].rule].params["batas"].items()))
    return field, batas


def export_surat(source, jenis: str, out_dir: Path | str, *, pdf: bool = True) -> Surat:
    """Write the letter `jenis` ("rencana" or "perubahan") of the workbook into `out_dir`."""
    doc = read_source(source)
    pack = pack_for(doc)
    field, batas = deadline(pack, jenis)
    day = getattr(doc.profil, field)
    day = day if isinstance(day, date) else None
    out_dir = prepare_folder(out_dir)
    name = f"Surat_{jenis.capitalize()}_{pack.tahun}_{_slug(doc)}.docx"
    with tempfile.TemporaryDirectory(prefix=".xlplugin-", dir=out_dir) as tmp:
        staged = write_surat_docx(doc, pack, jenis, day, Path(tmp) / name)
        made = make_pdfs([staged], Path(tmp)) if pdf else None
        files = [_publish(f, out_dir) for f in [staged, *(made.pdfs if made else ())]]
    return Surat(files, day, batas, _catatan(pack, jenis, field, day, batas))


def write_surat_docx(doc: Dokumen, pack: RulePack, jenis: str, day: date | None,
                     path: Path) -> Path:
    spec, p = JENIS[jenis], doc.profil
    out = new_document(f"{spec.hal} DAK Nonfisik TA {pack.tahun}")
    kab = teks(p.kab_kota) or "[isi Kabupaten/Kota pada sheet Profil]"
    centered(out, f"PEMERINTAH {kab.upper()}", 13)
    centered(out, (teks(p.nama_dinas) or "[isi Nama Dinas pada sheet Profil]").upper(), 13)
    centered(out, teks(p.alamat_dinas) or "", 10, bold=False)
    out.add_paragraph()
    hal = f"{spec.hal} DAK Nonfisik Penguatan Kapasitas Kelembagaan Sentra IKM TA {pack.tahun}"
    for label, value in (("Nomor", "...................."), ("Sifat", "Penting"),
                         ("Lampiran", "1 (satu) berkas"), ("Hal", hal)):
        line = para(out, f"{label}\t: {value}")
        line.paragraph_format.tab_stops.add_tab_stop(Cm(2.5))  # the colons in one column
        line.paragraph_format.left_indent, line.paragraph_format.first_line_indent = \
            Cm(2.8), Cm(-2.8)  # a long Hal wraps under its own text
    out.add_paragraph()
    para(out, "Yth.")
    for line in DIRJEN:
        para(out, line)
    out.add_paragraph()
    _isi(out, doc, pack, spec)
    out.add_paragraph()
    when = tanggal(day) if day else _isi_tanggal(jenis)
    signature(out, f"{kab}, {when}", f"Kepala {teks(p.nama_dinas) or 'Dinas'}",
              teks(p.kepala_dinas) or "....................",
              teks(p.nip_kepala_dinas) or "....................")
    out.save(path)
    stabilise(path)
    return path


def _isi(out, doc: Dokumen, pack: RulePack, spec: Jenis) -> None:
    totals = compute_totals(doc, pack)
    pagu = doc.profil.pagu if isinstance(doc.profil.pagu, (int, Decimal)) else None
    jumlah = sum(j.rab for j in totals.menu.values())
    para(out, f"Berdasarkan {pack.regulasi}, {spec.kalimat} Dana Alokasi Khusus Nonfisik "
              f"Penguatan Kapasitas Kelembagaan Sentra IKM Tahun Anggaran {pack.tahun} "
              f"{teks(doc.profil.kab_kota) or ''} dengan rincian sebagai berikut:")
    rows = []
    for i, k in enumerate(doc.kegiatan, start=1):
        anggaran = totals.kegiatan.get(k.kode_kegiatan)
        rows.append((str(i), teks(k.kode_kegiatan), teks(k.nama_kegiatan), teks(k.rincian),
                     rupiah(anggaran.rab if anggaran else None)))
    rows.append(("", "", "JUMLAH", "", rupiah(jumlah)))
    table(out, ["No", "Kode", "Kegiatan", "Rincian", "Anggaran (Rp)"], rows,
          [1.0, 1.6, 8.0, 1.6, 3.6])
    out.add_paragraph()
    persen = (Decimal(jumlah) * 100 / Decimal(pagu)).quantize(Decimal("0.01"), ROUND_HALF_UP) \
        if pagu else None
    dari = f" ({format_percent(persen)} dari pagu {rp(pagu)})" if pagu else ""
    para(out, f"Jumlah rencana anggaran {rp(jumlah)}{dari}. Kerangka Acuan Kerja dan "
              "Rencana Anggaran Biaya setiap kegiatan terlampir.")
    para(out, "Demikian kami sampaikan. Atas perhatian dan kerja sama Bapak, kami ucapkan "
              "terima kasih.")


def _isi_tanggal(jenis: str) -> str:
    field = "Tanggal penyampaian rencana kegiatan" if jenis == "rencana" else \
        "Tanggal penyampaian perubahan rencana"
    return f"[isi {field} pada sheet Profil]"


def _catatan(pack: RulePack, jenis: str, field: str, day: date | None, batas: date) -> str:
    rule = pack.rules[JENIS[jenis].rule]
    if day is None:
        return (f"Tanggal surat belum diisi di sheet Profil ({_isi_tanggal(jenis)[5:-1]}); "
                f"surat harus disampaikan paling lambat {tanggal(batas)} ({rule.id}, "
                f"{rule.clause}).")
    if day > batas:
        return (f"PELANGGARAN {rule.id}: tanggal surat {tanggal(day)} melewati batas "
                f"{tanggal(batas)} ({rule.clause}).")
    return f"Tanggal surat {tanggal(day)}, dalam batas waktu {tanggal(batas)} ({rule.clause})."


def _slug(doc: Dokumen) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "_", teks(doc.profil.kab_kota) or "Daerah").strip("_")
