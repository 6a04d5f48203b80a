"""Load a year's rule pack from TOML, following `extends`, and check its schema."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from ..domain.finding import Severity
from .model import (
    BAGIAN_NARASI,
    JENIS_LAPORAN,
    Kategori,
    Laporan,
    Persetujuan,
    Rincian,
    Rule,
    RulePack,
    RulePackError,
    Variant,
)

PACKS_DIR = Path(__file__).with_name("packs")
RULE_KEYS = {"check", "severity", "clause", "title", "section", "message", "params", "variants"}


def available_years() -> list[int]:
    return sorted(int(p.name[2:]) for p in PACKS_DIR.glob("ta*") if p.is_dir())


@cache
def load_pack(tahun: int = 2023, packs_dir: Path = PACKS_DIR) -> RulePack:
    raw = _load_raw(tahun, packs_dir)
    try:
        return _build(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise RulePackError(f"paket aturan TA {tahun} tidak sah: {exc}") from exc


def _load_raw(tahun: int, packs_dir: Path) -> dict:
    folder = packs_dir / f"ta{tahun}"
    if not folder.is_dir():
        raise RulePackError(f"paket aturan TA {tahun} tidak ada di {packs_dir}")
    data: dict = {}
    for path in sorted(folder.glob("*.toml")):
        _merge(data, tomllib.loads(path.read_text(encoding="utf-8")))
    base = data.get("pack", {}).get("extends")
    if base:
        parent = _load_raw(int(str(base).removeprefix("ta")), packs_dir)
        _merge(parent, data)
        data = parent
    return data


def _merge(into: dict, other: dict) -> None:
    """Deep-merge `other` into `into`: a later year overrides only what it names."""
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _build(raw: dict) -> RulePack:
    pack = raw["pack"]
    rincian = {
        kode: Rincian(kode, kode.split(".")[0], r["nama"], r["keluaran"],
                      {k: v for k, v in r.items() if k not in {"nama", "keluaran", "varian"}},
                      tuple(r.get("varian", ())))
        for kode, r in raw["rincian"].items()
    }
    kategori = {
        nama: Kategori(nama, k.get("dikecualikan"), bool(k.get("perlu_ssh", False)))
        for nama, k in raw["kategori_belanja"].items()
    }
    rules = {rid: _rule(rid, spec) for rid, spec in raw.get("rules", {}).items()}
    result = RulePack(
        tahun=int(pack["tahun"]), regulasi=pack["regulasi"], judul=pack["judul"],
        template_name=pack["template_name"], menu=dict(raw["menu"]), rincian=rincian,
        kategori=kategori, libur=frozenset(_dates(raw["kalender"]["libur"])),
        semester={k: (v["mulai"], v["selesai"]) for k, v in raw["semester"].items()},
        rules=rules, raw=raw, persetujuan=_persetujuan(raw.get("persetujuan", {})),
        laporan=_laporan(raw.get("laporan", {})),
    )
    _check_references(result)
    return result


def _rule(rid: str, spec: dict) -> Rule:
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise RulePackError(f"aturan {rid}: kunci tidak dikenal {sorted(unknown)}")
    variants = {
        name: Variant(Severity(v["severity"]), v["message"])
        for name, v in spec.get("variants", {}).items()
    }
    return Rule(
        id=rid, check=spec["check"], severity=Severity(spec["severity"]),
        clause=spec["clause"], title=spec["title"], section=spec["section"],
        message=spec["message"], params=dict(spec.get("params", {})), variants=variants,
    )


def _persetujuan(spec: dict) -> Persetujuan:
    slot = spec.get("slot_lama")
    return Persetujuan(
        sebutan={rid: tuple(words) for rid, words in spec.get("sebutan", {}).items()},
        catatan=dict(spec.get("catatan", {})),
        slot_lama=Variant(Severity(slot["severity"]), slot["message"]) if slot else None,
    )


LAPORAN_KEYS = {"narasi_wajib", "dokumentasi_wajib", "pesan"}


def _laporan(spec: dict) -> Laporan:
    unknown = set(spec) - LAPORAN_KEYS
    if unknown:
        raise RulePackError(f"[laporan]: kunci tidak dikenal {sorted(unknown)}")
    wajib = {j: tuple(parts) for j, parts in spec.get("narasi_wajib", {}).items()}
    foto = {j: bool(v) for j, v in spec.get("dokumentasi_wajib", {}).items()}
    for jenis in set(wajib) | set(foto):
        if jenis not in JENIS_LAPORAN:
            raise RulePackError(f"[laporan]: jenis laporan '{jenis}' tidak dikenal")
    for parts in wajib.values():
        for bagian in parts:
            if bagian not in BAGIAN_NARASI:
                raise RulePackError(f"[laporan]: bagian narasi '{bagian}' tidak dikenal; "
                                    f"pilih dari {', '.join(BAGIAN_NARASI)}")
    return Laporan(wajib, foto, dict(spec.get("pesan", {})))


def _dates(values: list) -> list[date]:
    for v in values:
        if not isinstance(v, date):
            raise RulePackError(f"tanggal libur tidak sah: {v!r}")
    return values


def _check_references(pack: RulePack) -> None:
    for k in pack.kategori.values():
        if k.dikecualikan and k.dikecualikan not in pack.rules:
            raise RulePackError(f"kategori '{k.nama}' menunjuk aturan {k.dikecualikan} yang tidak ada")
    for rule in pack.rules.values():
        for kode in rule.params.get("rincian", []):
            if kode not in pack.rincian:
                raise RulePackError(f"aturan {rule.id}: rincian {kode} tidak dikenal")
    for rid in pack.persetujuan.sebutan:
        if rid not in pack.rules:
            raise RulePackError(f"sebutan persetujuan menunjuk aturan {rid} yang tidak ada")
