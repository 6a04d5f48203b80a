"""Duration limits of Lampiran II point d: JPL ranges and month counts."""

from __future__ import annotations

from ..helpers import activity_months, bad, is_number, matches_rincian, out_of_range
from ..registry import check


@check("jpl_range")
def jpl_range(ctx, rule):
    lo, hi = rule.params.get("min"), rule.params.get("max")
    for k in ctx.doc.kegiatan:
        if not matches_rincian(k, rule.params):
            continue
        if bad(k.jpl) or k.jpl is None:
            yield ctx.finding(rule, k, "jpl", variant="kosong")
        elif is_number(k.jpl) and (side := out_of_range(k.jpl, lo, hi)):
            yield ctx.finding(rule, k, "jpl", variant=side if side in rule.variants else None)
