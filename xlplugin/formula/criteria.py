"""Excel criteria of SUMIFS, COUNTIF(S) and MATCH: operators, wildcards, and the keys of
the hash index that plain equality criteria use."""

from __future__ import annotations

import re

from .errors import XLError
from .values import compare

_CRIT_OP = re.compile(r"^(<>|<=|>=|=|<|>)?(.*)$", re.DOTALL)


def is_plain(criterion) -> bool:
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


def index_key(v):
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


def criterion_key(c):
    # Excel: a criterion that references an empty cell counts as 0.
    return ("n", 0.0) if c is None else index_key(c)


def matches(value, criterion) -> bool:
    """Excel criteria: "=x", "<>x", ">5", wildcards * ? ~, plain values."""
    if criterion is None:
        criterion = 0.0
    if isinstance(criterion, (bool, float)):
        return index_key(value) == index_key(criterion)
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
        hit = re.fullmatch(wildcard_pattern(rest), value, re.IGNORECASE | re.DOTALL) is not None
        return hit if op == "=" else not hit
    return compare(value, rest, op)


def wildcard_pattern(pattern: str) -> str:
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
