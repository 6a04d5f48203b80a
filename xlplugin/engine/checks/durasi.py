"""Duration limits of Lampiran II point d: JPL ranges, month counts, working days."""

from __future__ import annotations

from datetime import date

from ...domain.calendar import tanggal, working_days
from ...domain.kode import Canon, code_key
from ..helpers import (
    activity_months,
    is_date,
    is_number,
    kosong,
    matches_rincian,
    out_of_range,
)
from ..registry import check


@check("jpl_range")
def jpl_range(ctx, rule):
    lo, hi = rule.params.get("min"), rule.params.get("max")
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        if not is_number(k.jpl):
            yield kosong(ctx, rule, k, "jpl")
        elif side := out_of_range(k.jpl, lo, hi):
            yield ctx.finding(rule, k, "jpl", variant=_side(rule, side))


@check("bulan_range")
def bulan_range(ctx, rule):
    """Calendar months tanggal_mulai..tanggal_selesai within [min, max].

    Where the pack gives `jpl_max` (B.3: its training at most 45 JPL) the JPL is
    held to it under the same rule, since the clause states both in one sentence.
    """
    lo, hi = rule.params.get("min"), rule.params.get("max")
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        problems = period_findings(ctx, rule, k)
        yield from problems
        if not problems and (side := out_of_range(activity_months(k), lo, hi)):
            yield ctx.finding(rule, k, "tanggal_selesai", variant=_side(rule, side),
                              bulan=activity_months(k), nilai=tanggal(k.tanggal_selesai))
        if "jpl_max" in rule.params:
            yield from _jpl_cap(ctx, rule, k)


@check("hari_kerja_max")
def hari_kerja_max(ctx, rule):
    """Working days (Mon-Fri less the pack's holidays) of the planned period <= max.

    `jalur`: KAK fields and the values for which the limit holds (A.5: industri kecil
    with self assessment through SIINas). An activity on another route is not held to
    it; one whose route is not filled gets the `jalur` finding asking for it.
    """
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        route = _route(ctx, rule, k)
        if route is not True:
            if route is not None:
                yield route
            continue
        problems = period_findings(ctx, rule, k)
        yield from problems
        if not problems:
            hari = working_days(k.tanggal_mulai, k.tanggal_selesai, ctx.pack.libur)
            if hari > rule.params["max"]:
                yield ctx.finding(rule, k, "tanggal_selesai", hari=hari,
                                  nilai=tanggal(k.tanggal_selesai))


def _route(ctx, rule, k):
    """True when the activity's route is the rule's; None when it is another; else the
    finding that a route field is empty or not one of its list's values."""
    missing = None
    for field, wanted in rule.params.get("jalur", {}).items():
        value = getattr(k, field)
        if isinstance(value, str) and code_key(value) == code_key(wanted):
            continue
        column = ctx.layout.tables["KAK"].column(field)
        if isinstance(value, str) and value in Canon(ctx.layout.lists.get(column.list, ())):
            return None  # another route: the limit does not apply
        missing = missing or kosong(ctx, rule, k, field, variant="jalur")
    return missing or True


@check("studi_hari")
def studi_hari(ctx, rule):
    """Studi banding: at most `max` working days, travel days excluded.

    Only the dinas knows which days are travel, so the explicit field rules; the
    dates are a fallback that counts travel days too (the message says so).
    """
    limit = rule.params["max"]
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        hari = k.hari_kerja_studi
        if is_number(hari):
            if hari > limit:
                yield ctx.finding(rule, k, "hari_kerja_studi")
        elif hari is not None or ordered_period(k) is None:
            yield kosong(ctx, rule, k, "hari_kerja_studi")
        else:
            dihitung = working_days(k.tanggal_mulai, k.tanggal_selesai, ctx.pack.libur)
            if dihitung > limit:
                yield ctx.finding(rule, k, "tanggal_selesai", variant="dari_tanggal",
                                  hari=dihitung, mulai=tanggal(k.tanggal_mulai),
                                  nilai=tanggal(k.tanggal_selesai))


def ordered_period(k, start: str = "tanggal_mulai",
                   end: str = "tanggal_selesai") -> tuple[date, date] | None:
    """(start, end) when both are dates and end is not before start."""
    a, b = getattr(k, start), getattr(k, end)
    if is_date(a) and is_date(b) and b >= a:
        return a, b
    return None


def period_findings(ctx, rule, k, start: str = "tanggal_mulai",
                    end: str = "tanggal_selesai") -> list:
    """Findings for a period the rule cannot measure: a date empty/unreadable, or reversed.

    The rule needs variants `kosong` and `terbalik`.
    """
    out = [kosong(ctx, rule, k, f) for f in (start, end) if not is_date(getattr(k, f))]
    if not out and getattr(k, end) < getattr(k, start):
        out.append(ctx.finding(rule, k, end, variant="terbalik", nilai=tanggal(getattr(k, end)),
                               mulai=tanggal(getattr(k, start))))
    return out


def _jpl_cap(ctx, rule, k):
    if not is_number(k.jpl):
        yield kosong(ctx, rule, k, "jpl")
    elif k.jpl > rule.params["jpl_max"]:
        yield ctx.finding(rule, k, "jpl", variant="jpl")


def _side(rule, side: str) -> str | None:
    """The `bawah`/`atas` variant when the rule words that side apart, else the default."""
    return side if side in rule.variants else None
