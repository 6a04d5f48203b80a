"""Our Indonesian number words, amounts and dates beside the libraries'.

Amounts, percentages, quantities and dates are formatted by babel (id_ID); this
holds them to the forms the regulation's documents print. Number words stay our own
(`reports.terbilang`): num2words(lang="id") agrees on every amount except where a
thousand follows a higher group ("satu juta satu ribu" for "satu juta seribu") and on
the word for a negative number; both are pinned here so a library change is seen.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

from xlplugin.domain.calendar import BULAN, tanggal
from xlplugin.domain.money import format_decimal as angka
from xlplugin.domain.money import format_number, format_percent, rupiah
from xlplugin.reports.terbilang import terbilang

AMOUNTS = [0, 1, 9, 10, 11, 12, 19, 20, 21, 99, 100, 101, 110, 111, 199, 200, 999, 1000, 1001,
           1100, 1999, 2000, 9999, 10_000, 11_000, 12_345, 100_000, 101_000, 111_111, 999_999,
           1_000_000, 2_500_000, 12_500_000, 51_750_000, 544_215_000, 1_250_000_000,
           2_000_000_000_000] + [7 ** k for k in range(1, 17)]
# A thousand after juta/miliar/triliun: num2words says "satu ribu".
SERIBU_AFTER_A_GROUP = {1_001_000: "satu juta seribu", 5_001_250: "lima juta seribu dua ratus "
                        "lima puluh", 2_000_001_000: "dua miliar seribu"}


@pytest.mark.parametrize("n", AMOUNTS)
def test_terbilang_equals_num2words_indonesian(n):
    assert terbilang(n) == num2words(n, lang="id")


@pytest.mark.parametrize("n,words", sorted(SERIBU_AFTER_A_GROUP.items()))
def test_terbilang_says_seribu_after_a_higher_group_where_num2words_says_satu_ribu(n, words):
    assert terbilang(n) == words
    assert num2words(n, lang="id") == words.replace("seribu", "satu ribu")


def test_a_negative_amount_is_minus_where_num2words_says_min():
    assert terbilang(-5) == "minus lima" and num2words(-5, lang="id") == "min lima"


def test_amounts_percentages_and_quantities_print_as_indonesian_documents_do():
    assert format_number(544_215_000) == "544.215.000"
    assert rupiah(1_250_000) == "Rp 1.250.000" and rupiah(-75_000) == "-Rp 75.000"
    assert format_percent(Decimal("98.52")) == "98,52%"
    assert angka(Decimal("2.5")) == "2,5" and angka(Decimal("1250.125")) == "1.250,125"
    for n in AMOUNTS:
        assert format_number(n) == f"{n:,}".replace(",", ".")  # dot thousands, always
    for tenths in range(0, 1000, 7):
        value = Decimal(tenths) / 100
        assert angka(value) == format_decimal(value, locale="id_ID")


def test_dates_read_as_the_regulation_writes_them():
    assert tanggal(date(2023, 3, 31)) == "31 Maret 2023"  # as in Lampiran IV
    day = date(2023, 1, 1)
    while day.year == 2023:
        assert tanggal(day) == f"{day.day} {BULAN[day.month - 1]} {day.year}" == \
            format_date(day, format="long", locale="id_ID")
        day += timedelta(days=1)
