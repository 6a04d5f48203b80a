"""What a formula's references mean in one workbook, for the UDF cost model.

`Resolver` turns syntax trees (`bench.udf_cost_formula`) into areas:

- `precedents`: every area a formula reads (Excel recalculates it when one changes),
  through defined names and structured references, including the area an
  INDEX-bounded range such as `A6:INDEX(L6:L2005, n)` spans for the current n and the
  static arguments of that INDEX (L6:L2005, n's own references);
- `areas`: what an argument passes when it is a reference (None otherwise);
- `evaluate`: INDEX bounds from cached values (`bench.udf_cost_eval`).

With `index_at_end` every computed INDEX bound is its range's last row/column: the
areas a contract passes when every table is full to capacity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .udf_cost_book import Book
from .udf_cost_eval import EvalError, Host, evaluate, number
from .udf_cost_formula import FormulaError, Func, Lit, Name, Op, Ref, Unary, parse, walk

VOLATILE = frozenset({"OFFSET", "INDIRECT", "NOW", "TODAY", "RAND", "RANDBETWEEN", "CELL",
                      "INFO", "RANDARRAY"})


@dataclass
class Deps:
    refs: list[Ref] = field(default_factory=list)  # sheet always filled in
    volatile: bool = False
    moving: bool = False  # a range ends at an INDEX that reads a relative reference


class Resolver:
    def __init__(self, book: Book, index_at_end: bool = False):
        self.book, self.at_end = book, index_at_end
        self._names: dict[tuple, object] = {}
        self.unknown_names: set[str] = set()

    # -------------------------------------------------------------- precedents
    def precedents(self, node, host: Host, deps: Deps | None = None,
                   _seen: frozenset = frozenset()) -> Deps:
        deps = deps if deps is not None else Deps()
        if isinstance(node, Ref):
            deps.refs.append(_filled(node, host))
        elif isinstance(node, Name):
            table_area = self._structured(node.text, host)
            if table_area is not None:
                deps.refs.append(table_area)
            else:
                found = self.name_tree(node.text, host)
                if found is None:
                    self.unknown_names.add(node.text)
                elif found[0] not in _seen:
                    key, tree, scope = found
                    self.precedents(tree, scope, deps, _seen | {key})
        elif isinstance(node, Func):
            deps.volatile |= node.name in VOLATILE
            for arg in node.args:
                self.precedents(arg, host, deps, _seen)
        elif isinstance(node, Op):
            if node.op == ":":
                try:
                    deps.refs.extend(self.areas(node, host) or [])
                except EvalError:
                    pass  # the range is an error value today: its static parts remain
                except FormulaError:
                    if not any(isinstance(n, Func) and n.name in VOLATILE for n in walk(node)):
                        raise
                    deps.volatile = True  # OFFSET/INDIRECT: recalculated at every edit
                deps.moving |= any(isinstance(n, Func) and n.name == "INDEX" and any(
                    _relative(a) for a in n.args[1:]) for n in walk(node))
            self.precedents(node.left, host, deps, _seen)
            self.precedents(node.right, host, deps, _seen)
        elif isinstance(node, Unary):
            self.precedents(node.operand, host, deps, _seen)
        return deps

    # -------------------------------------------------------------- references
    def areas(self, node, host: Host) -> list[Ref] | None:
        """The areas `node` refers to, or None when it is a value, not a reference."""
        if isinstance(node, Ref):
            return [_filled(node, host)]
        if isinstance(node, Name):
            table_area = self._structured(node.text, host)
            if table_area is not None:
                return [table_area]
            found = self.name_tree(node.text, host)
            return None if found is None else self.areas(found[1], found[2])
        if isinstance(node, Op) and node.op in (":", ",", " "):
            left, right = self.areas(node.left, host), self.areas(node.right, host)
            if left is None or right is None:
                raise FormulaError(f"range operator {node.op!r} on a value")
            if node.op == ",":
                return left + right
            if node.op == " ":
                return [a for a in (_intersect(x, y) for x in left for y in right) if a]
            return [_span(left, right)]
        if isinstance(node, Func):
            if node.name == "INDEX":
                return [self.index_area(node, host)]
            if node.name in ("IF", "CHOOSE"):
                found = [self.areas(a, host) for a in node.args[1:]]
                refs = [r for rs in found if rs for r in rs]
                return refs or None
            if node.name in ("OFFSET", "INDIRECT"):
                raise FormulaError(f"{node.name} (volatile) cannot be resolved statically")
        return None

    def index_area(self, node: Func, host: Host) -> Ref:
        base = self.areas(node.args[0], host)
        if not base or len(base) != 1:
            raise FormulaError("INDEX over several areas is not supported")
        ref = base[0]
        rows, cols = ref.r2 - ref.r1 + 1, ref.c2 - ref.c1 + 1
        args = node.args[1:3]
        if len(args) == 2:
            r, c = self._bound(args[0], host, rows), self._bound(args[1], host, cols)
        elif not args:
            r, c = 0, 0
        elif rows == 1 and cols > 1:  # INDEX(one row, n): the n-th column
            r, c = 1, self._bound(args[0], host, cols)
        else:  # the n-th row (all its columns when the area has several)
            r, c = self._bound(args[0], host, rows), 1 if cols == 1 else 0
        if r < 0 or c < 0 or r > rows or c > cols:
            raise EvalError("#REF!")
        r1, r2 = (ref.r1, ref.r2) if r == 0 else (ref.r1 + r - 1,) * 2
        c1, c2 = (ref.c1, ref.c2) if c == 0 else (ref.c1 + c - 1,) * 2
        return Ref(ref.sheet, r1, c1, r2, c2)

    def _bound(self, node, host: Host, end: int) -> int:
        if isinstance(node, Lit) and node.value is None:
            return 0
        if self.at_end and not isinstance(node, Lit):
            return end
        value = self.evaluate(node, host)
        return int(number(value))

    # -------------------------------------------------------------- names, tables
    def name_tree(self, text: str, host: Host):
        found = self.book.name(text, host.sheet)
        if found is None:
            return None
        scope, formula = found
        key = (scope, text.upper())
        if key not in self._names:
            self._names[key] = parse(formula)
        return key, self._names[key], Host(scope or host.sheet, host.row, host.col)

    def _structured(self, text: str, host: Host) -> Ref | None:
        name, _, spec = text.partition("[")
        table = (self.book.tables.get(name.upper()) if name else
                 next((t for t in self.book.tables.values() if t.sheet == host.sheet
                       and t.r1 <= host.row <= t.r2 and t.c1 <= host.col <= t.c2), None))
        if table is None or (not spec and self.book.name(name, host.sheet)):
            return None
        first, last = table.r1 + table.header_rows, table.r2 - table.totals_rows
        rows, columns = [], []
        inner = spec[:-1] if spec else ""
        items = [i.strip()[1:-1] if i.strip().startswith("[") else i.strip()
                 for i in _items(inner)] if inner.startswith("[") else [inner]
        for item in items:
            if item.startswith("@"):
                rows.append("#This Row")
                item = item[1:].strip("[]")
            if item.startswith("#"):
                rows.append(item)
            elif item:
                columns.append(item)
        r1, r2 = first, last
        if rows:
            spans = {"#All": (table.r1, table.r2), "#Data": (first, last),
                     "#Headers": (table.r1, first - 1), "#Totals": (last + 1, table.r2),
                     "#This Row": (host.row, host.row)}
            picked = [spans[r] for r in rows]
            r1, r2 = min(p[0] for p in picked), max(p[1] for p in picked)
        c1, c2 = table.c1, table.c2
        if columns:
            names = "]:[".join(columns).split("]:[")
            index = [table.columns.index(_unescape(n)) for n in names]
            c1, c2 = table.c1 + min(index), table.c1 + max(index)
        moving = "#This Row" in rows
        return Ref(table.sheet, r1, c1, r2, c2, not moving, not moving)

    # -------------------------------------------------------------- values
    def evaluate(self, node, host: Host):
        """A scalar, or a list of row lists for an area (cached values)."""
        return evaluate(self, node, host)


# ---------------------------------------------------------------- helpers
def _filled(ref: Ref, host: Host) -> Ref:
    return ref if ref.sheet else ref._replace(sheet=host.sheet)


def _relative(node) -> bool:
    return any(isinstance(n, Ref) and not (n.r1abs and n.r2abs) for n in walk(node))


def _span(left: list[Ref], right: list[Ref]) -> Ref:
    refs = left + right
    if len({r.sheet for r in refs}) != 1:
        raise FormulaError("range operator across sheets")
    top = min(refs, key=lambda r: r.r1)
    bottom = max(refs, key=lambda r: r.r2)
    return Ref(top.sheet, top.r1, min(r.c1 for r in refs), bottom.r2, max(r.c2 for r in refs),
               top.r1abs, bottom.r2abs)


def _intersect(a: Ref, b: Ref) -> Ref | None:
    if a.sheet != b.sheet:
        return None
    r1, r2, c1, c2 = max(a.r1, b.r1), min(a.r2, b.r2), max(a.c1, b.c1), min(a.c2, b.c2)
    return Ref(a.sheet, r1, c1, r2, c2) if r1 <= r2 and c1 <= c2 else None


def _items(inner: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            out.append(inner[start:i])
            start = i + 1
    out.append(inner[start:])
    return out


def _unescape(name: str) -> str:
    return name.replace("'[", "[").replace("']", "]").replace("'#", "#").replace("''", "'")
