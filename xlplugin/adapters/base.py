"""The workbook adapter interface: what validation needs from a workbook, nothing more.

Reading is a grid of values per sheet (the layout-aware reader does the rest, the
same code for every adapter). Writing is four verbs: remember/restore a cell's
format, colour cells by level, write the product-owned cells of a sheet, and set
the status column of a table. A format "token" is an opaque text an adapter writes
to the Temuan register and reads back to restore a cell: `s=<style index>;c=<RRGGBB>`
(the file adapter fills both, the live adapter only the colour).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..io.grid import Grid
from ..layout.model import column_letter


class WorkbookWriteError(Exception):
    """The workbook cannot take what validation writes; the message is for the user."""


def parse_token(token: str) -> dict[str, str]:
    out = {}
    for part in token.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


@dataclass(frozen=True)
class CellSpec:
    """One cell to write. `formula` (with '=') carries `value` as its cached result."""

    row: int
    col: int
    value: object = None
    formula: str | None = None
    role: str = "text"  # title, subtitle, label, header, wrap, top, link, level:<LEVEL>, hidden

    @property
    def ref(self) -> str:
        return f"{column_letter(self.col)}{self.row}"


LIKE = "like:"  # CellSpec role: the format of the cell in that row, same column


def like(row: int) -> str:
    return f"{LIKE}{row}"


def like_row(role: str) -> int | None:
    """The source row of a `like:<row>` role, None for any other role."""
    return int(role[len(LIKE):]) if role.startswith(LIKE) else None


def like_blocks(cells: Iterable) -> list[tuple[int, int, int, int, int]]:
    """(source row, first row, last row, first col, last col) blocks covering the cells
    with a `like:` role: a row's columns sharing a source and adjacent make one span,
    consecutive rows with the same span and source one block (one paste in Excel)."""
    spans: dict[int, list[list[int]]] = {}  # target row -> [[source, c1, c2], ...]
    for spec in sorted(cells, key=lambda c: (c.row, c.col)):
        source = like_row(spec.role)
        if source is None:
            continue
        row = spans.setdefault(spec.row, [])
        if row and row[-1][0] == source and row[-1][2] == spec.col - 1:
            row[-1][2] = spec.col
        else:
            row.append([source, spec.col, spec.col])
    blocks: list[list[int]] = []
    open_: dict[tuple[int, int, int], list[int]] = {}
    for number in sorted(spans):
        for source, c1, c2 in spans[number]:
            block = open_.get((source, c1, c2))
            if block is not None and block[2] == number - 1:
                block[2] = number
            else:
                block = [source, number, number, c1, c2]
                open_[(source, c1, c2)] = block
                blocks.append(block)
    return [tuple(b) for b in blocks]


def make_token(style: int | None, colour: str | None) -> str:
    parts = [] if style is None else [f"s={style}"]
    parts.append(f"c={colour or ''}")
    return ";".join(parts)


class WorkbookAdapter(ABC):
    """A workbook reached through the layout; see the module docstring for the contract."""

    # ---------------------------------------------------------------- reading
    @abstractmethod
    def sheet_names(self) -> list[str]: ...

    @abstractmethod
    def grid(self, sheet: str) -> Grid:
        """The sheet's values from A1 (None empty, float numbers, error values as text)."""

    # ---------------------------------------------------------------- writing
    @abstractmethod
    def format_tokens(self, sheet: str, cells: Iterable[str]) -> dict[str, str]:
        """The current format of each cell, as a token `restore_formats` understands."""

    @abstractmethod
    def restore_formats(self, sheet: str, tokens: Mapping[str, str]) -> None: ...

    @abstractmethod
    def highlight(self, sheet: str, colours: Mapping[str, str]) -> None:
        """Give each cell the fill colour (RRGGBB), keeping the rest of its format."""

    @abstractmethod
    def write_cells(self, sheet: str, cells: list, clear: tuple[int, int, int],
                    heights: tuple[int, Mapping[int, float]] | None = None) -> None:
        """Clear rows >= clear[0] in columns clear[1]..clear[2], then write `cells`
        (`CellSpec`s: value, or formula with its cached value, and a style role).
        Role `like:<row>` gives a cell the whole format of the cell in that row and the
        same column (a row outside the cleared area), applied before the value is entered.
        `heights` = (from row, {row: points}): rows from that row get the listed height,
        the others the default height."""

    @abstractmethod
    def set_status(self, sheet: str, column: int, rows: range, texts: Mapping[int, str]) -> None:
        """The status column of a table: `texts` by worksheet row, '' for the other rows."""

    @abstractmethod
    def set_print_area(self, sheet: str, ref: str) -> None:
        """The sheet's print area (`$A$1:$M$160`), replacing the one it had."""

    def close(self) -> None:
        """Release what the adapter holds (files); the default holds nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
