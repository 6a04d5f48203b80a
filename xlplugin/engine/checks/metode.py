"""Method of delivery, Lampiran II point c: shares, face to face, exhibition level."""

from __future__ import annotations

from decimal import Decimal

from ...domain.kode import code_key
from ..helpers import bad, is_number, kosong, matches_rincian
from ..registry import check

SHARES = ("porsi_teori", "porsi_diskusi", "porsi_praktik")


@check("metode_proporsi")
def metode_proporsi(ctx, rule):
    """Shares must add up to 100; each within `toleransi` points of its `profil` target.

    A `profil` entry names rincian (and varian) and a target per share field.
    """
    for k in ctx.doc.kegiatan:
        profil = next((p for p in rule.params["profil"] if matches_rincian(ctx, k, p)), None)
        if profil is not None:
            yield from _shares(ctx, rule, k, profil)


def _shares(ctx, rule, k, profil: dict):
    unreadable = [f for f in SHARES if bad(getattr(k, f))]
    if unreadable or all(getattr(k, f) is None for f in SHARES):
        yield from (kosong(ctx, rule, k, f) for f in unreadable or SHARES[:1])
        return
    # An empty share is a zero share (A.2 leaves Diskusi empty).
    values = _as_points({f: getattr(k, f) or Decimal(0) for f in SHARES})
    acuan = "/".join(str(profil[f]) for f in SHARES)
    total = sum(values.values())
    if total != 100:
        yield ctx.finding(rule, k, SHARES[0], variant="jumlah", jumlah=_plain(total),
                          acuan=acuan)
        return
    for f in SHARES:
        if abs(values[f] - profil[f]) > rule.params["toleransi"]:
            yield ctx.finding(rule, k, f, value=_plain(values[f]), target=profil[f],
                              acuan=acuan, porsi=_column(ctx, f))


@check("metode_dilarang")
def metode_dilarang(ctx, rule):
    """The rincian's method is not one of `dilarang` (A.2 is face to face)."""
    dilarang = {code_key(m) for m in rule.params["dilarang"]}
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        if not isinstance(k.metode, str) or not k.metode.strip():
            yield kosong(ctx, rule, k, "metode")
        elif code_key(k.metode) in dilarang:
            yield ctx.finding(rule, k, "metode")


def _as_points(values: dict) -> dict:
    """Shares as percentage points.

    A cell formatted as % in Excel arrives as a fraction (50% -> 0.5); shares that
    add up to exactly 1 are read that way, so 0.5/0.2/0.3 equals 50/20/30.
    """
    if sum(values.values()) == 1 and all(is_number(v) and v <= 1 for v in values.values()):
        return {f: v * 100 for f, v in values.items()}
    return values


def _plain(value) -> str:
    return f"{Decimal(value).normalize():f}"


def _column(ctx, field: str) -> str:
    return ctx.layout.tables["KAK"].column(field).header


@check("tingkat_pameran")
def tingkat_pameran(ctx, rule):
    """An exhibition the activity names is of one of the allowed `tingkat` (C.1: national+).

    An activity that names no exhibition and no tingkat has none to check.
    """
    allowed = {code_key(t) for t in rule.params["tingkat"]}
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        tingkat = k.tingkat_pameran
        if tingkat is None and not (k.nama_pameran or "").strip():
            continue
        if not isinstance(tingkat, str) or not tingkat.strip():
            yield kosong(ctx, rule, k, "tingkat_pameran")
        elif code_key(tingkat) not in allowed:
            yield ctx.finding(rule, k, "tingkat_pameran")
