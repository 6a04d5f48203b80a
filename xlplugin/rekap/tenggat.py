"""Report dates against their deadlines, read from the rule pack's `tenggat` rules.

The deadlines are not repeated here: every rule whose check is `tenggat` names the
Profil date it limits and the limit (`params.batas`), so a new pack year brings its
own dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..layout import load_layout
from ..rulepack.model import RulePack

TEPAT = "Tepat waktu"
BELUM = "Belum diisi"


@dataclass(frozen=True)
class Tenggat:
    key: str  # Profil field holding the date
    label: str  # the Profil label, as the user sees it
    batas: date
    rule: str


def deadline_fields(pack: RulePack) -> list[Tenggat]:
    form = load_layout().profil
    out = []
    for rule in pack.rules.values():
        if rule.check != "tenggat":
            continue
        for key, limit in rule.params.get("batas", {}).items():
            out.append(Tenggat(key, form.field(key).label, limit, rule.id))
    return out


def status(value: object, batas: date) -> str:
    """Tepat waktu / Terlambat N hari / Belum diisi / Tidak terbaca."""
    if value is None:
        return BELUM
    if not isinstance(value, date):
        return "Tanggal tidak terbaca"
    late = (value - batas).days
    return f"Terlambat {late} hari" if late > 0 else TEPAT
