"""Cell values as the evaluator holds them (numbers as float, dates as serials, blank as
None) and Excel's conversions and comparison between them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from .errors import VALUE, XLError

EPOCH = datetime(1899, 12, 30)


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


def truth_value(v):
    if isinstance(v, str):
        up = v.upper()
        return True if up == "TRUE" else False if up == "FALSE" else VALUE
    return bool(v)
