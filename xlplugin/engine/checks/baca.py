"""BACA-SHEET, BACA-KOLOM, BACA-VERSI: the workbook as the template has it (RULES.md 7).

Scope "baca": they run over what the reader met (`ctx.bacaan`, see `engine.baca`),
not over the Dokumen, so `validate` skips them and `engine.baca.read_findings` runs them.
"""

from __future__ import annotations

import re

from ..baca import UNREAD, finding_of, problem_kind
from ..registry import check


def _problems_of(ctx, rule):
    for problem in ctx.bacaan.problems:
        name, variant = problem_kind(problem, ctx.layout)
        if name == rule.check:
            yield finding_of(ctx, rule, problem, variant)


@check("baca_sheet")
def baca_sheet(ctx, rule):
    """A template sheet missing, read under another spelling, or input below its table."""
    yield from _problems_of(ctx, rule)


@check("baca_kolom")
def baca_kolom(ctx, rule):
    """A column (or the header row, or a Profil label) not found, or found elsewhere."""
    yield from _problems_of(ctx, rule)


@check("baca_versi")
def baca_versi(ctx, rule):
    """The template version the workbook states against this layout's.

    The layout is the only one this product has: a workbook of another version is read
    through it, and the message suggests moving the data to the current template.
    """
    stated = ctx.bacaan.versi
    if stated is UNREAD or stated == ctx.layout.version:
        return
    sheet = _sheet(ctx)
    current = ctx.layout.version
    if stated is None:
        yield ctx.finding_at(rule, (sheet, None, None), variant="tidak_tercatat",
                             versi_sekarang=current)
    else:
        newer = _numbers(stated) > _numbers(current)
        yield ctx.finding_at(rule, (sheet, None, None), variant="lebih_baru" if newer else None,
                             value=stated, versi_sekarang=current)


def _sheet(ctx) -> str:
    """Where the version is shown to the user: the Petunjuk sheet (else Profil)."""
    petunjuk = ctx.layout.outputs.get("Petunjuk")
    return petunjuk.sheet if petunjuk else ctx.layout.profil.sheet


def _numbers(version: str) -> tuple[int, ...]:
    """"2023.1" -> (2023, 1); a version without numbers sorts first (read as older)."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


baca_sheet.scope = baca_kolom.scope = baca_versi.scope = "baca"
