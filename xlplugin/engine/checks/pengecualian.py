"""EXC-*: costs the juknis excludes (Lampiran II closing, angka 1-4).

By kategori (the line says what it is), by the Narasumber sheet (an opening address
paid as honorarium), and by wording (EXC-KATA: the uraian reads like an excluded cost).
"""

from __future__ import annotations

import re
from functools import cache

from ..registry import check


@check("kategori_dikecualikan")
def kategori_dikecualikan(ctx, rule):
    for line in ctx.doc.rab:
        kategori = ctx.pack.kategori.get(line.kategori) if isinstance(line.kategori, str) else None
        if kategori and kategori.dikecualikan == rule.id:
            yield ctx.finding(rule, line, "kategori")


@check("honor_pembukaan")
def honor_pembukaan(ctx, rule):
    """EXC-HONOR-PEMBUKAAN: by kategori, and a dinas official's paid opening address."""
    yield from kategori_dikecualikan(ctx, rule)
    for n in ctx.doc.narasumber:
        if n.dari_dinas_penyelenggara is True and n.pembukaan_penutupan is True \
                and n.dibayar_honor is True:
            yield ctx.finding(rule, n, "dibayar_honor", variant="narasumber",
                              nama=n.nama or f"baris {n.row}", nilai="Ya")


@check("kata_dikecualikan")
def kata_dikecualikan(ctx, rule):
    patterns = _patterns(tuple((rid, tuple(words)) for rid, words in rule.params["kata"].items()))
    for line in ctx.doc.rab:
        if not isinstance(line.uraian, str):
            continue
        kategori = ctx.pack.kategori.get(line.kategori) if isinstance(line.kategori, str) else None
        for rid, word, pattern in patterns:
            if kategori and kategori.dikecualikan == rid:
                continue  # the excluded kategori fires rule `rid` itself
            if pattern.search(line.uraian):
                target = ctx.pack.rules.get(rid)
                yield ctx.finding(rule, line, "uraian", kata=word, aturan_kata=rid,
                                  judul_kata=target.title if target else rid,
                                  kategori=line.kategori if line.kategori else "(kosong)")
                break  # one warning per line is enough to make the user look


@cache
def _patterns(kata: tuple) -> list[tuple[str, str, re.Pattern]]:
    """Whole-word, case-insensitive patterns; any run of spaces matches a space."""
    out = []
    for rid, words in kata:
        for word in words:
            body = r"\s+".join(re.escape(part) for part in word.split())
            out.append((rid, word, re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)))
    return out
