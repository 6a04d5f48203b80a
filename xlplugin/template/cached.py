"""Cached values for formula cells: a small evaluator of the Excel formula subset we emit.

openpyxl saves formulas without results, so a template opened in Protected View (no
recalculation) or a previewer would show blanks. This module computes every formula
cell of an openpyxl workbook, generally (parse, then evaluate), not by re-coding each
formula: the layout's templates, the Rekap totals and the conditional formats all go
through the same parser. Semantics follow Excel (blank = 0 in arithmetic, text
comparison without case, SUMIFS criteria, IFERROR, INDEX of a blank cell -> 0).
A function outside the subset (the xlwings UDFs) evaluates to #NAME?, which the
template always wraps in IFERROR.

Speed: a formula is parsed once per shape (rows made relative), and SUMIFS/COUNTIF(S)/
MATCH on plain equality criteria use a hash index per range, so a 2,000-line RAB
costs well under a second.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet.formula import ArrayFormula

EPOCH = datetime(1899, 12, 30)


class XLError(str):
    """An Excel error value (#N/A, #VALUE!, ...)."""


NA, VALUE, DIV0, NAME, REF = (XLError(e) for e in ("#N/A", "#VALUE!", "#DIV/0!", "#NAME?",
                                                    "#REF!"))


class FormulaError(ValueError):
    """A formula outside the supported grammar: a bug in what the template emits."""


# ---------------------------------------------------------------- tokenizer
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<err>\#(?:N/A|VALUE!|DIV/0!|NAME\?|REF!|NUM!|NULL!))
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?
        (?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?))
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<func>[A-Za-z_][\w.]*(?=\())
  | (?P<bool>TRUE|FALSE)\b
  | (?P<name>[A-Za-z_\\][\w.]*)
  | (?P<op><>|<=|>=|[-+*/^&=<>(),:%])
""", re.VERBOSE)
_REL_ROW = re.compile(r"(\$?[A-Za-z]{1,3})(\d+)")


def tokenize(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaError(f"tidak dapat membaca rumus di posisi {pos}: {text!r}")
        pos = m.end()
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
    return out


# ---------------------------------------------------------------- parser -> tuples
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


# ---------------------------------------------------------------- values
def to_number(v):
    if isinstance(v, XLError):
        return v
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return VALUE


def to_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return general(v)
    return str(v)


def general(x: float) -> str:
    """A number as Excel's General format writes it into text (15 significant digits)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.15g}"


def cell_value(v):
    """An openpyxl cell value as the evaluator holds it (numbers as float, dates as serial)."""
    if isinstance(v, datetime):
        return (v - EPOCH) / timedelta(days=1)
    if isinstance(v, date):
        return float((v - EPOCH.date()).days)
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str) and v == "":
        return None
    return v


def _rank(v) -> int:
    if isinstance(v, bool):
        return 2
    if isinstance(v, str):
        return 1
    return 0


def compare(a, b, op: str):
    if isinstance(a, XLError):
        return a
    if isinstance(b, XLError):
        return b
    if a is None:
        a = "" if isinstance(b, str) else (False if isinstance(b, bool) else 0.0)
    if b is None:
        b = "" if isinstance(a, str) else (False if isinstance(a, bool) else 0.0)
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        x, y = ra, rb
    elif ra == 1:
        x, y = a.lower(), b.lower()
    else:
        x, y = a, b
    return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y, "<=": x <= y,
            ">=": x >= y}[op]


# ---------------------------------------------------------------- criteria (SUMIFS & co)
_CRIT_OP = re.compile(r"^(<>|<=|>=|=|<|>)?(.*)$", re.DOTALL)


def _is_plain(criterion) -> bool:
    """Equality on a value that needs no parsing: eligible for the hash index."""
    if criterion is None or isinstance(criterion, (bool, float)):
        return True
    s = str(criterion)
    return not (s[:1] in "<>=" or any(c in s for c in "*?~") or _looks_numeric(s) or s == "")


def _looks_numeric(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _key(v):
    """Index key of a cell value for equality matching."""
    if v is None:
        return None
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, float):
        return ("n", v)
    if isinstance(v, XLError):
        return ("e", str(v))
    return ("s", str(v).lower())


def _criterion_key(c):
    # Excel: a criterion that references an empty cell counts as 0.
    return ("n", 0.0) if c is None else _key(c)


