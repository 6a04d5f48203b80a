"""Semester I payments (Jan-Jun 2023): one row per payment, dated after the work.

Trainings are paid a few working days after they end; monthly honoraria and visit
transport each month from the logbook; activities of Semester II are not paid yet.
Nothing is paid above its RAB line (REAL-LEBIH), and the excluded panitia honorarium
is not paid.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from ..domain.records import Jadwal, Kegiatan, RabLine, Realisasi
from .budget import PANITIA

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTH_END = {4: date(2023, 4, 28), 5: date(2023, 5, 31), 6: date(2023, 6, 26), 3: date(2023, 3, 31)}
SAVING = {"Konsumsi rapat/pelatihan": 0.96, "Bahan dan perlengkapan pelatihan": 0.98}


def add_working_days(day: date, n: int, libur: frozenset[date]) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in libur:
            n -= 1
    return day


def _actual(line: RabLine) -> int:
    """What was really paid: the exact product (not a typed jumlah), less savings."""
    full = int(line.volume * line.harga_satuan)
    share = SAVING.get(line.kategori)
    return full if share is None else int(full * share) // 1000 * 1000


def _monthly(line: RabLine, months: list[int]) -> list[tuple[date, int, str]]:
    per = _actual(line) // len(months)
    return [(MONTH_END[m], per, f"bulan {m:02d}/2023") for m in months]


def _visits(line: RabLine, jadwal: list[Jadwal], months: list[int]) -> list[tuple]:
    per_month = Counter(j.tanggal.month for j in jadwal if j.jenis == "Kunjungan pendampingan")
    return [
        (
            MONTH_END[m],
            per_month[m] * line.harga_satuan,
            (f"{per_month[m]} kunjungan bulan {m:02d}/2023"),
        )
        for m in months
        if per_month[m]
    ]


def _payments(line: RabLine, k: Kegiatan, jadwal: list[Jadwal], libur) -> list[tuple]:
    """(tanggal, jumlah, keterangan) of each payment of one RAB line in Semester I."""
    kode, uraian = k.kode_kegiatan, line.uraian
    after_end = add_working_days(k.tanggal_selesai, 2, libur)
    if line.kategori == PANITIA or kode in ("K09", "K12"):
        return []
    if kode == "K04" and line.satuan == "OB":
        return _monthly(line, [4, 5, 6])
    if kode == "K04" and "kunjungan pendamping" in uraian:
        return _visits(line, jadwal, [4, 5, 6])
    if kode == "K04" and "koordinator" in uraian:
        return _monthly(line, [4, 5, 6])
    if kode == "K07" and line.satuan == "OB":
        return _monthly(line, [3, 4, 5, 6])
    if kode == "K07" and "kunjungan" in uraian:
        return _visits(line, jadwal, [3, 4, 5, 6])
    if kode == "K05" and line.satuan == "OB":
        return _monthly(line, [5, 6])
    if kode == "K10":
        return _d1_payment(line)
    # what ends with the semester is paid before the cuti bersama of 28-30 June
    return [(min(after_end, date(2023, 6, 27)), _actual(line), "")]


def _d1_payment(line: RabLine) -> list[tuple]:
    """D.1 runs to July: four of five months of the expert, the first FGD, the database."""
    if line.satuan == "OB":
        return [(MONTH_END[m], int(line.harga_satuan), f"bulan {m:02d}/2023") for m in (3, 4, 5, 6)]
    if "basis data" in line.uraian:
        return [(date(2023, 3, 15), _actual(line), "")]
    if "FGD" in line.uraian:
        half = _actual(line) // 2
        return [(date(2023, 4, 14), half, "FGD pertama"), (date(2023, 6, 16), half, "FGD kedua")]
    return []


def realisasi(
    first_row: int,
    kegiatan: dict[str, Kegiatan],
    rab: list[RabLine],
    jadwal: list[Jadwal],
    libur: frozenset[date],
) -> list[Realisasi]:
    by_kegiatan: dict[str, list[Jadwal]] = {}
    for j in jadwal:
        by_kegiatan.setdefault(j.kode_kegiatan, []).append(j)
    items = []
    for line in rab:
        k = kegiatan[line.kode_kegiatan]
        for tanggal, jumlah, ket in _payments(line, k, by_kegiatan.get(k.kode_kegiatan, []), libur):
            uraian = f"Pembayaran {line.uraian[0].lower()}{line.uraian[1:]}"
            items.append((tanggal, line, jumlah, f"{uraian} ({ket})" if ket else uraian))
    items.sort(key=lambda x: (x[0], x[1].row))
    return [
        Realisasi(
            row=first_row + i,
            tanggal=t,
            kode_baris=line.kode_baris,
            kode_kegiatan=line.kode_kegiatan,
            uraian=u,
            jumlah=j,
            nomor_bukti=f"{i + 1:03d}/BKU-DPP/{ROMAN[t.month - 1]}/2023",
        )
        for i, (t, line, j, u) in enumerate(items)
    ]
