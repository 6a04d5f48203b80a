"""Run every rule of the pack over a Dokumen; apply recorded approvals (`persetujuan`)."""

from __future__ import annotations

import logging

from ..domain.finding import Finding
from ..domain.records import Dokumen
from ..layout import load_layout
from ..layout.binding import canonical_codes
from ..layout.model import Layout
from ..rulepack import RulePack, load_pack
from .context import Context
from .persetujuan import apply_approvals, names_limit
from .registry import load_checks

__all__ = ["names_limit", "run_scope", "validate"]

log = logging.getLogger(__name__)


def validate(doc: Dokumen, pack: RulePack | None = None, layout: Layout | None = None,
             *, scope: str = "dokumen") -> list[Finding]:
    """All findings for `doc`, sorted by severity then place.

    Checks registered for another scope (the report checks, the read checks) are
    skipped here. Codes are spelled as their lists spell them first (in place; a
    Dokumen from a reader already is), so "a.1" is checked as rincian A.1.
    """
    pack = pack or load_pack()
    layout = layout or load_layout()
    canonical_codes(doc, layout, pack.lists())
    ctx = Context(doc, pack, layout)
    findings = apply_approvals(run_scope(ctx, scope), ctx)
    return sorted(_unique(findings), key=Finding.sort_key)


def run_scope(ctx: Context, scope: str) -> list[Finding]:
    """The findings of every rule of the pack whose check belongs to `scope`."""
    checks = load_checks()
    findings: list[Finding] = []
    for rule in ctx.pack.rules.values():
        fn = checks.get(rule.check)
        if fn is None or getattr(fn, "scope", "dokumen") != scope:
            continue
        findings.extend(fn(ctx, rule))
    return findings


def _unique(findings: list[Finding]) -> list[Finding]:
    """Two checks reading the same bad cell under one rule report it once."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.sheet, f.row, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