def matches(value, criterion) -> bool:
    """Excel criteria: "=x", "<>x", ">5", wildcards * ? ~, plain values."""
    if criterion is None:
        criterion = 0.0
    if isinstance(criterion, (bool, float)):
        return _key(value) == _key(criterion)
    m = _CRIT_OP.match(str(criterion))
    op, rest = m.group(1) or "=", m.group(2)
    if _looks_numeric(rest):
        target = float(rest)
        number = value if isinstance(value, float) else (
            float(value) if isinstance(value, str) and _looks_numeric(value) else None)
        if number is None:
            return op == "<>"
        return compare(number, target, op)
    if op in ("=", "<>") and rest == "":
        empty = value is None or value == ""
        return empty if op == "=" else not empty
    if not isinstance(value, str):
        return op == "<>"
    if op in ("=", "<>"):
        hit = re.fullmatch(_wildcard(rest), value, re.IGNORECASE | re.DOTALL) is not None
        return hit if op == "=" else not hit
    return compare(value, rest, op)


def _wildcard(pattern: str) -> str:
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "~" and i + 1 < len(pattern):
            out += re.escape(pattern[i + 1])
            i += 2
            continue
        out += ".*" if ch == "*" else "." if ch == "?" else re.escape(ch)
        i += 1
    return out


