"""The Temuan (findings) sheet: its geometry and content, declared once.

`temuan_cells(...)` says what every cell of the sheet holds (value, formula with its
cached value, style role). The template build lays it out with openpyxl
(`build_temuan_sheet`); the findings writers (XML patch for files, xlwings for a live
book) write the same cells. Besides the visible list the sheet keeps, in hidden
columns, the input fingerprint (a live native formula per input part next to the
value stored at check time: the stale indicator) and the register of the cells the
last check coloured with the format they had before, so a later run or
"Bersihkan Sorotan" restores exactly those cells and nothing else.

Nothing here imports openpyxl at module level: the validate path reads this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ...adapters.base import CellSpec
from ...domain.colours import DARK_BLUE, FONT_NAME, GREY_TEXT, LEVEL_COLOURS, LINK_BLUE, WHITE
from ...layout.model import Layout, column_letter

LEGEND = (("PELANGGARAN", "PELANGGARAN"), ("PERLU_PERSETUJUAN", "PERLU_PERSETUJUAN"),
          ("PERLU_PENJELASAN", "PERLU_PENJELASAN"), ("PERINGATAN", "PERINGATAN"),
          ("DISETUJUI", "DISETUJUI/DIJELASKAN"))
# Worst first: a cell flagged twice shows the colour of its worst open finding.
LEVEL_RANK = {lvl: i for i, lvl in enumerate(
    ("PELANGGARAN", "PERLU_PERSETUJUAN", "PERLU_PENJELASAN", "PERINGATAN", "GALAT",
     "CATATAN", "DISETUJUI", "DIJELASKAN"))}

INSTRUCTIONS = ("Daftar ini diisi oleh tombol Validasi (pita DAK Nonfisik) atau perintah "
                "'xlplugin validate'. Klik 'Buka' untuk menuju sel yang bermasalah; sel itu "
                "diwarnai menurut tingkatnya. 'Bersihkan Sorotan' menghapus warna sorotan.")
NOT_CHECKED = "Belum diperiksa"
FRESH = "Terkini: data tidak berubah sejak pemeriksaan"
STALE = "KEDALUWARSA: data berubah sejak pemeriksaan, jalankan Validasi lagi"
FINGERPRINT_HEADERS = ("Bagian", "Sidik jari data sekarang", "Sidik jari saat diperiksa")
REGISTER_HEADERS = ("Sheet disorot", "Sel disorot", "Format asal")
# Wide enough for the legend entries (one per column from B) and the longest clauses.
WIDTHS = {"No": 5, "Tingkat": 23, "Aturan": 23, "Klausul": 24, "Sheet": 23, "Sel": 25,
          "Pesan": 90, "Buka": 8}
LINE_HEIGHT = 13.5  # points per wrapped line of 10 pt text


@dataclass(frozen=True)
class Row:
    """One line of the visible list (a finding or a read problem)."""

    level: str
    rule: str
    clause: str
    sheet: str
    cell: str | None
    row: int | None
    message: str


@dataclass(frozen=True)
class Fingerprint:
    key: str
    formula: str
    now: float  # the live formula's value for the current inputs (its cached value)
    stored: float | None  # the value at check time; None before any check


class TemuanSheet:
    """Where things are on the Temuan sheet, derived from the layout's meta rows."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.output = layout.outputs["Temuan"]
        self.name = self.output.sheet
        meta = layout.meta
        self.title_row = meta["title_row"]
        self.stamp_row = meta["subtitle_row"]
        self.instructions_row = meta["instructions_row"]
        self.header_row = meta["header_row"]
        self.legend_row = self.header_row - 1
        self.first_row = self.header_row + 1
        self.width = len(self.output.columns)
        self.fp_col = self.width + 2  # hidden block after one spacer column
        self.register_col = self.fp_col + len(FINGERPRINT_HEADERS) + 1
        self.last_col = self.register_col + len(REGISTER_HEADERS) - 1

    @cached_property
    def hidden_columns(self) -> tuple[int, int]:
        return self.fp_col, self.last_col

    def fingerprint_range(self, which: int, count: int) -> str:
        letter = column_letter(self.fp_col + which)
        return f"${letter}${self.first_row}:${letter}${self.first_row + count - 1}"

    def stale_formula(self, count: int) -> str:
        now, stored = self.fingerprint_range(1, count), self.fingerprint_range(2, count)
        return (f'=IF(COUNT({stored})=0,"{NOT_CHECKED}",IF(SUMPRODUCT(--(ABS({now}-{stored})'
                f'>0.01))=0,"{FRESH}","{STALE}"))')


