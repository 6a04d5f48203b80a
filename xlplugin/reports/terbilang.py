"""Amounts in Indonesian words, as a KAK/RAB states its total ("terbilang").

Our own, not num2words(lang="id"): that library writes a thousand after a higher
group as "satu ribu" (1.001.000 -> "satu juta satu ribu") where written Indonesian and
every treasury terbilang say "seribu" ("satu juta seribu rupiah"), and a negative
number as "min" where "minus" is written. tests/reports/test_bahasa_angka.py holds
both side by side on a range of amounts.
"""

from __future__ import annotations

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
           "sepuluh", "sebelas")
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def terbilang(n: int) -> str:
    """12_500_000 -> 'dua belas juta lima ratus ribu'."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    return _words(n).strip()


def _words(n: int) -> str:
    for value, name in _SKALA:
        if n >= value:
            head, rest = divmod(n, value)
            front = "seribu" if value == 1000 and head == 1 else f"{_words(head)} {name}"
            return f"{front} {_words(rest)}".strip() if rest else front
    if n >= 200:
        return f"{_SATUAN[n // 100]} ratus {_words(n % 100)}".strip()
    if n >= 100:
        return f"seratus {_words(n - 100)}".strip()
    if n >= 20:
        return f"{_SATUAN[n // 10]} puluh {_SATUAN[n % 10]}".strip()
    if n >= 12:
        return f"{_SATUAN[n - 10]} belas"
    return _SATUAN[n]


def rupiah_terbilang(n: int) -> str:
    """'Dua belas juta lima ratus ribu rupiah'."""
    text = f"{terbilang(n)} rupiah"
    return text[0].upper() + text[1:]
