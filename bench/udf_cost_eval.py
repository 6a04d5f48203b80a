"""A small evaluator for the bounds of INDEX-bounded ranges (`bench.udf_cost_refs`).

`A6:INDEX(L6:L2005, n)` passes as many rows as n says; n is read from cached values (a
helper cell), or computed from a defined name's formula or a helper cell that has no
cached value. Only the functions such a bound is likely to use are known; another one
stops the benchmark with a message naming it (add it to FUNCTIONS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .udf_cost_book import COM_ERRORS
from .udf_cost_formula import Arr, Err, FormulaError, Func, Lit, Name, Op, Ref, Unary, parse

_ERRORS = {code: text for text, code in COM_ERRORS.items()}


class EvalError(ValueError):
    """An Excel error value came out of an evaluation (IFERROR catches it)."""


@dataclass(frozen=True)
class Host:
    """The cell a formula sits in: its sheet for unqualified references, its row for
    [#This Row] and ROW()."""
    sheet: str
    row: int = 1
    col: int = 1


def evaluate(resolver, node, host: Host):
    """A scalar, or a list of row lists for an area (cached values)."""
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Err):
        raise EvalError(node.code)
    if isinstance(node, Arr):
        return [[evaluate(resolver, v, host) for v in row] for row in node.rows]
    if isinstance(node, (Ref, Name)) or (isinstance(node, Op) and node.op in (":", ",", " ")):
        refs = resolver.areas(node, host)
        if refs is None:  # a name for a value, e.g. =FALSE or =COUNTA(...)
            found = resolver.name_tree(node.text, host) if isinstance(node, Name) else None
            if found is None:
                raise EvalError("#NAME?")
            return evaluate(resolver, found[1], found[2])
        return area_value(resolver, refs[0])
    if isinstance(node, Unary):
        x = number(evaluate(resolver, node.operand, host))
        return -x if node.op == "-" else (x / 100 if node.op == "%" else x)
    if isinstance(node, Op):
        return _binary(node.op, evaluate(resolver, node.left, host),
                       evaluate(resolver, node.right, host))
    if isinstance(node, Func):
        if node.name == "INDEX":
            return area_value(resolver, resolver.index_area(node, host))
        fn = FUNCTIONS.get(node.name)
        if fn is None:
            raise FormulaError(f"{node.name} in an INDEX bound: add it to "
                               "bench/udf_cost_eval.py FUNCTIONS")
        return fn(resolver, node.args, host)
    raise FormulaError(f"cannot evaluate {node!r}")


def area_value(resolver, ref: Ref):
    if ref.r1 == ref.r2 and ref.c1 == ref.c2:
        value = resolver.book.value(ref.sheet, ref.r1, ref.c1)
        cell = resolver.book.formula_at(ref.sheet, ref.r1, ref.c1)
        if value is None and cell is not None and cell.array is None:
            value = evaluate(resolver, parse(cell.text), Host(ref.sheet, ref.r1, ref.c1))
        if isinstance(value, int) and not isinstance(value, bool) and value in _ERRORS:
            raise EvalError(_ERRORS[value])
        return value
    values = resolver.book.values(ref.sheet, ref.r1, ref.c1, ref.r2, ref.c2)
    return [list(row) for row in values]


def number(value) -> float:
    if isinstance(value, list):
        value = value[0][0] if value and value[0] else None
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        raise EvalError("#VALUE!") from None


def _binary(op: str, a, b):
    if op in ("+", "-", "*", "/", "^"):
        x, y = number(a), number(b)
        if op == "/" and y == 0:
            raise EvalError("#DIV/0!")
        return {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0.0,
                "^": x ** y}[op]
    if op == "&":
        return f"{_text(a)}{_text(b)}"
    a, b = _scalar(a), _scalar(b)
    if isinstance(a, str) or isinstance(b, str):
        a, b = _text(a).upper(), _text(b).upper()
    else:
        a, b = number(a), number(b)
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b,
            ">=": a >= b}[op]


def _scalar(value):
    return value[0][0] if isinstance(value, list) else value


