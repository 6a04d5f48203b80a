"""Personal data shown to people: a NIK is never printed in full.

Findings, the Temuan sheet, reports and exports all pass a NIK through `mask_nik`
so a shared workbook or PDF does not leak identity numbers.
"""

from __future__ import annotations

from .values import Invalid

MASK = "*"


def mask_nik(nik: object) -> str:
    """3201********0001: at most 4 characters kept at each end, never more than half.

    Accepts what a record holds: a string, an `Invalid` (its raw input is masked),
    a number, or None ("(kosong)").
    """
    raw = nik.raw if isinstance(nik, Invalid) else nik
    if raw is None:
        return "(kosong)"
    text = str(raw).strip().replace(" ", "")
    keep = min(4, len(text) // 4)
    if keep == 0:
        return MASK * len(text)
    return text[:keep] + MASK * (len(text) - 2 * keep) + text[-keep:]
