"""CAPAIAN-KELUARAN: how capaian keluaran is computed (a computation, not a check).

Registered under the rule's check name so `xlplugin rules` shows the rule as
implemented; scope "perhitungan" keeps `validate` from running it. `compute_totals`
calls the same computation.
"""

from __future__ import annotations

from ..registry import check
from ..totals import Capaian, capaian_per_kegiatan


@check("capaian_keluaran")
def capaian_keluaran(ctx, rule) -> dict[str, Capaian]:
    """kode_kegiatan -> Capaian (target vs keluaran; tuntas peserta in the rule's rincian)."""
    return capaian_per_kegiatan(ctx.doc, ctx.pack)


capaian_keluaran.scope = "perhitungan"
