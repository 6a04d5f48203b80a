"""The rekap's tables as data: one `Tabel` per sheet, built from a `Rekap`.

Nothing here touches openpyxl; `workbook.py` writes these tables and adds charts.
Headers and texts are what the reviewer reads (Indonesian).
"""

from __future__ import annotations

from collections import defaultdict

from ..domain.finding import Severity
from ..domain.money import percent
from ..io.errors import GALAT
from .model import Rekap
from .summary import RingkasanFile
from .table import Kolom, Tabel
from .tenggat import deadline_fields, status
from .versions import per_versi

SEVERITY_HEADER = {
    Severity.PELANGGARAN: "Pelanggaran",
    Severity.PERLU_PERSETUJUAN: "Perlu Persetujuan",
    Severity.PERLU_PENJELASAN: "Perlu Penjelasan",
    Severity.PERINGATAN: "Peringatan",
}
TERBACA, SEBAGIAN, GAGAL = "Terbaca", "Terbaca sebagian", "Tidak terbaca"
BUKAN_TEMPLAT = "Bukan templat"  # another workbook or format: listed, never counted
GANDA = "Kab/kota ganda"
IDENTITAS = [Kolom("No", "angka", 6), Kolom("Provinsi", "teks", 22),
             Kolom("Kabupaten/Kota", "teks", 26), Kolom("Berkas", "teks", 30)]


def status_berkas(f: RingkasanFile) -> str:
    if f.bukan_templat:
        return BUKAN_TEMPLAT
    if not f.terbaca:
        return GAGAL
    return SEBAGIAN if f.terbaca_sebagian else TERBACA


def _identitas(i: int, f: RingkasanFile) -> list:
    return [i, f.provinsi, f.kab_kota, f.file]


def _subtitle(rekap: Rekap) -> str:
    foreign = len(rekap.bukan_templat)
    return (f"{rekap.pack.regulasi} - TA {rekap.pack.tahun}. {len(rekap.terbaca)} berkas "
            f"terbaca, {len(rekap.gagal) - foreign} tidak terbaca"
            + (f", {foreign} bukan templat" if foreign else "")
            + f", dari folder {rekap.folder}.")


# ---------------------------------------------------------------- Ringkasan
def ringkasan(rekap: Rekap) -> Tabel:
    pack = rekap.pack
    menus, rincian = list(pack.menu), list(pack.rincian)
    deadlines = deadline_fields(pack)
    kolom = [*IDENTITAS, Kolom("Status Berkas", "teks", 16), Kolom("Versi Templat", "teks", 10),
             Kolom("Jumlah Kegiatan", "angka"),
             Kolom("Pagu (Rp)", "rupiah"), Kolom("Total RAB (Rp)", "rupiah"),
             Kolom("% RAB terhadap Pagu", "persen"), Kolom("Realisasi (Rp)", "rupiah"),
             Kolom("% Realisasi terhadap RAB", "persen")]
    kolom += [Kolom(f"RAB Menu {m} (Rp)", "rupiah") for m in menus]
    kolom += [Kolom(f"Realisasi Menu {m} (Rp)", "rupiah") for m in menus]
    kolom += [Kolom(f"RAB {r} (Rp)", "rupiah") for r in rincian]
    for r in rincian:
        satuan = pack.rincian[r].keluaran
        kolom += [Kolom(f"Target {r} ({satuan})", "angka"),
                  Kolom(f"Keluaran {r} ({satuan})", "angka")]
    kolom += [Kolom(f"Temuan Terbuka: {h}", "angka", 12) for h in SEVERITY_HEADER.values()]
    kolom += [Kolom("Temuan Terbuka: Jumlah", "angka", 12)]
    for d in deadlines:
        kolom += [Kolom(d.label, "tanggal", 14),
                  Kolom(f"Status (batas {d.batas:%d-%m-%Y})", "teks", 16)]
    rows = []
    for i, f in enumerate(rekap.files, start=1):
        row = [*_identitas(i, f), status_berkas(f), f.versi.label() if f.versi else None]
        if f.terbaca:
            counts = f.jumlah_temuan()
            row += [f.jumlah_kegiatan, f.pagu, f.total_rab, f.persen_rab_pagu, f.realisasi,
                    f.persen_realisasi]
            row += [f.rab_menu.get(m, 0) for m in menus]
            row += [f.realisasi_menu.get(m, 0) for m in menus]
            row += [f.rab_rincian.get(r, 0) for r in rincian]
            for r in rincian:
                row += [f.target_rincian.get(r, 0), f.keluaran_rincian.get(r, 0)]
            row += [counts.get(s.value, 0) for s in SEVERITY_HEADER] + [sum(counts.values())]
            for d in deadlines:
                value = f.tanggal_laporan.get(d.key)
                row += [value, status(value, d.batas)]
        else:
            row += [None] * (len(kolom) - len(row))
        rows.append(row)
    return Tabel("Rekapitulasi DAK Nonfisik Sentra IKM per Kabupaten/Kota", _subtitle(rekap),
                 kolom, rows, beku_kolom=3)


