"""Why a report is not final yet (DRAF): the dinas's required words still missing, open
PELANGGARAN findings, photos that could not be put in. No reason: a final report.

The kinds' required parts and every wording are the rule pack's (`[laporan]`).
"""

from __future__ import annotations

from ..domain.finding import Finding, Severity
from ..layout import load_layout
from ..rulepack.model import RulePack
from .dokumentasi import SHEET as SHEET_DOKUMENTASI
from .dokumentasi import Foto
from .narasi import NarasiLaporan

SHEET_NARASI = "Narasi"


def alasan_draf(jenis: str, narasi: NarasiLaporan, findings: list[Finding],
                foto: list[Foto], foto_kurang: bool, pack: RulePack) -> tuple[str, ...]:
    """`foto_kurang`: III.c must show photos (activities carried out, pack requires it)
    and has none that could be put in."""
    pesan = pack.laporan.pesan
    reasons = [pesan["narasi_kosong"].format(bagian=b, sheet=_sheet("Narasi", SHEET_NARASI))
               for b in pack.laporan.wajib(jenis) if narasi.kosong(b)]
    open_ = sum(1 for f in findings if f.is_open and f.severity is Severity.PELANGGARAN)
    if open_:
        reasons.append(pesan["pelanggaran"].format(jumlah=open_, sheet=_temuan()))
    if foto_kurang:
        reasons.append(pesan["dokumentasi_kosong"].format(
            sheet=_sheet("Dokumentasi", SHEET_DOKUMENTASI)))
    reasons += [pesan["foto_gagal"].format(catatan=f.catatan) for f in foto if f.catatan]
    return tuple(reasons)


def _sheet(table: str, default: str) -> str:
    found = load_layout().tables.get(table)
    return found.sheet if found else default


def _temuan() -> str:
    out = load_layout().outputs.get("Temuan")
    return out.sheet if out else "Temuan"
