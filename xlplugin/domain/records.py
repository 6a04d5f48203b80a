"""Typed domain records, one class per input table of the layout.

Field names equal the layout's column keys (a test holds them together). Any field
may hold None (empty cell) or an `Invalid` (bad input kept for its finding).
`row` is the worksheet row the record came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from .values import Invalid

Maybe = Invalid | None
Text = str | None
Int = int | Invalid | None
Dec = Decimal | Invalid | None
Money = int | Invalid | None
Date = date | Invalid | None
Bool = bool | Invalid | None


@dataclass(slots=True)
class Profil:
    tahun_anggaran: Int = None
    provinsi: Text = None
    kab_kota: Text = None
    nama_dinas: Text = None
    alamat_dinas: Text = None
    ada_dinas_industri: Bool = None
    lokasi_pariwisata_prioritas: Bool = None
    terima_dak_fisik_ikm: Bool = None
    pagu: Money = None
    tanggal_rencana: Date = None
    tanggal_perubahan: Date = None
    tanggal_reviu_apip: Date = None
    nomor_reviu_apip: Text = None
    tanggal_laporan_semester1: Date = None
    tanggal_laporan_semester2: Date = None
    tanggal_laporan_akhir: Date = None
    kepala_dinas: Text = None
    nip_kepala_dinas: Text = None
    penyusun: Text = None
    kontak: Text = None


@dataclass(slots=True)
class Sentra:
    row: int
    kode_sentra: Text = None
    nama_sentra: Text = None
    komoditi: Text = None
    alamat: Text = None
    kab_kota: Text = None
    jumlah_unit_usaha: Int = None
    nomor_sk_pengelola: Text = None
    tanggal_sk_pengelola: Date = None


@dataclass(slots=True)
class Kegiatan:
    row: int
    kode_kegiatan: Text = None
    menu: Text | Invalid = None
    rincian: Text | Invalid = None
    varian: Text | Invalid = None
    nama_kegiatan: Text = None
    kode_sentra: Text | Invalid = None
    tanggal_mulai: Date = None
    tanggal_selesai: Date = None
    lokasi: Text = None
    luar_daerah: Bool = None
    alasan_luar_daerah: Text = None
    metode: Text | Invalid = None
    jpl: Int = None
    porsi_teori: Dec = None
    porsi_diskusi: Dec = None
    porsi_praktik: Dec = None
    target_peserta: Int = None
    target_ikm: Int = None
    panitia_pendamping: Int = None
    hari_kerja_studi: Int = None
    kunjungan_industri: Int = None
    kunjungan_litbang: Int = None
    rencana_kunjungan: Int = None
    jam_per_kunjungan: Dec = None
    nama_pameran: Text = None
    tingkat_pameran: Text | Invalid = None
    target_keluaran: Int = None
    satuan_keluaran: Text = None
    nomor_persetujuan: Text = None
    tanggal_persetujuan: Date = None
    alasan_persetujuan: Text = None
    nomor_pernyataan: Text = None
    realisasi_mulai: Date = None
    realisasi_selesai: Date = None
    realisasi_lokasi: Text = None
    realisasi_keluaran: Int = None
    anggaran: Money = None
    realisasi_anggaran: Money = None
    skala_industri_tkdn: Text | Invalid = None
    metode_tkdn: Text | Invalid = None
    bulan_pendampingan: Int = None


@dataclass(slots=True)
class RabLine:
    row: int
    kode_baris: Text = None
    kode_kegiatan: Text | Invalid = None
    uraian: Text = None
    kategori: Text | Invalid = None
    kode_ssh: Text | Invalid = None
    volume: Dec = None
    satuan: Text = None
    harga_satuan: Money = None
    jumlah: Money = None
    menu: Text = None
    rincian: Text = None
    realisasi: Money = None


@dataclass(slots=True)
class StandarHarga:
    row: int
    kode_ssh: Text = None
    uraian: Text = None
    satuan: Text = None
    harga_maksimum: Money = None
    dasar_hukum: Text = None


@dataclass(slots=True)
class Peserta:
    row: int
    kode_kegiatan: Text | Invalid = None
    nama: Text = None
    nik: Text | Invalid = None
    jenis_kelamin: Text | Invalid = None
    tanggal_lahir: Date = None
    pendidikan: Text | Invalid = None
    kab_kota_asal: Text = None
    kode_sentra: Text | Invalid = None
    peran: Text | Invalid = None
    nama_ikm: Text = None
    nib: Text = None
    bersedia_nib: Bool = None
    jual_domestik: Bool = None
    riwayat_pelatihan: Text = None
    pendamping: Text = None
    tuntas: Bool = None
    nomor_sk_pengelola: Text = None


@dataclass(slots=True)
class Narasumber:
    row: int
    kode_kegiatan: Text | Invalid = None
    nama: Text = None
    nik: Text | Invalid = None
    peran: Text | Invalid = None
    instansi: Text = None
    dari_dinas_penyelenggara: Bool = None
    materi: Text = None
    pembukaan_penutupan: Bool = None
    dibayar_honor: Bool = None
    pendidikan: Text | Invalid = None
    pelaku_usaha: Bool = None
    nib: Text = None
    pengalaman_tahun: Int = None
    bukti_kompetensi: Text = None
    keahlian: Text = None
    sehat: Bool = None
    tanggal_mulai: Date = None
    tanggal_selesai: Date = None


@dataclass(slots=True)
class Pendamping:
    row: int
    kode_kegiatan: Text | Invalid = None
    nama: Text = None
    nik: Text | Invalid = None
    peran: Text | Invalid = None
    pendidikan: Text | Invalid = None
    pelaku_usaha: Bool = None
    nib: Text = None
    pengalaman_tahun: Int = None
    pengalaman_usaha_tahun: Int = None
    pengalaman_pendamping_tahun: Int = None
    bukti_kompetensi: Text = None
    keahlian: Text = None
    sehat: Bool = None
    pendamping_lembaga_lain: Bool = None
    kode_sentra: Text | Invalid = None
    komoditi: Text = None
    jumlah_ikm: Int = None
    tanggal_mulai: Date = None
    tanggal_selesai: Date = None


@dataclass(slots=True)
class Jadwal:
    row: int
    kode_kegiatan: Text | Invalid = None
    tanggal: Date = None
    jam_mulai: Text = None
    jam_selesai: Text = None
    jenis: Text | Invalid = None
    materi: Text = None
    narasumber: Text = None
    nama_ikm: Text = None
    lokasi: Text = None
    jpl: Dec = None
    durasi_jam: Dec = None
    keterangan: Text = None


@dataclass(slots=True)
class Realisasi:
    row: int
    tanggal: Date = None
    kode_baris: Text | Invalid = None
    kode_kegiatan: Text = None
    uraian: Text = None
    jumlah: Money = None
    nomor_bukti: Text = None


@dataclass(slots=True)
class Persetujuan:
    """One approval (PERLU_PERSETUJUAN -> DISETUJUI) or statement (PERLU_PENJELASAN ->
    DIJELASKAN) of one limit of one activity (RULES.md "Approvals and statements").
    `aturan` is the rule ID of the limit, as the dropdown spells it ("JPL-A1: ...")."""

    row: int
    kode_kegiatan: Text | Invalid = None
    aturan: Text | Invalid = None
    nomor_surat: Text = None
    tanggal_surat: Date = None
    alasan: Text = None


@dataclass(slots=True)
class Narasi:
    """One paragraph of the report's narrative (Lampiran IV.B chapters I, II, IV, V).
    `bagian` is the part it belongs to ("Latar belakang", "Tujuan", "Perencanaan",
    "Permasalahan", "Kesimpulan", "Saran"); a "Permasalahan" row names its activity
    (or none, for a problem of the whole programme) and the dinas's upaya."""

    row: int
    bagian: Text | Invalid = None
    kode_kegiatan: Text | Invalid = None
    uraian: Text = None
    upaya: Text = None


