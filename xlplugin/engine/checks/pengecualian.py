"""EXC-*: costs the juknis excludes (Lampiran II closing, angka 1-4), by kategori."""

from __future__ import annotations

from ..registry import check


@check("kategori_dikecualikan")
def kategori_dikecualikan(ctx, rule):
    for line in ctx.doc.rab:
        kategori = ctx.pack.kategori.get(line.kategori) if isinstance(line.kategori, str) else None
        if kategori and kategori.dikecualikan == rule.id:
            yield ctx.finding(rule, line, "kategori")
