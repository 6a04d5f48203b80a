"""Where an annex sheet puts things: the one declaration the renderer, the template's
Lampiran sheets (`template.sheets.lampiran`) and the fill (`reports.fill`) all read.

Top to bottom: `top` rows above the title (the template's hidden style rows), the
title block, one blank row, the header row and the column-number row, the data rows,
the notes, one blank row, and the Kepala Dinas signature block.

The template's frame keeps one hidden, empty style row per kind of line the fill
writes (`STYLE_ROWS`), formatted exactly as the renderer formats that line. The fill
gives each cell it writes the format of its line's style row (`like:<row>` role), so
both adapters copy formats the workbook itself holds: the file adapter reuses the
style index, Excel pastes the formats. No format is rebuilt in two places.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lampiran import COLUMNS_BY_NOMOR

# Kinds of line, in the order of the template's hidden style rows (row 1 = "data").
# "kosong" stays unformatted: it wipes the format of a cell the previous fill used.
STYLE_ROWS = ("data", "menu", "rincian", "kegiatan", "total", "catatan", "ttd", "ttd_nama",
              "kosong")
TITLE_LINES = 5  # the template's title block (reports.kop.template_kop)
SPARE_ROWS = 10  # bordered blank rows: the empty frame reads as a form when printed


@dataclass(frozen=True)
class AnnexFrame:
    ncols: int
    title_lines: int
    top: int = 0  # rows above the title block (the template's hidden style rows)
    spare_rows: int = 0

    @property
    def has_style_rows(self) -> bool:
        return self.top >= len(STYLE_ROWS)

    def style_row(self, kind: str) -> int:
        return STYLE_ROWS.index(kind) + 1

    @property
    def title_row(self) -> int:
        return self.top + 1

    @property
    def header_row(self) -> int:
        return self.top + self.title_lines + 2  # one blank row under the title

    @property
    def first_row(self) -> int:
        return self.header_row + 2  # under the column-number row

    @property
    def sign_col(self) -> int:
        """The signature block's column: the last four columns, on the right."""
        return max(1, self.ncols - 3)

    def last_row(self, data_rows: int) -> int:
        """Last row of the data area (the column-number row when there is no data)."""
        return self.first_row + data_rows - 1 if data_rows else self.header_row + 1

    def signature_row(self, last_row: int, notes: int) -> int:
        """The notes sit under the data; one blank row, then the signature block."""
        return last_row + max(notes, 1) + 2


def template_frame(nomor: int) -> AnnexFrame:
    """The frame of the template's Lampiran `nomor` sheet."""
    return AnnexFrame(len(COLUMNS_BY_NOMOR[nomor]), TITLE_LINES, top=len(STYLE_ROWS),
                      spare_rows=SPARE_ROWS)
