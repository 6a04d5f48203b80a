"""Narasumber (15) and tenaga pendamping (6) of the sample, with what they teach.

`jpl` is what each narasumber teaches (the RAB pays it as OJ and the Jadwal spreads
it over the training days). All meet RULES.md section 4 except one deliberate
NARSUM-SEHAT breach (health statement not filled).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.records import Kegiatan, Narasumber, Pendamping
from .people import People


@dataclass(frozen=True)
class Nara:
    kode: str
    nama: str
    jk: str
    born: date
    peran: str
    instansi: str
    materi: str
    pendidikan: str
    pengalaman: int
    bukti: str
    keahlian: str
    jpl: int  # JPL taught (0 for tenaga ahli paid per month)
    ssh: str | None  # standard item of the honorarium
    honor: int  # per OJ
    resident: bool = False
    pelaku_usaha: bool = False
    sehat: bool | None = True


BNSP = "Sertifikat Pelatih Kompetensi BNSP"
NARASUMBER = (
    Nara(
        "K01",
        "Dr. Hendra Gunawan, S.E., M.M.",
        "L",
        date(1974, 8, 12),
        "Narasumber",
        "Universitas Nusa Contoh",
        "Manajemen usaha dan perencanaan bisnis IKM",
        "S3",
        14,
        BNSP,
        "Manajemen bisnis",
        24,
        "1.1.01",
        900_000,
    ),
    Nara(
        "K01",
        "Ratna Kusumawati, S.Ak.",
        "P",
        date(1986, 3, 2),
        "Instruktur",
        "Klinik Konsultasi Bisnis UMKM Nusa Contoh",
        "Pembukuan dan pengelolaan keuangan usaha",
        "S1",
        9,
        "Sertifikat kompetensi akuntansi UMKM",
        "Akuntansi usaha kecil",
        20,
        "1.1.03",
        350_000,
    ),
    Nara(
        "K01",
        "Yusuf Halim",
        "L",
        date(1972, 11, 23),
        "Narasumber",
        "Pemilik usaha Keripik Halim",
        "Kewirausahaan dan pemasaran produk pangan",
        "SMA/SMK",
        18,
        "Surat rekomendasi Asosiasi IKM Pangan Nusa Contoh",
        "Kewirausahaan pangan",
        16,
        "1.1.01",
        900_000,
        resident=True,
        pelaku_usaha=True,
    ),
    Nara(
        "K02",
        "Ir. Sugeng Wibowo, M.T.",
        "L",
        date(1968, 6, 9),
        "Instruktur",
        "Balai Pelatihan Industri Nusa Contoh",
        "Pewarnaan alam dan fiksasi warna tenun",
        "S2",
        21,
        "Sertifikat instruktur pelatihan industri",
        "Pewarnaan tekstil",
        26,
        "1.1.03",
        350_000,
    ),
    Nara(
        "K02",
        "Maria Goreti Manurung",
        "P",
        date(1970, 1, 30),
        "Instruktur",
        "Pemilik usaha Tenun Ikat Manurung",
        "Teknik ikat dan pengembangan motif",
        "SMA/SMK",
        24,
        "Surat rekomendasi Dekranasda Nusa Contoh",
        "Tenun ikat",
        14,
        "1.1.03",
        350_000,
        resident=True,
        pelaku_usaha=True,
        sehat=None,
    ),  # BREACH NARSUM-SEHAT: health statement left empty
    Nara(
        "K03",
        "Dr. Ir. Wulan Puspitasari, M.Si.",
        "P",
        date(1976, 9, 17),
        "Narasumber",
        "Politeknik Pertanian Nusa Contoh",
        "Keamanan pangan, CPPOB dan pengemasan",
        "S3",
        16,
        BNSP,
        "Teknologi pangan",
        20,
        "1.1.01",
        900_000,
    ),
    Nara(
        "K03",
        "Agus Firmansyah, A.Md.",
        "L",
        date(1988, 12, 4),
        "Instruktur",
        "Politeknik Pertanian Nusa Contoh",
        "Praktik produksi dan standardisasi produk olahan",
        "Diploma III",
        10,
        "Sertifikat kompetensi pengolahan pangan",
        "Pengolahan pangan",
        32,
        "1.1.03",
        350_000,
    ),
    Nara(
        "K05",
        "Siti Rahmawati, S.T.P.",
        "P",
        date(1990, 5, 21),
        "Narasumber",
        "LP3H Universitas Nusa Contoh",
        "Sistem jaminan produk halal (SJPH)",
        "S1",
        6,
        "Sertifikat penyelia halal BNSP",
        "Penyelia halal; pendamping PPH",
        8,
        "1.1.01",
        900_000,
    ),
    Nara(
        "K06",
        "Bambang Setiawan, S.T., M.M.",
        "L",
        date(1975, 2, 14),
        "Narasumber",
        "Konsultan manajemen mutu",
        "Manajemen mutu dan ISO 9001 untuk sentra",
        "S2",
        15,
        "Sertifikat Lead Auditor ISO 9001",
        "Manajemen mutu",
        28,
        "1.1.01",
        900_000,
    ),
    Nara(
        "K06",
        "Endang Susanti, S.E.",
        "P",
        date(1980, 7, 7),
        "Instruktur",
        "Pengelola Sentra IKM Batik (praktisi)",
        "Tata kelola dan layanan sentra IKM",
        "S1",
        11,
        "Surat rekomendasi Dinas Perindustrian Provinsi",
        "Pengelolaan sentra",
        20,
        "1.1.03",
        350_000,
    ),
    Nara(
        "K07",
        "Fajar Ramadhan, S.E., M.B.A.",
        "L",
        date(1984, 10, 28),
        "Tenaga ahli",
        "Konsultan proses bisnis",
        "Proses bisnis dan business plan sentra",
        "S2",
        8,
        "Sertifikat kompetensi konsultan bisnis",
        "Proses bisnis",
        24,
        "1.1.01",
        900_000,
    ),
    Nara(
        "K09",
        "Dimas Pratama, S.E., M.Sc.",
        "L",
        date(1987, 4, 11),
        "Tenaga ahli",
        "Lembaga Riset Pasar Nusantara",
        "Riset pasar dan potensi kemitraan",
        "S2",
        7,
        "Surat referensi pekerjaan riset pasar",
        "Riset pasar",
        0,
        None,
        0,
    ),
    Nara(
        "K10",
        "Kartika Anggraini, S.Sos., M.A.",
        "P",
        date(1985, 12, 19),
        "Tenaga ahli",
        "Pusat Kajian Perdagangan Internasional",
        "Analisis pasar ekspor tenun",
        "S2",
        9,
        "Surat referensi pekerjaan analisis pasar",
        "Analisis pasar ekspor",
        0,
        None,
        0,
    ),
    Nara(
        "K11",
        "Drs. Teguh Santoso",
        "L",
        date(1966, 8, 1),
        "Narasumber",
        "Balai Pelatihan Ekspor Indonesia (purnabakti)",
        "Prosedur ekspor dan kepabeanan",
        "S1",
        25,
        BNSP,
        "Prosedur ekspor",
        24,
        "1.1.01",
        850_000,
    ),
    Nara(
        "K11",
        "Indah Permatasari, S.H.",
        "P",
        date(1989, 2, 25),
        "Narasumber",
        "PT Samudra Logistik Nusantara",
        "Dokumen ekspor: invoice, packing list, SKA",
        "S1",
        8,
        "Sertifikat ahli kepabeanan",
        "Dokumen ekspor",
        16,
        "1.1.01",
        900_000,
    ),
)


def narasumber(first_row: int, kegiatan: dict[str, Kegiatan], people: People) -> list[Narasumber]:
    rows = []
    for i, n in enumerate(NARASUMBER):
        k = kegiatan[n.kode]
        rows.append(
            Narasumber(
                row=first_row + i,
                kode_kegiatan=n.kode,
                nama=n.nama,
                nik=people.nik(n.born, n.jk, 3, n.resident),
                peran=n.peran,
                instansi=n.instansi,
                dari_dinas_penyelenggara=False,
                materi=n.materi,
                pembukaan_penutupan=False,
                dibayar_honor=True,
                pendidikan=n.pendidikan,
                pelaku_usaha=n.pelaku_usaha,
                nib=people.nib() if n.pelaku_usaha else None,
                pengalaman_tahun=n.pengalaman,
                bukti_kompetensi=n.bukti,
                keahlian=n.keahlian,
                sehat=n.sehat,
                tanggal_mulai=k.tanggal_mulai,
                tanggal_selesai=k.tanggal_selesai,
            )
        )
    return rows


@dataclass(frozen=True)
class Pend:
    kode: str
    nama: str
    jk: str
    born: date
    peran: str
    pendidikan: str
    pengalaman: int
    usaha: int
    pendamping: int
    bukti: str
    keahlian: str
    sentra: str
    komoditi: str
    jumlah_ikm: int | None


PENDAMPING = (
    Pend(
        "K04",
        "Lukman Harahap, S.T.",
        "L",
        date(1978, 4, 2),
        "Koordinator",
        "S1",
        12,
        14,
        6,
        "Sertifikat kompetensi pendamping IKM",
        "Tenun dan desain produk",
        "S01",
        "Tenun",
        None,
    ),
    Pend(
        "K04",
        "Nur Aini Lestari, A.Md.",
        "P",
        date(1989, 9, 13),
        "Tenaga pendamping",
        "Diploma III",
        7,
        8,
        2,
        "Sertifikat kompetensi pendamping IKM",
        "Tenun ikat",
        "S01",
        "Tenun",
        4,
    ),
    Pend(
        "K04",
        "Wahyu Saputra, S.Sn.",
        "L",
        date(1987, 1, 26),
        "Tenaga pendamping",
        "S1",
        6,
        6,
        3,
        "Sertifikat kompetensi pendamping IKM",
        "Desain tekstil",
        "S01",
        "Tenun",
        3,
    ),
    Pend(
        "K04",
        "Yanti Simanjuntak, S.Ds.",
        "P",
        date(1985, 11, 8),
        "Tenaga pendamping",
        "S1",
        8,
        9,
        2,
        "Sertifikat kompetensi pendamping IKM",
        "Desain busana",
        "S01",
        "Tenun",
        3,
    ),
    Pend(
        "K05",
        "Eka Safitri, S.Si.",
        "P",
        date(1991, 6, 15),
        "Tenaga pendamping",
        "S1",
        4,
        5,
        3,
        "Sertifikat pendamping PPH (BPJPH)",
        "Pendamping proses produk halal (PPH)",
        "S02",
        "Olahan pangan",
        10,
    ),
    Pend(
        "K07",
        "Rina Wulandari, S.E.",
        "P",
        date(1986, 3, 29),
        "Tenaga pendamping",
        "S1",
        7,
        6,
        4,
        "Sertifikat kompetensi pendamping IKM",
        "Manajemen usaha pangan",
        "S02",
        "Olahan pangan",
        None,
    ),
)


def pendamping(first_row: int, kegiatan: dict[str, Kegiatan], people: People) -> list[Pendamping]:
    rows = []
    for i, p in enumerate(PENDAMPING):
        k = kegiatan[p.kode]
        rows.append(
            Pendamping(
                row=first_row + i,
                kode_kegiatan=p.kode,
                nama=p.nama,
                nik=people.nik(p.born, p.jk, 2),
                peran=p.peran,
                pendidikan=p.pendidikan,
                pelaku_usaha=True,
                nib=people.nib(),
                pengalaman_tahun=p.pengalaman,
                pengalaman_usaha_tahun=p.usaha,
                pengalaman_pendamping_tahun=p.pendamping,
                bukti_kompetensi=p.bukti,
                keahlian=p.keahlian,
                sehat=True,
                pendamping_lembaga_lain=False,
                kode_sentra=p.sentra,
                komoditi=p.komoditi,
                jumlah_ikm=p.jumlah_ikm,
                tanggal_mulai=k.tanggal_mulai,
                tanggal_selesai=k.tanggal_selesai,
            )
        )
    return rows