# ---------------------------------------------------------------- Per Versi
VERSI_KOLOM = [Kolom("Versi Templat", "teks", 14), Kolom("Tata Letak", "teks", 12),
               Kolom("Jumlah Berkas", "angka", 10), Kolom("Keterangan", "teks", 70)]


def versi(rekap: Rekap) -> Tabel:
    rows = [[v.versi, v.tata_letak or None, v.jumlah, v.keterangan()]
            for v in per_versi(rekap.files)]
    return Tabel("Jumlah Berkas per Versi Templat", _subtitle(rekap), VERSI_KOLOM, rows)


# ---------------------------------------------------------------- Per Provinsi
PROVINSI_KOLOM = [Kolom("Provinsi", "teks", 26), Kolom("Jumlah Kab/Kota", "angka", 10),
                  Kolom("Pagu (Rp)", "rupiah", 19), Kolom("Total RAB (Rp)", "rupiah", 19),
                  Kolom("Realisasi (Rp)", "rupiah", 19),
                  Kolom("% Realisasi terhadap Pagu", "persen", 12),
                  Kolom("Temuan Terbuka", "angka", 10)]


def per_provinsi(rekap: Rekap) -> Tabel:
    groups: dict[str, list[RingkasanFile]] = defaultdict(list)
    for f in rekap.terbaca:
        groups[f.provinsi or "(provinsi tidak diisi)"].append(f)
    rows = [_sum_row(name, files) for name, files in sorted(groups.items())]
    total = _sum_row("NASIONAL", rekap.terbaca)
    return Tabel("Pagu dan Realisasi per Provinsi", _subtitle(rekap), PROVINSI_KOLOM, rows,
                 total)


def _sum_row(name: str, files: list[RingkasanFile]) -> list:
    pagu = sum(f.pagu or 0 for f in files)
    realisasi = sum(f.realisasi for f in files)
    return [name, len(files), pagu, sum(f.total_rab for f in files), realisasi,
            percent(realisasi, pagu), sum(sum(f.jumlah_temuan().values()) for f in files)]


# ---------------------------------------------------------------- Per Menu / Per Rincian
MENU_KOLOM = [Kolom("Kode", "teks", 8), Kolom("Menu / Rincian", "teks", 58),
              Kolom("Kab/Kota yang Menganggarkan", "angka", 13),
              Kolom("Anggaran RAB (Rp)", "rupiah", 19), Kolom("Realisasi (Rp)", "rupiah", 19),
              Kolom("% Realisasi terhadap RAB", "persen", 12)]
RINCIAN_KOLOM = [*MENU_KOLOM, Kolom("Target Keluaran", "angka", 11),
                 Kolom("Keluaran", "angka", 11), Kolom("Satuan", "teks", 9),
                 Kolom("% Capaian", "persen", 10)]


def per_menu(rekap: Rekap) -> Tabel:
    files = rekap.terbaca
    rows = []
    for kode, nama in rekap.pack.menu.items():
        rab = sum(f.rab_menu.get(kode, 0) for f in files)
        real = sum(f.realisasi_menu.get(kode, 0) for f in files)
        count = sum(1 for f in files if f.rab_menu.get(kode, 0))
        rows.append([kode, nama, count, rab, real, percent(real, rab)])
    rab = sum(f.total_rab for f in files)
    real = sum(f.realisasi for f in files)
    total = ["", "JUMLAH (termasuk RAB yang belum terpetakan ke menu)",
             sum(1 for f in files if f.total_rab), rab, real, percent(real, rab)]
    return Tabel("Anggaran RAB dan Realisasi per Menu", _subtitle(rekap), MENU_KOLOM, rows,
                 total)


def per_rincian(rekap: Rekap) -> Tabel:
    files = rekap.terbaca
    rows = []
    for kode, r in rekap.pack.rincian.items():
        rab = sum(f.rab_rincian.get(kode, 0) for f in files)
        real = sum(f.realisasi_rincian.get(kode, 0) for f in files)
        target = sum(f.target_rincian.get(kode, 0) for f in files)
        keluaran = sum(f.keluaran_rincian.get(kode, 0) for f in files)
        count = sum(1 for f in files if f.rab_rincian.get(kode, 0))
        rows.append([kode, r.nama, count, rab, real, percent(real, rab), target, keluaran,
                     r.keluaran, percent(keluaran, target)])
    return Tabel("Anggaran, Realisasi dan Capaian Keluaran per Rincian",
                 "Keluaran pelatihan dihitung dari peserta yang mengikuti sampai selesai.",
                 RINCIAN_KOLOM, rows)


