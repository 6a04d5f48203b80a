"""The sample's report narrative (sheet Narasi) and activity photos (sheet Dokumentasi).

Kabupaten Sukamaju's Semester I story: why the programme, what it aims at, how it was
planned, the problems of the two activities with findings (K08 held outside the
kab/kota, K10 running longer than D.1 allows) and what the dinas did, and its
conclusions. The photos are files beside the workbook (`foto/`), written by
`sample.photos` wherever the demo writes its workbook.
"""

from __future__ import annotations

from datetime import date

from ..domain.records import Dokumentasi, Narasi
from .plan import DINAS, KAB

PHOTO_FOLDER = "foto"

# (bagian, kode kegiatan, uraian, upaya)
NARASI: list[tuple[str, str | None, str, str | None]] = [
    ("Latar belakang", None,
     (f"{KAB} memiliki dua Sentra IKM unggulan, olahan pangan dan tenun ikat, dengan lebih "
      "dari 60 unit usaha. Sebagian besar pelaku usahanya belum menerapkan standar mutu, "
      "belum bersertifikat halal, dan pemasarannya masih terbatas pada pasar lokal."), None),
    ("Latar belakang", None,
     ("DAK Nonfisik Penguatan Kapasitas Kelembagaan Sentra IKM Tahun Anggaran 2023 dipakai "
      "untuk meningkatkan kompetensi SDM, mutu produk, dan akses pasar kedua sentra itu."),
     None),
    ("Tujuan", None,
     ("Meningkatkan kemampuan manajemen usaha dan keterampilan teknis pelaku IKM, "
      "memfasilitasi sertifikasi halal dan standardisasi produk olahan pangan, serta "
      "memperluas pemasaran tenun ikat ke pasar nasional dan ekspor."), None),
    ("Perencanaan", None,
     (f"Rencana kegiatan disusun {DINAS} bersama pengelola sentra melalui identifikasi "
      "kebutuhan pada Januari 2023, direviu APIP daerah pada 18 Januari 2023, dan "
      "disampaikan kepada Kementerian Perindustrian pada 27 Januari 2023."), None),
    ("Permasalahan", "K08",
     ("Pameran Inacraft 2023 diselenggarakan di Jakarta, di luar kabupaten, dan alasan "
      "penyelenggaraan di luar daerah belum dicantumkan dalam KAK."),
     ("Dinas melengkapi alasan pada KAK: Inacraft adalah pameran kerajinan tingkat "
      "internasional yang tidak ada padanannya di daerah.")),
    ("Permasalahan", "K10",
     ("Penyusunan informasi pasar ekspor tenun ikat memerlukan waktu lima bulan, melebihi "
      "batas empat bulan, karena data pembeli luar negeri terlambat diperoleh."),
     ("Dinas mengajukan permohonan persetujuan perpanjangan waktu kepada Kementerian "
      "Perindustrian.")),
    ("Kesimpulan", None,
     ("Sampai akhir Semester I, sebagian besar kegiatan pelatihan telah terlaksana sesuai "
      "rencana dengan peserta yang tuntas mengikuti kegiatan; kegiatan promosi dan "
      "penyusunan informasi pasar masih berjalan."), None),
    ("Saran", None,
     ("Pendampingan pascapelatihan perlu dilanjutkan agar standar mutu dan sertifikat halal "
      "benar-benar diterapkan, dan jadwal kegiatan tahun berikutnya sebaiknya disusun lebih "
      "awal agar tidak melampaui batas waktu juknis."), None),
]

# (kode kegiatan, file stem, caption, date taken, banner colour RGB)
FOTO: list[tuple[str, str, str, date, tuple[int, int, int]]] = [
    ("K01", "K01-pembukaan", "Pembukaan Pelatihan Manajemen Usaha oleh Kepala Dinas",
     date(2023, 2, 6), (31, 78, 121)),
    ("K01", "K01-praktik", "Peserta menyusun pembukuan sederhana usaha olahan pangan",
     date(2023, 2, 9), (84, 130, 53)),
    ("K02", "K02-pewarnaan", "Praktik pewarnaan alam benang tenun ikat", date(2023, 3, 7),
     (191, 144, 0)),
    ("K08", "K08-pameran", "Stan tenun ikat Kabupaten Sukamaju pada Pameran Inacraft 2023",
     date(2023, 3, 2), (192, 0, 0)),
]


def narasi(first_row: int) -> list[Narasi]:
    return [Narasi(row=first_row + i, bagian=bagian, kode_kegiatan=kode, uraian=uraian,
                   upaya=upaya)
            for i, (bagian, kode, uraian, upaya) in enumerate(NARASI)]


def photo_path(stem: str) -> str:
    """A photo as the workbook names it: relative to the workbook's folder."""
    return f"{PHOTO_FOLDER}/{stem}.png"


def dokumentasi(first_row: int) -> list[Dokumentasi]:
    return [Dokumentasi(row=first_row + i, kode_kegiatan=kode, berkas_foto=photo_path(stem),
                        keterangan=caption, tanggal=taken)
            for i, (kode, stem, caption, taken, _colour) in enumerate(FOTO)]
