"""The sample's schedule: training sessions, logbook of visits, exhibition days.

Training sessions spread each narasumber's JPL (45 minutes each) over the days in
`plan.HARI`, so the Jadwal adds up to the KAK's JPL. The A.3 logbook has one visit
of 4 hours per IKM per week, on a working day inside the activity.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from ..domain.records import Jadwal, Kegiatan, Peserta
from .plan import HARI
from .staff import NARASUMBER, PENDAMPING

JPL_MINUTES = 45
A3_TAHAP = (
    (1, "Diagnosis usaha dan potensi produk"),
    (2, "Penyusunan rencana pendampingan"),
    (5, "Pengembangan desain motif dan produk turunan"),
    (9, "Pembuatan dan uji coba prototipe busana/aksesori"),
    (12, "Perbaikan mutu dan penyelesaian akhir produk"),
    (13, "Evaluasi hasil pendampingan"),
)


def _clock(start: str, minutes: int) -> str:
    t = datetime.strptime(start, "%H:%M") + timedelta(minutes=minutes)
    return t.strftime("%H:%M")


def _sessions(k: Kegiatan) -> list[dict]:
    """One row per (day, half-day, narasumber) block of JPL."""
    units = [n for n in NARASUMBER if n.kode == k.kode_kegiatan for _ in range(n.jpl)]
    rows, pos = [], 0
    for day, jpl in HARI[k.kode_kegiatan]:
        morning = min(4, jpl)
        for start, count in (("08:00", morning), ("13:00", jpl - morning)):
            block, clock = units[pos : pos + count], start
            pos += count
            while block:
                n = block[0]
                run = next((i for i, x in enumerate(block) if x is not n), len(block))
                rows.append(
                    {
                        "tanggal": day,
                        "jam_mulai": clock,
                        "jam_selesai": _clock(clock, run * JPL_MINUTES),
                        "jenis": "Sesi pelatihan",
                        "materi": n.materi,
                        "narasumber": n.nama,
                        "lokasi": k.lokasi,
                        "jpl": Decimal(run),
                        "durasi_jam": Decimal(run * JPL_MINUTES) / 60,
                    }
                )
                clock = _clock(clock, run * JPL_MINUTES)
                block = block[run:]
    return rows


def _working(day: date, libur: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in libur


def _a3_logbook(k: Kegiatan, peserta: list[Peserta], libur: frozenset[date]) -> list[dict]:
    rows = []
    weeks = ((k.tanggal_selesai - k.tanggal_mulai).days // 7) + 1
    for w in range(weeks):
        tahap = next(text for last, text in A3_TAHAP if w < last)
        for i, p in enumerate(peserta):
            day = _visit_day(k.tanggal_mulai + timedelta(weeks=w), i % 5, k.tanggal_selesai, libur)
            start = "08:00" if i % 2 == 0 else "13:00"
            rows.append(
                {
                    "tanggal": day,
                    "jam_mulai": start,
                    "jam_selesai": _clock(start, 240),
                    "jenis": "Kunjungan pendampingan",
                    "materi": tahap,
                    "narasumber": p.pendamping,
                    "nama_ikm": p.nama_ikm,
                    "lokasi": f"Tempat produksi {p.nama_ikm}",
                    "durasi_jam": Decimal(4),
                    "keterangan": "Logbook pembinaan",
                }
            )
    return rows


def _visit_day(week_start: date, offset: int, last: date, libur: frozenset[date]) -> date:
    """A working day of the week starting `week_start`, near `offset`, not after `last`."""
    days = [week_start + timedelta(days=d) for d in range(5)]
    ok = [d for d in days if d <= last and _working(d, libur)]
    return ok[min(offset, len(ok) - 1)]


def _spread(month_days: list[date], n: int) -> list[date]:
    return [month_days[int(len(month_days) * (j + 0.5) / n)] for j in range(n)]


def _b3_visits(k: Kegiatan, libur: frozenset[date]) -> list[dict]:
    training = {d for d, _ in HARI[k.kode_kegiatan]}
    pendamping = next(p.nama for p in PENDAMPING if p.kode == k.kode_kegiatan)
    rows = []
    for month in range(k.tanggal_mulai.month, k.tanggal_selesai.month + 1):
        days = [date(2023, month, d) for d in range(1, 32) if _valid(2023, month, d)]
        days = [d for d in days if _working(d, libur) and d not in training]
        for day in _spread(days, 4):
            rows.append(
                {
                    "tanggal": day,
                    "jam_mulai": "09:00",
                    "jam_selesai": "13:00",
                    "jenis": "Kunjungan pendampingan",
                    "materi": "Pendampingan penerapan proses bisnis",
                    "narasumber": pendamping,
                    "nama_ikm": "Pengelola Sentra IKM Olahan Pangan Cibeureum",
                    "lokasi": "Sekretariat Sentra IKM Olahan Pangan Cibeureum",
                    "durasi_jam": Decimal(4),
                    "keterangan": "Logbook pembinaan",
                }
            )
    return rows


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _halal_visits(k: Kegiatan, ikm: list[str], libur: frozenset[date]) -> list[dict]:
    pendamping = next(p.nama for p in PENDAMPING if p.kode == k.kode_kegiatan)
    days = [
        k.tanggal_mulai + timedelta(days=d)
        for d in range((k.tanggal_selesai - k.tanggal_mulai).days + 1)
    ]
    days = [d for d in days if _working(d, libur) and d >= date(2023, 5, 15)]
    visits = _spread(days, 2 * len(ikm))
    return [
        {
            "tanggal": day,
            "jam_mulai": "09:00",
            "jam_selesai": "12:00",
            "jenis": "Kunjungan pendampingan",
            "materi": "Penyusunan dokumen SJPH" if j < len(ikm) else "Audit internal halal",
            "narasumber": pendamping,
            "nama_ikm": ikm[j % len(ikm)],
            "lokasi": f"Tempat produksi {ikm[j % len(ikm)]}",
            "durasi_jam": Decimal(3),
        }
        for j, day in enumerate(visits)
    ]


def _pameran(k: Kegiatan) -> list[dict]:
    rows = [
        {
            "tanggal": date(2023, 2, 28),
            "jenis": "Perjalanan",
            "materi": "Berangkat ke Jakarta dan persiapan stand",
            "lokasi": k.lokasi,
        }
    ]
    rows += [
        {
            "tanggal": date(2023, 3, d),
            "jam_mulai": "10:00",
            "jam_selesai": "21:00",
            "jenis": "Pameran",
            "materi": "Pameran Inacraft 2023 dan temu bisnis",
            "lokasi": k.lokasi,
            "durasi_jam": Decimal(11),
        }
        for d in range(1, 6)
    ]
    rows.append(
        {
            "tanggal": date(2023, 3, 6),
            "jenis": "Perjalanan",
            "materi": "Kembali ke Sukamaju",
            "lokasi": k.lokasi,
        }
    )
    return rows


FGD = {
    "K09": (
        (date(2023, 7, 20), "FGD potensi kemitraan dengan offtaker ritel"),
        (date(2023, 9, 14), "FGD validasi dokumen informasi pasar"),
    ),
    "K10": (
        (date(2023, 4, 12), "FGD dengan eksportir dan asosiasi tenun"),
        (date(2023, 6, 14), "FGD pembahasan draf analisis pasar ekspor"),
    ),
    "K12": ((date(2023, 8, 15), "Pelatihan singkat pengelolaan akun marketplace B2B"),),
}


def _fgd(k: Kegiatan) -> list[dict]:
    ahli = next((n.nama for n in NARASUMBER if n.kode == k.kode_kegiatan), None)
    return [
        {
            "tanggal": day,
            "jam_mulai": "09:00",
            "jam_selesai": "15:00",
            "jenis": "Lainnya",
            "materi": text,
            "narasumber": ahli,
            "lokasi": k.lokasi,
            "durasi_jam": Decimal(6),
        }
        for day, text in FGD[k.kode_kegiatan]
    ]


def jadwal(
    first_row: int, kegiatan: dict[str, Kegiatan], peserta: list[Peserta], libur: frozenset[date]
) -> list[Jadwal]:
    a3 = [p for p in peserta if p.kode_kegiatan == "K04"]
    halal_ikm = [p.nama_ikm for p in peserta if p.kode_kegiatan == "K03"][:10]
    rows: list[Jadwal] = []
    for kode, k in kegiatan.items():
        items = _sessions(k) if kode in HARI else []
        if kode == "K04":
            items += _a3_logbook(k, a3, libur)
        elif kode == "K05":
            items += _halal_visits(k, halal_ikm, libur)
        elif kode == "K07":
            items += _b3_visits(k, libur)
        elif kode == "K08":
            items += _pameran(k)
        elif kode in FGD:
            items += _fgd(k)
        items.sort(key=lambda r: (r["tanggal"], r.get("jam_mulai") or ""))
        rows += [
            Jadwal(row=first_row + len(rows) + i, kode_kegiatan=kode, **item)
            for i, item in enumerate(items)
        ]
    return rows
