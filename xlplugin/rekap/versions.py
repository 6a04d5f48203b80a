"""Returned files counted per template version: which kab/kota still fill an older
template (and should run `xlplugin upgrade`), which one has a newer one than the
reviewer's xlplugin."""

from __future__ import annotations

from dataclasses import dataclass

from ..io.version import NEWER, OLDER, UNKNOWN
from ..layout.history import current
from .summary import RingkasanFile


@dataclass(frozen=True)
class JumlahVersi:
    versi: str  # template version, or UNKNOWN
    tata_letak: str  # layout version, "" when unknown
    berkas: tuple[str, ...]  # the files, as listed in the rekap
    umur: str | None  # io.version CURRENT / OLDER / NEWER; None when unknown

    @property
    def jumlah(self) -> int:
        return len(self.berkas)

    def keterangan(self) -> str:
        installed = current()[0]
        if self.umur == OLDER:
            return f"Lebih lama dari versi terpasang {installed}: jalankan xlplugin upgrade."
        if self.umur == NEWER:
            return f"Lebih baru dari xlplugin terpasang {installed}: perbarui xlplugin."
        if self.versi == UNKNOWN:
            return "Versi tidak dikenali (berkas tidak terbaca atau bukan dari templat ini)."
        return "Versi terpasang."


def per_versi(files: list[RingkasanFile]) -> list[JumlahVersi]:
    """Files of the template (read or not, other workbooks aside) grouped by version,
    newest first; files whose version is unknown last."""
    groups: dict[tuple, list[RingkasanFile]] = {}
    for f in files:
        if f.bukan_templat:
            continue
        v = f.versi
        key = (v.template, v.layout or "", v.age) if v and v.template else (UNKNOWN, "", None)
        groups.setdefault(key, []).append(f)
    rows = [JumlahVersi(versi, layout, tuple(f.file for f in group), age)
            for (versi, layout, age), group in groups.items()]
    return sorted(rows, key=_order)


def _order(row: JumlahVersi) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (0, tuple(-p for p in Version(row.versi).release))
    except InvalidVersion:
        return (1, ())
