"""The report (Laporan Semester I/II, Laporan Akhir) as data, built from a Dokumen.

Everything a writer prints is computed here: the period and its deadline, the cover
lines of IV.B, the outline the checks of `domain.laporan` expect, the tables of
II.c, III.a (with the monitoring table) and III.b from the engine's totals, the problems
of IV from the open findings, the dinas's narrative and photos, the reasons the report
is still DRAF, and the five annexes. Writers only format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.calendar import tanggal
from ..domain.finding import Finding
from ..domain.money import percent
from ..domain.records import Dokumen, Profil
from ..domain.values import Invalid
from ..engine.totals import Totals, compute_totals
from ..engine.validate import validate
from ..layout import load_layout
from ..rulepack import RulePack, load_pack
from .dokumentasi import Foto, dilaksanakan, foto_laporan
from .draf import alasan_draf
from .lampiran import LampiranTable, lampiran_tables
from .monev import MonevRow, monev_rows
from .narasi import NarasiLaporan, narasi_laporan
from .periode import Periode, periode

MONEV_PREFIX = "MONEV-"


@dataclass(frozen=True)
class TargetRow:
    """II.c: the plan of one rincian."""

    kode: str
    nama: str
    kegiatan: int
    target: int
    satuan: str
    anggaran: int


@dataclass(frozen=True)
class CapaianRow:
    """III.a: target and achieved output of one rincian (CAPAIAN-KELUARAN)."""

    kode: str
    nama: str
    target: int
    capaian: int
    satuan: str
    persen: Decimal | None


@dataclass(frozen=True)
class KeuanganRow:
    """III.b: budget and spending of one menu up to the period's end."""

    kode: str
    nama: str
    anggaran: int
    realisasi: int
    persen: Decimal | None


@dataclass(frozen=True)
class Masalah:
    """IV: one rule's open findings, summarised."""

    rule: str
    judul: str
    tingkat: str
    klausul: str
    jumlah: int
    contoh: tuple[str, ...]
    pemantauan: bool  # a monitoring deviation (V.2), not a plan defect


@dataclass(frozen=True)
class Butir:
    """IV, one line of an activity's table: what is wrong in plain words, the clause,
    and the upaya (what was recorded, or the follow-up the severity calls for). The
    rule ID and the workbook places go to the reference table, not the body."""

    permasalahan: str
    ketentuan: str
    upaya: str
    rule: str
    tingkat: str
    tempat: tuple[str, ...]  # "RAB D18": for the reference table only


@dataclass(frozen=True)
class MasalahKegiatan:
    """IV: the problems of one activity (kode "" for those of no single activity)."""

    kode: str
    nama: str
    butir: tuple[Butir, ...]


# What one finding is about, by the sheet it points at: "1 peserta", "2 baris RAB".
SATUAN_TEMPAT = {"Peserta": "peserta", "Narasumber": "narasumber/instruktur",
                 "Pendamping": "tenaga pendamping", "RAB": "baris RAB",
                 "KAK": "isian rencana kegiatan", "Jadwal": "baris jadwal",
                 "Realisasi": "catatan pembayaran", "Profil": "isian profil dinas",
                 "Sentra": "data sentra", "Persetujuan": "catatan persetujuan"}
UPAYA = {
    "PELANGGARAN": "Rencana tindak lanjut: diperbaiki agar memenuhi ketentuan; biaya atau "
                   "data yang tidak memenuhi ketentuan tidak dibiayai DAK Nonfisik.",
    "PERLU_PERSETUJUAN": "Rencana tindak lanjut: dinas menyampaikan alasan dan memohon "
                         "persetujuan Kementerian Perindustrian.",
    "PERLU_PENJELASAN": "Rencana tindak lanjut: dinas menyampaikan penjelasan tertulis.",
    "PERINGATAN": "Rencana tindak lanjut: data diperiksa kembali dan dilengkapi.",
}
UPAYA_PEMANTAUAN = ("Rencana tindak lanjut: penyebab perbedaan antara rencana dan "
                    "pelaksanaan dijelaskan dan kegiatan disesuaikan.")
UPAYA_SELESAI = {"DISETUJUI": "Telah disetujui Kementerian Perindustrian",
                 "DIJELASKAN": "Telah dijelaskan oleh dinas"}
SIFAT = {"PELANGGARAN": "Pelanggaran", "PERLU_PERSETUJUAN": "Perlu persetujuan",
         "PERLU_PENJELASAN": "Perlu penjelasan", "PERINGATAN": "Peringatan",
         "DISETUJUI": "Telah disetujui", "DIJELASKAN": "Telah dijelaskan"}
# A title's trailing note for the validator, e.g. "(Tidak: pelanggaran; ...)".
_CATATAN_JUDUL = re.compile(r"\s*\([^)]*:[^)]*\)\s*$")
_RESOLUSI = re.compile(r"\[(DISETUJUI|DIJELASKAN): ([^\]]*)\]\s*$")


