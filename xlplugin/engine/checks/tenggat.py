"""Time limits: TA-TAHUN (dates inside the pack's year) and DL-* (letters and reports)."""

from __future__ import annotations

from datetime import date

from ...domain.calendar import tanggal
from ...domain.records import TABLE_ATTR
from ...domain.values import shown
from ..helpers import is_date, is_number
from ..registry import check


def tampil(value: object) -> str:
    """A date as 14 Juli 2023; empty as 'kosong'; anything else as the user typed it."""
    if value is None:
        return "kosong"
    return tanggal(value) if isinstance(value, date) else shown(value)


@check("tahun_anggaran")
def tahun_anggaran(ctx, rule):
    profil, tahun = ctx.doc.profil, ctx.pack.tahun
    if not is_number(profil.tahun_anggaran):
        yield ctx.finding(rule, profil, "tahun_anggaran", variant="kosong", tahun=tahun)
    elif profil.tahun_anggaran != tahun:
        yield ctx.finding(rule, profil, "tahun_anggaran", tahun=tahun)
    yield from _dates_in_year(ctx, rule, rule.params.get("tanggal_wajib", {}), required=True)
    yield from _dates_in_year(ctx, rule, rule.params.get("tanggal_bila_ada", {}), required=False)


def _dates_in_year(ctx, rule, fields_by_table: dict, required: bool):
    awal, akhir = ctx.pack.awal_tahun, ctx.pack.akhir_tahun
    for table_key, keys in fields_by_table.items():
        table = ctx.layout.tables[table_key]
        common = {"tahun": ctx.pack.tahun, "awal": tanggal(awal), "akhir": tanggal(akhir),
                  "sheet": table.sheet}
        for record in getattr(ctx.doc, TABLE_ATTR[table_key]):
            for key in keys:
                value = getattr(record, key)
                label = table.column(key).header
                if is_date(value):
                    if not awal <= value <= akhir:
                        yield ctx.finding(rule, record, key, variant="tanggal", label=label,
                                          nilai=tampil(value), **common)
                elif value is not None or required:
                    yield ctx.finding(rule, record, key, variant="tanggal_kosong", label=label,
                                      nilai=tampil(value), **common)


@check("tenggat")
def tenggat(ctx, rule):
    """Each Profil date named in `batas` is no later than its limit."""
    profil = ctx.doc.profil
    for key, limit in rule.params["batas"].items():
        value = getattr(profil, key)
        params = {"label": ctx.layout.profil.field(key).label, "batas": tanggal(limit)}
        if is_date(value):
            if value > limit:
                yield ctx.finding(rule, profil, key, nilai=tanggal(value), **params)
        elif value is not None:
            yield ctx.finding(rule, profil, key, variant="tidak_terbaca", **params)
        elif rule.params.get("wajib"):
            yield ctx.finding(rule, profil, key, variant="kosong", **params)
