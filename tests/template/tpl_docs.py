"""Workbooks' contents built by code for the template tests.

The sample Dokumen; a broken variant that trips each native conditional-format rule
(and some near misses at the limits); a large one with a few hundred RAB lines.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from decimal import Decimal

from factories import kegiatan

from xlplugin.domain.records import Realisasi
from xlplugin.rulepack import load_pack


def sample() -> object:
    try:
        from xlplugin.sample import sample_dokumen
    except ImportError:  # the sample package is written in parallel; factories suffice
        from factories import clean_dokumen
        return clean_dokumen()
    return sample_dokumen()


def broken_dokumen():
    """The sample with breaches of every native rule, plus boundary values that pass."""
    doc = copy.deepcopy(sample())
    by = {k.rincian: k for k in doc.kegiatan}
    by["A.1"].jpl = 90  # JPL-A1 above 85
    by["A.1"].luar_daerah, by["A.1"].alasan_luar_daerah = True, "Lokasi praktik"
    by["A.1"].panitia_pendamping = 5  # PANITIA-10: 5 of 25 > 10 %
    by["B.1"].jpl = None  # JPL-B1 empty
    by["A.2"].metode = "Virtual"  # METODE-TATAP-MUKA
    by["B.3"].jpl = 50  # BULAN-B3: its training at most 45 JPL
    by["C.1"].tingkat_pameran = "Provinsi"  # PAMERAN-NASIONAL
    by["D.2"].jpl = 45  # JPL-D2 boundary: passes
    extra = [
        kegiatan("A.4", kode="X01", tanggal_mulai=date(2023, 1, 31),
                 tanggal_selesai=date(2023, 11, 30)),  # BULAN-A4: 11 months
        kegiatan("A.3", kode="X02", tanggal_mulai=date(2023, 1, 31),
                 tanggal_selesai=date(2023, 2, 28)),  # 2 months (EDATE end of month)
        kegiatan("B.2", kode="X03", varian="Pengelola", jpl=40),  # JPL-B2 below 45
        kegiatan("B.4", kode="X04", jpl=80),  # JPL-B4 boundary: passes
        kegiatan("C.3", kode="X05", rencana_kunjungan=11, tanggal_mulai=date(2023, 3, 1),
                 tanggal_selesai=date(2023, 8, 31)),  # KUNJUNGAN-C3; 6 months passes
        kegiatan("D.3", kode="X06", tanggal_mulai=date(2023, 1, 1),
                 tanggal_selesai=date(2023, 7, 1)),  # BULAN-D3: 7 months
        kegiatan("D.4", kode="X07", tanggal_mulai=date(2023, 9, 1),
                 tanggal_selesai=date(2023, 8, 1)),  # BULAN-D4: reversed dates
        kegiatan("C.2", kode="X08", tanggal_mulai=None),  # BULAN-C2: date empty
        kegiatan("B.4", kode="X09", jpl=81),  # JPL-B4 above 80
        kegiatan("D.2", kode="X10", jpl=46),  # JPL-D2 above 45
        kegiatan("C.1", kode="X11", tanggal_mulai=date(2023, 1, 2),
                 tanggal_selesai=date(2023, 11, 2)),  # BULAN-C1: 11 months
        kegiatan("C.3", kode="X12", rencana_kunjungan=12, tanggal_mulai=date(2023, 3, 1),
                 tanggal_selesai=date(2023, 9, 1)),  # BULAN-C3: 7 months
    ]
    doc.kegiatan.extend(extra)
    kategori = {k.dikecualikan: k.nama for k in load_pack().kategori.values() if k.dikecualikan}
    doc.rab[1].kategori = kategori["EXC-OPERASIONAL"]
    doc.rab[2].kategori = kategori["EXC-PERJADIN"]
    doc.rab[3].kategori = kategori["EXC-MESIN"]
    doc.rab[4].kode_kegiatan = "K99"  # RAB-KEGIATAN: no such activity
    doc.rab[5].kode_kegiatan = None
    doc.rab[6].volume = Decimal(-2)  # RAB-HITUNG
    doc.rab[7].harga_satuan = None
    doc.narasumber[0].dari_dinas_penyelenggara = True  # EXC-HONOR-PEMBUKAAN
    doc.narasumber[0].pembukaan_penutupan = True
    doc.narasumber[0].dibayar_honor = True
    doc.realisasi.append(Realisasi(row=0, tanggal=date(2023, 9, 1), kode_baris="ZZZ",
                                   uraian="Bayar", jumlah=1_000))  # REAL-LEBIH: unknown line
    doc.realisasi.append(Realisasi(row=0, tanggal=date(2023, 9, 1), kode_baris=None,
                                   uraian="Bayar", jumlah=2_000))
    doc.realisasi.append(Realisasi(row=0, tanggal=date(2023, 9, 1),
                                   kode_baris=doc.rab[10].kode_baris, uraian="Lebih bayar",
                                   jumlah=doc.rab[10].harga_satuan * 1000))
    doc.profil = replace(doc.profil, pagu=1_000_000, ada_dinas_industri=False,
                         lokasi_pariwisata_prioritas=None,
                         terima_dak_fisik_ikm=False)  # RAB-PAGU, ELIG-*
    doc.sentra[0].jumlah_unit_usaha = 4  # SENTRA-MIN5
    doc.sentra[1].jumlah_unit_usaha = 5  # boundary: passes
    doc.peserta[0].nik = "123"  # PESERTA-NIK
    doc.peserta[1].nik = "32010000000000AB"
    doc.peserta[2].nik = "3201 0000 0000 0001"  # spaces are ignored: passes
    doc.peserta[3].nik = None
    return doc


def large_dokumen(lines: int = 600):
    """The sample with its RAB repeated to `lines` lines (new codes), for scale."""
    doc = copy.deepcopy(sample())
    base = list(doc.rab)
    while len(doc.rab) < lines:
        src = base[len(doc.rab) % len(base)]
        doc.rab.append(replace(src, kode_baris=f"L{len(doc.rab):04d}", realisasi=None))
    return doc
