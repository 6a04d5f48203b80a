"""Place and organisers, Lampiran II points e and j: outside the kab/kota, panitia, koordinator."""

from __future__ import annotations

from ...domain.kode import same_code
from ..helpers import bad, is_number, kosong, matches_rincian
from ..registry import check


@check("luar_daerah_alasan")
def luar_daerah_alasan(ctx, rule):
    """An activity outside the kab/kota states why (its link to the substance)."""
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        if bad(k.luar_daerah):
            yield kosong(ctx, rule, k, "luar_daerah")
        elif k.luar_daerah is True and not (k.alasan_luar_daerah or "").strip():
            yield ctx.finding(rule, k, "alasan_luar_daerah")


@check("panitia_persen")
def panitia_persen(ctx, rule):
    """Outside the kab/kota: accompanying panitia <= `persen` % of the participants.

    Participants are the KAK target or the Peserta rows, whichever is larger, so a
    list longer than its target is not held to the smaller number.
    """
    persen = rule.params["persen"]
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params) or k.luar_daerah is not True:
            continue
        if not is_number(k.panitia_pendamping):
            yield kosong(ctx, rule, k, "panitia_pendamping")
            continue
        peserta = max(k.target_peserta if is_number(k.target_peserta) else 0,
                      len(ctx.peserta_by_kegiatan.get(k.kode_kegiatan, [])))
        if peserta == 0:
            yield kosong(ctx, rule, k, "target_peserta")
        elif k.panitia_pendamping * 100 > persen * peserta:
            yield ctx.finding(rule, k, "panitia_pendamping", peserta=peserta,
                              batas=persen * peserta // 100)


@check("koordinator")
def koordinator(ctx, rule):
    """Pendamping rows per peran: `peran` maps rincian -> peran -> {min, max}."""
    for k in ctx.doc.kegiatan:
        wanted = rule.params["peran"].get(k.rincian) if isinstance(k.rincian, str) else None
        if not wanted:
            continue
        rows = ctx.pendamping_by_kegiatan.get(k.kode_kegiatan, [])
        for peran, batas in wanted.items():
            yield from _count_peran(ctx, rule, k, rows, peran, batas)


def _count_peran(ctx, rule, k, rows: list, peran: str, batas: dict):
    same = [r for r in rows if same_code(r.peran, peran)]
    lo, hi = batas.get("min", 0), batas.get("max")
    if len(same) < lo:
        # Nothing to point at in Pendamping: the activity's code cell names it.
        yield ctx.finding(rule, k, "kode_kegiatan", peran=peran, jumlah=len(same), min=lo)
    if hi is not None:
        for extra in same[hi:]:
            yield ctx.finding(rule, extra, "peran", variant="lebih", peran=peran,
                              jumlah=len(same), max=hi)
