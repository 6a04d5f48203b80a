"""REAL-LEBIH: spending per RAB line and per activity stays within its plan."""

from __future__ import annotations

from collections import defaultdict

from ...domain.money import rupiah
from ..registry import check
from ..totals import line_amount


@check("realisasi_lebih")
def realisasi_lebih(ctx, rule):
    lines = {}
    for line in ctx.doc.rab:
        if isinstance(line.kode_baris, str):
            lines.setdefault(line.kode_baris, line)  # a duplicate code keeps the first
    spent: dict[str, int] = defaultdict(int)
    yield from _payments(ctx, rule, lines, spent)
    yield from _per_line(ctx, rule, lines, spent)
    yield from _per_kegiatan(ctx, rule, lines, spent)


def _payments(ctx, rule, lines: dict, spent: dict):
    """Sum readable payments per kode_baris; report the ones that cannot be matched."""
    sheet_rab = ctx.layout.tables["RAB"].sheet
    for pay in ctx.doc.realisasi:
        if not isinstance(pay.jumlah, int):
            yield ctx.finding(rule, pay, "jumlah", variant="jumlah")
            continue
        if pay.kode_baris is None:
            yield ctx.finding(rule, pay, "kode_baris", variant="kode_kosong",
                              jumlah=rupiah(pay.jumlah))
        elif pay.kode_baris not in lines:
            yield ctx.finding(rule, pay, "kode_baris", variant="kode", sheet_rab=sheet_rab,
                              jumlah=rupiah(pay.jumlah))
        else:
            spent[pay.kode_baris] += pay.jumlah


def _per_line(ctx, rule, lines: dict, spent: dict):
    for kode, amount in spent.items():
        line = lines[kode]
        planned = line_amount(line)
        if planned is not None and amount > planned:
            yield ctx.finding(rule, line, "realisasi", value=amount, kode_baris=kode,
                              **_over(amount, planned))


def _per_kegiatan(ctx, rule, lines: dict, spent: dict):
    planned: dict[str, int] = defaultdict(int)
    for line in ctx.doc.rab:
        amount = line_amount(line)
        if isinstance(line.kode_kegiatan, str) and amount is not None:
            planned[line.kode_kegiatan] += amount
    real: dict[str, int] = defaultdict(int)
    for kode, amount in spent.items():
        if isinstance(lines[kode].kode_kegiatan, str):
            real[lines[kode].kode_kegiatan] += amount
    for kode, amount in real.items():
        k = ctx.kegiatan_by_kode.get(kode)
        if k is not None and amount > planned[kode]:
            yield ctx.finding(rule, k, "realisasi_anggaran", variant="kegiatan", value=amount,
                              kode_kegiatan=kode, **_over(amount, planned[kode]))


def _over(amount: int, planned: int) -> dict:
    return {"realisasi": rupiah(amount), "anggaran": rupiah(planned),
            "selisih": rupiah(amount - planned)}
