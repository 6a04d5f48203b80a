"""CAPAIAN-KELUARAN: a realised output the participant list does not support.

How capaian is computed (the participants who completed, in the rule's rincian) is
`engine.totals.capaian_per_kegiatan`, which the reports and the rekap read; this check
flags a Realisasi Keluaran typed on the KAK that exceeds those participants, or that
is claimed with no participant rows at all, so the report's capaian and the KAK agree.
"""

from __future__ import annotations

from ..helpers import is_number
from ..registry import check
from ..totals import tuntas_per_kegiatan


@check("capaian_keluaran")
def capaian_keluaran(ctx, rule):
    completed = tuntas_per_kegiatan(ctx.doc)  # what the capaian computation counts
    for k in ctx.doc.kegiatan:
        if k.rincian not in rule.params["rincian"] or not isinstance(k.kode_kegiatan, str):
            continue
        claimed = k.realisasi_keluaran
        if not is_number(claimed) or claimed <= 0:
            continue  # nothing claimed; MONEV-SASARAN judges an output short of its target
        rows = ctx.peserta_by_kegiatan.get(k.kode_kegiatan, ())
        tuntas = completed.get(k.kode_kegiatan, 0)
        if not rows:
            yield ctx.finding(rule, k, "realisasi_keluaran", variant="tanpa_peserta",
                              rincian=k.rincian)
        elif claimed > tuntas:
            yield ctx.finding(rule, k, "realisasi_keluaran", tuntas=tuntas, jumlah=len(rows),
                              rincian=k.rincian)
