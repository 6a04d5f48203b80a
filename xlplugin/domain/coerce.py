"""Turn raw cell values (from calamine, openpyxl or xlwings) into typed values.

Never raises on user input: what cannot be read becomes an `Invalid` with an
Indonesian reason, so the engine can report it at its cell and go on.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .calendar import BULAN
from .money import to_rupiah
from .values import Invalid

EXCEL_ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                "#SPILL!", "#CALC!", "#GETTING_DATA"}
EXCEL_EPOCH = date(1899, 12, 30)
# Excel keeps 15 significant digits; anything larger is no amount a RAB can hold.
MAX_MAGNITUDE = Decimal(10) ** 15
_MONTHS = {name.lower(): i for i, name in enumerate(BULAN, start=1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(BULAN, start=1)})
_MONTHS.update({"agu": 8, "agt": 8, "ags": 8, "okt": 10, "des": 12, "peb": 2, "nop": 11})
_YA = {"ya", "y", "yes", "true", "benar", "1"}
_TIDAK = {"tidak", "t", "tdk", "no", "n", "false", "salah", "0"}


def coerce(value: object, kind: str) -> object:
    """Coerce one raw value to the layout type `kind`; empty -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if value.upper() in EXCEL_ERRORS:
            return Invalid(value, "nilai galat Excel")
    return _COERCERS[kind](value)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _nik(value: object) -> str | Invalid:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Invalid(_text(value), "NIK tersimpan sebagai angka, harus teks 16 digit")
    return str(value).replace(" ", "")


def _decimal(value: object) -> Decimal | Invalid:
    number = _any_decimal(value)
    if isinstance(number, Decimal) and abs(number) >= MAX_MAGNITUDE:
        return Invalid(value, "angka terlalu besar")
    return number


def _any_decimal(value: object) -> Decimal | Invalid:
    if isinstance(value, bool):
        return Invalid(value, "bukan angka")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return Invalid(value, "bukan angka")
        if value.is_integer():  # calamine gives 2.0 for a typed 2; show it as 2
            return Decimal(int(value))
        return Decimal(repr(value))
    if isinstance(value, (date, datetime)):
        return Invalid(value, "bukan angka")
    return _parse_number(str(value))


def _parse_number(text: str) -> Decimal | Invalid:
    cleaned = re.sub(r"^(rp\.?)\s*", "", text.strip(), flags=re.IGNORECASE).replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", cleaned):  # 1.500.000,50
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d+", cleaned):  # 1,5
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return Invalid(text, "bukan angka")
    if not number.is_finite():
        return Invalid(text, "bukan angka")
    return number


def _int(value: object) -> int | Invalid:
    number = _decimal(value)
    if isinstance(number, Invalid):
        return number
    if number != number.to_integral_value():
        return Invalid(value, "bukan bilangan bulat")
    return int(number)


def _money(value: object) -> int | Invalid:
    number = _decimal(value)
    if isinstance(number, Invalid):
        return Invalid(value, "bukan nilai rupiah")
    return to_rupiah(number)


def _date(value: object) -> date | Invalid:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return Invalid(value, "bukan tanggal")
    if isinstance(value, (int, float)):
        if 1 <= value < 2958466:  # NaN fails both comparisons  # Excel serial day numbers up to 9999-12-31
            return EXCEL_EPOCH + timedelta(days=int(value))
        return Invalid(value, "bukan tanggal")
    return _parse_date(str(value))


def _parse_date(text: str) -> date | Invalid:
    t = text.strip().lower()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", t):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", t):
            return date(int(m[3]), int(m[2]), int(m[1]))  # Indonesian order: d/m/y
        if (m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", t)) and m[2] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        pass
    return Invalid(text, "bukan tanggal")


def _bool(value: object) -> bool | Invalid:
    if isinstance(value, bool):
        return value
    key = _text(value).strip().lower()
    if key in _YA:
        return True
    if key in _TIDAK:
        return False
    return Invalid(value, "harus Ya atau Tidak")


def _percent(value: object) -> Decimal | Invalid:
    return _decimal(value.rstrip("%") if isinstance(value, str) else value)


_COERCERS = {
    "text": _text, "code": _text, "enum": _text, "nik": _nik,
    "int": _int, "decimal": _decimal, "money": _money, "percent": _percent,
    "date": _date, "bool": _bool,
}
