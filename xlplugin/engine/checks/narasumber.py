"""NARSUM-*: requirements of point g for narasumber, instruktur and tenaga pendamping.

Rows of the Narasumber sheet and the Pendamping rows whose peran point g of the
rincian names (the pack's `[personil]` table) are held to the same requirements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...domain.records import Narasumber
from ...domain.values import is_blank
from ..helpers import is_number
from ..registry import check
from .peserta import normal, unreadable, ya_tidak


def personil(ctx) -> dict:
    return ctx.pack.raw.get("personil", {})


def _covered_roles(ctx, rincian: str) -> set[str]:
    table = personil(ctx)
    roles = table.get("peran_pendamping_rincian", {}).get(rincian)
    return {normal(r) for r in (roles if roles is not None else table.get("peran_pendamping", []))}


def people(ctx, rincian: Iterable[str]) -> Iterator[tuple]:
    """(kegiatan, person) for every person point g of `rincian` holds to its rules."""
    wanted = set(rincian)
    for k in ctx.doc.kegiatan:
        if k.rincian not in wanted or not isinstance(k.kode_kegiatan, str):
            continue
        for n in ctx.narasumber_by_kegiatan.get(k.kode_kegiatan, ()):
            yield k, n
        roles = _covered_roles(ctx, k.rincian)
        for p in ctx.pendamping_by_kegiatan.get(k.kode_kegiatan, ()):
            if normal(p.peran) in roles:
                yield k, p


def who(person) -> dict:
    """Message parameters naming a person: peran and nama."""
    default = "Narasumber" if isinstance(person, Narasumber) else "Pendamping"
    peran = person.peran if isinstance(person.peran, str) else default
    nama = person.nama if isinstance(person.nama, str) else f"baris {person.row}"
    return {"peran": peran, "nama": nama}


# ---------------------------------------------------------------- education


def _key(text: str) -> str:
    return re.sub(r"[\s.\-/()]", "", text.casefold())


def education_ranks(ctx) -> dict[str, int]:
    """Spelling (normalised) -> rank, lowest level 0, from the pack's `[personil]`."""
    table = personil(ctx)
    ranks = {_key(name): i for i, name in enumerate(table["pendidikan_urutan"])}
    for alias, name in table.get("pendidikan_sebutan", {}).items():
        ranks[_key(alias)] = ranks[_key(name)]
    return ranks


def _exempt(k, person, params: dict) -> bool:
    """A business owner proven by NIB, where the rincian exempts pelaku usaha."""
    return (k.rincian in params.get("pengecualian_pelaku_usaha", ())
            and person.pelaku_usaha is True and not is_blank(person.nib))


@check("narsum_pendidikan")
def narsum_pendidikan(ctx, rule):
    ranks = education_ranks(ctx)
    minimum = ranks[_key(rule.params["minimal"])]
    for k, person in people(ctx, rule.params["rincian"]):
        if _exempt(k, person, rule.params):
            continue
        info = dict(who(person), rincian=k.rincian)
        level = person.pendidikan
        if is_blank(level):
            yield ctx.finding(rule, person, "pendidikan", variant="kosong", **info)
        elif not isinstance(level, str) or _key(level) not in ranks:
            yield ctx.finding(rule, person, "pendidikan", variant="tidak_dikenal", **info)
        elif ranks[_key(level)] < minimum:
            owner = (k.rincian in rule.params.get("pengecualian_pelaku_usaha", ())
                     and person.pelaku_usaha is True)
            yield ctx.finding(rule, person, "pendidikan",
                              variant="tanpa_nib" if owner else None, **info)


# ---------------------------------------------------------------- experience, proof


@check("narsum_pengalaman")
def narsum_pengalaman(ctx, rule):
    minimum = rule.params["min"]
    columns = rule.params.get("kolom_pendamping", {})
    for k, person in people(ctx, rule.params["rincian"]):
        field = "pengalaman_tahun"
        if not isinstance(person, Narasumber):
            field = columns.get(k.rincian, field)
        years = getattr(person, field)
        info = dict(who(person), rincian=k.rincian)
        if not is_number(years):
            yield ctx.finding(rule, person, field, variant="kosong",
                              alasan=unreadable(years), **info)
        elif years < minimum:
            yield ctx.finding(rule, person, field, **info)


@check("narsum_bukti")
def narsum_bukti(ctx, rule):
    for k, person in people(ctx, rule.params["rincian"]):
        if is_blank(person.bukti_kompetensi):
            yield ctx.finding(rule, person, "bukti_kompetensi", rincian=k.rincian, **who(person))


@check("narsum_keahlian")
def narsum_keahlian(ctx, rule):
    words = {r: [normal(w) for w in ws] for r, ws in rule.params["kata"].items()}
    for k, person in people(ctx, rule.params["rincian"]):
        wanted = words.get(k.rincian, [])
        text = normal(person.keahlian)
        if wanted and not any(w in text for w in wanted):
            yield ctx.finding(rule, person, "keahlian", rincian=k.rincian,
                              kata=" / ".join(rule.params["kata"][k.rincian]), **who(person))


@check("narsum_sehat")
def narsum_sehat(ctx, rule):
    """Tidak breaks the requirement; empty or unreadable is not yet stated (`kosong`)."""
    for k, person in people(ctx, rule.params["rincian"]):
        if person.sehat is not True:
            yield ctx.finding(rule, person, "sehat", value=ya_tidak(person.sehat),
                              variant=None if person.sehat is False else "kosong",
                              rincian=k.rincian, **who(person))
