"""Value-level functions: called with scalars, applied element-wise inside SUMPRODUCT,
registered in PURE by name."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .errors import VALUE, FormulaError, XLError, first_error
from .values import EPOCH, to_number, to_text, truth_value


def _serial_date(x: float) -> date:
    return (EPOCH + timedelta(days=math.floor(x))).date()


def _serial(d: date) -> float:
    return float((d - EPOCH.date()).days)
PURE: dict = {}


def pure(name: str, numbers: bool = False):
    """Register a value function; with `numbers`, arguments arrive as numbers."""
    def register(f):
        def call(*values):
            err = first_error(values)
            if err:
                return err
            if numbers:
                values = tuple(to_number(v) for v in values)
                err = first_error(values)
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
    t = truth_value(v)
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
