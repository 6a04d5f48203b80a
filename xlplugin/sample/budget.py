"""The sample's Standar Harga table and its ~150 RAB lines.

Lines that the pack marks `perlu_ssh` name a standard item whose ceiling and satuan
they respect. Two deliberate breaches: an excluded panitia honorarium (K01) and a
correction line with a negative volume (K12).
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.records import Kegiatan, RabLine, StandarHarga
from .plan import HARI
from .staff import NARASUMBER

PERBUP = "Perbup Sukamaju No. 61 Tahun 2022 tentang Standar Harga Satuan"
SBM = "PMK 83/2022 (SBM TA 2023) jo. " + PERBUP

# kode -> (uraian, satuan, harga maksimum, dasar hukum)
SSH = {
    "1.1.01": (
        "Honorarium narasumber/pembahas non-ASN (akademisi, praktisi)",
        "OJ",
        1_000_000,
        PERBUP,
    ),
    "1.1.03": ("Honorarium instruktur/pengajar pelatihan teknis", "OJ", 400_000, PERBUP),
    "1.1.04": ("Honorarium tenaga pendamping IKM", "OB", 5_500_000, PERBUP),
    "1.1.05": ("Honorarium koordinator tenaga pendamping", "OB", 6_500_000, PERBUP),
    "1.1.06": (
        "Honorarium tenaga ahli perorangan (S2, pengalaman > 5 tahun)",
        "OB",
        9_500_000,
        PERBUP,
    ),
    "1.2.01": ("Uang transport peserta pelatihan dalam kabupaten", "OH", 150_000, PERBUP),
    "1.2.02": ("Uang saku peserta pelatihan fullday dalam kabupaten", "OH", 100_000, PERBUP),
    "1.2.03": ("Uang harian peserta kegiatan di Provinsi DKI Jakarta", "OH", 530_000, SBM),
    "1.3.01": (
        "Paket konsumsi pelatihan fullday (makan siang dan 2 kali rehat)",
        "OH",
        125_000,
        PERBUP,
    ),
    "1.3.02": ("Konsumsi rapat (makan dan rehat)", "OK", 75_000, PERBUP),
    "1.4.01": ("Penginapan hotel bintang 3 di DKI Jakarta", "kamar/malam", 1_490_000, SBM),
    "1.5.01": ("Tiket pesawat kelas ekonomi PP Nusa Contoh - Jakarta", "OK", 3_600_000, SBM),
    "1.5.02": ("Uang harian perjalanan dinas di Provinsi DKI Jakarta", "OH", 530_000, SBM),
    "1.5.03": ("Taksi bandara/hotel di DKI Jakarta (sekali jalan)", "OK", 256_000, SBM),
    "1.5.04": ("Transport kunjungan lapangan dalam kabupaten", "OK", 150_000, PERBUP),
}

HON_N = "Honorarium narasumber/instruktur"
HON_P = "Honorarium tenaga pendamping"
TRANS = "Uang transport peserta"
SAKU = "Uang harian peserta"
KONS = "Konsumsi rapat/pelatihan"
INAP = "Akomodasi/penginapan"
SEWA_T = "Sewa tempat/ruang"
SEWA_A = "Sewa mesin/peralatan"
BAHAN = "Bahan dan perlengkapan pelatihan"
ATK = "ATK kegiatan"
CETAK = "Cetak dan penggandaan"
PERJ = "Perjalanan dinas pelaksanaan kegiatan"
SERT = "Biaya sertifikasi/pengujian"
PROMO = "Biaya pameran/promosi"
AHLI = "Jasa tenaga ahli/konsultan"
LAIN = "Belanja lainnya"
PANITIA = "Honorarium panitia pelaksana (tidak boleh)"

# (uraian, kategori, kode_ssh, volume, satuan, harga satuan)
Line = tuple[str, str, str | None, int | str, str, int]


def standar_harga(first_row: int) -> list[StandarHarga]:
    return [
        StandarHarga(
            row=first_row + i, kode_ssh=kode, uraian=u, satuan=s, harga_maksimum=h, dasar_hukum=d
        )
        for i, (kode, (u, s, h, d)) in enumerate(SSH.items())
    ]


def _honor_narasumber(kode: str) -> list[Line]:
    return [
        (f"Honorarium {n.peran.lower()}: {n.materi} ({n.nama})", HON_N, n.ssh, n.jpl, "OJ", n.honor)
        for n in NARASUMBER
        if n.kode == kode and n.jpl
    ]


def pelatihan(kode: str, peserta: int, sewa_tempat: int = 0) -> list[Line]:
    """The usual lines of a training of `peserta` people over its days in HARI."""
    d = len(HARI[kode])
    lines = _honor_narasumber(kode) + [
        (
            f"Uang transport peserta ({peserta} orang x {d} hari)",
            TRANS,
            "1.2.01",
            peserta * d,
            "OH",
            100_000,
        ),
        (
            f"Konsumsi pelatihan ({peserta + 4} orang x {d} hari)",
            KONS,
            "1.3.01",
            (peserta + 4) * d,
            "OH",
            115_000,
        ),
        ("Alat tulis dan map peserta", ATK, None, peserta, "paket", 85_000),
        ("Penggandaan modul pelatihan", CETAK, None, peserta + 2, "eksemplar", 65_000),
        ("Tas dan perlengkapan peserta", BAHAN, None, peserta, "paket", 150_000),
        ("Cetak spanduk dan backdrop kegiatan", CETAK, None, 1, "paket", 1_750_000),
        ("Cetak sertifikat peserta", CETAK, None, peserta, "lembar", 25_000),
        ("Sewa perangkat pengeras suara dan proyektor", SEWA_A, None, d, "hari", 750_000),
        ("Dokumentasi dan penyusunan laporan kegiatan", CETAK, None, 1, "paket", 2_500_000),
    ]
    if sewa_tempat:
        lines.append((f"Sewa tempat pelatihan ({d} hari)", SEWA_T, None, d, "hari", sewa_tempat))
    return lines


LINES: dict[str, list[Line]] = {
    "K01": pelatihan("K01", 25)
    + [
        # BREACH EXC-HONOR-PANITIA: panitia honorarium is excluded (angka 2 b)
        ("Honorarium panitia pelaksana pelatihan (5 orang)", PANITIA, None, 5, "OK", 750_000),
        (
            "Studi kasus: sampel produk IKM untuk praktik analisis usaha",
            BAHAN,
            None,
            5,
            "paket",
            350_000,
        ),
    ],
    "K02": pelatihan("K02", 20, sewa_tempat=1_000_000)
    + [
        ("Benang katun 60s untuk praktik tenun", BAHAN, None, 40, "kg", 185_000),
        ("Pewarna alam indigo pasta", BAHAN, None, 15, "kg", 350_000),
        ("Kayu secang, tegeran dan kulit mahoni (bahan warna)", BAHAN, None, 30, "kg", 45_000),
        ("Mordan tawas, kapur dan tunjung", BAHAN, None, 20, "paket", 75_000),
        ("Tali rafia dan plastik ikat motif", BAHAN, None, 40, "rol", 25_000),
        (
            "Sewa alat tenun gedogan dan ATBM (10 unit x 6 hari)",
            SEWA_A,
            None,
            60,
            "unit hari",
            75_000,
        ),
        ("Sewa kompor dan peralatan celup", SEWA_A, None, 6, "hari", 400_000),
        ("Sarung tangan, masker dan celemek praktik", BAHAN, None, 20, "paket", 60_000),
        ("Kain blacu untuk uji celup warna", BAHAN, None, 30, "meter", 22_000),
    ],
    "K03": pelatihan("K03", 20, sewa_tempat=1_250_000)
    + [
        ("Tepung terigu dan tapioka untuk praktik", BAHAN, None, 60, "kg", 14_000),
        ("Gula pasir untuk praktik", BAHAN, None, 40, "kg", 16_000),
        ("Minyak goreng untuk praktik", BAHAN, None, 60, "liter", 18_000),
        ("Singkong dan pisang segar", BAHAN, None, 150, "kg", 8_000),
        ("Bumbu dan rempah praktik", BAHAN, None, 10, "paket", 150_000),
        ("Kemasan standing pouch dan label contoh", BAHAN, None, 20, "paket", 175_000),
        ("Uji laboratorium cemaran mikroba produk praktik", SERT, None, 5, "sampel", 850_000),
        (
            "Sewa peralatan pengolahan (spinner, sealer, timbangan digital)",
            SEWA_A,
            None,
            8,
            "hari",
            600_000,
        ),
        (
            "Perlengkapan higiene praktik (penutup kepala, masker, sarung tangan)",
            BAHAN,
            None,
            20,
            "paket",
            65_000,
        ),
        ("Gas LPG 12 kg untuk praktik pengolahan", BAHAN, None, 4, "tabung", 210_000),
    ],
    "K04": [
        (
            "Honorarium koordinator tenaga pendamping (1 orang x 3 bulan)",
            HON_P,
            "1.1.05",
            3,
            "OB",
            6_500_000,
        ),
        ("Honorarium tenaga pendamping (3 orang x 3 bulan)", HON_P, "1.1.04", 9, "OB", 5_500_000),
        (
            "Transport kunjungan pendamping ke lokasi IKM (130 kunjungan)",
            PERJ,
            "1.5.04",
            130,
            "OK",
            150_000,
        ),
        (
            "Transport monitoring oleh koordinator (2 kali x 3 bulan)",
            PERJ,
            "1.5.04",
            6,
            "OK",
            150_000,
        ),
        (
            "Bahan pengembangan prototipe produk busana dan aksesori",
            BAHAN,
            None,
            10,
            "paket",
            1_750_000,
        ),
        ("Benang dan pewarna untuk sampel motif baru", BAHAN, None, 10, "paket", 1_200_000),
        (
            "Jasa desainer produk: desain busana dan aksesori tenun",
            AHLI,
            None,
            1,
            "paket",
            12_500_000,
        ),
        ("Sewa alat jahit portabel (2 unit x 3 bulan)", SEWA_A, None, 6, "unit bulan", 450_000),
        ("Konsumsi pertemuan diagnosis usaha", KONS, "1.3.02", 15, "OK", 70_000),
        ("Konsumsi rapat evaluasi bulanan pendampingan (3 kali)", KONS, "1.3.02", 45, "OK", 70_000),
        ("Cetak logbook pendampingan dan formulir diagnosis", CETAK, None, 14, "eksemplar", 45_000),
        ("Foto produk dan katalog hasil pendampingan", CETAK, None, 1, "paket", 4_500_000),
        ("Uji pasar produk diversifikasi di gerai Dekranasda", PROMO, None, 1, "paket", 3_500_000),
    ],
    "K05": _honor_narasumber("K05")
    + [
        (
            "Honorarium tenaga pendamping PPH (1 orang x 2 bulan)",
            HON_P,
            "1.1.04",
            2,
            "OB",
            5_500_000,
        ),
        (
            "Biaya sertifikasi halal reguler (pendaftaran, LPH, sidang fatwa)",
            SERT,
            None,
            10,
            "IKM",
            3_500_000,
        ),
        ("Uji laboratorium produk pendukung sertifikasi halal", SERT, None, 10, "sampel", 950_000),
        (
            "Uang transport peserta bimtek SJPH (10 orang x 2 hari)",
            TRANS,
            "1.2.01",
            20,
            "OH",
            100_000,
        ),
        ("Konsumsi bimtek SJPH (14 orang x 2 hari)", KONS, "1.3.01", 28, "OH", 115_000),
        (
            "Transport kunjungan pendamping PPH ke IKM (20 kunjungan)",
            PERJ,
            "1.5.04",
            20,
            "OK",
            150_000,
        ),
        ("Penggandaan manual SJPH dan formulir", CETAK, None, 10, "eksemplar", 85_000),
        ("Perbaikan desain dan cetak label kemasan halal", CETAK, None, 10, "paket", 750_000),
        ("Alat tulis peserta bimtek", ATK, None, 12, "paket", 85_000),
    ],
    "K06": pelatihan("K06", 15)
    + [
        ("Sewa kendaraan kunjungan lapangan ke Sentra Tenun", LAIN, None, 1, "hari", 2_500_000),
        ("Penggandaan SOP dan formulir pengelolaan sentra", CETAK, None, 17, "eksemplar", 65_000),
    ],
    "K07": _honor_narasumber("K07")
    + [
        (
            "Jasa tenaga ahli penyusunan proses bisnis dan business plan sentra",
            AHLI,
            None,
            1,
            "paket",
            22_500_000,
        ),
        (
            "Honorarium tenaga pendamping sentra (1 orang x 4 bulan)",
            HON_P,
            "1.1.04",
            4,
            "OB",
            5_500_000,
        ),
        (
            "Transport kunjungan pendampingan sentra (16 kunjungan)",
            PERJ,
            "1.5.04",
            16,
            "OK",
            150_000,
        ),
        (
            "Uang transport peserta pelatihan (15 orang x 3 hari)",
            TRANS,
            "1.2.01",
            45,
            "OH",
            100_000,
        ),
        ("Konsumsi pelatihan (19 orang x 3 hari)", KONS, "1.3.01", 57, "OH", 115_000),
        ("Konsumsi FGD validasi business plan", KONS, "1.3.02", 25, "OK", 70_000),
        ("Cetak dokumen proses bisnis dan business plan", CETAK, None, 20, "eksemplar", 150_000),
        ("Alat tulis peserta pelatihan", ATK, None, 15, "paket", 85_000),
        ("Penggandaan kuesioner pemetaan proses bisnis", CETAK, None, 30, "eksemplar", 10_000),
        ("Sewa tempat pelatihan (3 hari)", SEWA_T, None, 3, "hari", 1_250_000),
    ],
    "K08": [
        ("Sewa stand pameran Inacraft 2023 (1 unit @ 18 m2)", PROMO, None, 1, "unit", 42_000_000),
        ("Desain dan dekorasi stand", PROMO, None, 1, "paket", 12_500_000),
        ("Pengiriman produk pameran pergi-pulang (kargo)", PROMO, None, 1, "paket", 8_750_000),
        ("Cetak katalog dan brosur produk", CETAK, None, 500, "eksemplar", 12_500),
        ("Tiket pesawat peserta IKM PP (10 orang)", TRANS, "1.5.01", 10, "OK", 3_450_000),
        (
            "Tiket pesawat pendamping peserta dari dinas PP (1 orang)",
            PERJ,
            "1.5.01",
            1,
            "OK",
            3_450_000,
        ),
        ("Uang harian peserta IKM (10 orang x 7 hari)", SAKU, "1.2.03", 70, "OH", 530_000),
        (
            "Uang harian pendamping peserta dari dinas (1 orang x 7 hari)",
            PERJ,
            "1.5.02",
            7,
            "OH",
            530_000,
        ),
        (
            "Penginapan peserta dan pendamping (6 kamar x 6 malam)",
            INAP,
            "1.4.01",
            36,
            "kamar/malam",
            1_100_000,
        ),
        ("Taksi bandara - hotel PP (11 orang x 2)", PERJ, "1.5.03", 22, "OK", 256_000),
        (
            "Sewa kendaraan angkut produk hotel - arena pameran (6 hari)",
            LAIN,
            None,
            6,
            "hari",
            1_100_000,
        ),
    ],
    "K09": [
        (
            "Honorarium tenaga ahli riset pasar (1 orang x 3 bulan)",
            AHLI,
            "1.1.06",
            3,
            "OB",
            9_000_000,
        ),
        ("Transport survei ke pasar modern dan distributor", PERJ, "1.5.04", 24, "OK", 150_000),
        ("Jasa enumerator survei (4 orang x 10 hari)", LAIN, None, 40, "OH", 150_000),
        (
            "Konsumsi FGD potensi kemitraan dengan offtaker (2 kali)",
            KONS,
            "1.3.02",
            60,
            "OK",
            70_000,
        ),
        ("Penggandaan dokumen informasi pasar", CETAK, None, 30, "eksemplar", 150_000),
        (
            "Pembelian data sekunder (statistik dan laporan pasar)",
            LAIN,
            None,
            1,
            "paket",
            5_000_000,
        ),
        ("Alat tulis survei", ATK, None, 1, "paket", 750_000),
        ("Cetak kuesioner survei pasar", CETAK, None, 200, "lembar", 2_500),
        ("Sewa perangkat pengeras suara dan proyektor FGD", SEWA_A, None, 2, "hari", 750_000),
    ],
    "K10": [
        (
            "Honorarium tenaga ahli analisis pasar ekspor (1 orang x 5 bulan)",
            AHLI,
            "1.1.06",
            5,
            "OB",
            8_500_000,
        ),
        (
            "Langganan basis data perdagangan internasional (1 tahun)",
            LAIN,
            None,
            1,
            "paket",
            8_500_000,
        ),
        ("Konsumsi FGD dengan eksportir dan asosiasi (2 kali)", KONS, "1.3.02", 60, "OK", 70_000),
        ("Uang transport peserta FGD (20 IKM x 2 kali)", TRANS, "1.2.01", 40, "OH", 100_000),
        ("Jasa penerjemah ringkasan analisis ke Bahasa Inggris", AHLI, None, 1, "paket", 4_500_000),
        ("Penggandaan dokumen analisis pasar ekspor", CETAK, None, 30, "eksemplar", 175_000),
        ("Alat tulis FGD", ATK, None, 1, "paket", 750_000),
    ],
    "K11": pelatihan("K11", 20)
    + [
        ("Contoh dokumen ekspor dan formulir praktik", CETAK, None, 20, "set", 45_000),
    ],
    "K12": [
        ("Foto dan video profil produk (8 IKM)", PROMO, None, 8, "IKM", 2_750_000),
        ("Cetak profil IKM ekspor dwibahasa", CETAK, None, 8, "paket", 750_000),
        ("Akun premium marketplace B2B internasional (1 tahun)", PROMO, None, 8, "akun", 3_500_000),
        (
            "Iklan digital berbayar di media sosial (8 IKM x 3 bulan)",
            PROMO,
            None,
            8,
            "paket",
            2_500_000,
        ),
        # BREACH RAB-HITUNG: a "correction" typed as a negative volume instead of lowering
        # the volume of the line above (volume must be a number >= 0)
        ("Koreksi: pengurangan iklan digital (2 paket)", PROMO, None, -2, "paket", 2_500_000),
        ("Jasa pembuatan katalog digital dan laman produk", AHLI, None, 1, "paket", 12_500_000),
        (
            "Konsumsi pelatihan singkat pengelolaan akun marketplace",
            KONS,
            "1.3.02",
            20,
            "OK",
            70_000,
        ),
        (
            "Pengiriman sampel produk ke calon pembeli luar negeri",
            PROMO,
            None,
            8,
            "paket",
            1_500_000,
        ),
    ],
}

def rab(first_row: int, kegiatan: dict[str, Kegiatan]) -> list[RabLine]:
    rows: list[RabLine] = []
    for kode, lines in LINES.items():
        k = kegiatan[kode]
        for i, (uraian, kategori, ssh, volume, satuan, harga) in enumerate(lines, start=1):
            vol = Decimal(volume)
            jumlah = int(vol * harga)
            rows.append(
                RabLine(
                    row=first_row + len(rows),
                    kode_baris=f"{kode}-{i:02d}",
                    kode_kegiatan=kode,
                    uraian=uraian,
                    kategori=kategori,
                    kode_ssh=ssh,
                    volume=vol,
                    satuan=satuan,
                    harga_satuan=harga,
                    jumlah=jumlah,
                    menu=k.menu,
                    rincian=k.rincian,
                    realisasi=0,
                )
            )
    return rows
