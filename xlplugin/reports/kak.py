"""KAK documents: one Word file per activity, prefilled and ready for the dinas to edit.

Lampiran II (closing) funds activities "sepanjang tertuang dalam KAK/RAB". Each KAK
takes the juknis text of its rincian from the rule pack (`Rincian.info`, file
`rincian_teks.toml`: tujuan, sasaran, bentuk, metode, materi, keluaran, penyelenggara)
and the activity's own rows: dates, place, participants, narasumber, pendamping and
RAB lines with their total in figures and in words.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..domain.calendar import tanggal
from ..domain.privacy import mask_nik as _mask
from ..domain.records import Dokumen, Kegiatan
from ..engine.totals import compute_totals, line_amount
from ..ooxml.safe_write import prepare_folder
from ..rulepack.model import RulePack
from .docx_util import centered, new_document, para, placeholder, rupiah, signature, table
from .export import _publish, pack_for, read_source
from .lampiran import MARK_NOTE, line_marks, marked, teks
from .stable import stabilise
from .terbilang import rupiah_terbilang

SECTIONS = ("Latar Belakang", "Tujuan dan Sasaran", "Bentuk Kegiatan", "Metode Pelaksanaan",
            "Waktu dan Tempat", "Peserta", "Narasumber/Instruktur/Tenaga Pendamping",
            "Materi Pokok", "Keluaran", "Penyelenggara", "Rencana Anggaran Biaya")


def export_kak(source, out_dir: Path | str, mask_nik: bool = True) -> list[Path]:
    """Write one KAK .docx per activity of the workbook into `out_dir`."""
    import tempfile
    doc = read_source(source)
    pack = pack_for(doc)
    out_dir = prepare_folder(out_dir)  # only now: a refused workbook leaves no folder
    written = []
    with tempfile.TemporaryDirectory(prefix=".xlplugin-", dir=out_dir) as tmp:
        for k in _activities(doc):
            path = Path(tmp) / kak_name(k)
            write_kak_docx(doc, k, pack, path, mask_nik=mask_nik)
            written.append(_publish(path, out_dir))
    return written


def _activities(doc: Dokumen) -> list[Kegiatan]:
    seen, out = set(), []
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str) and k.kode_kegiatan not in seen:
            seen.add(k.kode_kegiatan)
            out.append(k)
    return out


def kak_name(k: Kegiatan) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", teks(k.nama_kegiatan))[:50].strip("_")
    kode = re.sub(r"[^A-Za-z0-9.-]+", "_", k.kode_kegiatan)[:40]  # a file name has a limit
    return f"KAK_{kode}_{slug}.docx" if slug else f"KAK_{kode}.docx"


def write_kak_docx(doc: Dokumen, k: Kegiatan, pack: RulePack, path: Path, *,
                   mask_nik: bool = True) -> Path:
    rincian = pack.rincian.get(k.rincian) if isinstance(k.rincian, str) else None
    info = rincian.info if rincian else {}
    out = new_document(f"KAK {k.kode_kegiatan} {teks(k.nama_kegiatan)}")
    _title(out, doc, k, pack, rincian)
    fill = _sections(doc, k, pack, info, mask_nik)
    for i, name in enumerate(SECTIONS):
        out.add_heading(f"{'ABCDEFGHIJKLMN'[i]}. {name}", level=1)
        fill[i](out)
    _sign(out, doc)
    out.save(path)
    stabilise(path)
    return path


def _title(out, doc: Dokumen, k: Kegiatan, pack: RulePack, rincian) -> None:
    centered(out, "KERANGKA ACUAN KERJA (KAK)", 14)
    centered(out, teks(k.nama_kegiatan).upper() or k.kode_kegiatan, 12)
    menu = pack.menu.get(k.rincian[0]) if rincian else None
    lines = [f"Kode kegiatan: {k.kode_kegiatan}",
             f"Menu {rincian.menu}: {menu}" if rincian else f"Menu: {teks(k.menu)}",
             f"Rincian {rincian.kode}: {rincian.nama}" if rincian else
             f"Rincian: {teks(k.rincian)} (tidak dikenal dalam juknis)",
             f"DAK Nonfisik Penguatan Kapasitas Kelembagaan Sentra IKM TA {pack.tahun}",
             teks(doc.profil.nama_dinas)]
    for line in lines:
        centered(out, line, 10, bold=False)


def _juknis(out, info: dict, *keys: str) -> None:
    """The rincian's juknis text (Lampiran II), one paragraph per line."""
    for key in keys:
        for line in str(info.get(key, "")).splitlines():
            if line.strip():
                para(out, line.strip())
    if not any(info.get(key) for key in keys):
        placeholder(out, "uraian (teks juknis rincian ini tidak tersedia)")


