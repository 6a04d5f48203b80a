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
from functools import lru_cache

from ..layout.model import column_index, column_letter
from .sheet_xml import SheetXml, clean_text, split_ref

_ROW = re.compile(rb'<row r="(\d+)"')
_CELL_REF = re.compile(rb'<c r="([A-Z]+)\d+"')
_ATTR = re.compile(rb'([\w:.-]+)="([^"]*)"')
_VALUE = re.compile(rb"<(v|is)\b[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)
_ARRAY = re.compile(rb'<f\b[^>]*?\bt="array"[^>]*?\bref="([^"]+)"|<f\b[^>]*?\bref="([^"]+)"'
                    rb'[^>]*?\bt="array"')
# a row or cell whose first attribute is not its reference `r` (or that has none)
_UNNUMBERED = re.compile(rb'<(?:c|row)(?:[>/\t\r\n]| (?!r="))')
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def editable(data: bytes) -> bool:
    """Whether the byte editor can work on this sheet (see the module docstring)."""
    lo = data.find(b"<sheetData>")
    if lo < 0 or data.find(b"<sheetData>", lo + 1) >= 0 or b"</sheetData>" not in data:
        return False
    return (data.find(b"='", lo) < 0  # attributes in double quotes
            and _UNNUMBERED.search(data, lo) is None)


class SheetPatch:
    def __init__(self, data: bytes, parse):
        """`parse(bytes)` gives the lxml root, for the tree editor when it is needed."""
        self.data = data
        self._parse = parse
        self._tree: SheetXml | None = None if editable(data) else SheetXml(parse(data))
        self._index: dict[int, tuple[int, int]] | None = None  # row -> (start, end)
        # Edits: a cell replaced in place (row -> {start: (end, new bytes)}, offsets in
        # `data`), or a whole row rebuilt (a cell inserted): row -> its new bytes.
        self._cells: dict[int, dict[int, tuple[int, bytes]]] = {}
        self._edited: dict[int, bytes] = {}

    # ---------------------------------------------------------------- the whole part
    @property
    def changed(self) -> bool:
        return self._tree is not None or bool(self._edited) or bool(self._cells)

    def tree(self) -> SheetXml:
        """The tree editor over the sheet as edited so far (from now on every edit goes there)."""
        if self._tree is None:
            self._tree = SheetXml(self._parse(self.to_bytes()))
            self._edited.clear()
            self._cells.clear()
        return self._tree

    def to_bytes(self) -> bytes:
        if self._tree is not None:
            return self._tree.to_bytes()
        if not self.changed:
            return self.data
        pieces = [(start, end, new) for cells in self._cells.values()
                  for start, (end, new) in cells.items()]
        if self._edited:
            index = self._rows()
            pieces += [(*index[n], new) for n, new in self._edited.items()]
        out, pos = [], 0
        for start, end, new in sorted(pieces, key=lambda p: p[0]):
            out += [self.data[pos:start], new]
            pos = end
        out.append(self.data[pos:])
        return b"".join(out)

    # ---------------------------------------------------------------- styles
    def style(self, ref: str) -> int:
        if self._tree is not None:
            return self._tree.style(ref)
        row_no = split_ref(ref)[0]
        cell = self._current(row_no, ref)
        if cell is not None:
            attrs = _attrs(cell[:cell.index(b">")])
            if attrs.get(b"s"):
                return int(attrs[b"s"])
        head = self._row_head(row_no)
        if head is not None:  # an absent cell shows its row's format
            attrs = _attrs(head)
            if attrs.get(b"customFormat") in (b"1", b"true") and attrs.get(b"s"):
                return int(attrs[b"s"])
        return 0

    def set_style(self, ref: str, index: int) -> None:
        if self._tree is not None:
            return self._tree.set_style(ref, index)
        number, col = split_ref(ref)
        old = self._current(number, ref)
        attrs, body = _split_cell(old if old is not None else _empty(ref))
        _set_attr(attrs, b"s", str(index).encode() if index else None)
        if not self._put(ref, old, _join_cell(attrs, body), number, col):
            self.tree().set_style(ref, index)

    # ---------------------------------------------------------------- status column
    def set_status(self, col: int, rows: range, texts: Mapping[int, str]) -> None:
        """One text per row in a column: a formula cell (or a member of the array formula
        anchored at the first row) keeps its formula and gets the text as its cached value;
        any other cell becomes that plain text. Rows with no text and no cell stay as they are."""
        if self._tree is not None:
            return self._tree.set_status(col, rows, texts)
        letter = column_letter(col)
        spans = self._column(letter)  # one scan instead of a look-up per row
        edited, lead = self._edited, len(b'<c r="') + len(letter) + 1
        anchor = spans.get(rows.start)
        array = _array_range(self._current(rows.start, f"{letter}{rows.start}")
                             if rows.start in edited or anchor is None
                             else self._cell_now(rows.start, *anchor))
        for row in rows:
            text = texts.get(row, "")
            span = spans.get(row)
            if span is None and not text:
                continue  # no cell, nothing shown: leave the row alone
            in_array = array is not None and array[0] <= row <= array[2]
            if span is None or row in edited or self._tree is not None:
                self._status_cell(f"{letter}{row}", row, col, text, in_array, texts, array)
                continue
            old = self._cell_now(row, *span)
            if not text and _shows_nothing(old):
                continue  # most rows of a column: empty, and already shown so
            head = len(str(row)) + lead  # `<c r="Q123"`
            tail = _status_tail(old[head:], text, in_array)
            if tail is not None:
                self._cells.setdefault(row, {})[span[0]] = (span[1], old[:head] + tail)

    def _cell_now(self, row: int, start: int, end: int) -> bytes:
        """An original cell's bytes as edited so far (its row not rebuilt)."""
        done = self._cells.get(row)
        done = done.get(start) if done else None
        return self.data[start:end] if done is None else done[1]

    def _status_cell(self, ref: str, row: int, col: int, text: str, in_array: bool,
                     texts: Mapping[int, str], array) -> None:
        """One status cell the general way (absent cell, rebuilt row, or the tree)."""
        if self._tree is not None:
            return self._tree.set_status(col, range(row, row + 1), texts, array)
        old = self._current(row, ref)
        head = _head(ref)
        tail = _status_tail(b"/>" if old is None else old[len(head):], text, in_array)
        if tail is not None and not self._put(ref, old, head + tail, row, col):
            self.tree().set_status(col, range(row, row + 1), texts, array)

    def _column(self, letter: str) -> dict[int, tuple[int, int]]:
        """Row -> (start, end) of every cell of one column in the original part, one scan."""
        data = self.data
        lo = data.index(b"<sheetData>")
        hi = data.index(b"</sheetData>", lo)
        return {int(m[1]): m.span() for m in _column_cells(letter).finditer(data, lo, hi)}

    # ---------------------------------------------------------------- rows and cells
    def _rows(self) -> dict[int, tuple[int, int]]:
        """Row -> (start, end) in the original part; a row's span runs to the next row
        (only rows sit between <sheetData> and </sheetData>: whitespace at most)."""
        if self._index is None:
            data = self.data
            lo = data.index(b"<sheetData>")
            hi = data.index(b"</sheetData>", lo)
            found = [(int(m[1]), m.start()) for m in _ROW.finditer(data, lo, hi)]
            ends = [start for _, start in found[1:]] + [hi]
            self._index = {n: (start, end) for (n, start), end in zip(found, ends)}
        return self._index

    def _row_head(self, number: int) -> bytes | None:
        """The row's start tag (cell edits never change it)."""
        if number in self._edited:
            row = self._edited[number]
            return row[:row.index(b">")]
        span = self._rows().get(number)
        return None if span is None else self.data[span[0]:self.data.index(b">", span[0])]

    def _find(self, number: int, ref: str) -> tuple[int, int] | None:
        """(start, end) of the cell in the original part, for a row not rebuilt."""
        span = self._rows().get(number)
        if span is None:
            return None
        start = self.data.find(_head(ref), span[0], span[1])
        return None if start < 0 else (start, _cell_end(self.data, start))

    def _current(self, number: int, ref: str) -> bytes | None:
        """The cell's bytes as edited so far, None when absent."""
        if number in self._edited:
            row = self._edited[number]
            start = row.find(_head(ref))
            return None if start < 0 else row[start:_cell_end(row, start)]
        span = self._find(number, ref)
        if span is None:
            return None
        done = self._cells.get(number, {}).get(span[0])
        return self.data[span[0]:span[1]] if done is None else done[1]

    def _row_bytes(self, number: int) -> bytes | None:
        """The row as edited so far (its replaced cells applied)."""
        if number in self._edited:
            return self._edited[number]
        span = self._rows().get(number)
        if span is None:
            return None
        out, pos = [], span[0]
        for start, (end, new) in sorted(self._cells.get(number, {}).items()):
            out += [self.data[pos:start], new]
            pos = end
        out.append(self.data[pos:span[1]])
        return b"".join(out)

    def _put(self, ref: str, old: bytes | None, new: bytes, number: int, col: int) -> bool:
        """Write one cell; False when the byte editor cannot (row absent, row with
        extensions): the caller then uses the tree."""
        if old == new:
            return True
        if old is not None and number not in self._edited:
            span = self._find(number, ref)
            self._cells.setdefault(number, {})[span[0]] = (span[1], new)
            return True
        row = self._row_bytes(number)
        if row is None or b"<extLst" in row:
            return False
        if old is not None:
            start = row.index(_head(ref))
            row = row[:start] + new + row[start + len(old):]
        else:
            row = _insert_cell(row, col, new)
        self._edited[number] = row
        self._cells.pop(number, None)  # applied in the rebuilt row
        return True


# ---------------------------------------------------------------- cell bytes
def _cell_end(buf: bytes, start: int) -> int:
    """The end of the cell element starting at `start` (`<c .../>` or `<c ...>...</c>`)."""
    tag_end = buf.index(b">", start) + 1
    return tag_end if buf[tag_end - 2] == 0x2F else buf.index(b"</c>", tag_end) + 4


def _array_range(cell: bytes | None) -> tuple[int, int, int, int] | None:
    """(first row, first col, last row, last col) of the array formula anchored in `cell`."""
    m = _ARRAY.search(cell) if cell is not None else None
    if m is None:
        return None
    a, _, b = (m[1] or m[2]).decode().partition(":")
    (r1, c1), (r2, c2) = split_ref(a), split_ref(b or a)
    return r1, c1, r2, c2


@lru_cache(maxsize=64)
def _column_cells(letter: str) -> re.Pattern:
    return re.compile(rb'<c r="' + letter.encode() + rb'(\d+)"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


def _shows_nothing(cell: bytes) -> bool:
    """A cell with no value, or a formula whose cached text is empty: writing "" into it
    changes nothing (status formula cells differ by their row, so the memo of
    `_status_tail` would not spare parsing each of them)."""
    return cell.endswith((b"/>", b"<v></v></c>"))


def _head(ref: str) -> bytes:
    return b'<c r="' + ref.encode() + b'"'


@lru_cache(maxsize=4096)
def _status_tail(tail: bytes, text: str, in_array: bool) -> bytes | None:
    """A status cell's bytes after its `<c r="..."`, None when it already shows `text`.

    Memoised on the cell's bytes without its reference: the cells of one status column
    look alike, so a column of thousands costs a few renderings."""
    attrs, body = _split_cell(b'<c r="A1"' + tail)
    if in_array or b"<f" in body:
        if _cached_equals(attrs, body, text):
            return None
        new = _cached_text(attrs, body, text)
    else:
        new = _plain_text(attrs, text)
        if new == b'<c r="A1"' + tail:
            return None
    return new[len(b'<c r="A1"'):]


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
        return row[:tag_end - 2].rstrip() + b">" + cell + b"</row>" + row[tag_end:]
    for m in _CELL_REF.finditer(row, tag_end):
        if column_index(m[1].decode()) > col:
            return row[:m.start()] + cell + row[m.start():]
    end = row.rindex(b"</row>")
    return row[:end] + cell + row[end:]
