"""The Temuan (findings) sheet of the template. Owned by the validation writer.

Minimal first version: title and header row from the layout. The findings writer
(xlplugin.io) fills rows below the header.
"""

from __future__ import annotations


def build_temuan_sheet(ws, layout, pack) -> None:
    out = layout.outputs["Temuan"]
    ws["A1"] = out.title
    for i, header in enumerate(out.columns, start=1):
        ws.cell(row=layout.meta["header_row"], column=i, value=header)
