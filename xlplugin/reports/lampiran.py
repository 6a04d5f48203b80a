"""The five annexes of IV.B as data: columns, rows, totals.

One function per annex; each returns a `LampiranTable` that every writer (the xlsx
annex workbook, the template's printable sheets, tests) reads. NIK are masked here,
before any writer sees them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.calendar import age_on
from ..domain.money import format_decimal, percent
from ..domain.privacy import mask_nik
from ..domain.records import Dokumen, Kegiatan
from ..domain.values import Invalid
from ..engine.totals import Totals, line_amount
from ..rulepack.model import RulePack
from .periode import Periode

# Column kinds -> how writers format them.
KINDS = {"no", "text", "money", "percent", "int", "decimal", "date"}

# The annex titles of IV.B, in order; the layout's output keys Lampiran1..5.
JUDUL = {
    1: "Realisasi Anggaran",
    2: "Data Peserta Pelatihan dan Pendampingan",
    3: "Data Narasumber",
    4: "Data Tenaga Pendamping/Instruktur/Pengajar",
    5: "Jadwal Kegiatan",
}


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"
    width: float = 12


@dataclass(frozen=True)
class Row:
    cells: tuple
    level: str = "data"  # data | menu | rincian | kegiatan | total


@dataclass
class LampiranTable:
    nomor: int
    columns: tuple[Col, ...]
    rows: list[Row] = field(default_factory=list)
    landscape: bool = True
    catatan: str | None = None  # a line under the table (e.g. masking note)

    @property
    def key(self) -> str:
        return f"Lampiran{self.nomor}"

    @property
    def judul(self) -> str:
        return JUDUL[self.nomor]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def lampiran_tables(doc: Dokumen, per: Periode, totals: Totals, pack: RulePack,
                    mask: bool = True) -> list[LampiranTable]:
    nik = mask_nik if mask else _plain
    return [
        realisasi_anggaran(doc, per, totals, pack),
        data_peserta(doc, per, nik),
        data_narasumber(doc, per, nik),
        data_pendamping(doc, per, nik),
        jadwal_kegiatan(doc, per),
    ]


def empty_tables() -> list[LampiranTable]:
    """The five annexes with their columns and no rows: the template's frames."""
    return [LampiranTable(n, columns) for n, columns in sorted(COLUMNS_BY_NOMOR.items())]


# ---------------------------------------------------------------- Lampiran 1

def realisasi_columns(periode_judul: str = "Periode Ini",
                      sampai_judul: str | None = None) -> tuple[Col, ...]:
    """Lampiran 1's columns: "Realisasi <periode_judul>" is the period's own spending,
    "Realisasi s.d. <sampai_judul>" the year's so far."""
    sampai_judul = sampai_judul or periode_judul
    return (
        Col("No", "no", 6), Col("Kode", "text", 9), Col("Menu / Rincian / Kegiatan / Uraian Biaya",
                                                        "text", 44),
        Col("Volume", "decimal", 8), Col("Satuan", "text", 13),
        Col("Harga Satuan (Rp)", "money", 14), Col("Anggaran (Rp)", "money", 16),
        Col(f"Realisasi {periode_judul} (Rp)", "money", 16),
        Col(f"Realisasi s.d. {sampai_judul} (Rp)", "money", 16),
        Col("Realisasi (%)", "percent", 9), Col("Sisa Anggaran (Rp)", "money", 16),
    )


def realisasi_anggaran(doc: Dokumen, per: Periode, totals: Totals,
                       pack: RulePack) -> LampiranTable:
    """Pagu and realisasi per menu, rincian, kegiatan and RAB line.

    Menu, rincian and kegiatan amounts are the engine's totals; a line's own
    realisasi is its payments by date (the engine keeps no per-line semester split).
    """
    per = _lampiran1_periode(per)
    table = LampiranTable(1, realisasi_columns(per.judul, per.sampai))
    paid = _paid_per_line(doc, pack)
    lines = defaultdict(list)
    for line in doc.rab:
        lines[line.kode_kegiatan].append(line)
    kegiatan = _kegiatan_by_rincian(doc, pack)
    for menu, nama_menu in pack.menu.items():
        kodes = [r for r in pack.rincian_of_menu(menu) if kegiatan.get(r)]
        if not kodes:
            continue
        table.rows.append(_sum_row(menu, "", nama_menu, totals.menu[menu], per, "menu"))
        for r in kodes:
            table.rows.append(_sum_row(r, "", pack.rincian[r].nama, totals.rincian[r], per,
                                       "rincian"))
            for i, k in enumerate(kegiatan[r], start=1):
                table.rows.append(_sum_row(str(i), k.kode_kegiatan, teks(k.nama_kegiatan),
                                           totals.kegiatan[k.kode_kegiatan], per, "kegiatan"))
                table.rows += [_line_row(ln, paid, per, pack) for ln in lines[k.kode_kegiatan]]
    table.rows.append(_total_row(totals, per, pack))
    if any(m in str(r.cells[2]) for r in table.rows if r.level == "data" for m in MARKS):
        table.catatan = MARK_NOTE
    return table


