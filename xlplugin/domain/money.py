"""Rupiah are exact: integers for amounts, Decimal only where a share is computed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

# Digits, separators and month names come from babel (the Unicode CLDR data for id_ID):
# it prints exactly what Indonesian official documents print (544.215.000; 98,52%; 2,5).
LOCALE = "id_ID"


def rupiah(amount: int | Decimal | None) -> str:
    """Format as Indonesian Rupiah: Rp 1.250.000 (no decimals, dot thousands).

    The "Rp " prefix is ours: babel's format_currency writes "Rp1.250.000", and the
    sen it would add for IDR (",00") are not used on a KAK/RAB."""
    if amount is None:
        return "Rp -"
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {format_number(abs(value))}"


@lru_cache(maxsize=4096)
def format_number(value: int) -> str:
    """A whole number as Indonesian documents print it: 544.215.000 (dot thousands).

    Cached: the checks put the same prices in many messages, and one babel call costs
    about 30 us, which the live check of a large workbook pays on every edit."""
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(value, format="#,##0", locale=LOCALE)


def format_decimal(value: Decimal | int) -> str:
    """A quantity as Indonesian documents print it: 1.250, 2,5 (dot thousands, comma
    decimals, no trailing zeros, every decimal kept)."""
    from babel.numbers import format_decimal as babel_decimal

    value = Decimal(value)
    if value == value.to_integral_value():
        return format_number(int(value))
    return babel_decimal(value.normalize(), format="#,##0.#", locale=LOCALE,
                         decimal_quantization=False)


def format_percent(value: Decimal) -> str:
    """A percentage (already x100, two decimals) as Indonesian documents print it:
    98,52%."""
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(value, format="#,##0.00", locale=LOCALE) + "%"


def to_rupiah(value: Decimal | int) -> int:
    """Round a Decimal amount to whole rupiah, half up (as the treasury does)."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part/whole in percent with two decimals, exact; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def multiply(volume: Decimal | int, harga: int) -> int:
    """jumlah = volume x harga satuan, to the rupiah."""
    return to_rupiah(Decimal(volume) * Decimal(harga))
