"""The rekap as pandas DataFrames, for analysts at the province and the ministry.

Reviewers who go on in Jupyter or export to their own systems want typed tables,
not a formatted workbook: the same `Tabel`s the rekap workbook shows, one
DataFrame each, with rupiah kept as exact integers. pandas is imported here only:
`xlplugin validate` never pays for it.
"""

from __future__ import annotations

from pathlib import Path

from . import sheets
from .model import Rekap
from .table import Tabel


def tables(rekap: Rekap) -> dict[str, Tabel]:
    """The rekap's tables by a file-friendly name."""
    out = {
        "ringkasan": sheets.ringkasan(rekap),
        "per_provinsi": sheets.per_provinsi(rekap),
        "per_menu": sheets.per_menu(rekap),
        "per_rincian": sheets.per_rincian(rekap),
        "temuan": sheets.temuan(rekap),
        "duplikat": sheets.duplikat(rekap),
        "berkas_bermasalah": sheets.bermasalah(rekap),
        "per_versi": sheets.versi(rekap),
    }
    for menu in rekap.pack.menu:
        out[f"menu_{menu.lower()}"] = sheets.menu_sheet(rekap, menu)
    return out


def to_frame(tabel: Tabel):
    import pandas as pd

    columns = _unique([k.header for k in tabel.kolom])
    frame = pd.DataFrame(tabel.baris, columns=columns)
    for kolom, name in zip(tabel.kolom, columns):
        if kolom.format == "rupiah":  # exact rupiah: nullable integers, never floats
            frame[name] = frame[name].astype("Int64")
    return frame


def rekap_frames(rekap: Rekap) -> dict:
    return {name: to_frame(t) for name, t in tables(rekap).items()}


def write_csv(rekap: Rekap, folder: Path) -> list[Path]:
    """One CSV per table; UTF-8 with BOM and ';' so Excel in an Indonesian locale opens it."""
    from ..ooxml.safe_write import prepare_folder

    prepare_folder(folder)
    written = []
    for name, frame in rekap_frames(rekap).items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
        written.append(path)
    return written


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out
