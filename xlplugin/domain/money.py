"""Rupiah are exact: integers for amounts, Decimal only where a share is computed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rupiah(amount: int | Decimal | None) -> str:
    """Format as Indonesian Rupiah: Rp 1.250.000 (no decimals, dot thousands)."""
    if amount is None:
        return "Rp -"
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


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
