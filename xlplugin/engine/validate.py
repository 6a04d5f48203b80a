"""Run every rule of the pack over a Dokumen; apply recorded approvals."""

from __future__ import annotations

import logging

from ..domain.finding import Finding, Severity
from ..domain.records import Dokumen, Kegiatan
from ..layout import load_layout
from ..layout.model import Layout
from ..rulepack import RulePack, load_pack
from .context import Context
from .registry import load_checks

log = logging.getLogger(__name__)


def validate(doc: Dokumen, pack: RulePack | None = None, layout: Layout | None = None,
             *, scope: str = "dokumen") -> list[Finding]:
    """All findings for `doc`, sorted by severity then place.

    Checks registered for another scope (the report checks) are skipped here.
    """
    pack = pack or load_pack()
    ctx = Context(doc, pack, layout or load_layout())
    checks = load_checks()
    findings: list[Finding] = []
    for rule in pack.rules.values():
        fn = checks.get(rule.check)
        if fn is None or getattr(fn, "scope", "dokumen") != scope:
            continue
        findings.extend(fn(ctx, rule))
    findings = apply_approvals(findings, ctx.kegiatan_by_kode)
    return sorted(_unique(findings), key=Finding.sort_key)


def apply_approvals(findings: list[Finding], kegiatan: dict[str, Kegiatan]) -> list[Finding]:
    """An approval or statement recorded on an activity resolves its soft findings."""
    out = []
    for f in findings:
        k = kegiatan.get(f.kegiatan) if f.kegiatan else None
        ref = _reference(k, f.severity) if k else None
        out.append(f.resolved(ref) if ref else f)
    return out


def _reference(k: Kegiatan, severity: Severity) -> str | None:
    if severity is Severity.PERLU_PERSETUJUAN and k.nomor_persetujuan and _is_date(
            k.tanggal_persetujuan):
        return f"surat {k.nomor_persetujuan} tanggal {k.tanggal_persetujuan:%d-%m-%Y}"
    if severity is Severity.PERLU_PENJELASAN and k.nomor_pernyataan:
        return f"pernyataan {k.nomor_pernyataan}"
    return None


def _is_date(value: object) -> bool:
    from datetime import date
    return isinstance(value, date)


def _unique(findings: list[Finding]) -> list[Finding]:
    """Two checks reading the same bad cell under one rule report it once."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.sheet, f.row, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
