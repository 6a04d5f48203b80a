"""Small predicates the checks share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.calendar import months_between
from ..domain.records import Kegiatan
from ..domain.values import Invalid
from .context import RECORD_TABLE


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


def kosong(ctx, rule, record, field: str, **params):
    """A finding that `field`, which the rule needs, is empty or unreadable (variant `kosong`).

    Its message can name the column as the user sees it ({kolom}, the header) and
    what is wrong with it ({isian}: "kosong" or what was typed and why it is unreadable).
    """
    table = ctx.layout.tables[RECORD_TABLE[type(record).__name__]]
    return ctx.finding(rule, record, field, variant="kosong", kolom=table.column(field).header,
                       isian=_isian(getattr(record, field, None)), **params)


def _isian(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "kosong"
    if isinstance(value, Invalid):
        return f"berisi '{value.raw}' yang tidak terbaca ({value.reason})"
    return f"berisi '{value}' yang tidak dapat dipakai"
