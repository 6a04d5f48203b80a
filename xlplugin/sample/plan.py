"""The sample's profile, sentra and activities (KAK) for Kabupaten Sukamaju, TA 2023.

Every activity is written to satisfy RULES.md, except the breaches listed in
`breaches.py` (each marked here with a comment `# BREACH`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.records import Kegiatan, Persetujuan, Profil, Sentra

KAB = "Kabupaten Sukamaju"
PROV = "Provinsi Nusa Contoh"
DINAS = "Dinas Perindustrian dan Perdagangan Kabupaten Sukamaju"
AULA = "Aula Dinas Perindustrian dan Perdagangan, Sukamaju"
BALAI_TENUN = "Rumah Produksi Sentra Tenun, Desa Sukamaju Wetan"
BALAI_PANGAN = "Balai Desa Cibeureum, Kec. Cibeureum"
PAGU = 1_250_000_000


def profil() -> Profil:
    return Profil(
        tahun_anggaran=2023,
        provinsi=PROV,
        kab_kota=KAB,
        nama_dinas=DINAS,
        alamat_dinas="Jl. Veteran No. 17, Sukamaju 99111",
        ada_dinas_industri=True,
        lokasi_pariwisata_prioritas=True,
        terima_dak_fisik_ikm=True,
        pagu=PAGU,
        tanggal_rencana=date(2023, 1, 27),
        tanggal_perubahan=None,
        tanggal_reviu_apip=date(2023, 1, 18),
        nomor_reviu_apip="700.1/014/Itkab/2023",
        tanggal_laporan_semester1=date(2023, 7, 12),
        tanggal_laporan_semester2=None,
        tanggal_laporan_akhir=None,
        kepala_dinas="Drs. Hermawan Siregar, M.Si.",
        nip_kepala_dinas="196905141994031007",
        penyusun="Yuli Kusumawati, S.E.",
        kontak="0811-2233-4455 / disperindag@sukamajukab.go.id",
    )


SENTRA = {
    "S01": {
        "nama_sentra": "Sentra IKM Tenun Ikat Sukamaju Wetan",
        "komoditi": "Tenun",
        "alamat": "Desa Sukamaju Wetan, Kec. Sukamaju",
        "jumlah_unit_usaha": 34,
        "nomor_sk_pengelola": "188.45/112/Kpts/2022",
        "tanggal_sk_pengelola": date(2022, 10, 14),
    },
    "S02": {
        "nama_sentra": "Sentra IKM Olahan Pangan Cibeureum",
        "komoditi": "Olahan pangan",
        "alamat": "Desa Cibeureum, Kec. Cibeureum",
        "jumlah_unit_usaha": 27,
        "nomor_sk_pengelola": "188.45/113/Kpts/2022",
        "tanggal_sk_pengelola": date(2022, 10, 14),
    },
}


def sentra(first_row: int) -> list[Sentra]:
    return [
        Sentra(row=first_row + i, kode_sentra=kode, kab_kota=KAB, **spec)
        for i, (kode, spec) in enumerate(SENTRA.items())
    ]


# Training day plans: JPL per working day (sums to the KAK's JPL).
HARI = {
    "K01": [
        (date(2023, 2, d), j)
        for d, j in ((6, 8), (7, 8), (8, 8), (9, 8), (10, 7), (13, 7), (14, 7), (15, 7))
    ],
    "K02": [(date(2023, 3, d), j) for d, j in ((6, 7), (7, 7), (8, 7), (9, 7), (10, 6), (13, 6))],
    "K03": [
        (date(2023, 5, d), j)
        for d, j in ((8, 7), (9, 7), (10, 7), (11, 7), (12, 6), (15, 6), (16, 6), (17, 6))
    ],
    "K05": [(date(2023, 5, d), 4) for d in (3, 4)],
    "K06": [(date(2023, 6, d), 8) for d in (5, 6, 7, 8, 9, 12)],
    "K07": [(date(2023, 3, d), 8) for d in (7, 8, 9)],
    "K11": [(date(2023, 6, d), 8) for d in (19, 20, 21, 22, 23)],
}

_TEORI_A1 = {"porsi_teori": Decimal(50), "porsi_diskusi": Decimal(20), "porsi_praktik": Decimal(30)}
_TEORI_A2 = {"porsi_teori": Decimal(30), "porsi_diskusi": Decimal(0), "porsi_praktik": Decimal(70)}

# kode -> fields. Realisation fields are filled for what happened in Semester I.
KEGIATAN: dict[str, dict] = {
    "K01": dict(
        rincian="A.1",
        nama_kegiatan="Pelatihan Manajemen Usaha dan Kewirausahaan IKM Olahan Pangan",
        kode_sentra="S02",
        tanggal_mulai=date(2023, 2, 6),
        tanggal_selesai=date(2023, 2, 15),
        lokasi=AULA,
        metode="Tatap muka",
        jpl=60,
        **_TEORI_A1,
        target_peserta=25,
        target_keluaran=25,
        satuan_keluaran="orang",
        done=True,
    ),
    "K02": dict(
        rincian="A.2",
        varian="Pelatihan",
        nama_kegiatan="Pelatihan Teknis Pewarnaan Alam dan Motif Tenun Ikat",
        kode_sentra="S01",
        tanggal_mulai=date(2023, 3, 6),
        tanggal_selesai=date(2023, 3, 13),
        lokasi=BALAI_TENUN,
        metode="Tatap muka",
        jpl=40,
        **_TEORI_A2,
        target_peserta=20,
        target_keluaran=20,
        satuan_keluaran="orang",
        done=True,
    ),
    "K03": dict(  # BREACH JPL-A2 (52 > 45), approved by the ministry (APPROVALS): DISETUJUI
        rincian="A.2",
        varian="Pelatihan",
        nama_kegiatan="Pelatihan Standardisasi Produk Olahan Pangan dan Keamanan Pangan (CPPOB)",
        kode_sentra="S02",
        tanggal_mulai=date(2023, 5, 8),
        tanggal_selesai=date(2023, 5, 17),
        lokasi=BALAI_PANGAN,
        metode="Tatap muka",
        jpl=52,
        **_TEORI_A2,
        target_peserta=20,
        target_keluaran=20,
        satuan_keluaran="orang",
        done=True,
    ),
    "K04": {
        "rincian": "A.3",
        "nama_kegiatan": "Pendampingan Diversifikasi Produk Tenun Ikat (Busana dan Aksesori)",
        "kode_sentra": "S01",
        "tanggal_mulai": date(2023, 4, 3),
        "tanggal_selesai": date(2023, 6, 30),
        "lokasi": "Lokasi produksi IKM, Sentra Tenun Sukamaju Wetan",
        "metode": "Tatap muka",
        "target_ikm": 10,
        "rencana_kunjungan": 130,
        "jam_per_kunjungan": Decimal(4),
        "target_keluaran": 10,
        "satuan_keluaran": "IKM",
        "done": True,
    },
    "K05": {
        "rincian": "A.6",
        "nama_kegiatan": "Fasilitasi Sertifikat Halal IKM Olahan Pangan",
        "kode_sentra": "S02",
        "tanggal_mulai": date(2023, 5, 2),
        "tanggal_selesai": date(2023, 6, 30),
        "lokasi": BALAI_PANGAN,
        "metode": "Tatap muka",
        "target_ikm": 10,
        "target_keluaran": 10,
        "satuan_keluaran": "IKM",
        "done": True,
    },
    "K06": {
        "rincian": "B.1",
        "nama_kegiatan": "Pelatihan Manajemen Mutu dan Pengelolaan Sentra IKM",
        "kode_sentra": "S01",
        "tanggal_mulai": date(2023, 6, 5),
        "tanggal_selesai": date(2023, 6, 12),
        "lokasi": AULA,
        "metode": "Tatap muka",
        "jpl": 48,
        "target_peserta": 15,
        "target_keluaran": 15,
        "satuan_keluaran": "orang",
        "done": True,
    },
    "K07": {
        "rincian": "B.3",
        "nama_kegiatan": "Layanan Penyusunan Proses Bisnis dan Business Plan Sentra Olahan Pangan",
        "kode_sentra": "S02",
        "tanggal_mulai": date(2023, 3, 1),
        "tanggal_selesai": date(2023, 6, 30),
        "lokasi": BALAI_PANGAN,
        "metode": "Tatap muka",
        "jpl": 24,
        "rencana_kunjungan": 16,
        "bulan_pendampingan": 4,
        "jam_per_kunjungan": Decimal(4),
        "target_keluaran": 1,
        "satuan_keluaran": "Sentra",
        "done": True,
    },
    "K08": {  # BREACH LUAR-DAERAH: outside the kab/kota, no reason given
        "rincian": "C.1",
        "nama_kegiatan": "Promosi Produk Tenun Ikat pada Pameran Inacraft 2023",
        "kode_sentra": "S01",
        "tanggal_mulai": date(2023, 2, 28),
        "tanggal_selesai": date(2023, 3, 6),
        "lokasi": "Jakarta Convention Center, DKI Jakarta",
        "luar_daerah": True,
        "alasan_luar_daerah": None,
        "target_peserta": 10,
        "target_ikm": 10,
        "panitia_pendamping": 1,
        "nama_pameran": "Inacraft 2023",
        "tingkat_pameran": "Nasional",
        "target_keluaran": 1,
        "satuan_keluaran": "Sentra",
        "done": True,
    },
    "K09": {
        "rincian": "C.2",
        "nama_kegiatan": "Penyusunan Informasi Pasar dan Potensi Kemitraan Olahan Pangan",
        "kode_sentra": "S02",
        "tanggal_mulai": date(2023, 7, 3),
        "tanggal_selesai": date(2023, 9, 29),
        "lokasi": AULA,
        "target_keluaran": 1,
        "satuan_keluaran": "Sentra",
        "done": False,
    },
    "K10": {  # BREACH BULAN-D1: 5 months > 4, no approval recorded (left open)
        "rincian": "D.1",
        "nama_kegiatan": "Penyusunan Informasi dan Analisis Pasar Ekspor Tenun Ikat",
        "kode_sentra": "S01",
        "tanggal_mulai": date(2023, 3, 1),
        "tanggal_selesai": date(2023, 7, 31),
        "lokasi": AULA,
        "target_keluaran": 1,
        "satuan_keluaran": "Sentra",
        "done": "started",
    },
    "K11": dict(
        rincian="D.2",
        nama_kegiatan="Pelatihan Prosedur dan Dokumentasi Ekspor bagi IKM",
        kode_sentra="S01",
        tanggal_mulai=date(2023, 6, 19),
        tanggal_selesai=date(2023, 6, 23),
        lokasi=AULA,
        metode="Tatap muka",
        jpl=40,
        **_TEORI_A1,
        target_peserta=20,
        target_keluaran=20,
        satuan_keluaran="orang",
        done=True,
    ),
    "K12": {
        "rincian": "D.4",
        "nama_kegiatan": "Promosi Ekspor IKM: Profil Digital dan Akun Premium Marketplace B2B",
        "kode_sentra": "S01",
        "tanggal_mulai": date(2023, 8, 1),
        "tanggal_selesai": date(2023, 11, 30),
        "lokasi": AULA,
        "target_ikm": 8,
        "target_keluaran": 8,
        "satuan_keluaran": "IKM",
        "done": False,
    },
}


def kegiatan(first_row: int) -> list[Kegiatan]:
    """KAK rows; `anggaran` and `realisasi_anggaran` are filled later from RAB/Realisasi."""
    rows = []
    for i, (kode, spec) in enumerate(KEGIATAN.items()):
        spec = dict(spec)
        done = spec.pop("done")
        base = {
            "kode_kegiatan": kode,
            "menu": spec["rincian"][0],
            "varian": "-",
            "luar_daerah": False,
        }
        base.update(spec)
        k = Kegiatan(row=first_row + i, **base)
        if done:
            k.realisasi_mulai = k.tanggal_mulai
            k.realisasi_lokasi = k.lokasi
        if done is True:
            k.realisasi_selesai = k.tanggal_selesai
            k.realisasi_keluaran = k.target_keluaran
        rows.append(k)
    return rows


# The Persetujuan sheet: one row per approved limit of one activity.
APPROVALS = [
    {
        "kode_kegiatan": "K03",
        "aturan": "JPL-A2",
        "nomor_surat": "B/512/IKMA.4/IV/2023",
        "tanggal_surat": date(2023, 4, 12),
        "alasan": "Tambahan 12 JPL praktik uji organoleptik dan pelabelan sesuai BPOM",
    },
]


def persetujuan(first_row: int, pack) -> list[Persetujuan]:
    """Persetujuan rows, each limit as the sheet's dropdown spells it."""
    return [
        Persetujuan(row=first_row + i, **{**spec, "aturan": pack.aturan_label(spec["aturan"])})
        for i, spec in enumerate(APPROVALS)
    ]
