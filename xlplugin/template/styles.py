"""Cell styles of the template: one place for fonts, fills, number formats and locking.

Colours carry meaning the Petunjuk sheet explains: white = input, grey = formula
(locked), dark blue = table header, and one colour per finding severity for the
conditional formatting.
"""

from __future__ import annotations

from copy import copy

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from ..domain.colours import DARK_BLUE, FONT_NAME, GREY_TEXT, LEVEL_COLOURS, WHITE

RUPIAH = '"Rp" #,##0;-"Rp" #,##0'
# Formula money columns of the input tables hide a zero, so 2,000 empty RAB rows
# do not all read "Rp 0".
RUPIAH_HIDE_ZERO = '"Rp" #,##0;-"Rp" #,##0;;@'
DATE = "dd/mm/yyyy"
TEXT = "@"
INTEGER = "#,##0"
DECIMAL = "#,##0.##"
PERCENT_NUMBER = "0"  # percent columns hold 0-100, not a fraction
PERCENT = "0.0%"

NUMBER_FORMAT = {
    "code": TEXT, "text": "General", "nik": TEXT, "enum": "General", "bool": "General",
    "int": INTEGER, "decimal": DECIMAL, "money": RUPIAH, "percent": PERCENT_NUMBER, "date": DATE,
}
# NIB is a 13-digit number that must keep its leading digits: stored as text too.
TEXT_KEYS = {"nib", "nik", "nip_kepala_dinas"}

HEADER_FILL = PatternFill("solid", fgColor=DARK_BLUE)
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
STATUS_FILL = PatternFill("solid", fgColor="FFF2CC")
BANNER_FILL = PatternFill("solid", fgColor="C00000")
LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True, color=DARK_BLUE)
SUBTITLE_FONT = Font(name=FONT_NAME, size=10, italic=True, color=GREY_TEXT)
INSTRUCTION_FONT = Font(name=FONT_NAME, size=10, color="404040")
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color=WHITE)
BODY_FONT = Font(name=FONT_NAME, size=10)
BOLD_FONT = Font(name=FONT_NAME, size=10, bold=True)
BANNER_FONT = Font(name=FONT_NAME, size=11, bold=True, color=WHITE)
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)

# Conditional-format colours per severity (fill, font), named as the Petunjuk names them:
# the fill is the level's highlight colour, so a checked cell looks as the live format did.
SEVERITY_COLOURS = {
    "PELANGGARAN": (LEVEL_COLOURS["PELANGGARAN"], "9C0006", "merah"),
    "PERLU_PERSETUJUAN": (LEVEL_COLOURS["PERLU_PERSETUJUAN"], "974706", "jingga"),
    "PERLU_PENJELASAN": (LEVEL_COLOURS["PERLU_PENJELASAN"], "9C5700", "kuning"),
    "PERINGATAN": (LEVEL_COLOURS["PERINGATAN"], DARK_BLUE, "biru muda"),
}


def number_format(kind: str, key: str = "") -> str:
    return TEXT if key in TEXT_KEYS else NUMBER_FORMAT[kind]


def input_alignment(kind: str, width: float) -> Alignment:
    """Wide text columns wrap (rows grow to fit); everything sits at the top of its row."""
    return Alignment(vertical="top", wrap_text=kind == "text" and width >= 20)


def style_input(cell, kind: str, key: str = "", width: float = 0) -> None:
    cell.font = BODY_FONT
    cell.number_format = number_format(kind, key)
    cell.protection = UNLOCKED
    cell.border = BOX
    cell.alignment = input_alignment(kind, width)


def style_formula(cell, kind: str) -> None:
    cell.font = BODY_FONT
    cell.fill = FORMULA_FILL
    cell.number_format = RUPIAH_HIDE_ZERO if kind == "money" else number_format(kind)
    cell.protection = LOCKED
    cell.border = BOX
    cell.alignment = Alignment(vertical="top")


def style_header(cell) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    cell.border = BOX
    cell.protection = LOCKED


def style_title_block(ws, title: str, subtitle: str, instructions: str, meta: dict,
                      width_columns: int) -> None:
    """Title, subtitle and instructions rows above a sheet's table or form."""
    ws.cell(meta["title_row"], 1, title).font = TITLE_FONT
    ws.cell(meta["subtitle_row"], 1, subtitle).font = SUBTITLE_FONT
    cell = ws.cell(meta["instructions_row"], 1, instructions)
    cell.font = INSTRUCTION_FONT
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if width_columns > 1:
        ws.merge_cells(start_row=meta["instructions_row"], start_column=1,
                       end_row=meta["instructions_row"], end_column=width_columns)
    ws.row_dimensions[meta["instructions_row"]].height = 30


def style_array(cell):
    """The cell's internal style record, to copy onto many cells cheaply."""
    return copy(cell._style)
