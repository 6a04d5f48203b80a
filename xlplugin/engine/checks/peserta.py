"""PESERTA-*: who may take part in an activity (Lampiran II, point f of each rincian).

Every check makes one pass over the Peserta rows it concerns, through the
Context's dict indexes, so a 3,000-row list stays cheap. A NIK is never shown in
full: findings at a NIK cell carry `mask_nik(...)` as their value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from ...domain.calendar import age_on, tanggal
from ...domain.kode import code_key
from ...domain.privacy import mask_nik
from ...domain.values import Invalid, is_blank
from ..helpers import is_date, is_number, out_of_range, varian_of
from ..registry import check

NIK_DIGITS = re.compile(r"[0-9]+")


def normal(text: object, aliases: dict[str, str] | None = None) -> str:
    """A name compared as codes are (`code_key`); `aliases` rewrite whole words."""
    key = code_key(text)
    if aliases:
        key = " ".join(aliases.get(w, w) for w in key.split())
    return key


def memo_normal(aliases: dict[str, str] | None = None):
    """`normal` with the given aliases, remembered per text: lists repeat a few values."""
    seen: dict[object, str] = {}

    def get(text: object) -> str:
        try:
            return seen[text]
        except KeyError:
            seen[text] = out = normal(text, aliases)
            return out
        except TypeError:  # an unhashable value is never a name
            return normal(text, aliases)
    return get


def peserta_of(ctx, rincian: Iterable[str]) -> Iterator[tuple]:
    """(kegiatan, peserta) for every participant of an activity of `rincian`."""
    wanted = set(rincian)
    for k in ctx.doc.kegiatan:
        if k.rincian in wanted and isinstance(k.kode_kegiatan, str):
            for p in ctx.peserta_by_kegiatan.get(k.kode_kegiatan, ()):
                yield k, p


def rentang(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    return f"paling sedikit {lo}" if lo is not None else f"paling banyak {hi}"


def unreadable(value: object) -> str:
    """Why a needed value cannot be used, for a message: belum diisi / 'x' bukan angka."""
    if isinstance(value, Invalid):
        return f"'{value.raw}' {value.reason}"
    return "belum diisi" if is_blank(value) else f"'{value}' tidak sah"


def ya_tidak(value: object) -> str:
    """A Ya/Tidak cell as the user sees it: Ya, Tidak, kosong or what was typed."""
    if isinstance(value, Invalid):
        return f"'{value.raw}'"
    return {True: "Ya", False: "Tidak"}.get(value, "kosong")


def _nama(p) -> str:
    return p.nama if isinstance(p.nama, str) else f"baris {p.row}"


# ---------------------------------------------------------------- counts


def _limit_for(ctx, k, batas: list[dict]) -> dict | None:
    """The `batas` entry of the activity's rincian and variant (the entry for "-" while
    the variant is not said)."""
    varian = code_key(varian_of(k, ctx.pack))
    for entry in batas:
        if entry["rincian"] != k.rincian:
            continue
        if "varian" not in entry or code_key(entry["varian"]) == varian:
            return entry
    return None


def _variant(rule, base: str | None, side: str) -> str | None:
    for name in (f"{base}_{side}" if base else side, base):
        if name and name in rule.variants:
            return name
    return None


@check("jumlah_peserta")
def jumlah_peserta(ctx, rule):
    """The KAK target and the Peserta list of an activity lie within its limit."""
    for k in ctx.doc.kegiatan:
        limit = _limit_for(ctx, k, rule.params.get("batas", []))
        if limit is None:
            continue
        lo, hi = limit.get("min"), limit.get("max")
        info = {"rincian": k.rincian, "rentang": rentang(lo, hi), "min": lo, "max": hi}
        if not is_number(k.target_peserta):
            yield ctx.finding(rule, k, "target_peserta", variant="kosong",
                              alasan=unreadable(k.target_peserta), **info)
        elif side := out_of_range(k.target_peserta, lo, hi):
            yield ctx.finding(rule, k, "target_peserta", variant=_variant(rule, None, side),
                              **info)
        listed = len(ctx.peserta_by_kegiatan.get(k.kode_kegiatan, ()))
        # An empty list is the planning stage: only the target can be judged then.
        if listed and (side := out_of_range(listed, lo, hi)):
            yield ctx.finding(rule, k, "kode_kegiatan", variant=_variant(rule, "daftar", side),
                              jumlah=listed, **info)


# ---------------------------------------------------------------- one row at a time


@check("peserta_nib")
def peserta_nib(ctx, rule):
    for k, p in peserta_of(ctx, rule.params["rincian"]):
        if is_blank(p.nib) and p.bersedia_nib is not True:
            yield ctx.finding(rule, p, "nib", nama=_nama(p), rincian=k.rincian)


@check("peserta_usia")
def peserta_usia(ctx, rule):
    """Whole years of age on the activity's first day (RULES.md interpretation)."""
    lo, hi = rule.params["min"], rule.params["max"]
    for k, p in peserta_of(ctx, rule.params["rincian"]):
        if not is_date(k.tanggal_mulai):
            continue  # the activity's own date rule reports that cell
        if not is_date(p.tanggal_lahir):
            yield ctx.finding(rule, p, "tanggal_lahir", variant="kosong", nama=_nama(p),
                              alasan=unreadable(p.tanggal_lahir))
            continue
        usia = age_on(p.tanggal_lahir, k.tanggal_mulai)
        if out_of_range(usia, lo, hi):
            yield ctx.finding(rule, p, "tanggal_lahir", nama=_nama(p), usia=usia,
                              rincian=k.rincian, tanggal_mulai=tanggal(k.tanggal_mulai))


