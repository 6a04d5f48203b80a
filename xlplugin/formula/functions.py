"""Functions that receive their arguments unevaluated (they may need a range, or
evaluate lazily as IF and IFERROR do), registered in FUNCTIONS by name."""

from __future__ import annotations

import re

from .cells import Range
from .criteria import criterion_key, index_key, is_plain, matches, wildcard_pattern
from .errors import NA, NAME, REF, VALUE, FormulaError, XLError, first_error
from .values import to_number, truth_value

FUNCTIONS: dict = {}


def fn(name: str):
    def register(f):
        FUNCTIONS[name] = f
        return f
    return register


def unknown_function(ev, args, sheet, row):
    return NAME


def _flat(ev, args, sheet, row):
    """Values of arguments, ranges expanded (for SUM, MAX, COUNTA, AND, OR)."""
    for a in args:
        v = ev.eval(a, sheet, row)
        if isinstance(v, Range):
            yield from ((x, True) for x in ev.range_values(v))
        else:
            yield v, False


@fn("IF")
def _if(ev, args, sheet, row):
    cond = ev.scalar(args[0], sheet, row)
    if isinstance(cond, XLError):
        return cond
    truth = truth_value(cond)
    if isinstance(truth, XLError):
        return truth
    if truth:
        return ev.eval(args[1], sheet, row) if len(args) > 1 else True
    return ev.eval(args[2], sheet, row) if len(args) > 2 else False


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
        t = truth_value(v)
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
        if is_plain(crit):
            hits = ev.index(rng, ("eq",)).get(criterion_key(crit), [])
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
        pattern = wildcard_pattern(look)
        for i, v in enumerate(ev.range_values(rng)):
            if isinstance(v, str) and re.fullmatch(pattern, v, re.IGNORECASE | re.DOTALL):
                return float(i + 1)
        return NA
    hits = ev.index(rng, ("eq",)).get(index_key(look))
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
    err = first_error([a for a in arrays if not isinstance(a, list)])
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
