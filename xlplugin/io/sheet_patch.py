"""Targeted edits of a worksheet's raw XML: a cell's style, a status text, no full parse.

The findings writer touches few cells of large sheets (the highlighted cells, the
status column). Parsing a 20,000-row sheet into a tree and serialising it again costs
more than the whole check, so these edits work on the part's bytes: rows are located
once by their `r` attribute, a row holding an edited cell is rebuilt, every other
byte is kept. A sheet whose edits all leave it as it was is reported unchanged, so
its part is copied from the zip untouched.

Only sheets in the shape Excel, LibreOffice and openpyxl write are edited this way:
unprefixed elements, every row and cell carrying `r` as its first attribute. Any
other sheet, and any edit that needs more than a cell inside an existing row (a row
that is not there, a row with extensions), switches to the tree editor (`SheetXml`)
over the bytes as edited so far; the result is the same file either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..layout.model import column_index, column_letter
from .sheet_xml import SheetXml, clean_text, split_ref

_ROW = re.compile(rb'<row r="(\d+)"[^>]*>')
_CELL_REF = re.compile(rb'<c r="([A-Z]+)\d+"')
_ATTR = re.compile(rb'([\w:.-]+)="([^"]*)"')
_VALUE = re.compile(rb"<(v|is)\b[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)
_ARRAY = re.compile(rb'<f\b[^>]*?\bt="array"[^>]*?\bref="([^"]+)"|<f\b[^>]*?\bref="([^"]+)"'
                    rb'[^>]*?\bt="array"')
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def editable(data: bytes) -> bool:
    """Whether the byte editor can work on this sheet (see the module docstring)."""
    return (data.count(b"<sheetData>") == 1 and b"</sheetData>" in data and b"='" not in data
            and b"<row>" not in data and data.count(b"<row ") == data.count(b'<row r="')
            and b"<c>" not in data and data.count(b"<c ") == data.count(b'<c r="'))


class SheetPatch:
    def __init__(self, data: bytes, parse):
        """`parse(bytes)` gives the lxml root, for the tree editor when it is needed."""
        self.data = data
        self._parse = parse
        self._tree: SheetXml | None = None if editable(data) else SheetXml(parse(data))
        self._index: dict[int, tuple[int, int, int]] | None = None  # row -> start, tag end, end
        self._edited: dict[int, bytes] = {}  # row -> its new bytes

    # ---------------------------------------------------------------- the whole part
    @property
    def changed(self) -> bool:
        return self._tree is not None or bool(self._edited)

    def tree(self) -> SheetXml:
        """The tree editor over the sheet as edited so far (from now on every edit goes there)."""
        if self._tree is None:
            self._tree = SheetXml(self._parse(self.to_bytes()))
            self._edited.clear()
        return self._tree

    def to_bytes(self) -> bytes:
        if self._tree is not None:
            return self._tree.to_bytes()
        if not self._edited:
            return self.data
        index = self._rows()
        pieces, pos = [], 0
        for number in sorted(self._edited, key=lambda n: index[n][0]):
            start, _, end = index[number]
            pieces += [self.data[pos:start], self._edited[number]]
            pos = end
        pieces.append(self.data[pos:])
        return b"".join(pieces)

    # ---------------------------------------------------------------- styles
    def style(self, ref: str) -> int:
        if self._tree is not None:
            return self._tree.style(ref)
        row_no = split_ref(ref)[0]
        found = self._cell(row_no, ref)
        if found is not None:
            buf, start, end = found
            attrs = _attrs(buf[start:_tag_end(buf, start)])
            if attrs.get(b"s"):
                return int(attrs[b"s"])
        row = self._row_bytes(row_no)
        if row is not None:  # an absent cell shows its row's format
            attrs = _attrs(row[:row.index(b">")])
            if attrs.get(b"customFormat") in (b"1", b"true") and attrs.get(b"s"):
                return int(attrs[b"s"])
        return 0

    def set_style(self, ref: str, index: int) -> None:
        if self._tree is not None:
            return self._tree.set_style(ref, index)
        old = self._cell_bytes(ref)
        attrs, body = _split_cell(old if old is not None else _empty(ref))
        _set_attr(attrs, b"s", str(index).encode() if index else None)
        if not self._put(ref, old, _join_cell(attrs, body)):
            self.tree().set_style(ref, index)

    # ---------------------------------------------------------------- status column
    def set_status(self, col: int, rows: range, texts: Mapping[int, str]) -> None:
        """One text per row in a column: a formula cell (or a member of the array formula
        anchored at the first row) keeps its formula and gets the text as its cached value;
        any other cell becomes that plain text. Rows with no text and no cell stay as they are."""
        if self._tree is not None:
            return self._tree.set_status(col, rows, texts)
        letter = column_letter(col)
        array = self._array_range(f"{letter}{rows.start}")
        for row in rows:
            if self._tree is not None:  # switched by an edit below
                return self._tree.set_status(col, range(row, rows.stop), texts)
            ref, text = f"{letter}{row}", texts.get(row, "")
            old = self._cell_bytes(ref)
            if not text and old is None:
                continue
            attrs, body = _split_cell(old if old is not None else _empty(ref))
            in_array = array is not None and array[0] <= row <= array[2]
            if in_array or b"<f" in body:
                if _cached_equals(attrs, body, text):
                    continue
                new = _cached_text(attrs, body, text)
            else:
                new = _plain_text(attrs, text)
            if not self._put(ref, old, new):
                self.tree().set_status(col, range(row, row + 1), texts, array)

    def _array_range(self, ref: str) -> tuple[int, int, int, int] | None:
        cell = self._cell_bytes(ref)
        m = _ARRAY.search(cell) if cell is not None else None
        if m is None:
            return None
        a, _, b = (m[1] or m[2]).decode().partition(":")
        (r1, c1), (r2, c2) = split_ref(a), split_ref(b or a)
        return r1, c1, r2, c2

    # ---------------------------------------------------------------- rows and cells
    def _rows(self) -> dict[int, tuple[int, int, int]]:
        if self._index is None:
            data = self.data
            lo = data.index(b"<sheetData>")
            hi = data.index(b"</sheetData>", lo)
            index = {}
            for m in _ROW.finditer(data, lo, hi):
                tag_end = m.end()
                end = tag_end if data[tag_end - 2] == 0x2F else data.index(b"</row>", tag_end) + 6
                index[int(m[1])] = (m.start(), tag_end, end)
            self._index = index
        return self._index

    def _row_bytes(self, number: int) -> bytes | None:
        if number in self._edited:
            return self._edited[number]
        span = self._rows().get(number)
        return None if span is None else self.data[span[0]:span[2]]

    def _cell(self, number: int, ref: str) -> tuple[bytes, int, int] | None:
        """(buffer, start, end) of the cell `ref` in row `number`, None when absent."""
        if number in self._edited:
            buf, lo, hi = self._edited[number], 0, len(self._edited[number])
        else:
            span = self._rows().get(number)
            if span is None:
                return None
            buf, lo, hi = self.data, span[0], span[2]
        start = buf.find(b'<c r="' + ref.encode() + b'"', lo, hi)
        if start < 0:
            return None
        tag_end = _tag_end(buf, start)
        end = tag_end if buf[tag_end - 2] == 0x2F else buf.index(b"</c>", tag_end) + 4
        return buf, start, end

    def _cell_bytes(self, ref: str) -> bytes | None:
        found = self._cell(split_ref(ref)[0], ref)
        return None if found is None else found[0][found[1]:found[2]]

    def _put(self, ref: str, old: bytes | None, new: bytes) -> bool:
        """Write one cell into its row; False when the byte editor cannot (row absent,
        row with extensions): the caller then uses the tree."""
        if old == new:
            return True
        number, col = split_ref(ref)
        row = self._row_bytes(number)
        if row is None or b"<extLst" in row:
            return False
        if old is not None:
            start = row.index(b'<c r="' + ref.encode() + b'"')
            row = row[:start] + new + row[start + len(old):]
        else:
            row = _insert_cell(row, col, new)
        self._edited[number] = row
        return True


# ---------------------------------------------------------------- cell bytes
def _tag_end(buf: bytes, start: int) -> int:
    return buf.index(b">", start) + 1


def _empty(ref: str) -> bytes:
    return b'<c r="' + ref.encode() + b'"/>'


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(tag))


def _split_cell(cell: bytes) -> tuple[list[list[bytes]], bytes]:
    """The cell's attributes in order, and its children's bytes."""
    tag_end = cell.index(b">") + 1
    head = cell[:tag_end]
    body = b"" if head.endswith(b"/>") else cell[tag_end:-len(b"</c>")]
    return [list(a) for a in _ATTR.findall(head)], body


def _join_cell(attrs: list[list[bytes]], body: bytes) -> bytes:
    head = b"<c " + b" ".join(k + b'="' + v + b'"' for k, v in attrs)
    return head + (b">" + body + b"</c>" if body else b"/>")


def _set_attr(attrs: list[list[bytes]], name: bytes, value: bytes | None) -> None:
    """Set (keeping its place) or append an attribute; None removes it."""
    for i, (key, _) in enumerate(attrs):
        if key == name:
            if value is None:
                del attrs[i]
            else:
                attrs[i][1] = value
            return
    if value is not None:
        attrs.append([name, value])


def _escape(text: str) -> bytes:
    text = clean_text(text)
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text.encode("utf-8")


def _cached_equals(attrs: list[list[bytes]], body: bytes, text: str) -> bool:
    """Whether the cell already shows `text` as its cached string (as `SheetXml.cached_text`)."""
    m = re.search(rb"<v>(.*?)</v>", body, re.DOTALL)
    if m is None or not m[1]:
        return text == ""
    return [b"t", b"str"] in attrs and m[1] == _escape(text)


def _cached_text(attrs: list[list[bytes]], body: bytes, text: str) -> bytes:
    """A formula cell with `text` as its cached string value (formula and the rest kept)."""
    _set_attr(attrs, b"t", b"str")
    body = _VALUE.sub(b"", body)
    value = b"<v>" + _escape(text) + b"</v>"
    ext = body.find(b"<extLst")
    body = body + value if ext < 0 else body[:ext] + value + body[ext:]
    return _join_cell(attrs, body)


def _plain_text(attrs: list[list[bytes]], text: str) -> bytes:
    """A plain text cell (inline string, never a formula); empty text leaves an empty cell."""
    _set_attr(attrs, b"t", None)
    if not text:
        return _join_cell(attrs, b"")
    attrs.append([b"t", b"inlineStr"])
    return _join_cell(attrs, b'<is><t xml:space="preserve">' + _escape(text) + b"</t></is>")


def _insert_cell(row: bytes, col: int, cell: bytes) -> bytes:
    """The row with `cell` placed before the first cell to its right."""
    tag_end = row.index(b">") + 1
    if row[tag_end - 2] == 0x2F:  # <row .../>: open it
        return row[:tag_end - 2].rstrip() + b">" + cell + b"</row>"
    for m in _CELL_REF.finditer(row, tag_end):
        if column_index(m[1].decode()) > col:
            return row[:m.start()] + cell + row[m.start():]
    end = row.rindex(b"</row>")
    return row[:end] + cell + row[end:]