# ---------------------------------------------------------------- evaluator
class Evaluator:
    """Evaluates formulas over a grid of {sheet: {(row, col): value or formula}}."""

    def __init__(self, grid: dict[str, dict[tuple[int, int], object]],
                 names: dict[str, str] | None = None):
        self.grid = grid
        self.names = {k.upper(): v for k, v in (names or {}).items()}
        self.values: dict[tuple[str, int, int], object] = {}
        self._busy: set = set()
        self._ranges: dict = {}
        self._indexes: dict = {}

    # -- cells
    def value(self, sheet: str, row: int, col: int):
        key = (sheet, row, col)
        if key in self.values:
            return self.values[key]
        raw = self.grid.get(sheet, {}).get((row, col))
        if isinstance(raw, Formula):
            if key in self._busy:
                return REF  # circular reference: Excel would warn; never emitted by us
            self._busy.add(key)
            result = self.formula(raw.text, sheet, row)
            self._busy.discard(key)
            result = 0.0 if result is None else result
        else:
            result = cell_value(raw)
        self.values[key] = result
        return result

    def formula(self, text: str, sheet: str, row: int):
        result = self.eval(parse(text, row), sheet, row)
        if isinstance(result, Range):
            result = result.scalar(self, row)
        return result

    def range_values(self, rng: Range) -> list:
        key = (rng.sheet, rng.r1, rng.c1, rng.r2, rng.c2)
        cached = self._ranges.get(key)
        if cached is None:
            cached = self._ranges[key] = [self.value(rng.sheet, r, c)
                                          for r in range(rng.r1, rng.r2 + 1)
                                          for c in range(rng.c1, rng.c2 + 1)]
        return cached

    # -- nodes
    def eval(self, node, sheet: str, row: int):
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "ref":
            return self._ref(node, sheet, row)
        if kind == "name":
            text = self.names.get(node[1])
            return NAME if text is None else self.eval(parse(text, row), sheet, row)
        if kind == "call":
            if node[1] in PURE:
                values = [self.scalar(a, sheet, row) for a in node[2]]
                return PURE[node[1]](*values)
            return FUNCTIONS.get(node[1], _unknown)(self, node[2], sheet, row)
        if kind == "cmp":
            return compare(self.scalar(node[2], sheet, row), self.scalar(node[3], sheet, row),
                           node[1])
        if kind == "arith":
            return _arith(node[1], self.number(node[2], sheet, row),
                          self.number(node[3], sheet, row))
        if kind == "neg":
            n = self.number(node[1], sheet, row)
            return n if isinstance(n, XLError) else -n
        if kind == "pos":
            return self.scalar(node[1], sheet, row)
        if kind == "cat":
            return _concat(self.scalar(node[1], sheet, row), self.scalar(node[2], sheet, row))
        raise FormulaError(f"simpul tidak dikenal {kind}")

    def _ref(self, node, sheet: str, row: int):
        _, ref_sheet, (c1, r1, a1), (c2, r2, a2) = node
        r1 = r1 if a1 else r1 + row
        r2 = r2 if a2 else r2 + row
        target = ref_sheet or sheet
        if target not in self.grid:
            return REF
        if (r1, c1) == (r2, c2):
            return self.value(target, r1, c1)
        return Range(target, r1, c1, r2, c2)

    def scalar(self, node, sheet: str, row: int):
        v = self.eval(node, sheet, row)
        return v.scalar(self, row) if isinstance(v, Range) else v

    def number(self, node, sheet: str, row: int):
        return to_number(self.scalar(node, sheet, row))

    def array(self, node, sheet: str, row: int):
        """Array evaluation (inside SUMPRODUCT): ranges become lists, operators broadcast."""
        kind = node[0]
        if kind == "ref":
            v = self._ref(node, sheet, row)
            return self.range_values(v) if isinstance(v, Range) else v
        if kind in ("cmp", "arith", "cat"):
            a, b = self.array(node[2 if kind != "cat" else 1], sheet, row), \
                self.array(node[3 if kind != "cat" else 2], sheet, row)
            op = node[1]
            if kind == "cmp":
                return _broadcast(lambda x, y: compare(x, y, op), a, b)
            if kind == "arith":
                return _broadcast(lambda x, y: _arith(op, to_number(x), to_number(y)), a, b)
            return _broadcast(_concat, a, b)
        if kind == "neg":
            return _broadcast(lambda x: _neg(to_number(x)), self.array(node[1], sheet, row))
        if kind == "call" and node[1] in PURE:
            args = [self.array(a, sheet, row) for a in node[2]]
            return _broadcast(PURE[node[1]], *args)
        if kind == "call" and node[1] in ("MAX", "MIN"):
            return self._aggregate(node, sheet, row)
        if kind == "call" and node[1] == "ROW":
            v = self._ref(node[2][0], sheet, row) if node[2] else None
            if isinstance(v, Range):
                return [float(r) for r in range(v.r1, v.r2 + 1) for _ in range(v.c1, v.c2 + 1)]
            return _row(self, node[2], sheet, row)
        return self.scalar(node, sheet, row)

    def _aggregate(self, node, sheet: str, row: int):
        """MAX/MIN in array context (SUMPRODUCT(MAX(...))): over every element; text,
        booleans and blanks are skipped as Excel skips them in arrays."""
        values = []
        for arg in node[2]:
            v = self.array(arg, sheet, row)
            values.extend(v if isinstance(v, list) else [v])
        err = _first_error(values)
        if err:
            return err
        numbers = [v for v in values if isinstance(v, float)]
        if not numbers:
            return 0.0
        return max(numbers) if node[1] == "MAX" else min(numbers)

    def index(self, rng: Range, keys_of: tuple) -> dict:
        """Hash index of a range's values: key -> list of positions."""
        key = (rng.sheet, rng.r1, rng.c1, rng.r2, rng.c2, keys_of)
        idx = self._indexes.get(key)
        if idx is None:
            idx = defaultdict(list)
            for pos, v in enumerate(self.range_values(rng)):
                idx[_key(v)].append(pos)
            self._indexes[key] = idx
        return idx


class Range:
    __slots__ = ("c1", "c2", "r1", "r2", "sheet")

    def __init__(self, sheet, r1, c1, r2, c2):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2

    @property
    def size(self) -> int:
        return (self.r2 - self.r1 + 1) * (self.c2 - self.c1 + 1)

    def scalar(self, ev: Evaluator, row: int):
        """Implicit intersection of a one-column range with the formula's row."""
        if self.c1 == self.c2 and self.r1 <= row <= self.r2:
            return ev.value(self.sheet, row, self.c1)
        return VALUE


class Formula:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _concat(a, b):
    for v in (a, b):
        if isinstance(v, XLError):
            return v
    return to_text(a) + to_text(b)


def _neg(n):
    return n if isinstance(n, XLError) else -n


def _broadcast(f, *args):
    """Apply `f` element-wise; scalars repeat, lists of equal length pair up."""
    lengths = {len(a) for a in args if isinstance(a, list)}
    if not lengths:
        return f(*args)
    if len(lengths) > 1:
        return VALUE
    n = lengths.pop()
    cols = [a if isinstance(a, list) else [a] * n for a in args]
    return [f(*values) for values in zip(*cols)]


