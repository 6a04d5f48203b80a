"""The evaluator: formula trees over a grid of cells, with each cell's value, each range's
values and each equality index computed once."""

from __future__ import annotations

from collections import defaultdict

from .cells import Formula, Range
from .criteria import index_key
from .errors import NAME, REF, FormulaError, XLError, first_error
from .functions import FUNCTIONS, unknown_function
from .operators import arith, broadcast, concat, negate
from .parser import parse
from .value_functions import PURE
from .values import cell_value, compare, to_number


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
            return FUNCTIONS.get(node[1], unknown_function)(self, node[2], sheet, row)
        if kind == "cmp":
            return compare(self.scalar(node[2], sheet, row), self.scalar(node[3], sheet, row),
                           node[1])
        if kind == "arith":
            return arith(node[1], self.number(node[2], sheet, row),
                          self.number(node[3], sheet, row))
        if kind == "neg":
            n = self.number(node[1], sheet, row)
            return n if isinstance(n, XLError) else -n
        if kind == "pos":
            return self.scalar(node[1], sheet, row)
        if kind == "cat":
            return concat(self.scalar(node[1], sheet, row), self.scalar(node[2], sheet, row))
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
                return broadcast(lambda x, y: compare(x, y, op), a, b)
            if kind == "arith":
                return broadcast(lambda x, y: arith(op, to_number(x), to_number(y)), a, b)
            return broadcast(concat, a, b)
        if kind == "neg":
            return broadcast(lambda x: negate(to_number(x)), self.array(node[1], sheet, row))
        if kind == "call" and node[1] in PURE:
            args = [self.array(a, sheet, row) for a in node[2]]
            return broadcast(PURE[node[1]], *args)
        if kind == "call" and node[1] in ("MAX", "MIN"):
            return self._aggregate(node, sheet, row)
        if kind == "call" and node[1] == "ROW":
            v = self._ref(node[2][0], sheet, row) if node[2] else None
            if isinstance(v, Range):
                return [float(r) for r in range(v.r1, v.r2 + 1) for _ in range(v.c1, v.c2 + 1)]
            return FUNCTIONS["ROW"](self, node[2], sheet, row)
        return self.scalar(node, sheet, row)

    def _aggregate(self, node, sheet: str, row: int):
        """MAX/MIN in array context (SUMPRODUCT(MAX(...))): over every element; text,
        booleans and blanks are skipped as Excel skips them in arrays."""
        values = []
        for arg in node[2]:
            v = self.array(arg, sheet, row)
            values.extend(v if isinstance(v, list) else [v])
        err = first_error(values)
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
                idx[index_key(v)].append(pos)
            self._indexes[key] = idx
        return idx
