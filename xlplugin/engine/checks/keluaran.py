"""KELUARAN, Lampiran II point i: a target output in the rincian's unit."""

from __future__ import annotations

from ...domain.kode import code_key
from ..helpers import is_number, kosong, matches_rincian
from ..registry import check


@check("keluaran_satuan")
def keluaran_satuan(ctx, rule):
    """target_keluaran > 0 and satuan_keluaran equal to the pack rincian's `keluaran`."""
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params) or k.rincian not in ctx.pack.rincian:
            continue
        satuan = ctx.pack.rincian[k.rincian].keluaran
        if not is_number(k.target_keluaran):
            yield kosong(ctx, rule, k, "target_keluaran", satuan=satuan)
        elif k.target_keluaran <= 0:
            yield ctx.finding(rule, k, "target_keluaran", satuan=satuan)
        if code_key(k.satuan_keluaran) != code_key(satuan):
            yield ctx.finding(rule, k, "satuan_keluaran", variant="satuan", satuan=satuan)