MARK_OPEN = " ["
MARKS = (f"{MARK_OPEN}DIKECUALIKAN", f"{MARK_OPEN}NILAI NEGATIF]")
MARK_NOTE = ("Baris bertanda [DIKECUALIKAN ...] adalah biaya yang tidak boleh dibiayai DAK "
             "Nonfisik menurut klausul yang disebut; baris bertanda [NILAI NEGATIF] bervolume, "
             "berharga satuan atau berjumlah negatif. Keduanya harus diperbaiki pada RAB.")


def line_marks(line, pack: RulePack) -> list[str]:
    """What a reviewer must see on a RAB line: a cost the juknis excludes (by its
    kategori, Lampiran II penutup) and a negative volume, price or amount."""
    marks = []
    kategori = pack.kategori.get(line.kategori) if isinstance(line.kategori, str) else None
    if kategori is not None and kategori.dikecualikan:
        rule = pack.rules.get(kategori.dikecualikan)
        marks.append(f"DIKECUALIKAN: {rule.clause}" if rule else "DIKECUALIKAN")
    numbers = (line.volume, line.harga_satuan, line_amount(line))
    if any(isinstance(v, (int, Decimal)) and not isinstance(v, bool) and v < 0
           for v in numbers):
        marks.append("NILAI NEGATIF")
    return marks


def marked(uraian: str, marks: list[str]) -> str:
    """The uraian with its marks after it: "Honorarium panitia [DIKECUALIKAN: ...]"."""
    return uraian + "".join(f"{MARK_OPEN}{m}]" for m in marks)


@dataclass(frozen=True)
class _Kolom:
    """Lampiran 1's two realisasi columns: the period's own semesters and titles."""

    judul: str
    sampai: str
    semester: tuple[str, ...]
    kumulatif: tuple[str, ...]


def _lampiran1_periode(per: Periode) -> _Kolom:
    """For the final report the period is the whole year, so "this period" and "so
    far" would be two identical columns: it shows Semester II and the year's total."""
    if per.is_akhir:
        return _Kolom("Semester II", "Akhir Tahun", per.semester[-1:], per.kumulatif)
    return _Kolom(per.judul, per.judul, per.semester, per.kumulatif)


def _kegiatan_by_rincian(doc: Dokumen, pack: RulePack) -> dict[str, list[Kegiatan]]:
    out: dict[str, list[Kegiatan]] = defaultdict(list)
    seen = set()
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str) and k.rincian in pack.rincian \
                and k.kode_kegiatan not in seen:
            seen.add(k.kode_kegiatan)
            out[k.rincian].append(k)
    return out


def _sum(j, keys: tuple[str, ...]) -> int:
    return sum(j.realisasi_semester.get(s, 0) for s in keys)


def _sum_row(no: str, kode: str, uraian: str, j, per: _Kolom, level: str) -> Row:
    kum = _sum(j, per.kumulatif)
    return Row((no, kode, uraian, None, None, None, j.rab, _sum(j, per.semester), kum,
                percent(kum, j.rab), j.rab - kum), level)


def _total_row(totals: Totals, per: _Kolom, pack: RulePack) -> Row:
    """JUMLAH over the menus (lines outside the KAK are left to RAB-KEGIATAN)."""
    rab = sum(totals.menu[m].rab for m in pack.menu)
    now = sum(_sum(totals.menu[m], per.semester) for m in pack.menu)
    kum = sum(_sum(totals.menu[m], per.kumulatif) for m in pack.menu)
    return Row(("", "", "JUMLAH", None, None, None, rab, now, kum, percent(kum, rab), rab - kum),
               "total")


def _paid_per_line(doc: Dokumen, pack: RulePack) -> dict[tuple[str, str], int]:
    paid: dict[tuple[str, str], int] = defaultdict(int)
    for pay in doc.realisasi:
        if not isinstance(pay.jumlah, int) or not isinstance(pay.kode_baris, str):
            continue
        for key, (mulai, selesai) in pack.semester.items():
            if isinstance(pay.tanggal, date) and mulai <= pay.tanggal <= selesai:
                paid[(pay.kode_baris, key)] += pay.jumlah
    return paid


