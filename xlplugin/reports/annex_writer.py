"""Stream annex plans (`annex_plan`) into an .xlsx with XlsxWriter.

The exported annex workbook is written once and never edited by us, so it needs no
object model: XlsxWriter in constant_memory mode writes each row as it comes (memory
stays flat at any size) and keeps one Format per look. openpyxl builds a cell object
per value and serialises it again on save; for the same plans it took about 1.7 times
the CPU time at the "large" benchmark (`python -m bench.report_export --sizes large`,
numbers in the README's Performance section).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .annex_plan import (
    DRAF,
    DRAF_COLOR,
    FONT,
    MARGINS,
    PAGE_FOOTER,
    AnnexPlan,
    Formula,
    Look,
    as_written,
    is_injection,
)
from .stable import EPOCH

A4 = 9
# XlsxWriter rounds `set_column`/`set_row` sizes to whole pixels (up to 0.07 of a
# character, 0.375 pt), which would change what `metrics` planned. Its *_pixels
# variants take the size as given: a row's height is written exactly, a column's
# width to 1/256 of a character, as openpyxl wrote them.
PIXELS_PER_CHAR = 7  # XlsxWriter's digit width of the default font
PIXELS_PER_POINT = 4 / 3
PIXELS_PER_CM = 96 / 2.54


class AnnexWorksheet(Worksheet):
    """Writes fitToWidth="1" too. It is the schema's default, which XlsxWriter leaves
    out, but the annexes write every page setting explicitly (see `sheet._print_setup`):
    Excel and LibreOffice default differently elsewhere, and readers check the file."""

    def _xml_empty_tag(self, tag, attributes=()) -> None:
        if tag == "pageSetup" and self.fit_page and self.fit_width == 1:
            attributes = [*attributes, ("fitToWidth", 1)]
        super()._xml_empty_tag(tag, attributes)


class AnnexWorkbook(xlsxwriter.Workbook):
    worksheet_class = AnnexWorksheet


def open_workbook(path, title: str):
    """A workbook whose bytes depend only on what is written (fixed creation time; zip
    entries are stamped by XlsxWriter itself). Text is never read as a formula or link."""
    wb = AnnexWorkbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False})
    wb.set_properties({"title": title, "author": "xlplugin", "created": EPOCH})
    return wb


class SheetWriter:
    """One worksheet; `Format`s are shared by look across the workbook."""

    def __init__(self, wb, ws, formats: dict):
        self.wb, self.ws, self._formats = wb, ws, formats

    def fmt(self, look: Look, quote: bool = False):
        # Keyed by identity, not by hashing the Look's fields for every cell (the plan
        # reuses one Look object per kind of cell); the Look is kept alive in the value
        # so its id is not reused.
        key = (id(look), quote)
        if key not in self._formats:
            self._formats[key] = (self.wb.add_format(format_props(look, quote)), look)
        return self._formats[key][0]

    def write_plan(self, plan: AnnexPlan, draf: bool = False) -> None:
        ws = self.ws
        for i, width in enumerate(plan.widths):
            ws.set_column_pixels(i, i, width * PIXELS_PER_CHAR)
        for planned in plan.rows:  # constant_memory: rows strictly in order
            r = planned.row - 1
            if planned.height is not None or planned.hidden:
                pixels = None if planned.height is None else planned.height * PIXELS_PER_POINT
                ws.set_row_pixels(r, pixels, None, {"hidden": planned.hidden})
            if planned.merge_to:
                ws.merge_range(r, 0, r, planned.merge_to - 1, "", self.fmt(planned.cells[0][2]))
            for column, value, look in planned.cells:
                self.write(r, column - 1, value, look)
        self.page_setup(plan, draf)

    def write(self, r: int, c: int, value, look: Look) -> None:
        """A value as data: a Formula as formula, any other text as text (no injection)."""
        ws, kind = self.ws, type(value)
        if kind is str:  # the common cases first: this runs once per cell
            # The quote prefix keeps an "=..." text as text when the user edits the cell.
            ws.write_string(r, c, value, self.fmt(look, is_injection(value)))
        elif kind is int or kind is float:
            ws.write_number(r, c, value, self.fmt(look))
        elif kind is Decimal:
            ws.write_number(r, c, as_written(value), self.fmt(look))
        elif value is None:
            ws.write_blank(r, c, None, self.fmt(look))
        elif isinstance(value, Formula):
            ws.write_formula(r, c, str(value), self.fmt(look))
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, self.fmt(look))
        elif isinstance(value, (int, float, Decimal)):
            ws.write_number(r, c, value, self.fmt(look))
        elif isinstance(value, (date, datetime)):
            ws.write_datetime(r, c, value, self.fmt(look))
        else:
            ws.write_string(r, c, str(value), self.fmt(look))

    def page_setup(self, plan: AnnexPlan, draf: bool) -> None:
        """The settings `sheet._print_setup` gives an openpyxl sheet, in XlsxWriter's
        terms (fitToHeight 0: Excel reads a missing one as 1 page tall)."""
        ws, page = self.ws, plan.page
        ws.set_paper(A4)
        ws.set_landscape() if page.landscape else ws.set_portrait()
        ws.fit_to_pages(1, 0)
        first, last = page.title_rows
        ws.repeat_rows(first - 1, last - 1)
        if page.print_area:
            ws.print_area(page.print_area)
        ws.center_horizontally()
        ws.set_margins(MARGINS["left"], MARGINS["right"], MARGINS["top"], MARGINS["bottom"])
        ws.set_footer(f"&L{escape(page.footer_left)}&R{PAGE_FOOTER}",
                      {"margin": MARGINS["footer"]})
        ws.set_header(draf_header() if draf else "", {"margin": MARGINS["header"]})
        ws.freeze_panes(page.freeze_row - 1, 0)


def draf_header() -> str:
    """"DRAF" in the centre of the page header, bold and red."""
    return f'&C&"{FONT},Bold"&K{DRAF_COLOR}{DRAF}'


def escape(text: str) -> str:
    """A literal "&" in a header/footer is written "&&" (a lone one starts a code)."""
    return text.replace("&", "&&")


def format_props(look: Look, quote: bool = False) -> dict:
    props = {"font_name": FONT, "font_size": look.size, "num_format": look.num_format}
    if look.bold:
        props["bold"] = True
    if look.italic:
        props["italic"] = True
    if look.underline:
        props["underline"] = 1
    if look.fill:
        props.update(pattern=1, bg_color=f"#{look.fill}")
    if look.border:
        props.update(border=1, border_color="#000000")
    if look.horizontal:
        props["align"] = look.horizontal
    if look.vertical:
        props["valign"] = "vcenter" if look.vertical == "center" else look.vertical
    if look.wrap:
        props["text_wrap"] = True
    if quote:
        props["quote_prefix"] = True
    return props


def chart_size(width_cm: float, height_cm: float) -> dict:
    return {"width": round(width_cm * PIXELS_PER_CM), "height": round(height_cm * PIXELS_PER_CM)}
