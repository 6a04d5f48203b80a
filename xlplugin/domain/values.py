"""Cell values after coercion: a typed value, None for empty, or Invalid for bad input.

Bad input never raises: it becomes an `Invalid` that keeps what the user typed, so
the check that needs the field can report it under its own rule ID with the cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Invalid:
    raw: object
    reason: str  # Indonesian, e.g. "bukan angka"

    def __str__(self) -> str:
        return f"'{self.raw}' ({self.reason})"

    def __bool__(self) -> bool:  # an invalid value never counts as a filled "Ya"
        return False


def is_invalid(value: object) -> bool:
    return isinstance(value, Invalid)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A value as the user would recognise it in a message."""
    if value is None:
        return "(kosong)"
    if isinstance(value, Invalid):
        return f"'{value.raw}'"
    return str(value)