def _line_row(line, paid, per: _Kolom, pack: RulePack) -> Row:
    amount = line_amount(line)
    now = sum(paid.get((line.kode_baris, s), 0) for s in per.semester)
    kum = sum(paid.get((line.kode_baris, s), 0) for s in per.kumulatif)
    volume = line.volume if isinstance(line.volume, Decimal) else None
    harga = line.harga_satuan if isinstance(line.harga_satuan, int) else None
    sisa = amount - kum if amount is not None else None
    return Row(("", teks(line.kode_baris), marked(teks(line.uraian), line_marks(line, pack)),
                volume, teks(line.satuan),
                harga, amount, now, kum, percent(kum, amount) if amount else None, sisa))


# ---------------------------------------------------------------- Lampiran 2-5

PESERTA_COLUMNS = (
    Col("No", "no", 5), Col("Kode Kegiatan", "text", 9), Col("Nama Peserta", "text", 22),
    Col("NIK", "text", 19), Col("L/P", "text", 5),
    Col("Usia pada Hari Pertama Kegiatan (tahun)", "int", 9),
    Col("Kab/Kota Asal", "text", 14), Col("Sentra IKM", "text", 18),
    Col("Nama IKM/Usaha", "text", 20), Col("NIB atau Pernyataan Bersedia Membuat NIB", "text", 17),
    Col("Peran", "text", 12), Col("Mengikuti sampai Selesai", "text", 11),
)
NARASUMBER_COLUMNS = (
    Col("No", "no", 5), Col("Kode Kegiatan", "text", 9), Col("Nama", "text", 22),
    Col("NIK", "text", 19), Col("Peran", "text", 12), Col("Instansi/Asal", "text", 20),
    Col("Pendidikan", "text", 11), Col("Pengalaman (tahun)", "int", 12),
    Col("Materi", "text", 22), Col("Bukti Kompetensi", "text", 20),
    Col("Pelaku Usaha (NIB)", "text", 16), Col("Pernyataan Sehat Jasmani dan Rohani", "text", 12),
    Col("Tanggal Tugas", "text", 14),
)
PENDAMPING_COLUMNS = (
    Col("No", "no", 5), Col("Kode Kegiatan", "text", 9), Col("Nama", "text", 22),
    Col("NIK", "text", 19), Col("Peran", "text", 14), Col("Pendidikan", "text", 11),
    Col("Sentra IKM", "text", 18), Col("Komoditi/Materi", "text", 16),
    Col("Jumlah IKM Didampingi", "int", 11),
    Col("Pengalaman sebagai Pelaku Usaha UKM (tahun)", "int", 12),
    Col("Pengalaman sebagai Pendamping atau Instruktur (tahun)", "int", 12),
    Col("Masa Tugas", "text", 14), Col("Bukti Kompetensi", "text", 20),
    Col("Pernyataan Tidak Sedang Mendampingi Program APBN/APBD Lain", "text", 16),
)
JADWAL_COLUMNS = (
    Col("No", "no", 5), Col("Kode Kegiatan", "text", 9), Col("Tanggal", "date", 11),
    Col("Waktu", "text", 11), Col("Jenis", "text", 16), Col("Materi/Agenda", "text", 28),
    Col("Narasumber / Pendamping", "text", 20), Col("Nama IKM (logbook)", "text", 18),
    Col("Lokasi", "text", 18), Col("JPL", "decimal", 6), Col("Durasi (jam)", "decimal", 7),
)
COLUMNS_BY_NOMOR = {1: realisasi_columns(), 2: PESERTA_COLUMNS, 3: NARASUMBER_COLUMNS,
                    4: PENDAMPING_COLUMNS, 5: JADWAL_COLUMNS}

MASK_NOTE = "NIK disamarkan untuk pelindungan data pribadi; data lengkap ada pada dinas."
NIHIL = "Nihil"
# Narasumber-sheet roles whose people this annex lists under Lampiran 4, whose title
# covers "Tenaga Pendamping/Instruktur/Pengajar" (IV.B).
PERAN_LAMPIRAN4 = {"instruktur", "pengajar"}
PERNYATAAN = {True: "Ada", False: "Tidak", None: "Belum ada"}


def nihil_column(table: LampiranTable) -> int:
    """The column (0-based) where an empty annex says "Nihil": its widest text column."""
    return max(range(len(table.columns)), key=lambda i: (table.columns[i].kind == "text",
                                                          table.columns[i].width))


