"""Excel formula text -> a small syntax tree, for the UDF cost model (`bench.udf_cost`).

openpyxl's `Tokenizer` splits the text; it keeps a range operator glued to its
neighbours (`A6:INDEX(` comes out as one function token, `:B10` as one operand), so
those tokens are split here before a precedence-climbing parser builds the tree.
References stay references (`Ref`, `Name`); the resolver (`bench.udf_cost_refs`) gives
them meaning: defined names, structured references, INDEX bounds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from openpyxl.formula.tokenizer import Token, Tokenizer

from xlplugin.layout.model import column_index, column_letter

MAX_ROW, MAX_COL = 1_048_576, 16_384


class Ref(NamedTuple):
    """An area; `sheet` None means the formula's own sheet. Rows may be relative."""
    sheet: str | None
    r1: int
    c1: int
    r2: int
    c2: int
    r1abs: bool = True
    r2abs: bool = True

    @property
    def cells(self) -> int:
        return (self.r2 - self.r1 + 1) * (self.c2 - self.c1 + 1)


class Name(NamedTuple):
    text: str  # a defined name, a structured reference or a table name


class Func(NamedTuple):
    name: str  # upper case, without _xlfn./_xludf. prefixes
    args: tuple


class Op(NamedTuple):
    op: str  # ":" range, " " intersection, "," union, arithmetic, "&", comparisons
    left: object
    right: object


class Unary(NamedTuple):
    op: str  # "-", "+" (prefix) or "%" (postfix)
    operand: object


class Lit(NamedTuple):
    value: object  # float, str, bool, or None for a missing argument


class Err(NamedTuple):
    code: str  # "#N/A", ...


class Arr(NamedTuple):
    rows: tuple  # tuple of tuples of Lit/Err


class FormulaError(ValueError):
    """A formula this model cannot read."""


# ---------------------------------------------------------------- references
_CELL = r"(\$?)([A-Z]{1,3})(\$?)([0-9]+)"
_AREA = re.compile(rf"^{_CELL}(?::{_CELL})?$")
_COLS = re.compile(r"^(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})$")
_ROWS = re.compile(r"^(\$?)([0-9]+):(\$?)([0-9]+)$")


# the layout's own column arithmetic, under the names this benchmark uses
column_number = column_index
column_letters = column_letter


def address(ref: Ref, sheet: str | None = None) -> str:
    sheet = ref.sheet or sheet
    prefix = f"'{sheet}'!" if sheet else ""
    first = f"{column_letters(ref.c1)}{ref.r1}"
    last = f"{column_letters(ref.c2)}{ref.r2}"
    return prefix + (first if first == last else f"{first}:{last}")


