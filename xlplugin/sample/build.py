"""Assemble the sample Dokumen; fill the template's formula columns as Excel would."""

from __future__ import annotations

from collections import defaultdict

from ..domain.records import Dokumen
from ..layout import load_layout
from ..rulepack import load_pack
from . import budget, jadwal, narasi, peserta, plan, realisasi, staff
from .people import People


def sample_dokumen() -> Dokumen:
    layout, pack = load_layout(), load_pack()
    libur = pack.libur
    first = {key: t.first_row for key, t in layout.tables.items()}
    people = People()
    keg = plan.kegiatan(first["KAK"])
    by_kode = {k.kode_kegiatan: k for k in keg}
    rab = budget.rab(first["RAB"], by_kode)
    pst = peserta.peserta(first["Peserta"], people)
    jdw = jadwal.jadwal(first["Jadwal"], by_kode, pst, libur)
    doc = Dokumen(
        profil=plan.profil(),
        sentra=plan.sentra(first["Sentra"]),
        kegiatan=keg,
        rab=rab,
        ssh=budget.standar_harga(first["SSH"]),
        peserta=pst,
        narasumber=staff.narasumber(first["Narasumber"], by_kode, people),
        pendamping=staff.pendamping(first["Pendamping"], by_kode, people),
        jadwal=jdw,
        realisasi=realisasi.realisasi(first["Realisasi"], by_kode, rab, jdw, libur),
        persetujuan=plan.persetujuan(first["Persetujuan"], pack),
        narasi=narasi.narasi(first["Narasi"]),
        dokumentasi=narasi.dokumentasi(first["Dokumentasi"]),
    )
    fill_formula_fields(doc)
    return doc


def fill_formula_fields(doc: Dokumen) -> None:
    """The values the template's SUMIFS columns show once Excel has calculated."""
    paid: dict[str, int] = defaultdict(int)
    for r in doc.realisasi:
        paid[r.kode_baris] += r.jumlah
    planned: dict[str, int] = defaultdict(int)
    spent: dict[str, int] = defaultdict(int)
    for line in doc.rab:
        line.realisasi = paid[line.kode_baris]
        planned[line.kode_kegiatan] += line.jumlah
        spent[line.kode_kegiatan] += line.realisasi
    for k in doc.kegiatan:
        k.anggaran, k.realisasi_anggaran = planned[k.kode_kegiatan], spent[k.kode_kegiatan]
