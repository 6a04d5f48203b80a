"""Small predicates the checks share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.calendar import months_between
from ..domain.records import Kegiatan
from ..domain.values import Invalid


def is_number(value: object) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def is_date(value: object) -> bool:
    return isinstance(value, date)


def out_of_range(value: int | Decimal, lo: float | None, hi: float | None) -> str | None:
    """'bawah' / 'atas' when value lies outside [lo, hi], else None."""
    if lo is not None and value < lo:
        return "bawah"
    if hi is not None and value > hi:
        return "atas"
    return None


def activity_months(k: Kegiatan) -> int | None:
    if is_date(k.tanggal_mulai) and is_date(k.tanggal_selesai):
        return months_between(k.tanggal_mulai, k.tanggal_selesai)
    return None


def bad(value: object) -> bool:
    return isinstance(value, Invalid)


def matches_rincian(k: Kegiatan, params: dict) -> bool:
    """Whether an activity is in the rule's rincian (and varian, when the rule names one)."""
    if k.rincian not in params.get("rincian", ()):
        return False
    varian = params.get("varian")
    return varian is None or (k.varian or "").lower() in {v.lower() for v in varian}
