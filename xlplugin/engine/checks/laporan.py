"""LAPORAN-*: a report's chapters, lampiran and recipients (Lampiran IV).

These checks read a `LaporanOutline`, not the workbook: they are registered with
scope "laporan" so `validate` skips them, and `check_laporan` runs them.
"""

from __future__ import annotations

import re

from ...domain.finding import Finding
from ...domain.laporan import JENIS, LaporanOutline, format_of, label
from ...domain.values import shown
from ...rulepack import RulePack, load_pack
from ..context import _Params, _readable
from ..registry import check, load_checks

SHEET = "Laporan"
NUMBERED = re.compile(r"^\s*(?:bab|lampiran)?\s*(?:[ivx]+|\d+)\s*[.):-]?\s+", re.IGNORECASE)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class LaporanContext:
    """What a report check sees: the outline, the pack and a finding factory."""

    def __init__(self, outline: LaporanOutline, pack: RulePack):
        self.outline, self.pack = outline, pack

    def finding(self, rule, *, variant: str | None = None, value: object = None,
                **params) -> Finding:
        chosen = rule.variant(variant)
        params.setdefault("nilai", shown(value))
        params.setdefault("laporan", label(self.outline.jenis))
        params.update({k: v for k, v in rule.params.items() if k not in params})
        return Finding(
            rule=rule.id, severity=chosen.severity, sheet=SHEET, row=None, cell=None,
            message=chosen.message.format_map(_Params(_readable(params))),
            clause=rule.clause, value=None if value is None else shown(value),
        )


def check_laporan(outline: LaporanOutline, pack: RulePack | None = None) -> list[Finding]:
    """Findings of the LAPORAN-* rules for `outline` (sheet "Laporan", no row)."""
    pack = pack or load_pack()
    ctx = LaporanContext(outline, pack)
    checks = load_checks()
    findings: list[Finding] = []
    for rule in pack.rules.values():
        fn = checks.get(rule.check)
        if fn is not None and getattr(fn, "scope", "dokumen") == "laporan":
            findings.extend(fn(ctx, rule))
    return findings


def title_key(title: str) -> str:
    """A title without its number ("III.", "Lampiran 2.", "Bab IV"), case, spaces, marks."""
    bare = NUMBERED.sub("", title)
    return re.sub(r"[\W_]+", "", bare.casefold())


# ---------------------------------------------------------------- LAPORAN-FORMAT


@check("laporan_format")
def laporan_format(ctx, rule):
    outline = ctx.outline
    if outline.jenis not in JENIS:
        yield ctx.finding(rule, variant="jenis", value=outline.jenis)
        return
    yield from _compare(ctx, rule, "Bab", rule.params["bab"], outline.bab, ROMAN)
    numbers = tuple(str(i) for i in range(1, 100))
    yield from _compare(ctx, rule, "Lampiran", rule.params["lampiran"], outline.lampiran,
                        numbers)


def _compare(ctx, rule, bagian: str, expected: list[str], got: tuple[str, ...],
             numbers: tuple[str, ...]):
    """Missing, extra (or repeated) and misordered titles, each named once."""
    want = [title_key(t) for t in expected]
    have = [title_key(t) for t in got]
    daftar = [f"{numbers[i]}. {t}" for i, t in enumerate(expected)]
    for i, key in enumerate(want):
        if key not in have:
            yield ctx.finding(rule, bagian=bagian, nomor=numbers[i], judul=expected[i])
    seen: set[str] = set()
    for title, key in zip(got, have):
        if key not in want or key in seen:
            yield ctx.finding(rule, variant="lebih", value=title, bagian=bagian, daftar=daftar)
        seen.add(key)
    present = [k for k in dict.fromkeys(have) if k in want]
    if present != [k for k in want if k in present]:
        yield ctx.finding(rule, variant="urutan", bagian=bagian, daftar=daftar)


laporan_format.scope = "laporan"


# ---------------------------------------------------------------- LAPORAN-TUJUAN


def _norm(text: str) -> str:
    text = re.sub(r"\bc\s*\.?\s*q\b\.?", "cq", text.casefold())
    return " ".join(re.sub(r"[^\w/]+", " ", text).split())


def _addressed(entry: dict, names: tuple[str, ...]) -> bool:
    starts = [_norm(s) for s in entry.get("cocok", [entry["nama"]])]
    return any(_norm(n).startswith(s) for n in names for s in starts)


@check("laporan_tujuan")
def laporan_tujuan(ctx, rule):
    kind = format_of(ctx.outline.jenis)
    if kind is None:
        return  # LAPORAN-FORMAT reports an unknown jenis
    for part, variant in (("kepada", None), ("tembusan", "tembusan")):
        names = getattr(ctx.outline, part)
        for entry in rule.params[part].get(kind, []):
            if not _addressed(entry, names):
                yield ctx.finding(rule, variant=variant, penerima=entry["nama"])


laporan_tujuan.scope = "laporan"
