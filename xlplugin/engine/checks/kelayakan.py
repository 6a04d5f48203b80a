"""ELIG-* and SENTRA-MIN5: who may receive the DAK Nonfisik (Pasal 1, Pasal 3)."""

from __future__ import annotations

from ..helpers import is_number
from ..registry import check
from .tenggat import tampil


@check("profil_ya")
def profil_ya(ctx, rule):
    """A Pasal 3 condition recorded on the Profil sheet must read Ya."""
    profil, key = ctx.doc.profil, rule.params["field"]
    value = getattr(profil, key)
    label = ctx.layout.profil.field(key).label
    if value is False:
        yield ctx.finding(rule, profil, key, nilai="Tidak", label=label)
    elif value is not True:  # empty or not Ya/Tidak
        yield ctx.finding(rule, profil, key, variant="kosong", label=label,
                          nilai=tampil(value))


@check("sentra_min_unit")
def sentra_min_unit(ctx, rule):
    least = rule.params["min"]
    for s in ctx.doc.sentra:
        nama = s.nama_sentra or s.kode_sentra or "(tanpa nama)"
        if not is_number(s.jumlah_unit_usaha):
            yield ctx.finding(rule, s, "jumlah_unit_usaha", variant="kosong", nama=nama,
                              nilai=tampil(s.jumlah_unit_usaha))
        elif s.jumlah_unit_usaha < least:
            yield ctx.finding(rule, s, "jumlah_unit_usaha", nama=nama)
