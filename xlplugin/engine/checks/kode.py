"""KODE-RINCIAN: an activity's code is one of the pack's rincian, under its menu."""

from __future__ import annotations

from ..registry import check


@check("kode_rincian")
def kode_rincian(ctx, rule):
    for k in ctx.doc.kegiatan:
        if k.rincian not in ctx.pack.rincian:
            yield ctx.finding(rule, k, "rincian")
        elif k.menu and k.menu != ctx.pack.rincian[k.rincian].menu:
            yield ctx.finding(rule, k, "menu", variant="menu", rincian=k.rincian,
                              menu_benar=ctx.pack.rincian[k.rincian].menu)
