"""SSH-*: RAB lines against the region's standard unit costs (sheet Standar Harga)."""

from __future__ import annotations

from ...domain.money import rupiah
from ..registry import check


@check("ssh_plafon")
def ssh_plafon(ctx, rule):
    same = _unit_groups(rule.params.get("satuan_sama", []))
    sheet_ssh = ctx.layout.tables["SSH"].sheet
    reported_items = set()
    for line in ctx.doc.rab:
        if line.kode_ssh is None:
            continue
        item = ctx.ssh_by_kode.get(line.kode_ssh) if isinstance(line.kode_ssh, str) else None
        if item is None:
            yield ctx.finding(rule, line, "kode_ssh", variant="tidak_dikenal",
                              sheet_ssh=sheet_ssh, kode_baris=line.kode_baris or line.row)
        elif not isinstance(item.harga_maksimum, int):
            if item.kode_ssh not in reported_items:
                reported_items.add(item.kode_ssh)
                yield ctx.finding(rule, item, "harga_maksimum", variant="batas_kosong",
                                  kode_ssh=item.kode_ssh)
        else:
            yield from _against_item(ctx, rule, line, item, same)


def _against_item(ctx, rule, line, item, same: dict):
    params = {"kode_ssh": item.kode_ssh, "maks": rupiah(item.harga_maksimum),
              "satuan_ssh": item.satuan or "-", "uraian_ssh": item.uraian or "-",
              "dasar_hukum": item.dasar_hukum or "dasar hukum tidak dicatat"}
    if isinstance(line.harga_satuan, int) and line.harga_satuan > item.harga_maksimum:
        yield ctx.finding(rule, line, "harga_satuan", nilai=rupiah(line.harga_satuan), **params)
    if _unit(line.satuan, same) != _unit(item.satuan, same):
        yield ctx.finding(rule, line, "satuan", variant="satuan", **params)


def _unit_groups(groups: list[list[str]]) -> dict[str, str]:
    """Each spelling -> the group's first spelling, normalised."""
    out = {}
    for group in groups:
        for spelling in group:
            out[_norm(spelling)] = _norm(group[0])
    return out


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


def _unit(satuan: object, same: dict) -> str:
    key = _norm(satuan) if isinstance(satuan, str) else ""
    return same.get(key, key)


@check("ssh_tanpa_acuan")
def ssh_tanpa_acuan(ctx, rule):
    for line in ctx.doc.rab:
        kategori = ctx.pack.kategori.get(line.kategori) if isinstance(line.kategori, str) else None
        if kategori and kategori.perlu_ssh and line.kode_ssh is None:
            yield ctx.finding(rule, line, "kode_ssh", kode_baris=line.kode_baris or line.row,
                              kategori=line.kategori)
