from xlplugin.reports.terbilang import rupiah_terbilang, terbilang


def test_terbilang_reads_indonesian_number_words():
    cases = {0: "nol", 11: "sebelas", 15: "lima belas", 100: "seratus", 111: "seratus sebelas",
             1000: "seribu", 1_500: "seribu lima ratus", 2_000_000: "dua juta",
             51_750_000: "lima puluh satu juta tujuh ratus lima puluh ribu",
             1_250_000_000: "satu miliar dua ratus lima puluh juta"}
    for n, words in cases.items():
        assert terbilang(n) == words


def test_rupiah_terbilang_is_a_sentence():
    assert rupiah_terbilang(12_500) == "Dua belas ribu lima ratus rupiah"
