"""The report annex sheets (Lampiran 1-5). Owned by the reports package.

Minimal first version: the title only; xlplugin.reports lays out the printable annex.
"""

from __future__ import annotations


def build_lampiran_sheet(ws, key: str, layout, pack, profil=None) -> None:
    ws["A1"] = layout.outputs[key].title
