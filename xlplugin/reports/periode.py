"""The period a report covers, from its `jenis`, and its deadline from the rule pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..rulepack.model import RulePack

JENIS = ("semester1", "semester2", "akhir")


class JenisError(ValueError):
    """Unknown report kind: a usage error, reported in Indonesian."""


@dataclass(frozen=True)
class Periode:
    jenis: str
    judul: str  # "Semester I"
    semester: tuple[str, ...]  # pack semester keys the period covers
    kumulatif: tuple[str, ...]  # pack semester keys from the year's start to the period's end
    mulai: date
    selesai: date
    tanggal_field: str  # Profil field holding the report's date
    rule: str  # the deadline rule of this report (DL-SEMESTER / DL-AKHIR)

    @property
    def is_akhir(self) -> bool:
        return self.jenis == "akhir"

    def batas(self, pack: RulePack) -> date | None:
        """The deadline the pack's rule sets for this report's date field."""
        rule = pack.rules.get(self.rule)
        return rule.params.get("batas", {}).get(self.tanggal_field) if rule else None

    def contains(self, day: object) -> bool:
        return isinstance(day, date) and self.mulai <= day <= self.selesai

    def overlaps(self, mulai: object, selesai: object) -> bool:
        """Whether an activity running mulai..selesai falls (partly) in the period.

        An activity without readable dates is kept: the report should show it rather
        than hide it.
        """
        start = mulai if isinstance(mulai, date) else None
        end = selesai if isinstance(selesai, date) else start
        if start is None:
            return True
        return start <= self.selesai and (end or start) >= self.mulai


def periode(jenis: str, pack: RulePack) -> Periode:
    if jenis not in JENIS:
        raise JenisError(f"Jenis laporan '{jenis}' tidak dikenal; pilih salah satu: "
                         + ", ".join(JENIS) + ".")
    keys = list(pack.semester)  # "1", "2"
    first, second = keys[0], keys[-1]
    if jenis == "semester1":
        span, kum, judul, rule = (first,), (first,), "Semester I", "DL-SEMESTER"
    elif jenis == "semester2":
        span, kum, judul, rule = (second,), tuple(keys), "Semester II", "DL-SEMESTER"
    else:
        span, kum, judul, rule = tuple(keys), tuple(keys), "Akhir", "DL-AKHIR"
    return Periode(
        jenis=jenis, judul=judul, semester=span, kumulatif=kum,
        mulai=pack.semester[span[0]][0], selesai=pack.semester[span[-1]][1],
        tanggal_field=f"tanggal_laporan_{jenis}", rule=rule,
    )