# ---------------------------------------------------------------- Menu A..D
def menu_sheet(rekap: Rekap, menu: str) -> Tabel:
    pack = rekap.pack
    codes = pack.rincian_of_menu(menu)
    kolom = [*IDENTITAS, Kolom(f"RAB Menu {menu} (Rp)", "rupiah"),
             Kolom(f"Realisasi Menu {menu} (Rp)", "rupiah"), Kolom("% Realisasi", "persen")]
    for r in codes:
        satuan = pack.rincian[r].keluaran
        kolom += [Kolom(f"RAB {r} (Rp)", "rupiah"), Kolom(f"Realisasi {r} (Rp)", "rupiah"),
                  Kolom(f"Target {r} ({satuan})", "angka"),
                  Kolom(f"Keluaran {r} ({satuan})", "angka"),
                  Kolom(f"% Capaian {r}", "persen")]
    rows = []
    for i, f in enumerate(rekap.terbaca, start=1):
        rab, real = f.rab_menu.get(menu, 0), f.realisasi_menu.get(menu, 0)
        row = [*_identitas(i, f), rab, real, percent(real, rab)]
        for r in codes:
            target, keluaran = f.target_rincian.get(r, 0), f.keluaran_rincian.get(r, 0)
            row += [f.rab_rincian.get(r, 0), f.realisasi_rincian.get(r, 0), target, keluaran,
                    percent(keluaran, target)]
        rows.append(row)
    return Tabel(f"Menu {menu}: {pack.menu[menu]}", _subtitle(rekap), kolom, rows, beku_kolom=3)


# ---------------------------------------------------------------- Temuan
TEMUAN_KOLOM = [*IDENTITAS, Kolom("Sheet", "teks", 14), Kolom("Sel", "teks", 8),
                Kolom("Aturan", "teks", 20), Kolom("Tingkat", "teks", 20),
                Kolom("Status", "teks", 10), Kolom("Klausul", "teks", 18),
                Kolom("Pesan", "teks", 90)]


def temuan(rekap: Rekap) -> Tabel:
    rows = []
    for f in rekap.terbaca:
        for t in f.temuan:
            place = t.cell or (f"baris {t.row}" if t.row else "")
            rows.append([len(rows) + 1, f.provinsi, f.kab_kota, f.file, t.sheet, place, t.rule,
                         t.level, "Terbuka" if t.is_open else "Selesai", t.clause, t.message])
    return Tabel("Temuan Pemeriksaan Juknis Seluruh Berkas",
                 "Setiap temuan dari setiap berkas, sama dengan hasil 'xlplugin validate' per "
                 "berkas.", TEMUAN_KOLOM, rows, beku_kolom=4)


# ---------------------------------------------------------------- Duplikat
DUPLIKAT_KOLOM = [Kolom("No", "angka", 6), Kolom("Jenis", "teks", 12),
                  Kolom("NIK / Nama", "teks", 22), Kolom("Rincian", "teks", 9),
                  Kolom("Jumlah Tempat", "angka", 9), Kolom("Keterangan", "teks", 60),
                  Kolom("Tempat (berkas: sheet baris)", "teks", 90)]


def duplikat(rekap: Rekap) -> Tabel:
    rows = [[i, d.jenis.capitalize(), d.kunci, d.rincian, len(d.tempat), d.keterangan,
             "; ".join(d.tempat)] for i, d in enumerate(rekap.duplikat, start=1)]
    return Tabel("Duplikasi Antarberkas",
                 "NIK peserta yang sama pada rincian yang sama di lebih dari satu kab/kota; "
                 "narasumber yang dijadwalkan pada tanggal yang bertumpang tindih di dua tempat. "
                 "NIK disamarkan.", DUPLIKAT_KOLOM, rows)


# ---------------------------------------------------------------- Berkas Bermasalah
MASALAH_KOLOM = [Kolom("No", "angka", 6), Kolom("Berkas", "teks", 36),
                 Kolom("Status", "teks", 16), Kolom("Sheet", "teks", 14),
                 Kolom("Sel", "teks", 8), Kolom("Alasan", "teks", 100)]


def bermasalah(rekap: Rekap) -> Tabel:
    rows = []
    for f in rekap.bermasalah:
        if not f.terbaca:
            rows.append([len(rows) + 1, f.file, status_berkas(f), None, None, f.galat])
            continue
        for p in f.masalah_baca:
            if p.level == GALAT:
                rows.append([len(rows) + 1, f.file, SEBAGIAN, p.sheet, p.cell, p.message])
    for group in rekap.ganda:
        for f in group:
            others = ", ".join(g.file for g in group if g is not f)
            rows.append([len(rows) + 1, f.file, GANDA, None, None,
                         (f"{f.kab_kota} ({f.provinsi}) juga ada di berkas {others}; angkanya "
                         "terhitung lebih dari sekali. Simpan hanya versi terakhir di folder.")])
    return Tabel("Berkas yang Tidak Terbaca atau Terbaca Sebagian",
                 "Berkas tidak terbaca dan berkas bukan templat tidak masuk angka rekap; minta "
                 "kab/kota mengirim ulang pada templat resmi. "
                 "Bagian yang tidak terbaca dari berkas lain dianggap kosong. Kab/kota ganda: "
                 "dua berkas untuk daerah yang sama ikut terhitung semua.", MASALAH_KOLOM,
                 rows)

