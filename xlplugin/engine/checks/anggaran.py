"""RAB-*: every RAB line belongs to an activity, adds up, fits the pagu; APIP review."""

from __future__ import annotations

from ...domain.money import multiply, rupiah
from ..helpers import is_date, is_number
from ..registry import check
from ..totals import line_amount


@check("rab_kegiatan")
def rab_kegiatan(ctx, rule):
    sheet_kak = ctx.layout.tables["KAK"].sheet
    for line in ctx.doc.rab:
        kode_baris = line.kode_baris or f"baris {line.row}"
        if line.kode_kegiatan is None:
            yield ctx.finding(rule, line, "kode_kegiatan", variant="kosong",
                              kode_baris=kode_baris, sheet_kak=sheet_kak)
        elif line.kode_kegiatan not in ctx.kegiatan_by_kode:
            yield ctx.finding(rule, line, "kode_kegiatan", kode_baris=kode_baris,
                              sheet_kak=sheet_kak)


@check("rab_hitung")
def rab_hitung(ctx, rule):
    table = ctx.layout.tables["RAB"]
    for line in ctx.doc.rab:
        kode_baris = line.kode_baris or f"baris {line.row}"
        readable = True
        for key in ("volume", "harga_satuan"):
            variant = _number_problem(getattr(line, key))
            if variant:
                readable = False
                yield ctx.finding(rule, line, key, variant=variant, kode_baris=kode_baris,
                                  kolom=table.column(key).header)
        if readable:
            yield from _jumlah_matches(ctx, rule, line, kode_baris)


def _number_problem(value: object) -> str | None:
    if value is None:
        return "kosong"
    if not is_number(value):
        return "bukan_angka"
    return "negatif" if value < 0 else None


def _jumlah_matches(ctx, rule, line, kode_baris: str):
    hitung = multiply(line.volume, line.harga_satuan)
    if line.jumlah is None:
        return  # no cached formula value in the file: nothing to compare
    if not isinstance(line.jumlah, int):
        yield ctx.finding(rule, line, "jumlah", variant="jumlah_tak_terbaca",
                          kode_baris=kode_baris, hitung=rupiah(hitung))
    elif line.jumlah != hitung:
        yield ctx.finding(rule, line, "jumlah", jumlah=rupiah(line.jumlah),
                          volume=angka(line.volume), harga=rupiah(line.harga_satuan),
                          hitung=rupiah(hitung))


def angka(value) -> str:
    """A Decimal the Indonesian way: 0,3333 (decimal comma, no trailing zeros)."""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


@check("rab_pagu")
def rab_pagu(ctx, rule):
    profil = ctx.doc.profil
    total = sum(a for a in map(line_amount, ctx.doc.rab) if a is not None)
    if not isinstance(profil.pagu, int):
        yield ctx.finding(rule, profil, "pagu", variant="kosong", total=rupiah(total))
    elif total > profil.pagu:
        yield ctx.finding(rule, profil, "pagu", total=rupiah(total), pagu=rupiah(profil.pagu),
                          selisih=rupiah(total - profil.pagu))


@check("reviu_apip")
def reviu_apip(ctx, rule):
    profil = ctx.doc.profil
    if profil.tanggal_reviu_apip is None:
        yield ctx.finding(rule, profil, "tanggal_reviu_apip")
    elif not is_date(profil.tanggal_reviu_apip):
        yield ctx.finding(rule, profil, "tanggal_reviu_apip", variant="tidak_terbaca")