def stale_value(fingerprints: list[Fingerprint]) -> str:
    if all(fp.stored is None for fp in fingerprints):
        return NOT_CHECKED
    same = all(fp.stored is not None and abs(fp.now - fp.stored) <= 0.01 for fp in fingerprints)
    return FRESH if same else STALE


def link_formula(sheet: str, cell: str) -> str:
    target = ("#'" + sheet.replace("'", "''") + "'!" + cell).replace('"', '""')
    return f'=HYPERLINK("{target}","Buka")'


def temuan_cells(layout: Layout, rows: list[Row], stamp: str,
                 fingerprints: list[Fingerprint],
                 register: list[tuple[str, str, str]]) -> list[CellSpec]:
    """Every cell of the Temuan sheet, top to bottom."""
    t = TemuanSheet(layout)
    cells = [CellSpec(t.title_row, 1, t.output.title, role="title")]
    cells += _stamp(t, stamp, fingerprints)
    cells.append(CellSpec(t.instructions_row, 1, INSTRUCTIONS, role="subtitle"))
    cells += _legend(t, rows)
    cells += [CellSpec(t.header_row, i, h, role="header")
              for i, h in enumerate(t.output.columns, start=1)]
    for i, r in enumerate(rows):
        cells += _row(t, t.first_row + i, i + 1, r)
    cells += _fingerprint_block(t, fingerprints)
    cells += _register_block(t, register)
    return cells


def _stamp(t: TemuanSheet, stamp: str, fps: list[Fingerprint]) -> list[CellSpec]:
    return [
        CellSpec(t.stamp_row, 2, f"Diperiksa: {stamp}", role="label"),
        CellSpec(t.stamp_row, 3, "Keadaan:", role="label"),
        CellSpec(t.stamp_row, 4, stale_value(fps), t.stale_formula(len(fps)), role="label"),
    ]


def _legend(t: TemuanSheet, rows: list[Row]) -> list[CellSpec]:
    counts = Counter(r.level for r in rows)
    counts["DISETUJUI"] += counts.pop("DIJELASKAN", 0)
    cells = []
    for i, (level, label) in enumerate(LEGEND, start=2):
        cells.append(CellSpec(t.legend_row, i, f"{label} ({counts.get(level, 0)})",
                              role=f"level:{level}"))
    return cells


