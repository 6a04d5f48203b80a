"""What changed between two versions of one kab/kota's workbook.

Reviewers receive revised files; they need only the changes: activities added or
removed, cost lines whose amounts changed (old and new amount), participants added
or removed, findings resolved and new. Everything is matched by its code (kode
kegiatan, kode baris, NIK), never by row, so inserting a row moves nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date

from ..domain.calendar import tanggal
from ..domain.finding import Finding
from ..domain.money import rupiah
from ..domain.privacy import mask_nik
from ..domain.records import Dokumen
from ..domain.values import Invalid
from ..engine.totals import line_amount
from ..layout import load_layout

KEGIATAN_FIELDS = ("rincian", "nama_kegiatan", "tanggal_mulai", "tanggal_selesai", "lokasi",
                   "jpl", "target_peserta", "target_keluaran")
TITLES = {
    "kegiatan_baru": "Kegiatan baru", "kegiatan_hapus": "Kegiatan dihapus",
    "kegiatan_ubah": "Kegiatan berubah", "rab_baru": "Baris RAB baru",
    "rab_hapus": "Baris RAB dihapus", "rab_ubah": "Baris RAB berubah",
    "peserta_baru": "Peserta baru", "peserta_hapus": "Peserta dihapus",
    "temuan_selesai": "Temuan selesai", "temuan_baru": "Temuan baru",
}


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
    selisih_rab: int = 0  # new total RAB minus old total RAB

    @property
    def kosong(self) -> bool:
        return not any(items for _, _, items in self.sections())

    def sections(self) -> list[tuple[str, str, list[str]]]:
        """(key, Indonesian title, lines) in reading order."""
        return [(f.name, TITLES[f.name], getattr(self, f.name)) for f in fields(self)
                if f.name in TITLES]

    def to_json_dict(self) -> dict:
        data = {key: items for key, _, items in self.sections()}
        data["selisih_rab"] = self.selisih_rab
        return data


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
    out.kegiatan_baru = [_activity(b[kode]) for kode in b if kode not in a]
    out.kegiatan_hapus = [_activity(a[kode]) for kode in a if kode not in b]
    kak = load_layout().tables["KAK"]
    for kode in sorted(a.keys() & b.keys(), key=str):
        changes = [f"{kak.column(f).header} {_shown(getattr(a[kode], f))} menjadi "
                   f"{_shown(getattr(b[kode], f))}"
                   for f in KEGIATAN_FIELDS if getattr(a[kode], f) != getattr(b[kode], f)]
        if changes:
            out.kegiatan_ubah.append(f"{kode}: " + "; ".join(changes))


def _rab(old: Dokumen, new: Dokumen, out: Perubahan) -> None:
    a = {r.kode_baris: r for r in old.rab}
    b = {r.kode_baris: r for r in new.rab}
    out.rab_baru = [f"{_line(b[k])}: {_amount(b[k])}" for k in b if k not in a]
    out.rab_hapus = [f"{_line(a[k])}: {_amount(a[k])}" for k in a if k not in b]
    for k in sorted(a.keys() & b.keys(), key=str):
        before, after = line_amount(a[k]), line_amount(b[k])
        if before != after or a[k].uraian != b[k].uraian:
            text = f"{_line(b[k])}: {_amount(a[k])} menjadi {_amount(b[k])}"
            if before is not None and after is not None and before != after:
                text += f" (selisih {_signed(after - before)})"
            out.rab_ubah.append(text)
    out.selisih_rab = _total(new) - _total(old)


def _peserta(old: Dokumen, new: Dokumen, out: Perubahan) -> None:
    def key(p):
        return (p.kode_kegiatan, p.nik if isinstance(p.nik, str) else p.nama)

    a = {key(p): p for p in old.peserta}
    b = {key(p): p for p in new.peserta}
    out.peserta_baru = [_person(b[k]) for k in b if k not in a]
    out.peserta_hapus = [_person(a[k]) for k in a if k not in b]


def _findings(old: list[Finding], new: list[Finding], out: Perubahan) -> None:
    """Matched by rule, sheet and message (which names the record), not by cell: a row
    inserted above does not turn every later finding into 'selesai' + 'baru'."""
    def key(f: Finding) -> tuple:
        return (f.rule, f.sheet, f.message)

    a = [f for f in old if f.is_open]
    b = [f for f in new if f.is_open]
    left = Counter(key(f) for f in b)
    for f in a:
        if left[key(f)]:
            left[key(f)] -= 1
        else:
            out.temuan_selesai.append(_finding(f))
    right = Counter(key(f) for f in a)
    for f in b:
        if right[key(f)]:
            right[key(f)] -= 1
        else:
            out.temuan_baru.append(_finding(f))


def _total(doc: Dokumen) -> int:
    return sum(line_amount(r) or 0 for r in doc.rab)


def _activity(k) -> str:
    return f"{k.kode_kegiatan} ({_shown(k.rincian)}) {k.nama_kegiatan or ''}".strip()


def _line(r) -> str:
    return f"{r.kode_baris} {r.uraian or ''}".strip()


def _amount(r) -> str:
    amount = line_amount(r)
    return rupiah(amount) if amount is not None else "(jumlah tidak terbaca)"


def _signed(amount: int) -> str:
    return f"+{rupiah(amount)}" if amount > 0 else rupiah(amount)


def _shown(value: object) -> str:
    if value is None:
        return "(kosong)"
    if isinstance(value, Invalid):
        return f"'{value.raw}'"
    if isinstance(value, date):
        return tanggal(value)
    return str(value)


def _person(p) -> str:
    nik = mask_nik(p.nik) if p.nik is not None else "-"
    return f"{_shown(p.kode_kegiatan)}: {_shown(p.nama)} (NIK {nik})"


def _finding(f: Finding) -> str:
    where = f"{f.sheet}!{f.cell}" if f.cell else f"{f.sheet} baris {f.row}"
    return f"{f.rule} {f.level} di {where}: {f.message}"
