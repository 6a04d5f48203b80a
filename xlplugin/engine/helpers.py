"""Small predicates the checks share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.calendar import months_between
from ..domain.kode import code_key
from ..domain.records import Kegiatan
from ..domain.values import Invalid
from .context import RECORD_TABLE

NOT_SAID = "-"  # the pack's name for a variant not said (RULES.md VARIAN)


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


def varian_of(k: Kegiatan, pack) -> str:
    """The activity's variant as its rincian spells it, or NOT_SAID when the KAK leaves it
    empty, writes "-", or names one that is not the rincian's (B.2 "Pelatihan")."""
    rincian = pack.rincian.get(k.rincian) if isinstance(k.rincian, str) else None
    typed = code_key(k.varian)
    for name in rincian.varian if rincian else ():
        if code_key(name) == typed:
            return name
    return NOT_SAID


def matches_rincian(ctx, k: Kegiatan, params: dict) -> bool:
    """Whether an activity is in the rule's rincian and, when the rule names variants,
    of one of them (NOT_SAID among them: the rule also holds while the variant is not
    said, the pack's way to write "the bound holds for either variant")."""
    if k.rincian not in params.get("rincian", ()):
        return False
    varian = params.get("varian")
    return varian is None or code_key(varian_of(k, ctx.pack)) in {code_key(v) for v in varian}


def kosong(ctx, rule, record, field: str, *, variant: str = "kosong", **params):
    """A finding that `field`, which the rule needs, is empty or unreadable (variant
    `kosong` unless named).

    Its message can name the column as the user sees it ({kolom}, the header) and
    what is wrong with it ({isian}: "kosong" or what was typed and why it is unreadable).
    """
    table = ctx.layout.tables[RECORD_TABLE[type(record).__name__]]
    return ctx.finding(rule, record, field, variant=variant, kolom=table.column(field).header,
                       isian=_isian(getattr(record, field, None)), **params)


def _isian(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "kosong"
    if isinstance(value, Invalid):
        return f"berisi '{value.raw}' yang tidak terbaca ({value.reason})"
    return f"berisi '{value}' yang tidak dapat dipakai"
