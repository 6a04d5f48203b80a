"""MONEV-*: realised time, place and output against the plan (Lampiran V angka 2)."""

from __future__ import annotations

import re

from ...domain.calendar import tanggal
from ...domain.values import Invalid, is_blank
from ..helpers import is_date, is_number
from ..registry import check
from .peserta import unreadable


def place(text: object) -> str:
    """A location compared without case, spacing or punctuation.

    An unreadable cell (an Excel error kept as Invalid) compares as what was typed.
    """
    raw = text if isinstance(text, str) else str(getattr(text, "raw", text))
    return " ".join(re.sub(r"[^\w]+", " ", raw.casefold()).split())


@check("monev_waktu")
def monev_waktu(ctx, rule):
    for k in ctx.doc.kegiatan:
        if not (is_date(k.tanggal_mulai) and is_date(k.tanggal_selesai)):
            continue  # the plan's own date rules report it
        rencana = f"{tanggal(k.tanggal_mulai)} s.d. {tanggal(k.tanggal_selesai)}"
        for field in ("realisasi_mulai", "realisasi_selesai"):
            day = getattr(k, field)
            if isinstance(day, Invalid):
                yield ctx.finding(rule, k, field, variant="tidak_terbaca",
                                  alasan=unreadable(day))
            elif is_date(day) and not k.tanggal_mulai <= day <= k.tanggal_selesai:
                yield ctx.finding(rule, k, field, nilai=tanggal(day), rencana=rencana)


@check("monev_lokasi")
def monev_lokasi(ctx, rule):
    for k in ctx.doc.kegiatan:
        if is_blank(k.realisasi_lokasi) or is_blank(k.lokasi):
            continue
        if place(k.realisasi_lokasi) != place(k.lokasi):
            yield ctx.finding(rule, k, "realisasi_lokasi", rencana=k.lokasi)


@check("monev_sasaran")
def monev_sasaran(ctx, rule):
    """Judged only once the activity has ended (realisasi selesai is filled)."""
    for k in ctx.doc.kegiatan:
        if not is_date(k.realisasi_selesai) or not is_number(k.target_keluaran):
            continue
        if not is_number(k.realisasi_keluaran):
            yield ctx.finding(rule, k, "realisasi_keluaran", variant="kosong",
                              alasan=unreadable(k.realisasi_keluaran))
        elif k.realisasi_keluaran < k.target_keluaran:
            yield ctx.finding(rule, k, "realisasi_keluaran", target=k.target_keluaran,
                              satuan=k.satuan_keluaran or "")
