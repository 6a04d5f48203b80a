"""Approvals and statements: what a recorded letter turns an open finding into.

RULES.md "Approvals and statements". The Persetujuan sheet holds one row per limit of
one activity: a row resolves the PERLU_PERSETUJUAN findings of its rule on its activity
(DISETUJUI) when it has its number, a date and a reason, and the PERLU_PENJELASAN ones
(DIJELASKAN) with its number; it resolves nothing else. A row that falls short leaves
the finding open with a note saying what is missing.

Workbooks of older templates carry one approval slot per activity on the KAK (nomor,
tanggal, alasan) and one statement slot. Where no row of the Persetujuan sheet covers a
finding, the approval slot still counts for it when its reason names the limit (its rule
ID or a word of the pack's `sebutan`); otherwise the finding stays open with a note, and
a `slot_lama` finding (PERINGATAN) on the slot asks the user to move the letter to the
Persetujuan sheet. The statement slot still explains the activity's minimum.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from ..domain.finding import Finding, Severity
from ..domain.kode import code_key
from ..domain.records import Kegiatan
from ..domain.records import Persetujuan as Catatan
from ..domain.values import is_blank
from ..rulepack.model import LABEL_SEPARATOR, RulePack
from .context import Context


def apply_approvals(findings: list[Finding], ctx: Context) -> list[Finding]:
    """`findings` with the recorded approvals and statements applied, plus one `slot_lama`
    finding per limit the KAK's single slot was meant for but does not cover."""
    rows = rows_by_limit(ctx.doc.persetujuan, ctx.pack)
    out: list[Finding] = []
    for f in findings:
        k = ctx.kegiatan_by_kode.get(f.kegiatan) if f.kegiatan else None
        if k is None or f.severity not in (Severity.PERLU_PERSETUJUAN,
                                           Severity.PERLU_PENJELASAN):
            out.append(f)
        elif (f.kegiatan, f.rule) in rows:
            out.append(_by_rows(f, rows[(f.kegiatan, f.rule)], ctx.pack))
        elif f.severity is Severity.PERLU_PENJELASAN:
            out.append(f.resolved(f"pernyataan {k.nomor_pernyataan}")
                       if not is_blank(k.nomor_pernyataan) else f)
        else:
            out.extend(_by_slot(f, k, ctx))
    return out


def rows_by_limit(records: list[Catatan], pack: RulePack) -> dict[tuple[str, str], list]:
    """(kode kegiatan, rule ID) -> the rows of the Persetujuan sheet recorded for it."""
    out: dict[tuple[str, str], list[Catatan]] = defaultdict(list)
    for r in records:
        rule = aturan_id(r.aturan, pack)
        if rule is not None and isinstance(r.kode_kegiatan, str):
            out[(r.kode_kegiatan, rule)].append(r)
    return out


def aturan_id(value: object, pack: RulePack) -> str | None:
    """The rule ID a Persetujuan row names: the dropdown's "JPL-A1 — ..." or what a user
    types for it ("jpl-a1", the rule's title); None when it names no rule of the pack."""
    if not isinstance(value, str) or not value.strip():
        return None
    head = value.split(LABEL_SEPARATOR.strip())[0].split(":")[0].strip().upper()
    head = head.split()[0] if head else head
    if head in pack.rules:
        return head
    key = code_key(value)
    for rid, rule in pack.rules.items():
        if code_key(rule.title) == key:
            return rid
    return None


def _by_rows(f: Finding, rows: list[Catatan], pack: RulePack) -> Finding:
    """The finding resolved by the first complete row, else noted with the first row's
    shortfall."""
    notes = [_shortfall(f, r, pack) for r in rows]
    for r, note in zip(rows, notes):
        if note is None:
            if f.severity is Severity.PERLU_PENJELASAN:
                return f.resolved(f"pernyataan {r.nomor_surat}")
            return f.resolved(f"surat {r.nomor_surat} tanggal {r.tanggal_surat:%d-%m-%Y}")
    return f.noted(notes[0])


def _shortfall(f: Finding, r: Catatan, pack: RulePack) -> str | None:
    """What the row lacks to resolve `f` (the note to show), None when nothing."""
    catatan = pack.persetujuan.catatan
    place = {"baris": r.row, "aturan": f.rule, "nomor": r.nomor_surat}
    if is_blank(r.nomor_surat):
        return catatan["tanpa_nomor"].format(**place)
    if f.severity is Severity.PERLU_PENJELASAN:
        return None
    if not isinstance(r.tanggal_surat, date):
        return catatan["tanpa_tanggal"].format(**place)
    if is_blank(r.alasan):
        return catatan["tanpa_alasan"].format(tanggal=f"{r.tanggal_surat:%d-%m-%Y}", **place)
    return None


def _by_slot(f: Finding, k: Kegiatan, ctx: Context) -> list[Finding]:
    """A PERLU_PERSETUJUAN finding against the KAK's single approval slot (older
    templates): resolved when the slot covers it, else noted plus the `slot_lama` finding
    (none when the slot is empty)."""
    if is_blank(k.nomor_persetujuan):
        return [f]
    persetujuan = ctx.pack.persetujuan
    catatan = persetujuan.catatan
    dated = isinstance(k.tanggal_persetujuan, date)
    letter = {"nomor": k.nomor_persetujuan, "aturan": f.rule,
              "tanggal": f"{k.tanggal_persetujuan:%d-%m-%Y}" if dated else ""}
    words = persetujuan.sebutan.get(f.rule, ())
    if not dated:
        note = catatan["lama_tanpa_tanggal"].format(**letter)
    elif is_blank(k.alasan_persetujuan):
        note = catatan["lama_tanpa_alasan"].format(**letter)
    elif names_limit(k.alasan_persetujuan, f.rule, words):
        return [f.resolved(f"surat {letter['nomor']} tanggal {letter['tanggal']}")]
    else:
        sebutan = " / ".join(f"'{w}'" for w in words) or f"'{f.rule}'"
        note = catatan["lama_tidak_menyebut"].format(sebutan=sebutan, **letter)
    return [f.noted(note), *_move_slot(f, k, ctx, letter)]


def _move_slot(f: Finding, k: Kegiatan, ctx: Context, letter: dict) -> list[Finding]:
    slot = ctx.pack.persetujuan.slot_lama
    if slot is None:
        return []
    sheet, row, cell = ctx.locate(k, "nomor_persetujuan")
    return [Finding(
        rule=f.rule, severity=slot.severity, sheet=sheet, row=row, cell=cell,
        message=slot.message.format(kegiatan=k.kode_kegiatan, **letter), clause=f.clause,
        value=k.nomor_persetujuan, kegiatan=f.kegiatan,
    )]


def names_limit(reason: str, rule: str, words: tuple[str, ...]) -> bool:
    """Whether an approval's reason names the limit: its rule ID or one of its words,
    as whole words and without regard to case ("Tambahan 12 JPL praktik" names JPL)."""
    for name in (rule, *words):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", reason, re.IGNORECASE):
            return True
    return False
