"""VARIAN: an A.2 or B.2 activity says which kind it is, since the limits differ.

A.2 is a training or a studi banding, B.2 trains pengelola or operator (Lampiran
II.A.2, II.B.2). The kinds are the pack's (`varian` of each rincian); while the KAK does
not say one, the other checks read the activity as NOT_SAID and apply only the rules
that hold for it (`helpers.matches_rincian`).
"""

from __future__ import annotations

from ...domain.values import is_blank
from ..helpers import NOT_SAID, varian_of
from ..registry import check


@check("varian")
def varian(ctx, rule):
    for k in ctx.doc.kegiatan:
        if k.rincian not in rule.params["rincian"]:
            continue
        kinds = ctx.pack.rincian[k.rincian].varian
        if not kinds or varian_of(k, ctx.pack) != NOT_SAID:
            continue
        info = {"rincian": k.rincian, "pilihan": " atau ".join(kinds)}
        if is_blank(k.varian) or k.varian == NOT_SAID:
            yield ctx.finding(rule, k, "varian", variant="kosong", **info)
        else:
            yield ctx.finding(rule, k, "varian", **info)
