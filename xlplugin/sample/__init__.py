"""The shipped sample: Kabupaten Sukamaju (fictional), TA 2023, Semester I.

`sample_dokumen()` is the same Dokumen on every run (one seed, no clock). It is
compliant with RULES.md except the deliberate breaches in `EXPECTED_BREACHES`.
"""

from __future__ import annotations

from .breaches import EXPECTED_BREACHES, Expected
from .build import sample_dokumen

__all__ = ["EXPECTED_BREACHES", "Expected", "sample_dokumen"]
