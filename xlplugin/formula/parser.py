"""The parser: tokens into a tree of tuples, cached per formula shape so that a formula
filled down a column is parsed once."""

from __future__ import annotations

import re

from openpyxl.utils.cell import column_index_from_string

from .errors import FormulaError, XLError
from .tokens import tokenize

_REL_ROW = re.compile(r"(\$?[A-Za-z]{1,3})(\d+)")


class _Parser:
    """Recursive descent; refs keep relative rows as offsets from `anchor`."""

    def __init__(self, tokens, anchor: int):
        self.t, self.i, self.anchor = tokens, 0, anchor

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise FormulaError(f"diharapkan {value!r}, ditemukan {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        node = self.compare()
        if self.i != len(self.t):
            raise FormulaError(f"sisa rumus tidak terbaca: {self.t[self.i:]}")
        return node

    def compare(self):
        node = self.concat()
        while self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            node = ("cmp", op, node, self.concat())
        return node

    def concat(self):
        node = self.additive()
        while self.peek()[1] == "&":
            self.take()
            node = ("cat", node, self.additive())
        return node

    def additive(self):
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            node = ("arith", op, node, self.term())
        return node

    def term(self):
        node = self.power()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            node = ("arith", op, node, self.power())
        return node

    def power(self):
        node = self.unary()
        while self.peek()[1] == "^":
            self.take()
            node = ("arith", "^", node, self.unary())
        return node

    def unary(self):
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            inner = self.unary()
            return ("neg", inner) if op == "-" else ("pos", inner)
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return ("lit", float(text))
        if kind == "str":
            return ("lit", text[1:-1].replace('""', '"'))
        if kind == "bool":
            return ("lit", text == "TRUE")
        if kind == "err":
            return ("lit", XLError(text))
        if kind == "ref":
            return self.ref(text)
        if kind == "name":
            return ("name", text.upper())
        if kind == "func":
            return self.call(text.upper())
        if text == "(":
            node = self.compare()
            self.take(")")
            return node
        raise FormulaError(f"token tak terduga {text!r}")

    def call(self, name: str):
        self.take("(")
        args = []
        if self.peek()[1] != ")":
            args.append(self.compare())
            while self.peek()[1] == ",":
                self.take()
                args.append(self.compare())
        self.take(")")
        return ("call", name, tuple(args))

    def ref(self, text: str):
        sheet = None
        if "!" in text:
            sheet, text = text.rsplit("!", 1)
            sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        parts = [self.cell(p) for p in text.split(":")]
        first, last = parts[0], parts[-1]
        return ("ref", sheet, first, last)

    def cell(self, text: str):
        m = re.fullmatch(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)", text)
        col = column_index_from_string(m.group(2).upper())
        row, row_abs = int(m.group(4)), bool(m.group(3))
        return (col, row if row_abs else row - self.anchor, row_abs)


_AST_CACHE: dict[str, tuple] = {}


def parse(formula: str, anchor: int) -> tuple:
    """AST of `formula` (leading '=' optional) written in row `anchor`, cached per shape."""
    text = formula.removeprefix("=")
    key = _shape(text, anchor)
    node = _AST_CACHE.get(key)
    if node is None:
        node = _AST_CACHE[key] = _Parser(tokenize(text), anchor).parse()
    return node


def _shape(text: str, anchor: int) -> str:
    """The formula with relative rows written as offsets: one key for a whole column."""
    parts = re.split(r'("(?:[^"]|"")*")', text)
    for i in range(0, len(parts), 2):
        parts[i] = _REL_ROW.sub(lambda m: m.group(0) if m.group(1).endswith("$") else
                                f"{m.group(1)}[{int(m.group(2)) - anchor}]", parts[i])
    return "".join(parts)
