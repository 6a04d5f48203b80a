"""Exact rupiah totals and capaian per menu, rincian and kegiatan.

One pass over RAB and one over Realisasi. Amounts are int rupiah; shares are Decimal
percentages (domain.money.percent). The template's Rekap sheet, the reports and the
rekap command read a `Totals`; nothing here formats text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.money import multiply, percent
from ..domain.records import Dokumen, Kegiatan, RabLine
from ..rulepack.model import RulePack
from .helpers import is_number

CAPAIAN_RULE = "CAPAIAN-KELUARAN"


def line_amount(line: RabLine) -> int | None:
    """A RAB line's jumlah; ROUND(volume x harga) when the file holds no cached value.

    None when neither is readable (RAB-HITUNG reports why).
    """
    if isinstance(line.jumlah, int):
        return line.jumlah
    if is_number(line.volume) and isinstance(line.harga_satuan, int):
        return multiply(line.volume, line.harga_satuan)
    return None


@dataclass
class Jumlah:
    """Planned (RAB) and spent (Realisasi) rupiah of one menu, rincian or kegiatan."""

    rab: int = 0
    realisasi: int = 0
    realisasi_semester: dict[str, int] = field(default_factory=dict)

    @property
    def persen_realisasi(self) -> Decimal | None:
        return percent(self.realisasi, self.rab)

    @property
    def sisa(self) -> int:
        return self.rab - self.realisasi


@dataclass
class Capaian:
    """Target keluaran against what was achieved, in the rincian's unit."""

    satuan: str
    target: int = 0
    keluaran: int = 0

    @property
    def persen(self) -> Decimal | None:
        return percent(self.keluaran, self.target)


@dataclass
class Totals:
    pagu: int | None
    total: Jumlah
    menu: dict[str, Jumlah]
    rincian: dict[str, Jumlah]
    kegiatan: dict[str, Jumlah]
    capaian_kegiatan: dict[str, Capaian]
    capaian_rincian: dict[str, Capaian]
    rab_tak_terpetakan: int = 0  # RAB lines whose kegiatan is not in the KAK
    realisasi_tak_terpetakan: int = 0  # payments whose kode_baris is not in the RAB

    @property
    def persen_rab_pagu(self) -> Decimal | None:
        return percent(self.total.rab, self.pagu) if self.pagu else None

    @property
    def persen_realisasi_pagu(self) -> Decimal | None:
        return percent(self.total.realisasi, self.pagu) if self.pagu else None


def compute_totals(doc: Dokumen, pack: RulePack, *, sampai: date | None = None) -> Totals:
    """`sampai`: the last day of a report's period; capaian then counts only the
    participants of trainings realised by that day (CAPAIAN-KELUARAN)."""
    from ..layout import load_layout
    from ..layout.binding import canonical_codes

    canonical_codes(doc, load_layout(), pack.lists())  # "a.1" adds to rincian A.1
    semesters = list(pack.semester)
    totals = Totals(
        pagu=doc.profil.pagu if isinstance(doc.profil.pagu, int) else None,
        total=_jumlah(semesters),
        menu={m: _jumlah(semesters) for m in pack.menu},
        rincian={r: _jumlah(semesters) for r in pack.rincian},
        kegiatan={k.kode_kegiatan: _jumlah(semesters) for k in doc.kegiatan
                  if isinstance(k.kode_kegiatan, str)},
        capaian_kegiatan={}, capaian_rincian={},
    )
    buckets = _bucket_finder(doc, pack, totals)
    line_kegiatan = _add_rab(doc, totals, buckets)
    _add_realisasi(doc, pack, totals, buckets, line_kegiatan)
    _add_capaian(doc, pack, totals, sampai)
    return totals


def _jumlah(semesters: list[str]) -> Jumlah:
    return Jumlah(realisasi_semester=dict.fromkeys(semesters, 0))


def _bucket_finder(doc: Dokumen, pack: RulePack, totals: Totals):
    """kode_kegiatan -> the Jumlah records an amount of that activity adds to."""
    by_kode: dict[str, list[Jumlah]] = {}
    for k in doc.kegiatan:
        if not isinstance(k.kode_kegiatan, str) or k.kode_kegiatan in by_kode:
            continue
        found = [totals.kegiatan[k.kode_kegiatan]]
        rincian = pack.rincian.get(k.rincian) if isinstance(k.rincian, str) else None
        if rincian:
            found += [totals.rincian[rincian.kode], totals.menu[rincian.menu]]
        by_kode[k.kode_kegiatan] = found
    return lambda kode: by_kode.get(kode) if isinstance(kode, str) else None