@check("peserta_sentra")
def peserta_sentra(ctx, rule):
    bebas = {r: {normal(x) for x in roles}
             for r, roles in rule.params.get("peran_bebas", {}).items()}
    peran = memo_normal()
    for p in ctx.doc.peserta:
        k = ctx.kegiatan_by_kode.get(p.kode_kegiatan) if isinstance(
            p.kode_kegiatan, str) else None
        if k is not None and peran(p.peran) in bebas.get(k.rincian, ()):
            continue
        if is_blank(p.kode_sentra):
            yield ctx.finding(rule, p, "kode_sentra", variant="kosong", nama=_nama(p))
        elif isinstance(p.kode_sentra, Invalid) or p.kode_sentra not in ctx.sentra_by_kode:
            yield ctx.finding(rule, p, "kode_sentra", nama=_nama(p))


@check("peserta_wilayah")
def peserta_wilayah(ctx, rule):
    aliases = rule.params.get("sebutan", {})
    kab_kota = ctx.doc.profil.kab_kota
    home, asal = normal(kab_kota, aliases), memo_normal(aliases)
    if not home:
        return  # the Profil's own required-field rule reports it
    for k, p in peserta_of(ctx, rule.params["rincian"]):
        if is_blank(p.kab_kota_asal):
            yield ctx.finding(rule, p, "kab_kota_asal", variant="kosong", nama=_nama(p),
                              rincian=k.rincian, kab_kota=kab_kota)
        elif asal(p.kab_kota_asal) != home:
            yield ctx.finding(rule, p, "kab_kota_asal", nama=_nama(p), rincian=k.rincian,
                              kab_kota=kab_kota)


@check("peserta_pasar")
def peserta_pasar(ctx, rule):
    for k, p in peserta_of(ctx, rule.params["rincian"]):
        if p.jual_domestik is not True:
            yield ctx.finding(rule, p, "jual_domestik", value=ya_tidak(p.jual_domestik),
                              nama=_nama(p), rincian=k.rincian)


# ---------------------------------------------------------------- across tables


def _concerns(ctx, k, params: dict) -> bool:
    if k.rincian not in params["rincian"]:
        return False
    only = params.get("hanya_varian", {}).get(k.rincian)
    return only is None or code_key(varian_of(k, ctx.pack)) in {code_key(v) for v in only}


@check("peserta_sk")
def peserta_sk(ctx, rule):
    """Each sentra whose people join a concerned activity has its SK pengelola number;
    each participant appointed by their own decision (`sk_peserta`) has its number.

    A sentra is reported once, at the Sentra sheet's SK cell, naming the activities.
    """
    yield from _sk_sentra(ctx, rule)
    yield from _sk_peserta(ctx, rule)


def _sk_sentra(ctx, rule):
    users: dict[str, dict[str, None]] = defaultdict(dict)
    for k in ctx.doc.kegiatan:
        if not _concerns(ctx, k, rule.params) or not isinstance(k.kode_kegiatan, str):
            continue
        codes = [p.kode_sentra for p in ctx.peserta_by_kegiatan.get(k.kode_kegiatan, ())]
        for code in [k.kode_sentra, *codes]:
            if isinstance(code, str) and code in ctx.sentra_by_kode:
                users[code][k.kode_kegiatan] = None
    for s in ctx.doc.sentra:
        if s.kode_sentra in users and is_blank(s.nomor_sk_pengelola):
            yield ctx.finding(rule, s, "nomor_sk_pengelola", kode_sentra=s.kode_sentra,
                              daftar_kegiatan=list(users.pop(s.kode_sentra)))


