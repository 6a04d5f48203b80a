"""Fixtures built by code: a small, fully compliant Dokumen and record builders.

`clean_dokumen()` fires no rule at all (a test holds it to that); a rule's tests
take it, break one thing, and assert the rule fires at the right cell.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xlplugin.domain.money import multiply
from xlplugin.domain.records import (
    Dokumen,
    Jadwal,
    Kegiatan,
    Narasumber,
    Pendamping,
    Peserta,
    Profil,
    RabLine,
    Realisasi,
    Sentra,
    StandarHarga,
)

KAB = "Kabupaten Contoh"


def profil(**over) -> Profil:
    base = {
        "tahun_anggaran": 2023, "provinsi": "Provinsi Contoh", "kab_kota": KAB,
        "nama_dinas": "Dinas Perindustrian dan Perdagangan Kabupaten Contoh",
        "alamat_dinas": "Jl. Contoh No. 1", "ada_dinas_industri": True,
        "lokasi_pariwisata_prioritas": True, "terima_dak_fisik_ikm": True, "pagu": 2_000_000_000,
        "tanggal_rencana": date(2023, 3, 20), "tanggal_reviu_apip": date(2023, 3, 10),
        "nomor_reviu_apip": "700/01/Itda/2023", "tanggal_laporan_semester1": date(2023, 7, 10),
        "tanggal_laporan_semester2": date(2024, 1, 10), "tanggal_laporan_akhir": date(2024, 1, 25),
        "kepala_dinas": "Budi Contoh, S.E.", "nip_kepala_dinas": "197001012000031001",
    }
    base.update(over)
    return Profil(**base)


def sentra(row: int = 6, kode: str = "S1", **over) -> Sentra:
    base = {"kode_sentra": kode, "nama_sentra": f"Sentra Tenun {kode}", "komoditi": "Tenun",
                "alamat": "Desa Contoh, Kec. Contoh", "kab_kota": KAB, "jumlah_unit_usaha": 25,
                "nomor_sk_pengelola": "188.45/12/2022", "tanggal_sk_pengelola": date(2022, 11, 1)}
    base.update(over)
    return Sentra(row=row, **base)


def kegiatan(rincian: str, row: int = 6, kode: str | None = None, **over) -> Kegiatan:
    """A compliant activity of `rincian`, planned inside 2023 and the kab/kota."""
    base = {
        "kode_kegiatan": kode or f"K{rincian.replace('.', '')}", "menu": rincian[0], "rincian": rincian,
        "varian": "-", "nama_kegiatan": f"Kegiatan {rincian}", "kode_sentra": "S1",
        "tanggal_mulai": date(2023, 5, 8), "tanggal_selesai": date(2023, 5, 19), "lokasi": KAB,
        "luar_daerah": False, "metode": "Tatap muka", "target_keluaran": 25, "satuan_keluaran": "orang",
        "realisasi_mulai": date(2023, 5, 8), "realisasi_selesai": date(2023, 5, 19),
        "realisasi_lokasi": KAB, "realisasi_keluaran": 25, "anggaran": None, "realisasi_anggaran": None,
    }
    base.update(PER_RINCIAN.get(rincian, {}))
    base.update(over)
    return Kegiatan(row=row, **base)


# What each rincian needs to be compliant beyond the common fields.
PER_RINCIAN: dict[str, dict] = {
    "A.1": {"jpl": 60, "porsi_teori": Decimal(50), "porsi_diskusi": Decimal(20),
                "porsi_praktik": Decimal(30), "target_peserta": 25},
    "A.2": {"varian": "Pelatihan", "jpl": 40, "porsi_teori": Decimal(30), "porsi_diskusi": Decimal(0),
                "porsi_praktik": Decimal(70), "target_peserta": 25},
    "A.3": {"tanggal_mulai": date(2023, 6, 5), "tanggal_selesai": date(2023, 9, 29),
                "target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "rencana_kunjungan": 90,
                "jam_per_kunjungan": Decimal(4), "realisasi_mulai": date(2023, 6, 5),
                "realisasi_selesai": date(2023, 9, 29), "realisasi_keluaran": 5},
    "B.1": {"jpl": 60, "target_peserta": 18, "target_keluaran": 18},
    "D.2": {"jpl": 40, "porsi_teori": Decimal(50), "porsi_diskusi": Decimal(20),
                "porsi_praktik": Decimal(30), "target_peserta": 25},
    # Section 2 limits: months, visits, output unit per rincian (RULES.md section 2).
    "A.4": {"tanggal_mulai": date(2023, 5, 8), "tanggal_selesai": date(2023, 9, 29),
                "realisasi_mulai": date(2023, 5, 8), "realisasi_selesai": date(2023, 9, 29),
                "target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5},
    "A.5": {"tanggal_mulai": date(2023, 5, 8), "tanggal_selesai": date(2023, 5, 12),
                "realisasi_mulai": date(2023, 5, 8), "realisasi_selesai": date(2023, 5, 12),
                "target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5,
                "skala_industri_tkdn": "Industri kecil", "metode_tkdn": "Self assessment SIINas"},
    "A.6": {"target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5},
    "B.2": {"varian": "Pengelola", "jpl": 60, "target_peserta": 25},
    "B.3": {"tanggal_mulai": date(2023, 5, 8), "tanggal_selesai": date(2023, 9, 29),
                "realisasi_mulai": date(2023, 5, 8), "realisasi_selesai": date(2023, 9, 29), "jpl": 40,
                "rencana_kunjungan": 16, "target_keluaran": 1, "satuan_keluaran": "Sentra",
                "realisasi_keluaran": 1, "bulan_pendampingan": 4},
    "B.4": {"jpl": 60, "target_peserta": 25},
    "C.1": {"nama_pameran": "Inacraft 2023", "tingkat_pameran": "Nasional", "target_keluaran": 1,
                "satuan_keluaran": "Sentra", "realisasi_keluaran": 1},
    "C.2": {"target_keluaran": 1, "satuan_keluaran": "Sentra", "realisasi_keluaran": 1},
    "C.3": {"tanggal_mulai": date(2023, 6, 5), "tanggal_selesai": date(2023, 9, 29),
                "realisasi_mulai": date(2023, 6, 5), "realisasi_selesai": date(2023, 9, 29),
                "target_ikm": 5, "rencana_kunjungan": 12, "jam_per_kunjungan": Decimal(4),
                "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5},
    "D.1": {"target_keluaran": 1, "satuan_keluaran": "Sentra", "realisasi_keluaran": 1},
    "D.3": {"tanggal_mulai": date(2023, 6, 5), "tanggal_selesai": date(2023, 9, 29),
                "realisasi_mulai": date(2023, 6, 5), "realisasi_selesai": date(2023, 9, 29),
                "target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5},
    "D.4": {"target_ikm": 5, "target_keluaran": 5, "satuan_keluaran": "IKM", "realisasi_keluaran": 5},
}


def nik(i: int) -> str:
    return f"3201{i:012d}"


# What a participant / narasumber of a rincian needs beyond the common fields (section 3-4).
PESERTA_PER_RINCIAN: dict[str, dict] = {
    "A.3": {"riwayat_pelatihan": "A.1 (2022)"},
    "B.2": {"peran": "Pengelola UPT/rumah kemasan", "nomor_sk_pengelola": "188.45/31/Kpts/2023"},
    "D.3": {"riwayat_pelatihan": "D.2 (2022)"},
}
NARASUMBER_PER_RINCIAN: dict[str, dict] = {
    "A.5": {"keahlian": "P3DN, verifikator TKDN"},
    "A.6": {"keahlian": "Penyelia halal"},
}


def peserta(k: Kegiatan, n: int, first_row: int = 6, **over) -> list[Peserta]:
    rows = []
    for i in range(n):
        base = {
            "kode_kegiatan": k.kode_kegiatan, "nama": f"Peserta {k.kode_kegiatan}-{i + 1}",
            "nik": nik(first_row + i), "jenis_kelamin": "P" if i % 2 else "L",
            "tanggal_lahir": date(1990, 1, 1), "pendidikan": "SMA/SMK", "kab_kota_asal": KAB,
            "kode_sentra": "S1", "peran": "IKM", "nama_ikm": f"IKM {i + 1}", "nib": f"91200{i:08d}",
            "bersedia_nib": None, "jual_domestik": True, "riwayat_pelatihan": None, "pendamping": None,
            "tuntas": True,
        }
        base.update(PESERTA_PER_RINCIAN.get(k.rincian, {}))
        base.update(over)
        rows.append(Peserta(row=first_row + i, **base))
    return rows


def narasumber(k: Kegiatan, row: int = 6, **over) -> Narasumber:
    base = {
        "kode_kegiatan": k.kode_kegiatan, "nama": f"Narasumber {k.kode_kegiatan}", "nik": nik(9000 + row),
        "peran": "Narasumber", "instansi": "Politeknik Contoh", "dari_dinas_penyelenggara": False,
        "materi": "Manajemen usaha", "pembukaan_penutupan": False, "dibayar_honor": True,
        "pendidikan": "S2", "pelaku_usaha": False, "nib": None, "pengalaman_tahun": 8,
        "bukti_kompetensi": "Sertifikat pelatih BNSP", "keahlian": "Manajemen bisnis", "sehat": True,
        "tanggal_mulai": k.tanggal_mulai, "tanggal_selesai": k.tanggal_selesai,
    }
    base.update(NARASUMBER_PER_RINCIAN.get(k.rincian, {}))
    base.update(over)
    return Narasumber(row=row, **base)


def pendamping(k: Kegiatan, row: int = 6, **over) -> Pendamping:
    base = {
        "kode_kegiatan": k.kode_kegiatan, "nama": f"Pendamping {k.kode_kegiatan}-{row}",
        "nik": nik(8000 + row), "peran": "Tenaga pendamping", "pendidikan": "Diploma III",
        "pelaku_usaha": True, "nib": "9120000000001", "pengalaman_tahun": 6, "pengalaman_usaha_tahun": 7,
        "pengalaman_pendamping_tahun": 2, "bukti_kompetensi": "Sertifikat kompetensi pendamping",
        "keahlian": "Tenun", "sehat": True, "pendamping_lembaga_lain": False, "kode_sentra": "S1",
        "komoditi": "Tenun", "jumlah_ikm": 5, "tanggal_mulai": k.tanggal_mulai,
        "tanggal_selesai": k.tanggal_selesai,
    }
    base.update(over)
    return Pendamping(row=row, **base)


def logbook(k: Kegiatan, first_row: int = 6, **over) -> list[Jadwal]:
    """A.3 logbook: one 4-hour visit per IKM (target_ikm) per started week of the realised
    period, as the Jadwal sheet records them (KUNJUNGAN-A3)."""
    start, end = k.realisasi_mulai, k.realisasi_selesai
    weeks = -(-(end.toordinal() - start.toordinal() + 1) // 7)
    rows = []
    for w in range(weeks):
        for i in range(k.target_ikm):
            day = date.fromordinal(min(start.toordinal() + 7 * w + i % 5, end.toordinal()))
            base = {"kode_kegiatan": k.kode_kegiatan, "tanggal": day, "jam_mulai": "08:00",
                        "jam_selesai": "12:00", "jenis": "Kunjungan pendampingan",
                        "materi": "Bimbingan produksi", "narasumber": f"Pendamping {k.kode_kegiatan}",
                        "nama_ikm": f"IKM {i + 1}", "lokasi": KAB, "durasi_jam": Decimal(4)}
            base.update(over)
            rows.append(Jadwal(row=first_row + len(rows), **base))
    return rows


def rab_line(k: Kegiatan, row: int, kode: str, kategori: str, volume, harga: int,
             **over) -> RabLine:
    volume = Decimal(volume)
    base = {"kode_baris": kode, "kode_kegiatan": k.kode_kegiatan, "uraian": kategori,
                "kategori": kategori, "kode_ssh": None, "volume": volume, "satuan": "OK",
                "harga_satuan": harga, "jumlah": multiply(volume, harga), "menu": k.menu, "rincian": k.rincian,
                "realisasi": 0}
    base.update(over)
    return RabLine(row=row, **base)


def clean_dokumen() -> Dokumen:
    """One compliant A.1 training with its people, costs, schedule and spending."""
    k = kegiatan("A.1", row=6, kode="K01")
    ssh = [StandarHarga(row=6, kode_ssh="SSH-01", uraian="Honorarium narasumber", satuan="OJ",
                        harga_maksimum=900_000, dasar_hukum="Perbup Contoh 1/2023"),
           StandarHarga(row=7, kode_ssh="SSH-02", uraian="Konsumsi pelatihan", satuan="OH",
                        harga_maksimum=150_000, dasar_hukum="Perbup Contoh 1/2023")]
    rab = [
        rab_line(k, 6, "R001", "Honorarium narasumber/instruktur", 20, 900_000,
                 kode_ssh="SSH-01", satuan="OJ", uraian="Honor narasumber"),
        rab_line(k, 7, "R002", "Konsumsi rapat/pelatihan", 250, 100_000, kode_ssh="SSH-02",
                 satuan="OH", uraian="Konsumsi peserta 25 orang x 10 hari"),
        rab_line(k, 8, "R003", "Bahan dan perlengkapan pelatihan", 25, 350_000,
                 satuan="paket", uraian="Modul dan bahan praktik"),
    ]
    real = [Realisasi(row=6, tanggal=date(2023, 5, 19), kode_baris="R001", kode_kegiatan="K01",
                      uraian="Bayar honor", jumlah=18_000_000, nomor_bukti="BKU-01")]
    rab[0].realisasi = 18_000_000
    jadwal = [Jadwal(row=6 + i, kode_kegiatan="K01", tanggal=date(2023, 5, 8 + i),
                     jam_mulai="08:00", jam_selesai="16:00", jenis="Sesi pelatihan",
                     materi="Manajemen usaha", narasumber="Narasumber K01", lokasi=KAB,
                     jpl=Decimal(6), durasi_jam=Decimal(8)) for i in range(5)]
    return Dokumen(
        profil=profil(), sentra=[sentra()], kegiatan=[k], rab=rab, ssh=ssh,
        peserta=peserta(k, 25), narasumber=[narasumber(k)], pendamping=[], jadwal=jadwal,
        realisasi=real,
    )