def _arith(op: str, a, b):
    if isinstance(a, XLError):
        return a
    if isinstance(b, XLError):
        return b
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return DIV0 if b == 0 else a / b
    return a ** b


# ---------------------------------------------------------------- functions
FUNCTIONS: dict = {}


def fn(name: str):
    def register(f):
        FUNCTIONS[name] = f
        return f
    return register


def _unknown(ev, args, sheet, row):
    return NAME


def _args(ev, args, sheet, row):
    return [ev.scalar(a, sheet, row) for a in args]


def _flat(ev, args, sheet, row):
    """Values of arguments, ranges expanded (for SUM, MAX, COUNTA, AND, OR)."""
    for a in args:
        v = ev.eval(a, sheet, row)
        if isinstance(v, Range):
            yield from ((x, True) for x in ev.range_values(v))
        else:
            yield v, False


def _first_error(values):
    return next((v for v in values if isinstance(v, XLError)), None)


@fn("IF")
def _if(ev, args, sheet, row):
    cond = ev.scalar(args[0], sheet, row)
    if isinstance(cond, XLError):
        return cond
    truth = _truth(cond)
    if isinstance(truth, XLError):
        return truth
    if truth:
        return ev.eval(args[1], sheet, row) if len(args) > 1 else True
    return ev.eval(args[2], sheet, row) if len(args) > 2 else False


def _truth(v):
    if isinstance(v, str):
        up = v.upper()
        return True if up == "TRUE" else False if up == "FALSE" else VALUE
    return bool(v)


@fn("IFERROR")
def _iferror(ev, args, sheet, row):
    v = ev.scalar(args[0], sheet, row)
    return ev.eval(args[1], sheet, row) if isinstance(v, XLError) else v


def _logical(ev, args, sheet, row, combine):
    values = []
    for v, from_range in _flat(ev, args, sheet, row):
        if isinstance(v, XLError):
            return v
        if from_range and (v is None or isinstance(v, str)):
            continue  # text and blanks in ranges are ignored
        t = _truth(v)
        if isinstance(t, XLError):
            return t
        values.append(t)
    return combine(values) if values else VALUE


fn("AND")(lambda ev, args, s, r: _logical(ev, args, s, r, all))
fn("OR")(lambda ev, args, s, r: _logical(ev, args, s, r, any))


@fn("SUM")
def _sum(ev, args, sheet, row):
    total = 0.0
    for v, from_range in _flat(ev, args, sheet, row):
        if isinstance(v, XLError):
            return v
        if isinstance(v, float):
            total += v
        elif not from_range and v is not None:
            n = to_number(v)
            if isinstance(n, XLError):
                return n
            total += n
    return total


@fn("MAX")
def _max(ev, args, sheet, row):
    numbers = []
    for v, from_range in _flat(ev, args, sheet, row):
        if isinstance(v, XLError):
            return v
        if isinstance(v, float):
            numbers.append(v)
        elif not from_range and v is not None:
            n = to_number(v)
            if isinstance(n, XLError):
                return n
            numbers.append(n)
    return max(numbers) if numbers else 0.0


@fn("COUNTA")
def _counta(ev, args, sheet, row):
    return float(sum(1 for v, _ in _flat(ev, args, sheet, row) if v is not None))


def _pairs(ev, args, sheet, row):
    """(range, criterion) pairs of SUMIFS/COUNTIFS arguments."""
    out = []
    for i in range(0, len(args), 2):
        rng = ev.eval(args[i], sheet, row)
        if not isinstance(rng, Range):
            return None
        out.append((rng, ev.scalar(args[i + 1], sheet, row)))
    return out


def _positions(ev, pairs) -> list[int] | XLError:
    """Positions matching every criterion; hash index for plain equality."""
    size = pairs[0][0].size
    if any(rng.size != size for rng, _ in pairs):
        return VALUE
    selected = None
    for rng, crit in pairs:
        if isinstance(crit, XLError):
            return crit
        if _is_plain(crit):
            hits = ev.index(rng, ("eq",)).get(_criterion_key(crit), [])
        else:
            hits = [i for i, v in enumerate(ev.range_values(rng)) if matches(v, crit)]
        selected = set(hits) if selected is None else selected & set(hits)
        if not selected:
            return []
    return sorted(selected)


