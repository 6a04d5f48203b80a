"""The colours and font name every writer of a workbook shares, as plain RGB hex strings.

The template (openpyxl), the file findings writer (styles.xml) and the live adapter
(xlwings) each turn these into their own style objects; keeping the values here, at the
bottom of the package order, lets all three read them without importing one another,
and a finding highlighted by any of them looks the same as the template's own formats.
"""

from __future__ import annotations

FONT_NAME = "Calibri"

DARK_BLUE = "1F4E78"  # table header fill, titles
GREY_TEXT = "595959"  # subtitles and notes
WHITE = "FFFFFF"  # text on the dark blue header
LINK_BLUE = "0563C1"  # hyperlinks, as Excel draws them

# Highlight fill per finding level, the same colours the template's conditional formats use.
LEVEL_COLOURS = {
    "PELANGGARAN": "FFC7CE",
    "PERLU_PERSETUJUAN": "FCD5B4",
    "PERLU_PENJELASAN": "FFEB9C",
    "PERINGATAN": "DDEBF7",
    "DISETUJUI": "C6EFCE",
    "DIJELASKAN": "C6EFCE",
    "GALAT": "D9D9D9",
    "CATATAN": "F2F2F2",
}
