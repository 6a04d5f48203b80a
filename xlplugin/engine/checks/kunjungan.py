"""Visit counts of Lampiran II point d: studi banding, pendampingan visits and logbook."""

from __future__ import annotations

from decimal import Decimal

from ...domain.calendar import tanggal, weeks_between
from ...domain.kode import code_key
from ..helpers import activity_months, is_date, is_number, kosong, matches_rincian
from ..registry import check
from .durasi import ordered_period, period_findings


@check("studi_kunjungan")
def studi_kunjungan(ctx, rule):
    """Each `syarat` {field, jenis, min, sasaran}: visits counted in the KAK field, or,
    when that is empty, the Jadwal rows of that jenis for the activity."""
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        for syarat in rule.params["syarat"]:
            yield from _visits(ctx, rule, k, syarat)


def _visits(ctx, rule, k, syarat: dict):
    field, facts = syarat["field"], dict(syarat)
    facts.pop("field")
    value, variant = getattr(k, field), None
    if value is None and (rows := jadwal_of_jenis(ctx, k, syarat["jenis"])):
        value, variant = len(rows), "jadwal"
    if not is_number(value):
        yield kosong(ctx, rule, k, field, **facts)
    elif value < syarat["min"]:
        yield ctx.finding(rule, k, field, variant=variant, jumlah=value, **facts)


@check("kunjungan_mingguan")
def kunjungan_mingguan(ctx, rule):
    """A.3: planned visits >= IKM x weeks, each of at least `jam_min` hours; once the
    activity is realised, the logbook rows in Jadwal are held to the same count."""
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        yield from _weekly_plan(ctx, rule, k)
        if is_date(k.realisasi_selesai) and is_number(k.target_ikm):
            yield from _weekly_logbook(ctx, rule, k)


def _weekly_plan(ctx, rule, k):
    needed = [f for f in ("target_ikm", "rencana_kunjungan", "jam_per_kunjungan")
              if not is_number(getattr(k, f))]
    yield from (kosong(ctx, rule, k, f) for f in needed)
    problems = period_findings(ctx, rule, k)
    yield from problems
    if "jam_per_kunjungan" not in needed and k.jam_per_kunjungan < rule.params["jam_min"]:
        yield ctx.finding(rule, k, "jam_per_kunjungan", variant="jam")
    if problems or {"target_ikm", "rencana_kunjungan"} & set(needed):
        return
    minggu = weeks_between(k.tanggal_mulai, k.tanggal_selesai)
    perlu = k.target_ikm * minggu * rule.params["kunjungan_per_ikm_per_minggu"]
    if k.rencana_kunjungan < perlu:
        yield ctx.finding(rule, k, "rencana_kunjungan", minggu=minggu, perlu=perlu,
                          ikm=k.target_ikm)


def _weekly_logbook(ctx, rule, k):
    start = "realisasi_mulai" if is_date(k.realisasi_mulai) else "tanggal_mulai"
    if ordered_period(k, start, "realisasi_selesai") is None:
        yield from period_findings(ctx, rule, k, start, "realisasi_selesai")
        return
    counted = 0
    for row in jadwal_of_jenis(ctx, k, rule.params["jenis_logbook"]):
        if not is_number(row.durasi_jam):
            yield kosong(ctx, rule, row, "durasi_jam")
        elif row.durasi_jam < rule.params["jam_min"]:
            yield ctx.finding(rule, row, "durasi_jam", variant="logbook_jam")
        else:
            counted += 1
    minggu = weeks_between(getattr(k, start), k.realisasi_selesai)
    perlu = k.target_ikm * minggu * rule.params["kunjungan_per_ikm_per_minggu"]
    if counted < perlu:
        yield ctx.finding(rule, k, "kode_kegiatan", variant="logbook", jumlah=counted,
                          minggu=minggu, perlu=perlu, ikm=k.target_ikm)


@check("kunjungan_bulanan")
def kunjungan_bulanan(ctx, rule):
    """B.3: a pendampingan of about `bulan_pendampingan` months with about
    `kunjungan_per_bulan` visits a month.

    The KAK states the pendampingan's length (the activity's training and business-plan
    work take the rest of its months). "About" is within `toleransi_persen` percent:
    a length further off, or a rate of planned visits over that length further below,
    is flagged; so is a pendampingan longer than the activity itself.
    """
    p = rule.params
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, p):
            continue
        if not is_number(k.rencana_kunjungan):
            yield kosong(ctx, rule, k, "rencana_kunjungan")
            continue
        if not is_number(k.bulan_pendampingan) or k.bulan_pendampingan <= 0:
            yield kosong(ctx, rule, k, "bulan_pendampingan")
            continue
        problems = period_findings(ctx, rule, k)
        yield from problems
        if problems:
            continue
        yield from _b3_length(ctx, rule, k)
        bulan = k.bulan_pendampingan
        batas = Decimal(p["kunjungan_per_bulan"] * bulan * (100 - p["toleransi_persen"])) / 100
        if k.rencana_kunjungan < batas:
            yield ctx.finding(rule, k, "rencana_kunjungan", bulan=bulan,
                              perlu=p["kunjungan_per_bulan"] * bulan, batas=_plain(batas),
                              laju=_plain(Decimal(k.rencana_kunjungan) / bulan))


def _b3_length(ctx, rule, k):
    p, bulan = rule.params, k.bulan_pendampingan
    months = activity_months(k)
    if bulan > months:
        yield ctx.finding(rule, k, "bulan_pendampingan", variant="melebihi", bulan=months,
                          selesai=tanggal(k.tanggal_selesai))
        return
    around = Decimal(p["bulan_pendampingan"])
    dari = around * (100 - p["toleransi_persen"]) / 100
    sampai = around * (100 + p["toleransi_persen"]) / 100
    if not dari <= bulan <= sampai:
        yield ctx.finding(rule, k, "bulan_pendampingan", variant="lama",
                          dari=_plain(dari), sampai=_plain(sampai))


@check("field_min")
def field_min(ctx, rule):
    """A KAK number `field` of the rule's rincian is at least `min`."""
    field = rule.params["field"]
    for k in ctx.doc.kegiatan:
        if not matches_rincian(ctx, k, rule.params):
            continue
        value = getattr(k, field)
        if not is_number(value):
            yield kosong(ctx, rule, k, field)
        elif value < rule.params["min"]:
            yield ctx.finding(rule, k, field)


def jadwal_of_jenis(ctx, k, jenis: str) -> list:
    """The activity's Jadwal rows of one jenis (compared as codes are)."""
    want = code_key(jenis)
    return [r for r in ctx.jadwal_by_kegiatan.get(k.kode_kegiatan, [])
            if code_key(r.jenis) == want]


def _plain(value: Decimal) -> str:
    """A count for a message: 3, 2.5, 2.67 (no exponent, no trailing zeros)."""
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
