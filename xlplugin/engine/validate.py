"""Run every rule of the pack over a Dokumen; apply recorded approvals."""

from __future__ import annotations

import logging
import re
from datetime import date

from ..domain.finding import Finding, Severity
from ..domain.records import Dokumen, Kegiatan
from ..domain.values import is_blank
from ..layout import load_layout
from ..layout.binding import canonical_codes
from ..layout.model import Layout
from ..rulepack import RulePack, load_pack
from ..rulepack.model import Persetujuan
from .context import Context
from .registry import load_checks

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
    findings = apply_approvals(run_scope(ctx, scope), ctx.kegiatan_by_kode, pack.persetujuan)
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


def apply_approvals(findings: list[Finding], kegiatan: dict[str, Kegiatan],
                    persetujuan: Persetujuan | None = None) -> list[Finding]:
    """An approval or statement recorded on an activity resolves its soft findings.

    A statement resolves the activity's PERLU_PENJELASAN findings. The KAK's approval
    letter resolves a PERLU_PERSETUJUAN finding only with its date, a reason, and a
    reason that names the finding's limit (RULES.md "Approvals and statements"); a
    letter that falls short leaves the finding open with a note that says why.
    """
    persetujuan = persetujuan or load_pack().persetujuan
    out = []
    for f in findings:
        k = kegiatan.get(f.kegiatan) if f.kegiatan else None
        if k is None:
            out.append(f)
        elif f.severity is Severity.PERLU_PENJELASAN:
            out.append(f.resolved(f"pernyataan {k.nomor_pernyataan}")
                       if not is_blank(k.nomor_pernyataan) else f)
        elif f.severity is Severity.PERLU_PERSETUJUAN:
            out.append(_by_letter(f, k, persetujuan))
        else:
            out.append(f)
    return out


def _by_letter(f: Finding, k: Kegiatan, persetujuan: Persetujuan) -> Finding:
    if is_blank(k.nomor_persetujuan) or not isinstance(k.tanggal_persetujuan, date):
        return f  # no letter recorded (or without its date): the finding stays as it is
    letter = {"nomor": k.nomor_persetujuan, "tanggal": f"{k.tanggal_persetujuan:%d-%m-%Y}"}
    words = persetujuan.sebutan.get(f.rule, ())
    if is_blank(k.alasan_persetujuan):
        return f.noted(persetujuan.tanpa_alasan.format(aturan=f.rule, **letter))
    if not names_limit(k.alasan_persetujuan, f.rule, words):
        sebutan = " / ".join(f"'{w}'" for w in words) or f"'{f.rule}'"
        return f.noted(persetujuan.tidak_menyebut.format(aturan=f.rule, sebutan=sebutan,
                                                          **letter))
    return f.resolved(f"surat {letter['nomor']} tanggal {letter['tanggal']}")


def names_limit(reason: str, rule: str, words: tuple[str, ...]) -> bool:
    """Whether an approval's reason names the limit: its rule ID or one of its words,
    as whole words and without regard to case ("Tambahan 12 JPL praktik" names JPL)."""
    for name in (rule, *words):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", reason, re.IGNORECASE):
            return True
    return False


def _unique(findings: list[Finding]) -> list[Finding]:
    """Two checks reading the same bad cell under one rule report it once."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.sheet, f.row, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
