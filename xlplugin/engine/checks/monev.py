"""MONEV-*: realised time, place and output against the plan (Lampiran V angka 2)."""

from __future__ import annotations

import re

from ...domain.calendar import tanggal
from ...domain.values import Invalid, is_blank
from ..helpers import is_date, is_number
from ..registry import check
from ..totals import counted_by_participants, tuntas_per_kegiatan
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
    """Judged only once the activity has ended (realisasi selesai is filled), on the
    output as CAPAIAN-KELUARAN counts it: in its rincian the participants who completed
    (what the report shows), elsewhere the Realisasi Keluaran typed on the KAK."""
    by_participants = counted_by_participants(ctx.pack)
    tuntas = tuntas_per_kegiatan(ctx.doc)
    for k in ctx.doc.kegiatan:
        if not is_date(k.realisasi_selesai) or not is_number(k.target_keluaran):
            continue
        info = {"target": k.target_keluaran, "satuan": _satuan(ctx, k)}
        if k.rincian in by_participants:
            achieved = tuntas.get(k.kode_kegiatan, 0)
            if achieved < k.target_keluaran:
                yield ctx.finding(rule, k, "realisasi_keluaran", variant="peserta",
                                  value=achieved, **info)
        elif not is_number(k.realisasi_keluaran):
            yield ctx.finding(rule, k, "realisasi_keluaran", variant="kosong",
                              alasan=unreadable(k.realisasi_keluaran))
        elif k.realisasi_keluaran < k.target_keluaran:
            yield ctx.finding(rule, k, "realisasi_keluaran", **info)


def _satuan(ctx, k) -> str:
    """The rincian's unit of output (Lampiran I), else the unit typed on the KAK."""
    rincian = ctx.pack.rincian.get(k.rincian) if isinstance(k.rincian, str) else None
    return rincian.keluaran if rincian else (k.satuan_keluaran or "")
