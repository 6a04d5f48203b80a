"""Cross-file duplicates: one person counted in two kab/kota, one narasumber in two places.

Works on already-read documents; the NIK never leaves this module unmasked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..domain.privacy import mask_nik
from ..domain.records import Dokumen


@dataclass(frozen=True)
class Source:
    label: str  # file name as the reviewer knows it
    kab_kota: str
    doc: Dokumen


@dataclass(frozen=True)
class Duplicate:
    jenis: str  # "peserta" / "narasumber"
    kunci: str  # masked NIK or the normalised name
    rincian: str
    tempat: tuple[str, ...]  # "file: sheet baris N" for each occurrence
    keterangan: str


def duplicate_peserta(sources: list[Source]) -> list[Duplicate]:
    """The same NIK as a participant of the same rincian in two kab/kota."""
    seen: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for src in sources:
        rincian_of = {k.kode_kegiatan: k.rincian for k in src.doc.kegiatan}
        for p in src.doc.peserta:
            rincian = rincian_of.get(p.kode_kegiatan)
            if isinstance(p.nik, str) and isinstance(rincian, str):
                seen[(p.nik, rincian)].append((src.label, src.kab_kota, p.row))
    out = []
    for (nik, rincian), places in sorted(seen.items()):
        if len({kab for _, kab, _ in places}) > 1:
            out.append(Duplicate(
                "peserta", mask_nik(nik), rincian,
                tuple(f"{label}: Peserta baris {row}" for label, _, row in places),
                f"NIK yang sama tercatat sebagai peserta rincian {rincian} di "
                f"{len({kab for _, kab, _ in places})} kabupaten/kota",
            ))
    return out


def duplicate_narasumber(sources: list[Source]) -> list[Duplicate]:
    """The same narasumber booked on overlapping dates in two kab/kota."""
    bookings = defaultdict(list)
    for src in sources:
        kegiatan = {k.kode_kegiatan: k for k in src.doc.kegiatan}
        for n in src.doc.narasumber:
            k = kegiatan.get(n.kode_kegiatan)
            start = _date(n.tanggal_mulai) or (k and _date(k.tanggal_mulai))
            end = _date(n.tanggal_selesai) or (k and _date(k.tanggal_selesai)) or start
            if start and end:
                rincian = k.rincian if k and isinstance(k.rincian, str) else "-"
                bookings[_person_key(n)].append((start, end, src, n.row, rincian))
    out = []
    for key, items in sorted(bookings.items(), key=lambda kv: kv[0]):
        out.extend(_overlaps(_shown_key(key), items))
    return out


def _overlaps(key: str, items: list) -> list[Duplicate]:
    items = sorted(items, key=lambda i: (i[0], i[2].label, i[3]))
    found = []
    for i, (s1, e1, src1, row1, rin1) in enumerate(items):
        for s2, e2, src2, row2, _ in items[i + 1:]:
            if s2 > e1:
                break
            if src1.kab_kota != src2.kab_kota:
                found.append(Duplicate(
                    "narasumber", key, rin1,
                    (f"{src1.label}: Narasumber baris {row1}", f"{src2.label}: Narasumber baris {row2}"),
                    f"dijadwalkan bersamaan {s2:%d-%m-%Y} s.d. {min(e1, e2):%d-%m-%Y} di "
                    f"{src1.kab_kota} dan {src2.kab_kota}",
                ))
    return found


def _person_key(n) -> str:
    """The full NIK when known (masked only when shown), else the normalised name."""
    if isinstance(n.nik, str) and n.nik:
        return "nik:" + n.nik
    return "nama:" + " ".join(str(n.nama or "").lower().split())


def _shown_key(key: str) -> str:
    kind, _, value = key.partition(":")
    return mask_nik(value) if kind == "nik" else value


def _date(value: object) -> date | None:
    return value if isinstance(value, date) else None