def teks(value: object) -> str:
    """A cell as the annex shows it: blank for empty, the typed text for bad input."""
    if value is None:
        return ""
    if isinstance(value, Invalid):
        return str(value.raw)
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal):
        return format_decimal(value)  # 2,5 not 2.5
    return str(value)


def _plain(nik: object) -> str:
    raw = nik.raw if isinstance(nik, Invalid) else nik
    return "" if raw is None else str(raw)


def _kegiatan_in(doc: Dokumen, per: Periode) -> dict[str, Kegiatan]:
    """Activities held (partly) in the period, by realised dates where recorded."""
    out = {}
    for k in doc.kegiatan:
        if not isinstance(k.kode_kegiatan, str):
            continue
        mulai = k.realisasi_mulai if isinstance(k.realisasi_mulai, date) else k.tanggal_mulai
        selesai = (k.realisasi_selesai if isinstance(k.realisasi_selesai, date)
                   else k.tanggal_selesai)
        if per.overlaps(mulai, selesai):
            out.setdefault(k.kode_kegiatan, k)
    return out


def _sentra_names(doc: Dokumen) -> dict[str, str]:
    return {s.kode_sentra: f"{s.kode_sentra} {teks(s.nama_sentra)}".strip()
            for s in doc.sentra if isinstance(s.kode_sentra, str)}


def _rentang(mulai: object, selesai: object) -> str:
    if mulai is None and selesai is None:
        return ""
    return f"{teks(mulai)} s.d. {teks(selesai)}"


def _in_order(records: list, kegiatan: dict[str, Kegiatan]) -> list:
    """Records of the period's activities, in KAK order then sheet row."""
    order = {kode: i for i, kode in enumerate(kegiatan)}
    kept = [r for r in records if isinstance(r.kode_kegiatan, str) and r.kode_kegiatan in order]
    return sorted(kept, key=lambda r: (order[r.kode_kegiatan], r.row))


def data_peserta(doc: Dokumen, per: Periode, nik) -> LampiranTable:
    """With what proves each participant may take part (II, point f): age on the
    activity's first day, kab/kota of origin, NIB or the statement to make one."""
    table = LampiranTable(2, PESERTA_COLUMNS, catatan=MASK_NOTE if nik is mask_nik else None)
    sentra = _sentra_names(doc)
    kegiatan = _kegiatan_in(doc, per)
    for i, p in enumerate(_in_order(doc.peserta, kegiatan), start=1):
        table.rows.append(Row((i, p.kode_kegiatan, teks(p.nama), nik(p.nik),
                               teks(p.jenis_kelamin), _usia(p, kegiatan[p.kode_kegiatan]),
                               teks(p.kab_kota_asal),
                               sentra.get(p.kode_sentra, teks(p.kode_sentra)),
                               teks(p.nama_ikm), _nib(p), teks(p.peran), teks(p.tuntas))))
    return table


def _usia(p, k: Kegiatan) -> int | None:
    """Whole years on the activity's planned first day, as PESERTA-USIA counts them."""
    if isinstance(p.tanggal_lahir, date) and isinstance(k.tanggal_mulai, date):
        return age_on(p.tanggal_lahir, k.tanggal_mulai)
    return None


def _nib(p) -> str:
    if isinstance(p.nib, str) and p.nib.strip():
        return p.nib
    if p.bersedia_nib is True:
        return "Bersedia membuat NIB"
    return "-"


def data_narasumber(doc: Dokumen, per: Periode, nik) -> LampiranTable:
    """Narasumber and tenaga ahli with what proves each one qualifies (II, point g);
    instruktur and pengajar are listed in Lampiran 4."""
    table = LampiranTable(3, NARASUMBER_COLUMNS,
                          catatan=_notes(nik, "Pelaku usaha yang memiliki NIB dikecualikan "
                                              "dari syarat pendidikan paling rendah D-III "
                                              "pada rincian yang membolehkannya."))
    people = [n for n in doc.narasumber if not _is_instruktur(n)]
    for i, n in enumerate(_in_order(people, _kegiatan_in(doc, per)), start=1):
        table.rows.append(Row((i, n.kode_kegiatan, teks(n.nama),
                               nik(n.nik) if n.nik is not None else "", teks(n.peran),
                               teks(n.instansi), teks(n.pendidikan), _int(n.pengalaman_tahun),
                               teks(n.materi), teks(n.bukti_kompetensi), _pelaku_usaha(n),
                               PERNYATAAN.get(n.sehat, teks(n.sehat)),
                               _rentang(n.tanggal_mulai, n.tanggal_selesai))))
    return table