def _sk_peserta(ctx, rule):
    """`sk_peserta`, per rincian: participants of the role `peran` (in an activity of a
    variant of `varian`, also those whose role is not filled) need the number of the
    Keputusan Kepala Daerah appointing them on their own row; in such an activity a
    participant of another role is not one the text admits (variant `peran`).
    B.2: the pengelola UPT/rumah kemasan (Lampiran II.B.2.f)."""
    for rincian, spec in rule.params.get("sk_peserta", {}).items():
        peran, varian = code_key(spec["peran"]), {code_key(v) for v in spec["varian"]}
        for k, p in peserta_of(ctx, [rincian]):
            of_variant = code_key(varian_of(k, ctx.pack)) in varian
            role = code_key(p.peran) if isinstance(p.peran, str) else ""
            info = {"nama": _nama(p), "rincian": rincian, "kegiatan": k.kode_kegiatan,
                    "peran": spec["peran"]}
            if role == peran or (of_variant and not role):
                if is_blank(p.nomor_sk_pengelola):
                    yield ctx.finding(rule, p, "nomor_sk_pengelola", variant="peserta", **info)
            elif of_variant:
                yield ctx.finding(rule, p, "peran", variant="peran", **info)


def mention_pattern(codes: Iterable[str]) -> re.Pattern:
    """Matches a rincian code written as D.2, D2, d. 2 inside free text."""
    parts = [rf"{re.escape(c.split('.')[0])}\s*\.?\s*{re.escape(c.split('.')[-1])}"
             for c in codes]
    return re.compile(rf"(?<![0-9a-z])(?:{'|'.join(parts)})(?![0-9])", re.IGNORECASE)


def _completed(ctx, rincian: Iterable[str]) -> set[str]:
    """NIKs that completed (tuntas) an activity of `rincian` in this workbook."""
    return {p.nik for _, p in peserta_of(ctx, rincian)
            if p.tuntas is True and isinstance(p.nik, str)}


@check("peserta_riwayat")
def peserta_riwayat(ctx, rule):
    """Participants have completed a prerequisite rincian, here or per their history."""
    prasyarat = rule.params["prasyarat"]
    done, pattern = _completed(ctx, prasyarat), mention_pattern(prasyarat)
    for k, p in peserta_of(ctx, rule.params["rincian"]):
        if isinstance(p.nik, str) and p.nik in done:
            continue
        if isinstance(p.riwayat_pelatihan, str) and pattern.search(p.riwayat_pelatihan):
            continue
        yield ctx.finding(rule, p, "riwayat_pelatihan", nama=_nama(p), rincian=k.rincian,
                          prasyarat=" atau ".join(prasyarat))


# ---------------------------------------------------------------- identity numbers


def _nik_key(nik: object) -> str | None:
    raw = nik.raw if isinstance(nik, Invalid) else nik
    return None if raw is None else str(raw)


@check("peserta_ganda")
def peserta_ganda(ctx, rule):
    """The same NIK twice in one activity: the later row is the duplicate."""
    for code, rows in ctx.peserta_by_kegiatan.items():
        first: dict[str, int] = {}
        for p in rows:
            key = _nik_key(p.nik)
            if key is None:
                continue
            if key in first:
                yield ctx.finding(rule, p, "nik", value=mask_nik(p.nik), nama=_nama(p),
                                  baris_pertama=first[key], kegiatan=code)
            else:
                first[key] = p.row


@check("peserta_nik")
def peserta_nik(ctx, rule):
    panjang = rule.params["panjang"]
    for p in ctx.doc.peserta:
        if p.nik is None:
            yield ctx.finding(rule, p, "nik", variant="kosong", nama=_nama(p))
        elif isinstance(p.nik, Invalid):
            yield ctx.finding(rule, p, "nik", variant="tidak_terbaca", value=mask_nik(p.nik),
                              alasan=p.nik.reason, nama=_nama(p))
        elif len(p.nik) != panjang or not NIK_DIGITS.fullmatch(p.nik):
            yield ctx.finding(rule, p, "nik", value=mask_nik(p.nik), nama=_nama(p))