@fn("SUMIFS")
def _sumifs(ev, args, sheet, row):
    target = ev.eval(args[0], sheet, row)
    pairs = _pairs(ev, args[1:], sheet, row)
    if not isinstance(target, Range) or pairs is None:
        return VALUE
    if target.size != pairs[0][0].size:
        return VALUE
    positions = _positions(ev, pairs)
    if isinstance(positions, XLError):
        return positions
    values = ev.range_values(target)
    total = 0.0
    for i in positions:
        v = values[i]
        if isinstance(v, XLError):
            return v
        if isinstance(v, float):
            total += v
    return total


@fn("COUNTIFS")
def _countifs(ev, args, sheet, row):
    pairs = _pairs(ev, args, sheet, row)
    if pairs is None:
        return VALUE
    positions = _positions(ev, pairs)
    return positions if isinstance(positions, XLError) else float(len(positions))


FUNCTIONS["COUNTIF"] = _countifs


@fn("MATCH")
def _match(ev, args, sheet, row):
    look = ev.scalar(args[0], sheet, row)
    rng = ev.eval(args[1], sheet, row)
    kind = ev.number(args[2], sheet, row) if len(args) > 2 else 1.0
    if isinstance(look, XLError):
        return look
    if not isinstance(rng, Range) or kind != 0:
        raise FormulaError("MATCH hanya didukung dengan jenis 0 atas rentang")
    if look is None:
        return NA
    if isinstance(look, str) and any(c in look for c in "*?~"):
        pattern = _wildcard(look)
        for i, v in enumerate(ev.range_values(rng)):
            if isinstance(v, str) and re.fullmatch(pattern, v, re.IGNORECASE | re.DOTALL):
                return float(i + 1)
        return NA
    hits = ev.index(rng, ("eq",)).get(_key(look))
    return float(hits[0] + 1) if hits else NA


@fn("INDEX")
def _index(ev, args, sheet, row):
    rng = ev.eval(args[0], sheet, row)
    n = ev.number(args[1], sheet, row)
    if isinstance(n, XLError):
        return n
    if not isinstance(rng, Range):
        return rng if n == 1 else REF
    values = ev.range_values(rng)
    i = int(n)
    if not 1 <= i <= len(values) or (rng.c1 != rng.c2 and rng.r1 != rng.r2):
        return REF
    return values[i - 1]


def _serial_date(x: float) -> date:
    return (EPOCH + timedelta(days=math.floor(x))).date()


def _serial(d: date) -> float:
    return float((d - EPOCH.date()).days)


# Value-level functions: called with scalars, applied element-wise inside SUMPRODUCT.
PURE: dict = {}


def pure(name: str, numbers: bool = False):
    """Register a value function; with `numbers`, arguments arrive as numbers."""
    def register(f):
        def call(*values):
            err = _first_error(values)
            if err:
                return err
            if numbers:
                values = tuple(to_number(v) for v in values)
                err = _first_error(values)
                if err:
                    return err
            return f(*values)
        PURE[name] = call
        return f
    return register


def _checker(name, test):
    PURE[name] = test


_checker("ISNUMBER", lambda v: isinstance(v, float))
_checker("ISTEXT", lambda v: isinstance(v, str) and not isinstance(v, XLError))


@pure("NOT")
def _not(v):
    t = _truth(v)
    return t if isinstance(t, XLError) else not t


@pure("ROUND", numbers=True)
def _round(x, digits):
    q = Decimal(1).scaleb(-int(digits))
    return float(_decimal15(x).quantize(q, rounding=ROUND_HALF_UP))


def _decimal15(x: float) -> Decimal:
    """Excel works to 15 significant digits: 1.005*100 rounds as 100.5, not 100.4999..."""
    return Decimal(f"{x:.15g}")


@pure("INT", numbers=True)
def _int(x):
    return float(math.floor(x))


@pure("ABS", numbers=True)
def _abs(x):
    return abs(x)


@pure("YEAR", numbers=True)
def _year(x):
    return VALUE if x < 0 else float(_serial_date(x).year)


@pure("MONTH", numbers=True)
def _month(x):
    return VALUE if x < 0 else float(_serial_date(x).month)


