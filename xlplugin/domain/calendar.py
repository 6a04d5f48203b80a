"""Ages, month counts and working days as RULES.md interprets them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day` (RULES.md: counted on the activity's first day)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = _days_in_month(year, month)
    return date(year, month, min(start.day, last_day))


def months_between(start: date, end: date) -> int:
    """Calendar months from start to end inclusive, rounded up.

    RULES.md: 1 Mar - 15 Jun = 4 months; 1 Mar - 31 May = 3 months.
    """
    if end < start:
        return 0
    months = 1
    while add_months(start, months) <= end:
        months += 1
    return months


def working_days(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    """Monday-Friday between start and end inclusive, less national holidays."""
    off = set(holidays)
    count, day = 0, start
    while day <= end:
        if day.weekday() < 5 and day not in off:
            count += 1
        day += timedelta(days=1)
    return count


def weeks_between(start: date, end: date) -> int:
    """Whole or started weeks from start to end inclusive."""
    if end < start:
        return 0
    return -(-((end - start).days + 1) // 7)


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def tanggal(day: date | None) -> str:
    """Indonesian long date: 14 Juli 2023 (babel's CLDR month names for id_ID, in the
    order the regulation writes its dates: "31 Maret 2023")."""
    if day is None:
        return "-"
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale="id_ID")


# The reader's month names (domain.coerce reads "14 Juli 2023" typed as text).
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