def row_heights(layout: Layout, rows: list[Row]) -> dict[int, float]:
    """Heights of the list rows whose message or clause wraps (no program autofits them)."""
    t = TemuanSheet(layout)
    out = {}
    for i, r in enumerate(rows):
        lines = max(-(-len(r.message) // int(WIDTHS["Pesan"] * 1.15)),
                    -(-len(r.clause) // int(WIDTHS["Klausul"] * 1.1)), 1)
        if lines > 1:
            out[t.first_row + i] = lines * LINE_HEIGHT
    return out


def _row(t: TemuanSheet, at: int, number: int, r: Row) -> list[CellSpec]:
    place = r.cell or (f"baris {r.row}" if r.row else "-")
    target = r.cell or (f"A{r.row}" if r.row else "A1")
    values = [number, r.level, r.rule, r.clause, r.sheet, place, r.message]
    roles = ["top", f"level:{r.level}", "top", "wrap", "top", "top", "wrap"]
    cells = [CellSpec(at, i, v, role=role)
             for i, (v, role) in enumerate(zip(values, roles, strict=True), start=1)]
    cells.append(CellSpec(at, len(values) + 1, "Buka", link_formula(r.sheet, target), "link"))
    return cells


def _fingerprint_block(t: TemuanSheet, fps: list[Fingerprint]) -> list[CellSpec]:
    cells = [CellSpec(t.header_row, t.fp_col + i, h, role="hidden")
             for i, h in enumerate(FINGERPRINT_HEADERS)]
    for i, fp in enumerate(fps):
        at = t.first_row + i
        cells += [CellSpec(at, t.fp_col, fp.key, role="hidden"),
                  CellSpec(at, t.fp_col + 1, fp.now, fp.formula, role="hidden")]
        if fp.stored is not None:
            cells.append(CellSpec(at, t.fp_col + 2, fp.stored, role="hidden"))
    return cells


def _register_block(t: TemuanSheet, register: list[tuple[str, str, str]]) -> list[CellSpec]:
    cells = [CellSpec(t.header_row, t.register_col + i, h, role="hidden")
             for i, h in enumerate(REGISTER_HEADERS)]
    for i, entry in enumerate(register):
        cells += [CellSpec(t.first_row + i, t.register_col + j, v, role="hidden")
                  for j, v in enumerate(entry)]
    return cells


def read_register(layout: Layout, grid) -> list[tuple[str, str, str]]:
    """The (sheet, cell, format token) entries the last check left on the sheet."""
    if grid is None:
        return []
    t = TemuanSheet(layout)
    out = []
    for row in range(t.first_row, grid.height + 1):
        sheet, cell, token = (grid.value(row, t.register_col + j) for j in range(3))
        if sheet and cell:
            out.append((str(sheet), str(cell), "" if token is None else str(token)))
    return out


def read_stamp(layout: Layout, grid) -> str | None:
    t = TemuanSheet(layout)
    return None if grid is None else grid.value(t.stamp_row, 2)


# ---------------------------------------------------------------- template build (openpyxl)
def build_temuan_sheet(ws, layout, pack, fingerprints: list[Fingerprint] | None = None) -> None:
    """Lay out the empty Temuan sheet of the template (no findings, not yet checked)."""
    from ...io.fingerprint import parts

    t = TemuanSheet(layout)
    fps = fingerprints or [Fingerprint(p.key, p.formula(), 0.0, None) for p in parts(layout)]
    styles = _openpyxl_styles()
    for spec in temuan_cells(layout, [], "-", fps, []):
        cell = ws.cell(spec.row, spec.col, spec.formula or spec.value)
        for attr, value in styles(spec.role).items():
            setattr(cell, attr, value)
    ws.merge_cells(start_row=t.instructions_row, start_column=1, end_row=t.instructions_row,
                   end_column=t.width)
    ws.row_dimensions[t.instructions_row].height = 30
    for i, name in enumerate(t.output.columns, start=1):
        ws.column_dimensions[column_letter(i)].width = WIDTHS.get(name, 12)
    first, last = t.hidden_columns
    for col in range(first, last + 1):
        ws.column_dimensions[column_letter(col)].hidden = True
    ws.freeze_panes = f"A{t.first_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{t.header_row}:{t.header_row}"


def _openpyxl_styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    fixed = {
        "title": {"font": Font(name=FONT_NAME, size=14, bold=True, color=DARK_BLUE)},
        "subtitle": {"font": Font(name=FONT_NAME, size=10, italic=True, color=GREY_TEXT),
                     "alignment": Alignment(wrap_text=True, vertical="top")},
        "label": {"font": Font(name=FONT_NAME, size=10, bold=True)},
        "header": {"font": Font(name=FONT_NAME, size=10, bold=True, color=WHITE),
                   "fill": PatternFill("solid", fgColor=DARK_BLUE),
                   "alignment": Alignment(wrap_text=True, vertical="center",
                                          horizontal="center")},
        "wrap": {"alignment": Alignment(wrap_text=True, vertical="top")},
        "top": {"alignment": Alignment(vertical="top")},
        "link": {"font": Font(name=FONT_NAME, size=10, color=LINK_BLUE, underline="single")},
    }

    def styles(role: str) -> dict:
        if role.startswith("level:"):
            return {"fill": PatternFill("solid", fgColor=LEVEL_COLOURS[role[6:]])}
        return fixed.get(role, {})

    return styles