def _sections(doc: Dokumen, k: Kegiatan, pack: RulePack, info: dict, mask: bool) -> list:
    return [
        lambda o: placeholder(o, "latar belakang kegiatan: kondisi sentra, permasalahan, "
                                 "dan alasan kegiatan ini dipilih"),
        lambda o: _juknis(o, info, "tujuan", "sasaran"),
        lambda o: _juknis(o, info, "bentuk"),
        lambda o: (_juknis(o, info, "metode"), _metode(o, k)),
        lambda o: (_waktu(o, k), _juknis(o, info, "jangka_waktu", "tempat")),
        lambda o: (_peserta(o, doc, k, mask), _juknis(o, info, "target_peserta")),
        lambda o: (_narasumber(o, doc, k, mask), _juknis(o, info, "narasumber_teks")),
        lambda o: (_juknis(o, info, "materi"), _materi_jadwal(o, doc, k)),
        lambda o: (_juknis(o, info, "keluaran_teks"),
                   para(o, f"Target keluaran kegiatan ini: {teks(k.target_keluaran) or '-'} "
                           f"{teks(k.satuan_keluaran)}".strip())),
        lambda o: (_juknis(o, info, "penyelenggara"),
                   para(o, f"Penyelenggara: {teks(doc.profil.nama_dinas)}.")),
        lambda o: _rab(o, doc, k, pack),
    ]


def _metode(out, k: Kegiatan) -> None:
    parts = [f"Metode: {teks(k.metode)}" if k.metode else None,
             f"JPL: {teks(k.jpl)}" if k.jpl is not None else None]
    if k.porsi_teori is not None:
        parts.append(f"porsi teori/diskusi/praktik: {teks(k.porsi_teori)}%/"
                     f"{teks(k.porsi_diskusi)}%/{teks(k.porsi_praktik)}%")
    text = "; ".join(p for p in parts if p)
    if text:
        para(out, f"Rencana kegiatan ini: {text}.", bold=True)


def _tgl(value) -> str:
    return tanggal(value) if isinstance(value, date) else (teks(value) or "-")


def _waktu(out, k: Kegiatan) -> None:
    rows = [("Waktu pelaksanaan", f"{_tgl(k.tanggal_mulai)} s.d. {_tgl(k.tanggal_selesai)}"),
            ("Tempat", teks(k.lokasi) or "-"),
            ("Di luar kabupaten/kota", teks(k.luar_daerah) or "-")]
    if k.luar_daerah is True:
        rows.append(("Alasan di luar daerah", teks(k.alasan_luar_daerah) or "-"))
    table(out, ["Uraian", "Rencana"], rows, [5.0, 11.0])


def _peserta(out, doc: Dokumen, k: Kegiatan, mask: bool) -> None:
    people = [p for p in doc.peserta if p.kode_kegiatan == k.kode_kegiatan]
    target = teks(k.target_peserta) or teks(k.target_ikm) or "-"
    para(out, f"Target peserta: {target}; peserta terdaftar: {len(people)}.", bold=True)
    nik = _mask if mask else teks
    rows = [(i, teks(p.nama), nik(p.nik), teks(p.nama_ikm), teks(p.nib))
            for i, p in enumerate(people, start=1)]
    if rows:
        table(out, ["No", "Nama", "NIK", "Nama IKM", "NIB"], rows, [1.0, 4.5, 3.8, 4.2, 2.5])


def _narasumber(out, doc: Dokumen, k: Kegiatan, mask: bool) -> None:
    rows = [(teks(n.nama), teks(n.peran), teks(n.instansi), teks(n.materi))
            for n in doc.narasumber if n.kode_kegiatan == k.kode_kegiatan]
    rows += [(teks(p.nama), teks(p.peran), teks(p.komoditi), teks(p.keahlian))
             for p in doc.pendamping if p.kode_kegiatan == k.kode_kegiatan]
    if rows:
        table(out, ["Nama", "Peran", "Instansi/Komoditi", "Materi/Keahlian"], rows,
              [4.5, 3.0, 4.5, 4.0])
    else:
        placeholder(out, "nama narasumber/instruktur/tenaga pendamping")


def _materi_jadwal(out, doc: Dokumen, k: Kegiatan) -> None:
    materi = []
    for j in doc.jadwal:
        text = teks(j.materi)
        if j.kode_kegiatan == k.kode_kegiatan and text and text not in materi:
            materi.append(text)
    if materi:
        para(out, "Materi menurut jadwal kegiatan: " + "; ".join(materi) + ".", bold=True)


def _rab(out, doc: Dokumen, k: Kegiatan, pack: RulePack) -> None:
    lines = [ln for ln in doc.rab if ln.kode_kegiatan == k.kode_kegiatan]
    rows = [(i, teks(ln.kode_baris), marked(teks(ln.uraian), line_marks(ln, pack)),
             teks(ln.volume), teks(ln.satuan),
             rupiah(ln.harga_satuan if isinstance(ln.harga_satuan, int) else None),
             rupiah(line_amount(ln))) for i, ln in enumerate(lines, start=1)]
    total = compute_totals(doc, pack).kegiatan[k.kode_kegiatan].rab
    rows.append(("", "", "JUMLAH", "", "", "", rupiah(total)))
    table(out, ["No", "Kode", "Uraian", "Volume", "Satuan", "Harga Satuan (Rp)", "Jumlah (Rp)"],
          rows, [0.8, 1.4, 5.0, 1.7, 1.8, 2.6, 2.7], {3, 5, 6}, bold_last=True)
    para(out, f"Terbilang: {rupiah_terbilang(total)}.", bold=True)
    if any(line_marks(ln, pack) for ln in lines):
        para(out, MARK_NOTE)


def _sign(out, doc: Dokumen) -> None:
    out.add_paragraph()
    p = doc.profil
    signature(out, f"{teks(p.kab_kota) or '..........'}, ....................",
              f"Kepala {teks(p.nama_dinas) or 'Dinas'}",
              teks(p.kepala_dinas) or "....................",
              teks(p.nip_kepala_dinas) or "....................")
