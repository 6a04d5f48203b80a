"""What changed between two versions of one kab/kota's workbook.

Reviewers receive revised files; they need only the changes: activities added or
removed, cost lines whose amounts changed, participants added or removed, findings
resolved and new.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.finding import Finding
from ..domain.money import rupiah
from ..domain.privacy import mask_nik
from ..domain.records import Dokumen

KEGIATAN_FIELDS = ("rincian", "nama_kegiatan", "tanggal_mulai", "tanggal_selesai", "lokasi",
                   "jpl", "target_peserta", "target_keluaran")


@dataclass
class Perubahan:
    kegiatan_baru: list[str] = field(default_factory=list)
    kegiatan_hapus: list[str] = field(default_factory=list)
    kegiatan_ubah: list[str] = field(default_factory=list)
    rab_baru: list[str] = field(default_factory=list)
    rab_hapus: list[str] = field(default_factory=list)
    rab_ubah: list[str] = field(default_factory=list)
    peserta_baru: list[str] = field(default_factory=list)
    peserta_hapus: list[str] = field(default_factory=list)
    temuan_selesai: list[str] = field(default_factory=list)
    temuan_baru: list[str] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)

    def sections(self) -> list[tuple[str, list[str]]]:
        return [
            ("Kegiatan baru", self.kegiatan_baru), ("Kegiatan dihapus", self.kegiatan_hapus),
            ("Kegiatan berubah", self.kegiatan_ubah), ("Baris RAB baru", self.rab_baru),
            ("Baris RAB dihapus", self.rab_hapus), ("Baris RAB berubah", self.rab_ubah),
            ("Peserta baru", self.peserta_baru), ("Peserta dihapus", self.peserta_hapus),
            ("Temuan selesai", self.temuan_selesai), ("Temuan baru", self.temuan_baru),
        ]


def compare(old: Dokumen, new: Dokumen, old_findings: list[Finding],
            new_findings: list[Finding]) -> Perubahan:
    out = Perubahan()
    _kegiatan(old, new, out)
    _rab(old, new, out)
    _peserta(old, new, out)
    _findings(old_findings, new_findings, out)
    return out


def _kegiatan(old: Dokumen, new: Dokumen, out: Perubahan) -> None:
    a = {k.kode_kegiatan: k for k in old.kegiatan}
    b = {k.kode_kegiatan: k for k in new.kegiatan}
    out.kegiatan_baru = [f"{kode} {b[kode].nama_kegiatan or ''}".strip() for kode in b if kode not in a]
    out.kegiatan_hapus = [f"{kode} {a[kode].nama_kegiatan or ''}".strip() for kode in a if kode not in b]
    for kode in a.keys() & b.keys():
        changes = [f"{f}: {getattr(a[kode], f)} -> {getattr(b[kode], f)}"
                   for f in KEGIATAN_FIELDS if getattr(a[kode], f) != getattr(b[kode], f)]
        if changes:
            out.kegiatan_ubah.append(f"{kode}: " + "; ".join(changes))
    out.kegiatan_ubah.sort()


def _rab(old: Dokumen, new: Dokumen, out: Perubahan) -> None:
    a = {r.kode_baris: r for r in old.rab}
    b = {r.kode_baris: r for r in new.rab}
    out.rab_baru = [f"{k} {b[k].uraian or ''}: {_amount(b[k])}" for k in b if k not in a]
    out.rab_hapus = [f"{k} {a[k].uraian or ''}: {_amount(a[k])}" for k in a if k not in b]
    for k in sorted(a.keys() & b.keys(), key=str):
        if _jumlah(a[k]) != _jumlah(b[k]) or a[k].uraian != b[k].uraian:
            out.rab_ubah.append(f"{k} {b[k].uraian or ''}: {_amount(a[k])} -> {_amount(b[k])}")


def _peserta(old: Dokumen, new: Dokumen, out: Perubahan) -> None:
    def key(p):
        return (p.kode_kegiatan, p.nik if isinstance(p.nik, str) else p.nama)

    a = {key(p): p for p in old.peserta}
    b = {key(p): p for p in new.peserta}
    out.peserta_baru = [_person(b[k]) for k in b if k not in a]
    out.peserta_hapus = [_person(a[k]) for k in a if k not in b]


def _findings(old: list[Finding], new: list[Finding], out: Perubahan) -> None:
    def key(f: Finding):
        return (f.rule, f.sheet, f.cell or f.row, f.message)

    a = {key(f): f for f in old if f.is_open}
    b = {key(f): f for f in new if f.is_open}
    out.temuan_selesai = [_finding(a[k]) for k in a if k not in b]
    out.temuan_baru = [_finding(b[k]) for k in b if k not in a]


def _jumlah(r) -> int | None:
    if isinstance(r.jumlah, int):
        return r.jumlah
    return None


def _amount(r) -> str:
    return rupiah(_jumlah(r)) if _jumlah(r) is not None else "(tidak terbaca)"


def _person(p) -> str:
    nik = mask_nik(p.nik) if isinstance(p.nik, str) else "-"
    return f"{p.kode_kegiatan}: {p.nama} (NIK {nik})"


def _finding(f: Finding) -> str:
    where = f"{f.sheet}!{f.cell}" if f.cell else f"{f.sheet} baris {f.row}"
    return f"{f.rule} {f.level} di {where}: {f.message}"