@dataclass(slots=True)
class Dokumentasi:
    """One photo of an activity (chapter III.c) with its caption: a file path relative
    to the workbook's folder, or a picture pasted onto the row (`gambar`, filled by the
    file reader from the sheet's drawing; not a layout column)."""

    row: int
    kode_kegiatan: Text | Invalid = None
    berkas_foto: Text = None
    keterangan: Text = None
    tanggal: Date = None
    gambar: tuple[bytes, ...] = ()


RECORD_TYPES = {
    cls.__name__: cls
    for cls in (Profil, Sentra, Kegiatan, RabLine, StandarHarga, Peserta, Narasumber,
                Pendamping, Jadwal, Realisasi, Persetujuan, Narasi, Dokumentasi)
}


def field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in NOT_COLUMNS]


# Record fields that are not layout columns.
NOT_COLUMNS = frozenset({"row", "gambar"})


@dataclass(slots=True)
class Dokumen:
    """Everything one workbook holds, as typed records: the engine's whole input."""

    profil: Profil = field(default_factory=Profil)
    sentra: list[Sentra] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)
    rab: list[RabLine] = field(default_factory=list)
    ssh: list[StandarHarga] = field(default_factory=list)
    peserta: list[Peserta] = field(default_factory=list)
    narasumber: list[Narasumber] = field(default_factory=list)
    pendamping: list[Pendamping] = field(default_factory=list)
    jadwal: list[Jadwal] = field(default_factory=list)
    realisasi: list[Realisasi] = field(default_factory=list)
    persetujuan: list[Persetujuan] = field(default_factory=list)
    narasi: list[Narasi] = field(default_factory=list)
    dokumentasi: list[Dokumentasi] = field(default_factory=list)


# Table key of the layout -> attribute of Dokumen.
TABLE_ATTR = {
    "Sentra": "sentra", "KAK": "kegiatan", "RAB": "rab", "SSH": "ssh", "Peserta": "peserta",
    "Narasumber": "narasumber", "Pendamping": "pendamping", "Jadwal": "jadwal",
    "Realisasi": "realisasi", "Persetujuan": "persetujuan", "Narasi": "narasi",
    "Dokumentasi": "dokumentasi",
}