@pure("EDATE", numbers=True)
def _edate(x, months):
    d = _serial_date(x)
    index = d.month - 1 + int(months)
    year, month = d.year + index // 12, index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return _serial(date(year, month, min(d.day, last)))


@pure("DATE", numbers=True)
def _date(y, m, d):
    base = date(int(y) + (int(m) - 1) // 12, (int(m) - 1) % 12 + 1, 1)
    return _serial(base) + int(d) - 1


@pure("LEN")
def _len(v):
    return float(len(to_text(v)))


@pure("TRIM")
def _trim(v):
    return re.sub(" +", " ", to_text(v)).strip(" ")


@pure("UPPER")
def _upper(v):
    return to_text(v).upper()


@pure("LOWER")
def _lower(v):
    return to_text(v).lower()


@pure("LEFT")
def _left(v, n=1.0):
    return to_text(v)[:int(to_number(n))]


@pure("RIGHT")
def _right(v, n=1.0):
    n = int(to_number(n))
    return to_text(v)[-n:] if n else ""


@pure("_XLFN.UNICODE")  # Excel 2013+: files must name it _xlfn.UNICODE, else #NAME?
def _unicode(v):
    text = to_text(v)
    return float(ord(text[0])) if text else VALUE


@pure("SUBSTITUTE")
def _substitute(text, old, new):
    text, old, new = to_text(text), to_text(old), to_text(new)
    return text.replace(old, new) if old else text


@pure("TEXT")
def _text(v, fmt):
    fmt = to_text(fmt)
    if not re.fullmatch(r"0+", fmt):
        raise FormulaError(f"format TEXT tidak didukung: {fmt}")
    n = to_number(v)
    if isinstance(n, XLError):
        return to_text(v)  # a number format leaves text unchanged
    rounded = int(_decimal15(abs(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ("-" if n < 0 and rounded else "") + str(rounded).zfill(len(fmt))


@fn("ROW")
def _row(ev, args, sheet, row):
    if not args:
        return float(row)
    v = ev._ref(args[0], sheet, row)
    return float(v.r1) if isinstance(v, Range) else float(args[0][2][1] if args[0][2][2]
                                                          else args[0][2][1] + row)


@fn("COUNT")
def _count(ev, args, sheet, row):
    return float(sum(1 for v, _ in _flat(ev, args, sheet, row) if isinstance(v, float)))


@fn("SUMPRODUCT")
def _sumproduct(ev, args, sheet, row):
    arrays = [ev.array(a, sheet, row) for a in args]
    err = _first_error([a for a in arrays if not isinstance(a, list)])
    if err:
        return err
    arrays = [a if isinstance(a, list) else [a] for a in arrays]
    if len({len(a) for a in arrays}) != 1:
        return VALUE
    total = 0.0
    for values in zip(*arrays):
        product = 1.0
        for v in values:
            if isinstance(v, XLError):
                return v
            product *= v if isinstance(v, float) else 0.0
        total += product
    return total

# ---------------------------------------------------------------- workbook entry points
def grid_of(wb) -> dict[str, dict[tuple[int, int], object]]:
    """Cell contents of an openpyxl workbook, formulas wrapped as `Formula`."""
    grid = {}
    for ws in wb.worksheets:
        cells = {}
        for (row, col), cell in ws._cells.items():
            v = cell._value
            if isinstance(v, ArrayFormula):
                cells[(row, col)] = Formula(v.text)
            elif cell.data_type == "f" and isinstance(v, str):
                cells[(row, col)] = Formula(v)
            elif v is not None:
                cells[(row, col)] = v
        grid[ws.title] = cells
    return grid


def names_of(wb) -> dict[str, str]:
    """Workbook-level defined names and what they refer to."""
    return {name: dn.attr_text for name, dn in wb.defined_names.items()}


def compute_cached(wb) -> dict[str, dict[str, object]]:
    """{sheet: {A1 address: value}} for every formula cell of `wb` (the anchor of an array)."""
    from openpyxl.utils.cell import get_column_letter

    grid = grid_of(wb)
    ev = Evaluator(grid, names_of(wb))
    out: dict[str, dict[str, object]] = {}
    for sheet, cells in grid.items():
        values = {}
        for (row, col), raw in cells.items():
            if isinstance(raw, Formula):
                values[f"{get_column_letter(col)}{row}"] = ev.value(sheet, row, col)
        if values:
            out[sheet] = values
    return out
