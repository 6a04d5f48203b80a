"""Rows and columns sized with Arial's widths: a long name gets its lines, a date or a
code gets a column it fits in on one line."""

from datetime import date
from decimal import Decimal

from xlplugin.reports.docx_util import fit_widths
from xlplugin.reports.lampiran import Col, LampiranTable, Row, teks
from xlplugin.reports.metrics import lines_needed, text_width, usable_points, width_for
from xlplugin.reports.sheet import fitted_widths, row_height


def test_capitals_take_more_lines_than_as_many_small_letters():
    assert text_width("W" * 10, 9) > 3 * text_width("i" * 10, 9)
    assert lines_needed("WWWW " * 8, 20, 9) > lines_needed("iiii " * 8, 20, 9) == 1


def test_words_wrap_at_spaces_and_a_word_wider_than_the_column_is_cut():
    one = "Pelatihan"
    fits = int(usable_points(20) // (text_width(one, 9) + text_width(" ", 9)))
    assert lines_needed(" ".join([one] * fits), 20, 9) == 1
    assert lines_needed(" ".join([one] * (fits + 1)), 20, 9) == 2
    long_word = "x" * 200
    assert lines_needed(long_word, 10, 9) == -(-text_width(long_word, 9) // usable_points(10))


def test_a_row_is_as_high_as_its_longest_wrapped_text():
    table = LampiranTable(2, (Col("No", "no", 5), Col("Nama", "text", 12)))
    short, long = (1, "Ani"), (2, "Pelatihan Manajemen Usaha dan Kewirausahaan IKM Olahan")
    assert row_height(table, short) == 13
    assert row_height(table, long) == 12 * lines_needed(long[1], 12, 9) + 1 > 13
    assert row_height(table, long, "kegiatan") >= row_height(table, long)  # bold is wider


def test_an_export_widens_a_column_so_a_date_range_or_amount_stays_on_its_lines():
    table = LampiranTable(3, (Col("Tanggal Tugas", "text", 6), Col("Jumlah (Rp)", "money", 5)),
                          [Row(("15-02-2023 s.d. 20-02-2023", 1_250_000_000))])
    tanggal, jumlah = fitted_widths(table)
    assert width_for("15-02-2023", 9, True) <= tanggal < width_for("15-02-2023 s.d.", 9, True)
    assert jumlah >= width_for("1.250.000.000", 9, True)
    roomy = LampiranTable(3, (Col("Tanggal Tugas", "text", 30),), [Row(("1-1-2023",))])
    assert fitted_widths(roomy) == [30]


def test_a_word_table_column_is_widened_for_its_longest_word_and_the_total_is_kept():
    widths = fit_widths(["No", "Kode", "Uraian"], [(1, "K01-01", "Honorarium narasumber")],
                        [0.5, 0.8, 8.0])
    assert widths[0] >= 0.5 + 0.1 and widths[1] > 0.8
    assert abs(sum(widths) - 9.3) < 0.02 and widths[2] < 8.0


def test_a_quantity_prints_with_a_decimal_comma_and_a_date_day_first():
    assert teks(Decimal("2.5")) == "2,5"
    assert teks(Decimal(1250)) == "1.250"
    assert teks(date(2023, 2, 15)) == "15-02-2023"


def test_every_annex_column_is_wide_enough_for_each_word_of_its_header():
    """The template's Lampiran sheets keep the declared widths: a header word wider
    than its column would be cut in two on every printed page."""
    from xlplugin.reports.lampiran import COLUMNS_BY_NOMOR

    narrow = [(n, c.header) for n, cols in COLUMNS_BY_NOMOR.items() for c in cols
              if any(width_for(w, 9, True) > c.width for w in c.header.split())]
    assert narrow == []


def test_one_very_long_word_widens_its_column_three_times_at_most():
    url = "https://contoh.go.id/" + "x" * 200
    table = LampiranTable(3, (Col("Bukti Kompetensi", "text", 20),), [Row((url,))])
    assert fitted_widths(table) == [60]
