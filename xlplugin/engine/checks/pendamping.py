"""PENDAMPING-*: tenaga pendamping of A.3 (Lampiran II.A.3 c, f, g)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...domain.values import is_blank
from ..helpers import is_number, out_of_range
from ..registry import check
from .narasumber import who
from .peserta import normal, rentang, unreadable, ya_tidak


def tenaga_pendamping(ctx, k, params: dict) -> list:
    """The Pendamping rows of activity `k` whose peran the rule names."""
    roles = {normal(r) for r in params["peran"]}
    rows = ctx.pendamping_by_kegiatan.get(k.kode_kegiatan, ())
    return [p for p in rows if normal(p.peran) in roles]


def _pendamping_of(ctx, params: dict) -> Iterator[tuple]:
    for k in ctx.kegiatan_of(*params["rincian"]):
        if isinstance(k.kode_kegiatan, str):
            for p in tenaga_pendamping(ctx, k, params):
                yield k, p


@check("pendamping_pengalaman")
def pendamping_pengalaman(ctx, rule):
    """Each column of `syarat` holds at least its minimum years."""
    for k, p in _pendamping_of(ctx, rule.params):
        for need in rule.params["syarat"]:
            years = getattr(p, need["kolom"])
            info = {"nama": who(p)["nama"], "sebagai": need["sebagai"], "min": need["min"],
                        "rincian": k.rincian}
            if not is_number(years):
                yield ctx.finding(rule, p, need["kolom"], variant="kosong",
                                  alasan=unreadable(years), **info)
            elif years < need["min"]:
                yield ctx.finding(rule, p, need["kolom"], **info)


@check("pendamping_ganda")
def pendamping_ganda(ctx, rule):
    for k, p in _pendamping_of(ctx, rule.params):
        if p.pendamping_lembaga_lain is True:
            yield ctx.finding(rule, p, "pendamping_lembaga_lain", nama=who(p)["nama"],
                              rincian=k.rincian)
        elif p.pendamping_lembaga_lain is not False:
            yield ctx.finding(rule, p, "pendamping_lembaga_lain", variant="kosong",
                              value=ya_tidak(p.pendamping_lembaga_lain), nama=who(p)["nama"])


# ---------------------------------------------------------------- IKM per pendamping


@check("pendamping_rasio")
def pendamping_rasio(ctx, rule):
    """3-5 IKM per pendamping, all in one sentra with one komoditi (II.A.3.c, f)."""
    for k in ctx.kegiatan_of(*rule.params["rincian"]):
        if not isinstance(k.kode_kegiatan, str):
            continue
        team = tenaga_pendamping(ctx, k, rule.params)
        peserta = ctx.peserta_by_kegiatan.get(k.kode_kegiatan, [])
        if not team:
            if peserta:
                yield ctx.finding(rule, k, "kode_kegiatan", variant="tanpa_pendamping",
                                  jumlah=len(peserta), rincian=k.rincian)
        elif any(not is_blank(s.pendamping) for s in peserta):
            yield from _by_assignment(ctx, rule, k, team, peserta)
        else:
            yield from _by_count(ctx, rule, k, team, peserta)


def _bounds(rule) -> tuple[int, int, str]:
    lo, hi = rule.params["min"], rule.params["max"]
    return lo, hi, rentang(lo, hi)


def _by_assignment(ctx, rule, k, team: list, peserta: list):
    """The Peserta sheet names each IKM's pendamping: count and place them per person."""
    lo, hi, text = _bounds(rule)
    by_name = {normal(p.nama): p for p in team if isinstance(p.nama, str)}
    assigned: dict[str, list] = defaultdict(list)
    for s in peserta:
        if is_blank(s.pendamping):
            continue
        if normal(s.pendamping) in by_name:
            assigned[normal(s.pendamping)].append(s)
        else:
            yield ctx.finding(rule, s, "pendamping", variant="tidak_dikenal",
                              nama=who(s)["nama"], kegiatan=k.kode_kegiatan)
    for key, p in by_name.items():
        ikm = assigned.get(key, [])
        if out_of_range(len(ikm), lo, hi):
            yield ctx.finding(rule, p, "nama", variant="penugasan", jumlah=len(ikm),
                              rentang=text, **who(p))
        yield from _one_place(ctx, rule, p, [s.kode_sentra for s in ikm])


def _by_count(ctx, rule, k, team: list, peserta: list):
    """Jumlah IKM Didampingi per person; the rest share the activity's IKM evenly."""
    lo, hi, text = _bounds(rule)
    unknown, known_total = [], 0
    for p in team:
        if is_number(p.jumlah_ikm):
            known_total += p.jumlah_ikm
            if out_of_range(p.jumlah_ikm, lo, hi):
                yield ctx.finding(rule, p, "jumlah_ikm", rentang=text, **who(p))
        else:
            unknown.append(p)
        yield from _one_place(ctx, rule, p, [])
    total = len(peserta) or (k.target_ikm if is_number(k.target_ikm) else 0)
    rest = total - known_total
    if unknown and total and not lo * len(unknown) <= rest <= hi * len(unknown):
        yield ctx.finding(rule, k, "kode_kegiatan", variant="rata", jumlah=rest,
                          pendamping=len(unknown), rentang=text)


def _one_place(ctx, rule, p, sentra_codes: list):
    """The IKM of pendamping `p` (and the sentra/komoditi recorded on `p`) are one."""
    codes = {c for c in [p.kode_sentra, *sentra_codes] if isinstance(c, str) and c}
    if len(codes) > 1:
        yield ctx.finding(rule, p, "kode_sentra", variant="sentra", daftar=sorted(codes),
                          **who(p))
    komoditi = {}
    for c in codes:
        s = ctx.sentra_by_kode.get(c)
        if s is not None and isinstance(s.komoditi, str) and s.komoditi.strip():
            komoditi.setdefault(normal(s.komoditi), s.komoditi)
    if isinstance(p.komoditi, str) and p.komoditi.strip():
        komoditi.setdefault(normal(p.komoditi), p.komoditi)
    if len(komoditi) > 1:
        yield ctx.finding(rule, p, "komoditi", variant="komoditi",
                          daftar=sorted(komoditi.values()), **who(p))