def _is_instruktur(n) -> bool:
    return isinstance(n.peran, str) and n.peran.strip().lower() in PERAN_LAMPIRAN4


def _pelaku_usaha(n) -> str:
    if n.pelaku_usaha is not True:
        return "-"
    nib = n.nib.strip() if isinstance(n.nib, str) else ""
    return f"Ya, NIB {nib}" if nib else "Ya, NIB belum dicatat"


def _notes(nik, *extra: str) -> str | None:
    parts = ([MASK_NOTE] if nik is mask_nik else []) + list(extra)
    return " ".join(parts) or None


def data_pendamping(doc: Dokumen, per: Periode, nik) -> LampiranTable:
    """Tenaga pendamping, koordinator, and the instruktur/pengajar of the Narasumber
    sheet, with their years as UKM business owner and as pendamping (II.A.3.g.4) and
    the statement that they do not at the same time assist an APBN/APBD-funded
    programme (II.A.3.g.5)."""
    table = LampiranTable(4, PENDAMPING_COLUMNS,
                          catatan=_notes(nik, 'Kolom pernyataan: "Ada" = tenaga pendamping '
                                              "menyatakan tidak sedang menjadi pendamping "
                                              "lembaga lain yang dibiayai APBN/APBD."))
    sentra = _sentra_names(doc)
    kegiatan = _kegiatan_in(doc, per)
    rows = [(p, True) for p in doc.pendamping] + \
        [(n, False) for n in doc.narasumber if _is_instruktur(n)]
    order = {kode: i for i, kode in enumerate(kegiatan)}
    rows = sorted(((r, own) for r, own in rows if isinstance(r.kode_kegiatan, str)
                   and r.kode_kegiatan in order),
                  key=lambda x: (order[x[0].kode_kegiatan], not x[1], x[0].row))
    for i, (p, own) in enumerate(rows, start=1):
        table.rows.append(_pendamping_row(i, p, sentra, nik) if own
                          else _instruktur_row(i, p, nik))
    return table


def _pendamping_row(i: int, p, sentra: dict[str, str], nik) -> Row:
    years = p.pengalaman_pendamping_tahun if isinstance(p.pengalaman_pendamping_tahun, int) \
        else p.pengalaman_tahun
    lain = None if p.pendamping_lembaga_lain is None else not p.pendamping_lembaga_lain
    return Row((i, p.kode_kegiatan, teks(p.nama), nik(p.nik) if p.nik is not None else "",
                teks(p.peran), teks(p.pendidikan), sentra.get(p.kode_sentra, teks(p.kode_sentra)),
                teks(p.komoditi), _int(p.jumlah_ikm), _int(p.pengalaman_usaha_tahun),
                _int(years), _rentang(p.tanggal_mulai, p.tanggal_selesai),
                teks(p.bukti_kompetensi), PERNYATAAN.get(lain, teks(lain))))


def _instruktur_row(i: int, n, nik) -> Row:
    """An instruktur/pengajar of the Narasumber sheet: no sentra, IKM count or
    APBN/APBD statement are asked of them (those are A.3 pendamping rules)."""
    return Row((i, n.kode_kegiatan, teks(n.nama), nik(n.nik) if n.nik is not None else "",
                teks(n.peran), teks(n.pendidikan), "-", teks(n.materi), None, None,
                _int(n.pengalaman_tahun), _rentang(n.tanggal_mulai, n.tanggal_selesai),
                teks(n.bukti_kompetensi), "-"))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def jadwal_kegiatan(doc: Dokumen, per: Periode) -> LampiranTable:
    """Sessions and visits dated in the period (all of the year for the final report)."""
    table = LampiranTable(5, JADWAL_COLUMNS)
    known = {k.kode_kegiatan for k in doc.kegiatan if isinstance(k.kode_kegiatan, str)}
    rows = [j for j in doc.jadwal if j.kode_kegiatan in known
            and (per.contains(j.tanggal) or not isinstance(j.tanggal, date))]
    rows.sort(key=lambda j: (j.tanggal if isinstance(j.tanggal, date) else date.max,
                             str(j.kode_kegiatan), j.row))
    for i, j in enumerate(rows, start=1):
        waktu = "-".join(x for x in (teks(j.jam_mulai), teks(j.jam_selesai)) if x)
        table.rows.append(Row((i, j.kode_kegiatan, j.tanggal if isinstance(j.tanggal, date)
                               else teks(j.tanggal), waktu, teks(j.jenis), teks(j.materi),
                               teks(j.narasumber), teks(j.nama_ikm), teks(j.lokasi),
                               _num(j.jpl), _num(j.durasi_jam))))
    return table


def _num(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None
