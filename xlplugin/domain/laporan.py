"""A report's outline (Lampiran IV): its chapters, lampiran and recipients.

The outline is what LAPORAN-FORMAT and LAPORAN-TUJUAN check, and what the report
builder lays out. `expected_outline` is the outline of a correct report, taken
from the rule pack; `engine.checks.laporan.check_laporan` runs the LAPORAN-* rules
over any outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Profil

# jenis -> (format in the pack, label for messages, semester number for the cover)
JENIS = {
    "semester1": ("semester", "Laporan Semester I", "I"),
    "semester2": ("semester", "Laporan Semester II", "II"),
    "akhir": ("akhir", "Laporan Akhir", ""),
}


@dataclass(frozen=True)
class LaporanOutline:
    jenis: str  # "semester1" | "semester2" | "akhir"
    bab: tuple[str, ...]  # chapter titles in order, without their numbers
    lampiran: tuple[str, ...]  # lampiran titles in order, without their numbers
    kepada: tuple[str, ...]  # addressees
    tembusan: tuple[str, ...] = ()  # copies to


def format_of(jenis: str) -> str | None:
    """'semester' or 'akhir'; None for an unknown jenis."""
    return JENIS[jenis][0] if jenis in JENIS else None


def label(jenis: str) -> str:
    return JENIS[jenis][1] if jenis in JENIS else f"Laporan '{jenis}'"


def expected_outline(pack, jenis: str, profil: Profil | None = None) -> LaporanOutline:
    """The outline of a correct report of `jenis` for the region in `profil`."""
    kind = format_of(jenis)
    if kind is None:
        raise ValueError(f"jenis laporan tidak dikenal: {jenis!r}")
    form = pack.rules["LAPORAN-FORMAT"].params
    to = pack.rules["LAPORAN-TUJUAN"].params
    return LaporanOutline(
        jenis=jenis,
        bab=tuple(form["bab"]),
        lampiran=tuple(form["lampiran"]),
        kepada=tuple(addressee(e, profil) for e in to["kepada"].get(kind, [])),
        tembusan=tuple(addressee(e, profil) for e in to["tembusan"].get(kind, [])),
    )


def subbab(pack) -> dict[str, tuple[str, ...]]:
    """Sub-sections per chapter number ("I" -> ("Latar Belakang", "Tujuan"))."""
    return {k: tuple(v) for k, v in pack.rules["LAPORAN-FORMAT"].params["subbab"].items()}


def cover_lines(pack, jenis: str, profil: Profil | None = None) -> list[str]:
    """Title lines of the cover as in IV.B, filled for the year and region."""
    kind, _, semester = JENIS[jenis]
    kab_kota = (profil.kab_kota if profil and isinstance(profil.kab_kota, str)
                else "KABUPATEN/KOTA")
    lines = pack.rules["LAPORAN-FORMAT"].params["sampul"][kind]
    return [line.format(semester=semester, tahun=pack.tahun, kab_kota=kab_kota.upper())
            for line in lines]


def addressee(entry: dict, profil: Profil | None) -> str:
    """IV.A's recipient; for a regional head, the title and region in `profil`.

    "Bupati/Walikota" becomes "Bupati Contoh" or "Wali Kota Bandung" (a Kota's head
    is its Wali Kota), "Gubernur" becomes "Gubernur Jawa Barat".
    """
    field = entry.get("wilayah")
    region = getattr(profil, field, None) if field and profil else None
    if not isinstance(region, str) or not region.strip():
        return entry["nama"]
    name = re.sub(r"^(provinsi|kabupaten|kab\.?|kota)\s+", "", region.strip(), flags=re.IGNORECASE)
    if field == "kab_kota":
        title = "Wali Kota" if re.match(r"kota\b", region.strip(), re.IGNORECASE) else "Bupati"
    else:
        title = entry["nama"]
    return f"{title} {name}"