def _text(value) -> str:
    value = _scalar(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _flat(resolver, args, host: Host) -> list:
    out = []
    for arg in args:
        value = evaluate(resolver, arg, host)
        if isinstance(value, list):
            out.extend(v for row in value for v in row)
        else:
            out.append(value)
    return out


def _numbers(resolver, args, host) -> list[float]:
    return [float(v) for v in _flat(resolver, args, host)
            if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _counta(resolver, args, host: Host) -> float:
    n = 0
    for arg in args:
        refs = resolver.areas(arg, host) if isinstance(arg, (Ref, Name, Op, Func)) else None
        if not refs:
            n += evaluate(resolver, arg, host) is not None
            continue
        for ref in refs:
            values = resolver.book.values(ref.sheet, ref.r1, ref.c1, ref.r2, ref.c2)
            rows = values if isinstance(values, tuple) else ((values,),)
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    n += v is not None or resolver.book.formula_at(
                        ref.sheet, ref.r1 + i, ref.c1 + j) is not None
    return float(n)


def _iferror(resolver, args, host: Host):
    try:
        return evaluate(resolver, args[0], host)
    except EvalError:
        return evaluate(resolver, args[1], host)


def _if(resolver, args, host: Host):
    cond = evaluate(resolver, args[0], host)
    branch = args[1] if number(cond) else (args[2] if len(args) > 2 else Lit(False))
    return evaluate(resolver, branch, host)


def _match(resolver, args, host: Host):
    target = _scalar(evaluate(resolver, args[0], host))
    kind = number(evaluate(resolver, args[2], host)) if len(args) > 2 else 1
    if kind != 0:
        raise FormulaError("MATCH in an INDEX bound: only exact match (0) is supported")
    for i, v in enumerate(_flat(resolver, args[1:2], host), start=1):
        if _text(v).upper() == _text(target).upper() and v is not None:
            return float(i)
    raise EvalError("#N/A")


def _dimension(which: int):
    def fn(resolver, args, host: Host) -> float:
        ref = resolver.areas(args[0], host)[0]
        return float(ref.r2 - ref.r1 + 1 if which == 0 else ref.c2 - ref.c1 + 1)
    return fn


def _position(which: int):
    def fn(resolver, args, host: Host) -> float:
        if not args:
            return float(host.row if which == 0 else host.col)
        ref = resolver.areas(args[0], host)[0]
        return float(ref.r1 if which == 0 else ref.c1)
    return fn


def _round(how):
    def fn(resolver, args, host: Host) -> float:
        x = number(evaluate(resolver, args[0], host))
        digits = int(number(evaluate(resolver, args[1], host))) if len(args) > 1 else 0
        return how(x * 10 ** digits) / 10 ** digits
    return fn


FUNCTIONS = {
    "MAX": lambda r, a, h: max(_numbers(r, a, h), default=0.0),
    "MIN": lambda r, a, h: min(_numbers(r, a, h), default=0.0),
    "SUM": lambda r, a, h: sum(_numbers(r, a, h)),
    "COUNT": lambda r, a, h: float(len(_numbers(r, a, h))),
    "COUNTA": _counta,
    "ROWS": _dimension(0),
    "COLUMNS": _dimension(1),
    "ROW": _position(0),
    "COLUMN": _position(1),
    "IF": _if,
    "IFERROR": _iferror,
    "MATCH": _match,
    "ROUND": _round(lambda x: math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)),
    "ROUNDUP": _round(lambda x: math.ceil(x) if x >= 0 else -math.ceil(-x)),
    "ROUNDDOWN": _round(math.trunc),
    "INT": lambda r, a, h: float(math.floor(number(evaluate(r, a[0], h)))),
    "ABS": lambda r, a, h: abs(number(evaluate(r, a[0], h))),
    "N": lambda r, a, h: number(evaluate(r, a[0], h)),
    "AND": lambda r, a, h: all(number(v) for v in _flat(r, a, h)),
    "OR": lambda r, a, h: any(number(v) for v in _flat(r, a, h)),
    "NOT": lambda r, a, h: not number(evaluate(r, a[0], h)),
}
