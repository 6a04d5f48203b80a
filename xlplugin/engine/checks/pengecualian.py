"""EXC-*: costs the juknis excludes (Lampiran II closing, angka 1-4).

By kategori (the line says what it is), by the Narasumber sheet (an opening address
paid as honorarium), and by wording (EXC-KATA: the uraian reads like an excluded cost).
"""

from __future__ import annotations

import re
from functools import cache

from ..registry import check

_TOKEN = re.compile(r"\w+")


@check("kategori_dikecualikan")
def kategori_dikecualikan(ctx, rule):
    for line in ctx.rab_by_excluding_rule.get(rule.id, ()):
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
    kata = tuple((rid, tuple(words)) for rid, words in rule.params["kata"].items())
    patterns, parts = _patterns(kata), _word_parts(kata)
    for line in ctx.doc.rab:
        if not isinstance(line.uraian, str) or not _may_match(line.uraian, parts):
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
    return [(rid, word, re.compile(_whole_word(word), re.IGNORECASE))
            for rid, words in kata for word in words]


@cache
def _word_parts(kata: tuple) -> dict[str, list[tuple[str, ...]]] | None:
    """Every word's lower-case parts, keyed by its first part, for the token pre-check.

    None (no pre-check) unless every part is a run of ASCII word characters.
    """
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for _, ws in kata:
        for word in ws:
            parts = tuple(word.lower().split())
            if not all(part.isascii() and _TOKEN.fullmatch(part) for part in parts):
                return None
            by_first.setdefault(parts[0], []).append(parts)
    return by_first


def _may_match(text: str, by_first: dict | None) -> bool:
    """False only where no pattern can match, so most lines skip ~40 regex searches.

    In ASCII text a whole-word, case-insensitive match of an ASCII word needs each
    of its parts as a whole token of the lower-cased text; other text goes the full way.
    """
    if by_first is None or not text.isascii():
        return True
    tokens = set(_TOKEN.findall(text.lower()))
    return any(tokens.issuperset(parts)
               for first in tokens.intersection(by_first) for parts in by_first[first])


def _whole_word(word: str) -> str:
    body = r"\s+".join(re.escape(part) for part in word.split())
    return rf"(?<!\w){body}(?!\w)"