@dataclass
class Report:
    jenis: str
    periode: Periode
    tahun: int
    profil: Profil
    totals: Totals
    findings: list[Finding]
    outline: object  # domain.laporan.LaporanOutline
    lampiran: list[LampiranTable]
    target: list[TargetRow] = field(default_factory=list)
    capaian: list[CapaianRow] = field(default_factory=list)
    keuangan: list[KeuanganRow] = field(default_factory=list)
    permasalahan: list[Masalah] = field(default_factory=list)
    masalah_kegiatan: list[MasalahKegiatan] = field(default_factory=list)
    tenggat: list[Finding] = field(default_factory=list)  # DL-* findings for this report
    monev: list[MonevRow] = field(default_factory=list)  # III.a, plan against realisation
    narasi: NarasiLaporan = field(default_factory=NarasiLaporan)
    wajib: tuple[str, ...] = ()  # the narrative parts this kind requires (rule pack)
    foto: list[Foto] = field(default_factory=list)  # III.c, pictures and notes
    foto_kurang: bool = False  # III.c must show photos and has none
    draf: tuple[str, ...] = ()  # why the report is not final; () = final

    # -------------------------------------------------------------- texts for writers
    @property
    def tanggal_laporan(self) -> date | None:
        value = getattr(self.profil, self.periode.tanggal_field)
        return value if isinstance(value, date) else None

    @property
    def tanggal_ttd(self) -> str:
        """The report's date as signed, or, while Profil has none, what to fill where."""
        tgl = self.tanggal_laporan
        if tgl:
            return tanggal(tgl)
        form = load_layout().profil
        return f"[isi {form.field(self.periode.tanggal_field).label} pada sheet {form.sheet}]"

    def batas(self, pack: RulePack) -> date | None:
        return self.periode.batas(pack)

    def text(self, key: str, kosong: str = "") -> str:
        """A Profil field as text ('' when empty, the typed text when unreadable)."""
        value = getattr(self.profil, key)
        if value is None:
            return kosong
        return str(value.raw) if isinstance(value, Invalid) else str(value)

    @property
    def nama_laporan(self) -> str:
        """'Laporan Semester I' / 'Laporan Akhir'."""
        return f"Laporan {self.periode.judul}"

    @property
    def judul_format(self) -> str:
        """The report's full title as IV.B words it."""
        if self.periode.is_akhir:
            return ("LAPORAN AKHIR PENGGUNAAN DANA ALOKASI KHUSUS NONFISIK PENGUATAN KAPASITAS "
                    f"KELEMBAGAAN SENTRA IKM TAHUN {self.tahun}")
        romawi = "I" if self.jenis == "semester1" else "II"
        return (f"LAPORAN SEMESTER {romawi} PENGGUNAAN DANA ALOKASI KHUSUS NON FISIK "
                f"PENGUATAN KAPASITAS KELEMBAGAAN SENTRA IKM TAHUN {self.tahun}")

    @property
    def rentang(self) -> str:
        return f"{tanggal(self.periode.mulai)} s.d. {tanggal(self.periode.selesai)}"


def build_report(doc: Dokumen, jenis: str, pack: RulePack | None = None, *,
                 mask_nik: bool = True, findings: list[Finding] | None = None,
                 base_dir: Path | None = None) -> Report:
    """The report of kind `jenis` for `doc`; `doc` is only read. `base_dir`: the
    workbook's folder, against which the Dokumentasi sheet's file names are read
    (default: the current folder)."""
    pack = pack or load_pack()
    per = periode(jenis, pack)
    totals = compute_totals(doc, pack, sampai=per.selesai)  # capaian within the period
    if findings is None:
        findings = validate(doc, pack, load_layout())
    report = Report(
        jenis=jenis, periode=per, tahun=pack.tahun, profil=doc.profil, totals=totals,
        findings=findings, outline=_outline(pack, jenis, doc.profil),
        lampiran=lampiran_tables(doc, per, totals, pack, mask=mask_nik),
    )
    report.target = _target(doc, pack, totals)
    report.capaian = _capaian(pack, totals)
    report.keuangan = _keuangan(pack, totals, per)
    report.permasalahan = _permasalahan(findings, pack)
    report.masalah_kegiatan = masalah_per_kegiatan(findings, pack, doc)
    report.tenggat = _tenggat(findings, per, pack)
    report.monev = monev_rows(doc, per, totals)
    _add_dinas_parts(report, doc, pack, base_dir)
    return report


def _add_dinas_parts(report: Report, doc: Dokumen, pack: RulePack,
                     base_dir: Path | None) -> None:
    """What the dinas wrote and photographed, and what of it is still missing."""
    report.narasi = narasi_laporan(doc)
    report.wajib = pack.laporan.wajib(report.jenis)
    report.foto = foto_laporan(doc, report.periode, pack, base_dir)
    report.foto_kurang = (pack.laporan.foto_wajib(report.jenis)
                          and bool(dilaksanakan(doc, report.periode))
                          and not any(f.gambar for f in report.foto))
    report.draf = alasan_draf(report.jenis, report.narasi, report.findings, report.foto,
                              report.foto_kurang, pack)


