"""An annex page as data: every cell's value and look, row heights, column widths,
merges and print setup, decided once for both writers.

`sheet.render_annex` applies a plan to an openpyxl worksheet (the template's Lampiran
sheets, which the fill later patches); `annex_writer` streams it with XlsxWriter (the
exported annex workbook). Neither decides a width, a height, a format or a page
setting of its own, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from .frame import STYLE_ROWS, AnnexFrame
from .lampiran import NIHIL, LampiranTable, Row, nihil_column
from .metrics import lines_needed, width_for

FONT = "Arial"  # Liberation Sans where Arial is absent: the same widths (see metrics)
SIZE = 9  # header and data rows
LINE_POINTS = 12.0  # one line of 9 pt text, as Excel spaces it
MAX_GROWTH = 3  # see fitted_widths
INJECTION_PREFIXES = ("=", "+", "-", "@")
MONEY = '#,##0;-#,##0;"-"'
PERCENT = '0.00%'
DECIMAL_FMT = '#,##0.##'
INTEGER = '#,##0'
DATE = 'dd-mm-yyyy'
FORMATS = {"money": MONEY, "percent": PERCENT, "decimal": DECIMAL_FMT, "int": INTEGER,
           "date": DATE, "no": "General", "text": "@"}
NUMERIC = {"money", "percent", "decimal", "int"}

HEAD_FILL = "D9E1F2"
LEVEL_FILL = {"menu": "D9D9D9", "rincian": "EDEDED", "kegiatan": "F6F6F6", "total": "D9E1F2"}
BOLD_LEVELS = {"menu", "rincian", "kegiatan", "total"}
LEVELS = ("data", *BOLD_LEVELS)

PAGE_FOOTER = "Halaman &P dari &N"  # &P page, &N pages: Excel and LibreOffice both fill them
# Inches; written explicitly so Excel and LibreOffice, which default differently, cut
# the same pages.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.7, "header": 0.3, "footer": 0.3}
DRAF = "DRAF"
DRAF_COLOR = "FF0000"


class Formula(str):
    """A cell formula the template means to write (e.g. a Profil reference)."""


@dataclass(frozen=True)
class Kop:
    """Title block lines above the table, and the signature block below it."""

    judul: list = field(default_factory=list)  # str | Formula, first lines bold
    tanda_tangan: list = field(default_factory=list)  # place/date, jabatan, name, NIP


@dataclass(frozen=True)
class Placement:
    """Where the renderer put things: the writers and tests read it."""

    header_row: int
    first_row: int
    last_row: int  # last data row (header_row + 1 when empty)
    last_column: str
    signature_row: int


@dataclass(frozen=True)
class Look:
    """How a cell looks, in terms both writers translate (hashable: a style key)."""

    size: float = SIZE
    bold: bool | None = None
    italic: bool | None = None
    underline: bool = False
    fill: str | None = None  # solid fill, RGB hex
    border: bool = False  # thin black on all four sides
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False
    num_format: str = "General"


NOTE = Look(size=8, italic=True)


@dataclass
class PlanRow:
    row: int  # 1-based
    cells: list = field(default_factory=list)  # (column 1-based, value, Look)
    height: float | None = None
    merge_to: int = 0  # merge columns 1..merge_to of the row (0: no merge)
    hidden: bool = False


@dataclass
class PageSetup:
    landscape: bool
    title_rows: tuple[int, int]
    print_area: str | None  # "A1:K40"; None: the used range prints
    footer_left: str
    freeze_row: int  # first unfrozen row


@dataclass
class AnnexPlan:
    rows: list[PlanRow]
    widths: list[float]
    placement: Placement
    page: PageSetup

    def row(self, number: int) -> PlanRow:
        """The planned row `number`, added in order when the plan had none."""
        for planned in self.rows:
            if planned.row == number:
                return planned
        planned = PlanRow(number)
        self.rows.append(planned)
        self.rows.sort(key=lambda p: p.row)
        return planned

    def set_value(self, row: int, column: int, value, look: Look | None = None) -> None:
        """Put `value` in a cell, keeping the look the plan gave it (or `look`)."""
        planned = self.row(row)
        for i, (col, _old, old_look) in enumerate(planned.cells):
            if col == column:
                planned.cells[i] = (column, value, look or old_look)
                return
        planned.cells.append((column, value, look or Look()))
        planned.cells.sort(key=lambda c: c[0])


def plan_annex(table: LampiranTable, kop: Kop, *, spare_rows: int = 0,
               frame: AnnexFrame | None = None) -> AnnexPlan:
    """Lay `table` out where `frame` says (the template passes its declared frame; an
    export lays the title at the top). `spare_rows` blank bordered rows."""
    frame = frame or AnnexFrame(len(table.columns), len(kop.judul), spare_rows=spare_rows)
    if len(kop.judul) != frame.title_lines:
        raise ValueError(f"Lampiran {table.nomor}: {len(kop.judul)} title lines, frame has "
                         f"{frame.title_lines}")
    ncols = len(table.columns)
    # The template's frame keeps its declared widths (the fill cannot widen them); an
    # export widens a column so no word of its rows (a date, a code) is cut in two.
    widths = [c.width for c in table.columns] if frame.has_style_rows else fitted_widths(table)
    rows = _style_rows(table, frame) if frame.has_style_rows else []
    rows += _title_block(kop.judul, widths, frame.title_row)
    rows += _header(table, frame.header_row, widths)
    data = table.rows
    if not data and not frame.has_style_rows:  # an exported empty annex says so
        cells = [None] * ncols
        cells[nihil_column(table)] = NIHIL
        data = [Row(tuple(cells))]
    r = frame.first_row
    for line in [*data, *[Row((None,) * ncols)] * frame.spare_rows]:
        rows.append(data_row(table, r, line.cells, line.level, widths))
        r += 1
    last_row = frame.last_row(r - frame.first_row)
    if table.catatan:
        rows.append(PlanRow(last_row + 1, [(1, table.catatan, NOTE)]))
    sig = frame.signature_row(last_row, 1 if table.catatan else 0)
    rows += [PlanRow(sig + i, [(frame.sign_col, text, signature_look(i == len(kop.tanda_tangan)
                                                                       - 2))])
             for i, text in enumerate(kop.tanda_tangan)]
    last = get_column_letter(ncols)
    end_row = sig + len(kop.tanda_tangan)
    page = PageSetup(table.landscape, (frame.header_row, frame.header_row + 1),
                     None if frame.has_style_rows else f"A1:{last}{end_row}",
                     f"Lampiran {table.nomor} - {table.judul}", frame.header_row + 2)
    placement = Placement(frame.header_row, frame.first_row, last_row, last, sig)
    return AnnexPlan(rows, widths, placement, page)


def _style_rows(table: LampiranTable, frame: AnnexFrame) -> list[PlanRow]:
    """The template's hidden, empty style rows: one per kind of line the fill writes,
    formatted by the same looks as the visible lines."""
    rows = []
    for kind in STYLE_ROWS:
        row = frame.style_row(kind)
        if kind in LEVELS:
            planned = data_row(table, row, (None,) * len(table.columns), kind)
        elif kind == "catatan":
            planned = PlanRow(row, [(1, None, NOTE)])
        elif kind in ("ttd", "ttd_nama"):
            planned = PlanRow(row, [(frame.sign_col, None, signature_look(kind == "ttd_nama"))])
        else:
            planned = PlanRow(row)
        planned.hidden = True
        rows.append(planned)
    return rows


def _title_block(lines: list, widths: list[float], top: int) -> list[PlanRow]:
    rows = []
    for i, text in enumerate(lines, start=1):
        size = 12 if i <= 2 else 10
        look = Look(size=size, bold=i <= 3, horizontal="center", vertical="center", wrap=True)
        # Merged cells do not grow with wrapped text: give long lines their height.
        count = lines_needed(str(text), sum(widths), size, i <= 3) if text else 1
        rows.append(PlanRow(top + i - 1, [(1, text, look)], count * size * 1.45,
                            merge_to=len(widths)))
    return rows


def _header(table: LampiranTable, row: int, widths: list[float]) -> list[PlanRow]:
    def look(bold: bool) -> Look:
        return Look(bold=bold, italic=not bold, fill=HEAD_FILL, border=True,
                    horizontal="center", vertical="center", wrap=True)

    lines = max(lines_needed(c.header, w, SIZE, True) for c, w in zip(table.columns, widths))
    head = PlanRow(row, [(i, c.header, look(True)) for i, c in enumerate(table.columns, 1)],
                   max(42.0, LINE_POINTS * lines + 6))
    numbers = PlanRow(row + 1, [(i, f"({i})", look(False))
                                for i in range(1, len(table.columns) + 1)])
    return [head, numbers]


def data_row(table: LampiranTable, row: int, cells: tuple, level: str,
             widths: list[float] | None = None) -> PlanRow:
    planned = PlanRow(row, height=row_height(table, cells, level, widths))
    for i, (col, value) in enumerate(zip(table.columns, cells), start=1):
        kind = col.kind
        if kind == "decimal" and isinstance(value, (int, Decimal)) and value == int(value):
            kind = "int"  # Excel prints "24." under #,##0.## (LibreOffice "24")
        if col.kind == "percent" and isinstance(value, Decimal):
            value = value / 100  # the annex shows a real percentage format
        planned.cells.append((i, value, data_look(kind, level)))
    return planned


_DATA_LOOKS: dict = {}


def data_look(kind: str, level: str) -> Look:
    key = (kind, level)
    if key not in _DATA_LOOKS:  # one object per key: the writers cache by identity cheaply
        numeric = kind in NUMERIC
        _DATA_LOOKS[key] = Look(
            bold=level in BOLD_LEVELS, italic=False, fill=LEVEL_FILL.get(level), border=True,
            horizontal="right" if numeric else ("center" if kind in {"no", "date"} else None),
            vertical="top", wrap=not numeric, num_format=FORMATS[kind])
    return _DATA_LOOKS[key]


def signature_look(is_name: bool) -> Look:
    """Left-aligned, not merged, not wrapped: each line runs over the empty cells to its
    right, so the fill can move the block below any number of rows without merges."""
    return Look(size=10, bold=is_name, underline=is_name, horizontal="left")


def row_height(table: LampiranTable, cells: tuple, level: str = "data",
               widths: list[float] | None = None) -> float:
    """Points for a row whose text wraps: neither Excel nor LibreOffice grows a row
    written by openpyxl or XlsxWriter, so a long name would be cut off when printed.
    Lines are counted with Arial's widths (`metrics`) in the columns' widths."""
    widths = widths or [c.width for c in table.columns]
    bold = level in BOLD_LEVELS
    lines = 1
    for col, width, value in zip(table.columns, widths, cells):
        if isinstance(value, str) and col.kind in {"text", "no"}:
            lines = max(lines, lines_needed(value, width, SIZE, bold))
    return LINE_POINTS * lines + 1


def fitted_widths(table: LampiranTable) -> list[float]:
    """Each column's width, widened where a word of the header or of a row (a date, a
    code, an amount, a unit such as "kamar/malam") would not fit on one line: both
    programs would cut it mid-word. Bold is assumed: the wider of the two. A column
    grows to at most `MAX_GROWTH` times its width: one pasted web address must not
    shrink the whole page to fit it."""
    widths = []
    for i, col in enumerate(table.columns):
        tokens = col.header.split()
        for row in table.rows:
            value = row.cells[i] if i < len(row.cells) else None
            if col.kind in {"money", "int"} and isinstance(value, int):
                tokens.append(f"{value:,}")  # "," and "." are equally wide in Arial
            elif col.kind in {"text", "no"} and isinstance(value, str):
                tokens += value.split()
        need = max((width_for(t, SIZE, True) for t in tokens), default=0.0)
        widths.append(round(max(col.width, min(need, col.width * MAX_GROWTH)), 1))
    return widths


def as_written(value):
    """A whole Decimal as an int: Excel keeps no trailing zeros, and -0.00 (a refund that
    cancels a payment) must not print as "-0"."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def is_injection(value) -> bool:
    """Text Excel would take for a formula when the user edits the cell."""
    return isinstance(value, str) and not isinstance(value, Formula) and \
        value.startswith(INJECTION_PREFIXES)
