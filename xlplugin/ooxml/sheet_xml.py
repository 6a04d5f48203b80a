"""Edit one worksheet's XML: a cell's style index, a formula's cached value, whole rows.

Only what the findings writer needs, on the parsed tree: everything else in the part
(columns, merges, validations, conditional formats, protection) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from ..layout.model import column_index, column_letter
from .package import NS_MAIN

N = f"{{{NS_MAIN}}}"
_REF = re.compile(r"([A-Z]+)(\d+)")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_COLS: dict[str, int] = {}


def _col(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    col = _COLS.get(letters)
    if col is None:
        col = _COLS[letters] = column_index(letters)
    return col


def split_ref(ref: str) -> tuple[int, int]:
    m = _REF.fullmatch(ref.replace("$", "").upper())
    return int(m[2]), column_index(m[1])


def number_positions(data) -> None:
    """Give every row and cell its `r`: the format lets writers omit it (position
    then means previous + 1), but every lookup here goes by reference."""
    row_number = 0
    for row in data.iter(N + "row"):
        r = row.get("r")
        row_number = int(r) if r else row_number + 1
        if not r:
            row.set("r", str(row_number))
        previous = None  # the column is worked out only for a cell without `r`
        for cell in row.iter(N + "c"):
            ref = cell.get("r")
            if not ref:
                col = (split_ref(previous)[1] if previous else 0) + 1
                ref = f"{column_letter(col)}{row_number}"
                cell.set("r", ref)
            previous = ref


class SheetXml:
    def __init__(self, root):
        self.root = root
        self.data = root.find(N + "sheetData")
        if self.data is None:
            self.data = etree.SubElement(root, N + "sheetData")
        number_positions(self.data)
        self._rows = {int(r.get("r")): r for r in self.data.iter(N + "row")}

    def find(self, ref: str):
        """The cell element of `ref`, or None (scans only its row)."""
        row = self._rows.get(split_ref(ref)[0])
        if row is None:
            return None
        for cell in row:
            if cell.get("r") == ref:
                return cell
        return None

    def column(self, col: int) -> dict[int, object]:
        """Row number -> cell of one column; scans each row from its right end, so the
        status column (the rightmost) costs one look per row."""
        out = {}
        for number, row in self._rows.items():
            for cell in reversed(row):
                c = _col(cell.get("r"))
                if c == col:
                    out[number] = cell
                if c <= col:
                    break
        return out

    # ---------------------------------------------------------------- cells
    def style(self, ref: str) -> int:
        cell = self.find(ref)
        if cell is not None and cell.get("s"):
            return int(cell.get("s"))
        row = self._rows.get(split_ref(ref)[0])  # an absent cell shows its row's format
        if row is not None and row.get("customFormat") in ("1", "true") and row.get("s"):
            return int(row.get("s"))
        return 0

    def set_style(self, ref: str, index: int) -> None:
        cell = self.ensure(ref)
        if index:
            cell.set("s", str(index))
        else:
            cell.attrib.pop("s", None)

    def ensure(self, ref: str):
        cell = self.find(ref)
        if cell is not None:
            return cell
        row_no, col = split_ref(ref)
        row = self._row(row_no)
        cell = etree.Element(N + "c", r=ref)
        for i, existing in enumerate(row):
            if existing.tag == N + "c" and split_ref(existing.get("r"))[1] > col:
                row.insert(i, cell)
                break
        else:
            row.append(cell)
        return cell

    def _row(self, number: int):
        row = self._rows.get(number)
        if row is not None:
            return row
        row = etree.Element(N + "row", r=str(number))
        later = [n for n in self._rows if n > number]
        if later:
            self._rows[min(later)].addprevious(row)
        else:
            self.data.append(row)
        self._rows[number] = row
        return row

    def array_range(self, cell) -> tuple[int, int, int, int] | None:
        """(first row, first col, last row, last col) of the array formula anchored here."""
        f = None if cell is None else cell.find(N + "f")
        if f is None or f.get("t") != "array" or not f.get("ref"):
            return None
        a, _, b = f.get("ref").partition(":")
        (r1, c1), (r2, c2) = split_ref(a), split_ref(b or a)
        return r1, c1, r2, c2

    def set_status(self, col: int, rows: range, texts: Mapping[int, str],
                   array: tuple[int, int, int, int] | None = None) -> None:
        """One text per row in a column: a formula cell (or a member of the array formula
        anchored at the first row, or `array`) keeps its formula and gets the text as its
        cached value; any other cell becomes that plain text. Rows with no text and no
        cell are left alone."""
        cells = self.column(col)
        letter = column_letter(col)
        array = array or self.array_range(cells.get(rows.start))
        for row in rows:
            ref, text, cell = f"{letter}{row}", texts.get(row, ""), cells.get(row)
            if not text and cell is None:
                continue  # no cell, nothing shown: leave the row alone
            in_array = array is not None and array[0] <= row <= array[2]
            if in_array or (cell is not None and cell.find(N + "f") is not None):
                self.set_cached_text(ref, text, cell)
            elif text or cell is not None:
                self.set_text(ref, text)

    @staticmethod
    def cached_text(cell) -> str | None:
        if cell is None:
            return None
        v = cell.find(N + "v")
        if v is None or not v.text:
            return ""  # no cached value shows as an empty cell
        return v.text if cell.get("t") == "str" else None

    def set_cached_text(self, ref: str, text: str, cell=None) -> None:
        """The cached result of a formula cell (or an array formula's member) as text."""
        if cell is not None and self.cached_text(cell) == text:
            return
        cell = self.ensure(ref) if cell is None else cell
        cell.set("t", "str")
        for child in list(cell):
            if child.tag in (N + "v", N + "is"):
                cell.remove(child)
        v = etree.SubElement(cell, N + "v")
        v.text = clean_text(text)

    def set_text(self, ref: str, text: str) -> None:
        """A plain text value (inline string: never a formula, whatever it starts with)."""
        cell = self.ensure(ref)
        _clear(cell)
        if text:
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, N + "is")
            t = etree.SubElement(inline, N + "t")
            t.text = clean_text(text)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    # ---------------------------------------------------------------- whole regions
    def clear_region(self, first_row: int, first_col: int, last_col: int) -> None:
        """Remove every cell in rows >= first_row within columns first_col..last_col."""
        for number, row in list(self._rows.items()):
            if number < first_row:
                continue
            for cell in list(row):
                col = split_ref(cell.get("r"))[1]
                if first_col <= col <= last_col:
                    row.remove(cell)
        self.prune_rows(first_row)

    def prune_rows(self, first_row: int) -> None:
        """Drop rows >= first_row with no cell, height or format: they carry nothing, and
        whether one is left over must not depend on what was there before."""
        for number, row in list(self._rows.items()):
            if number >= first_row and len(row) == 0 and not row.get("ht") \
                    and row.get("customFormat") not in ("1", "true") and not row.get("hidden"):
                self.data.remove(row)
                del self._rows[number]

    def write(self, ref: str, value: object, formula: str | None, style: int) -> None:
        cell = self.ensure(ref)
        _clear(cell)
        if style:
            cell.set("s", str(style))
        else:
            cell.attrib.pop("s", None)
        if formula:
            f = etree.SubElement(cell, N + "f")
            f.text = clean_text(formula.removeprefix("="))
        if value is None:
            return
        if isinstance(value, bool):
            cell.set("t", "b")
            etree.SubElement(cell, N + "v").text = "1" if value else "0"
        elif isinstance(value, (int, float)):
            etree.SubElement(cell, N + "v").text = _number(value)
        elif formula:
            cell.set("t", "str")
            etree.SubElement(cell, N + "v").text = clean_text(str(value))
        else:
            self.set_text(ref, str(value))
            if style:
                cell.set("s", str(style))

    def row_numbers(self) -> list[int]:
        return list(self._rows)

    def set_height(self, number: int, height: float | None) -> None:
        row = self._row(number)
        if height:
            row.set("ht", f"{height:g}")
            row.set("customHeight", "1")
        else:
            row.attrib.pop("ht", None)
            row.attrib.pop("customHeight", None)

    def update_dimension(self) -> None:
        dim = self.root.find(N + "dimension")
        if dim is None or not self._rows:
            return
        cols = [split_ref(c.get("r"))[1] for c in self.data.iter(N + "c")]
        if cols:
            dim.set("ref", f"A1:{column_letter(max(cols))}{max(self._rows)}")

    def to_bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                              standalone=True)


def _clear(cell) -> None:
    for child in list(cell):
        cell.remove(child)
    cell.attrib.pop("t", None)


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def clean_text(text: str) -> str:
    """Characters XML 1.0 cannot hold are dropped (a message is never worth a broken file)."""
    return _BAD_XML.sub("", text)