def _outline(pack: RulePack, jenis: str, profil: Profil):
    from ..domain.laporan import expected_outline
    return expected_outline(pack, jenis, profil)


def _target(doc: Dokumen, pack: RulePack, totals: Totals) -> list[TargetRow]:
    rows = []
    for kode, rincian in pack.rincian.items():
        kegiatan = [k for k in doc.kegiatan if k.rincian == kode
                    and isinstance(k.kode_kegiatan, str)]
        if not kegiatan:
            continue
        cap = totals.capaian_rincian.get(kode)
        rows.append(TargetRow(kode, rincian.nama, len(kegiatan), cap.target if cap else 0,
                              rincian.keluaran, totals.rincian[kode].rab))
    return rows


def _capaian(pack: RulePack, totals: Totals) -> list[CapaianRow]:
    return [CapaianRow(kode, pack.rincian[kode].nama, c.target, c.keluaran, c.satuan, c.persen)
            for kode, c in totals.capaian_rincian.items()]


def _keuangan(pack: RulePack, totals: Totals, per: Periode) -> list[KeuanganRow]:
    rows = []
    for menu, nama in pack.menu.items():
        j = totals.menu[menu]
        if not j.rab and not any(j.realisasi_semester.values()):
            continue
        real = sum(j.realisasi_semester.get(s, 0) for s in per.kumulatif)
        rows.append(KeuanganRow(menu, nama, j.rab, real, percent(real, j.rab)))
    return rows


def _permasalahan(findings: list[Finding], pack: RulePack) -> list[Masalah]:
    """Open findings grouped by rule: monitoring deviations (V.2) first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.is_open:
            groups.setdefault(f.rule, []).append(f)
    out = []
    for rid, items in groups.items():
        rule = pack.rules.get(rid)
        out.append(Masalah(
            rule=rid, judul=rule.title if rule else rid, tingkat=items[0].level,
            klausul=items[0].clause, jumlah=len(items),
            contoh=tuple(f"{f.sheet} {f.cell or f.row or ''}: {f.message}".strip()
                         for f in items[:3]),
            pemantauan=rid.startswith(MONEV_PREFIX)))
    return sorted(out, key=lambda m: (not m.pemantauan, m.rule))


def masalah_per_kegiatan(findings: list[Finding], pack: RulePack,
                         doc: Dokumen) -> list[MasalahKegiatan]:
    """IV per activity, in KAK order, then the problems of no single activity. A rule's
    findings on one activity make one line; approved or explained ones say so."""
    names = {}
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str):
            names.setdefault(k.kode_kegiatan, str(k.nama_kegiatan or k.kode_kegiatan))
    groups: dict[str, dict[tuple[str, str], list[Finding]]] = {}
    for f in findings:
        kode = f.kegiatan if f.kegiatan in names else ""
        groups.setdefault(kode, {}).setdefault((f.rule, f.level), []).append(f)
    order = [*names, ""]
    out = []
    for kode in sorted(groups, key=order.index):
        butir = tuple(_butir(items, pack) for items in groups[kode].values())
        out.append(MasalahKegiatan(kode, names.get(kode, "Umum (tidak terkait satu kegiatan)"),
                                   tuple(sorted(butir, key=lambda b: (b.tingkat, b.rule)))))
    return out


def _butir(items: list[Finding], pack: RulePack) -> Butir:
    f = items[0]
    rule = pack.rules.get(f.rule)
    judul = _CATATAN_JUDUL.sub("", rule.title if rule else f.rule).rstrip(".")
    counts: dict[str, int] = {}
    for item in items:
        unit = SATUAN_TEMPAT.get(item.sheet, "isian")
        counts[unit] = counts.get(unit, 0) + 1
    where = ", ".join(f"{n} {unit}" for unit, n in counts.items())
    ketentuan = f.clause if f.clause and not f.clause.startswith("-") else \
        "Kewajaran perhitungan (tanpa klausul khusus)"
    if f.resolution:
        refs = [m.group(2) for i in items if (m := _RESOLUSI.search(i.message))]
        upaya = UPAYA_SELESAI.get(f.resolution, f.resolution.title())
        upaya += f" ({'; '.join(dict.fromkeys(refs))})." if refs else "."
    elif f.rule.startswith(MONEV_PREFIX):
        upaya = UPAYA_PEMANTAUAN
    else:
        upaya = UPAYA.get(f.severity.value, UPAYA["PERINGATAN"])
    sifat = SIFAT.get(f.level, f.level.capitalize())
    return Butir(f"{sifat}: belum sesuai ketentuan \u201c{judul}\u201d pada {where}.",
                 ketentuan, upaya, f.rule,
                 f.level, tuple(f"{i.sheet} {i.cell or i.row or ''}".strip() for i in items))


def _tenggat(findings: list[Finding], per: Periode, pack: RulePack) -> list[Finding]:
    """The deadline findings about this report's own date field."""
    cell = load_layout().profil.cell(per.tanggal_field)
    return [f for f in findings if f.rule == per.rule and f.cell == cell]
