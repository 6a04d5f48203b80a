"""The operators: concatenation, negation, arithmetic, and the element-wise broadcast
they use in array context (inside SUMPRODUCT)."""

from __future__ import annotations

from .errors import DIV0, VALUE, XLError
from .values import to_text


def concat(a, b):
    for v in (a, b):
        if isinstance(v, XLError):
            return v
    return to_text(a) + to_text(b)


def negate(n):
    return n if isinstance(n, XLError) else -n


def broadcast(f, *args):
    """Apply `f` element-wise; scalars repeat, lists of equal length pair up."""
    lengths = {len(a) for a in args if isinstance(a, list)}
    if not lengths:
        return f(*args)
    if len(lengths) > 1:
        return VALUE
    n = lengths.pop()
    cols = [a if isinstance(a, list) else [a] * n for a in args]
    return [f(*values) for values in zip(*cols)]


def arith(op: str, a, b):
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
