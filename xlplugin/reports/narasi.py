"""The dinas's own words in the report: the Narasi sheet's paragraphs per part, and its
Permasalahan rows per activity (chapter IV), taken from `Dokumen.narasi`.

Parts hold their paragraphs in row order. A Permasalahan row without an activity code,
or with a code the KAK does not know, is a "permasalahan lain" (IV's last part).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.records import Dokumen, Narasi
from ..rulepack.model import BAGIAN_NARASI

LATAR, TUJUAN, PERENCANAAN, PERMASALAHAN, KESIMPULAN, SARAN = BAGIAN_NARASI


@dataclass(frozen=True)
class MasalahDinas:
    """IV: one problem the dinas wrote, with its upaya ("" when not written)."""

    row: int
    kode: str  # "" for a problem of the whole programme
    uraian: str
    upaya: str


@dataclass(frozen=True)
class NarasiLaporan:
    bagian: dict[str, tuple[str, ...]] = field(default_factory=dict)  # part -> paragraphs
    masalah: dict[str, tuple[MasalahDinas, ...]] = field(default_factory=dict)  # kode -> rows

    def teks(self, bagian: str) -> tuple[str, ...]:
        return self.bagian.get(bagian, ())

    @property
    def masalah_lain(self) -> tuple[MasalahDinas, ...]:
        return self.masalah.get("", ())

    def kosong(self, bagian: str) -> bool:
        if bagian == PERMASALAHAN:
            return not self.masalah
        return not self.teks(bagian)


def narasi_laporan(doc: Dokumen) -> NarasiLaporan:
    kegiatan = {k.kode_kegiatan for k in doc.kegiatan if isinstance(k.kode_kegiatan, str)}
    bagian: dict[str, list[str]] = {}
    masalah: dict[str, list[MasalahDinas]] = {}
    for n in sorted(doc.narasi, key=lambda n: n.row):
        part = _bagian(n.bagian)
        if part == PERMASALAHAN:
            row = _masalah(n, kegiatan)
            if row:
                masalah.setdefault(row.kode, []).append(row)
        elif part and _text(n.uraian):
            bagian.setdefault(part, []).append(_text(n.uraian))
    return NarasiLaporan({k: tuple(v) for k, v in bagian.items()},
                         {k: tuple(v) for k, v in masalah.items()})


def _masalah(n: Narasi, kegiatan: set[str]) -> MasalahDinas | None:
    uraian, upaya, kode = _text(n.uraian), _text(n.upaya), _text(n.kode_kegiatan)
    if not uraian and not upaya:
        return None
    if kode and kode not in kegiatan:
        # an activity the KAK does not list: keep the code in the words, not lose the row
        uraian, kode = f"({kode}) {uraian}".strip(), ""
    return MasalahDinas(n.row, kode, uraian or "-", upaya)


def _bagian(value: object) -> str | None:
    """The part a row names, however it is capitalised or spaced; None when unknown
    (the sheet's dropdown and the validator speak to that)."""
    text = " ".join(_text(value).split()).casefold()
    return next((b for b in BAGIAN_NARASI if b.casefold() == text), None)


def _text(value: object) -> str:
    """A text cell as written, '' when empty or unreadable (an Invalid has its own finding)."""
    return value.strip() if isinstance(value, str) else ""