def _add_rab(doc: Dokumen, totals: Totals, buckets) -> dict[str, str | None]:
    """Add every line's amount; return kode_baris -> kode_kegiatan for the payments."""
    line_kegiatan: dict[str, str | None] = {}
    for line in doc.rab:
        if isinstance(line.kode_baris, str):
            line_kegiatan.setdefault(line.kode_baris, line.kode_kegiatan)
        amount = line_amount(line)
        if amount is None:
            continue
        totals.total.rab += amount
        found = buckets(line.kode_kegiatan)
        if found is None:
            totals.rab_tak_terpetakan += amount
        for j in found or ():
            j.rab += amount
    return line_kegiatan


def _add_realisasi(doc: Dokumen, pack: RulePack, totals: Totals, buckets,
                   line_kegiatan: dict[str, str | None]) -> None:
    for pay in doc.realisasi:
        if not isinstance(pay.jumlah, int):
            continue  # REAL-LEBIH reports an unreadable amount at its cell
        semester = _semester_of(pay.tanggal, pack)
        found = None
        if isinstance(pay.kode_baris, str) and pay.kode_baris in line_kegiatan:
            found = buckets(line_kegiatan[pay.kode_baris])
        else:
            totals.realisasi_tak_terpetakan += pay.jumlah
        for j in [totals.total, *(found or ())]:
            j.realisasi += pay.jumlah
            if semester:
                j.realisasi_semester[semester] += pay.jumlah


def _semester_of(day: object, pack: RulePack) -> str | None:
    if not isinstance(day, date):
        return None
    for key, (mulai, selesai) in pack.semester.items():
        if mulai <= day <= selesai:
            return key
    return None


def _add_capaian(doc: Dokumen, pack: RulePack, totals: Totals, sampai: date | None) -> None:
    totals.capaian_kegiatan = capaian_per_kegiatan(doc, pack, sampai)
    for k in doc.kegiatan:
        c = totals.capaian_kegiatan.get(k.kode_kegiatan) if isinstance(
            k.kode_kegiatan, str) else None
        if c is None or k.rincian not in pack.rincian:
            continue
        r = totals.capaian_rincian.setdefault(k.rincian, Capaian(c.satuan))
        r.target += c.target
        r.keluaran += c.keluaran


def counted_by_participants(pack: RulePack) -> frozenset[str]:
    """The rincian whose output is the participants who completed (CAPAIAN-KELUARAN)."""
    rule = pack.rules.get(CAPAIAN_RULE)
    return frozenset(rule.params.get("rincian", ())) if rule else frozenset()


def tuntas_per_kegiatan(doc: Dokumen) -> dict[str, int]:
    """kode_kegiatan -> Peserta rows marked Mengikuti sampai Selesai = Ya."""
    tuntas: dict[str, int] = {}
    for p in doc.peserta:
        if p.tuntas is True and isinstance(p.kode_kegiatan, str):
            tuntas[p.kode_kegiatan] = tuntas.get(p.kode_kegiatan, 0) + 1
    return tuntas


def capaian_per_kegiatan(doc: Dokumen, pack: RulePack,
                         sampai: date | None = None) -> dict[str, Capaian]:
    """CAPAIAN-KELUARAN: per activity, target vs keluaran.

    In the rule's rincian (trainings) keluaran counts only the Peserta rows marked
    tuntas = Ya; elsewhere it is the activity's recorded realisasi keluaran. For a
    report's period ending `sampai`, either counts only for an activity realised
    (Realisasi Selesai) by then: an output finished in July is not Semester I's.
    """
    by_tuntas = counted_by_participants(pack)
    tuntas = tuntas_per_kegiatan(doc)
    result = {}
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str) and k.kode_kegiatan not in result:
            if not _realised_by(k, sampai):
                keluaran = 0
            elif k.rincian in by_tuntas:
                keluaran = tuntas.get(k.kode_kegiatan, 0)
            else:
                keluaran = _int_or_zero(k.realisasi_keluaran)
            result[k.kode_kegiatan] = Capaian(_satuan(k, pack), _int_or_zero(k.target_keluaran),
                                              keluaran)
    return result


def _realised_by(k: Kegiatan, sampai: date | None) -> bool:
    if sampai is None:
        return True
    return isinstance(k.realisasi_selesai, date) and k.realisasi_selesai <= sampai


def _satuan(k: Kegiatan, pack: RulePack) -> str:
    if isinstance(k.rincian, str) and k.rincian in pack.rincian:
        return pack.rincian[k.rincian].keluaran
    return k.satuan_keluaran or ""


def _int_or_zero(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