def _split_top(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside '...' quotes and [...] brackets."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch == "'" and depth == 0:
            quoted = not quoted
        elif not quoted and ch == "[":
            depth += 1
        elif not quoted and ch == "]":
            depth -= 1
        elif ch == sep and not quoted and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _sheet_and_area(text: str) -> tuple[str | None, str]:
    parts = _split_top(text, "!")
    if len(parts) == 1:
        return None, text
    sheet = "!".join(parts[:-1])
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, parts[-1]


def parse_area(text: str) -> Ref | None:
    """`Sheet!$A$1:B2`, `A:A`, `$5:$5` as a Ref; None when `text` is not an area."""
    sheet, area = _sheet_and_area(text)
    if sheet is not None and ":" in sheet:
        return None  # Sheet1!A1:Sheet1!B2: two references joined by the range operator
    m = _AREA.match(area)
    if m:
        c1, r1 = column_number(m.group(2)), int(m.group(4))
        c2, r2 = (column_number(m.group(6)), int(m.group(8))) if m.group(6) else (c1, r1)
        abs1, abs2 = m.group(3) == "$", (m.group(7) if m.group(6) else m.group(3)) == "$"
        if max(c1, c2) > MAX_COL or max(r1, r2) > MAX_ROW or min(r1, r2) < 1:
            return None  # a name that looks like a cell, e.g. XLP1
        if r1 > r2:
            r1, r2, abs1, abs2 = r2, r1, abs2, abs1
        return Ref(sheet, r1, min(c1, c2), r2, max(c1, c2), abs1, abs2)
    m = _COLS.match(area)
    if m:
        c1, c2 = sorted((column_number(m.group(2)), column_number(m.group(4))))
        return Ref(sheet, 1, c1, MAX_ROW, c2)
    m = _ROWS.match(area)
    if m:
        (r1, a1), (r2, a2) = sorted([(int(m.group(2)), m.group(1) == "$"),
                                     (int(m.group(4)), m.group(3) == "$")])
        return Ref(sheet, r1, 1, r2, MAX_COL, a1, a2)
    return None


def _operand_nodes(text: str) -> list:
    """A range operand as nodes joined by ":" operators (Sheet!A1:Sheet!B2, A6:n)."""
    ref = parse_area(text)
    if ref is not None:
        return [("operand", ref)]
    pieces = _split_top(text, ":")
    if len(pieces) == 1:
        return [("operand", Name(text))]
    out = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(("infix", ":"))
        if piece:
            out.append(("operand", parse_area(piece) or Name(piece)))
    return out


# ---------------------------------------------------------------- tokens
def _func_name(text: str) -> str:
    name = text.upper()
    for prefix in ("_XLFN._XLWS.", "_XLFN.", "_XLUDF.", "_XLWS."):
        name = name.removeprefix(prefix)
    return name


def tokens(formula: str) -> list[tuple[str, object]]:
    """openpyxl's tokens, normalised: range operators split out, spaces between two
    operands turned into the intersection operator, other spaces dropped."""
    out: list[tuple[str, object]] = []
    for tok in Tokenizer(formula if formula.startswith("=") else "=" + formula).items:
        kind, sub, value = tok.type, tok.subtype, tok.value
        if kind == Token.OPERAND:
            if sub == Token.RANGE:
                out.extend(_operand_nodes(value))
            elif sub == Token.NUMBER:
                out.append(("operand", Lit(float(value))))
            elif sub == Token.TEXT:
                out.append(("operand", Lit(value[1:-1].replace('""', '"'))))
            elif sub == Token.LOGICAL:
                out.append(("operand", Lit(value.upper() == "TRUE")))
            else:
                out.append(("operand", Err(value)))
        elif kind == Token.FUNC and sub == Token.OPEN:
            head = value[:-1]
            pieces = _split_top(head, ":")
            for piece in pieces[:-1]:
                if piece:
                    out.extend(_operand_nodes(piece))
                out.append(("infix", ":"))
            out.append(("func", _func_name(pieces[-1])))
        elif kind in (Token.FUNC, Token.PAREN):
            out.append(("open" if sub == Token.OPEN else "close", None))
        elif kind == Token.ARRAY:
            out.append(("aopen" if sub == Token.OPEN else "aclose", None))
        elif kind == Token.SEP:
            out.append(("sep" if sub == Token.ARG else "rowsep", None))
        elif kind == Token.OP_IN:
            out.append(("infix", value))
        elif kind == Token.OP_PRE:
            out.append(("prefix", value))
        elif kind == Token.OP_POST:
            out.append(("postfix", value))
        elif kind == Token.WSPACE:
            out.append(("ws", None))
    return _spaces(out)


_ENDS = ("operand", "close", "aclose", "postfix")
_STARTS = ("operand", "func", "open", "aopen")


def _spaces(items: list) -> list:
    out = []
    for i, (kind, value) in enumerate(items):
        if kind != "ws":
            out.append((kind, value))
            continue
        after = next((k for k, _ in items[i + 1:] if k != "ws"), None)
        if out and out[-1][0] in _ENDS and after in _STARTS:
            out.append(("infix", " "))
    return out


# ---------------------------------------------------------------- parser
PRECEDENCE = {":": 90, " ": 80, ",": 70, "%": 50, "^": 40, "*": 30, "/": 30, "+": 20,
              "-": 20, "&": 10, "=": 0, "<>": 0, "<": 0, ">": 0, "<=": 0, ">=": 0}
PREFIX_PRECEDENCE = 60


def parse(formula: str):
    """The syntax tree of `formula` (with or without the leading "=")."""
    items = tokens(formula)
    parser = _Parser(items)
    node = parser.expression(0)
    if parser.pos != len(items):
        raise FormulaError(f"unreadable formula at token {parser.pos}: {formula[:120]}")
    return node


class _Parser:
    def __init__(self, items: list):
        self.items, self.pos = items, 0

    def peek(self) -> tuple:
        return self.items[self.pos] if self.pos < len(self.items) else ("end", None)

    def take(self) -> tuple:
        item = self.peek()
        self.pos += 1
        return item

    def expression(self, min_prec: int):
        left = self.prefix()
        while True:
            kind, op = self.peek()
            if kind == "postfix" and PRECEDENCE[op] >= min_prec:
                self.take()
                left = Unary(op, left)
            elif kind == "infix" and PRECEDENCE[op] >= min_prec:
                self.take()
                left = Op(op, left, self.expression(PRECEDENCE[op] + 1))
            else:
                return left

    def prefix(self):
        kind, value = self.take()
        if kind == "prefix":
            return Unary(value, self.expression(PREFIX_PRECEDENCE))
        if kind == "operand":
            return value
        if kind == "func":
            return Func(value, tuple(self.arguments()))
        if kind == "open":
            node = self.expression(0)
            self.expect("close")
            return node
        if kind == "aopen":
            return self.array()
        raise FormulaError(f"unexpected token {kind} {value!r}")

    def arguments(self) -> list:
        args = []
        if self.peek()[0] == "close":
            self.take()
            return args
        while True:
            if self.peek()[0] in ("sep", "close"):
                args.append(Lit(None))
            else:
                args.append(self.expression(0))
            kind, _ = self.take()
            if kind == "close":
                return args
            if kind != "sep":
                raise FormulaError(f"missing argument separator ({kind})")

    def array(self) -> Arr:
        rows, row = [], []
        while True:
            kind, value = self.take()
            if kind == "operand":
                row.append(value)
            elif kind == "prefix" and self.peek()[0] == "operand":
                lit = self.take()[1]
                row.append(Lit(-lit.value) if value == "-" else lit)
            elif kind in ("sep", "rowsep", "aclose"):
                if kind != "sep":
                    rows.append(tuple(row))
                    row = []
                if kind == "aclose":
                    return Arr(tuple(rows))
            else:
                raise FormulaError(f"unreadable array constant ({kind})")

    def expect(self, kind: str) -> None:
        got, _ = self.take()
        if got != kind:
            raise FormulaError(f"expected {kind}, got {got}")


def walk(node):
    """Every node of the tree, depth first."""
    yield node
    if isinstance(node, Func):
        for arg in node.args:
            yield from walk(arg)
    elif isinstance(node, Op):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Unary):
        yield from walk(node.operand)
