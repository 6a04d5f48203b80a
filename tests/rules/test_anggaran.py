"""Section 1 of RULES.md: eligibility, sentra, RAB structure and arithmetic, pagu,
APIP review, excluded costs, and realisation against the plan."""

from datetime import date
from decimal import Decimal

import pytest
from factories import clean_dokumen, kegiatan, rab_line
from rulecheck import fired

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Realisasi
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout

LAYOUT = load_layout()
PROFIL = LAYOUT.profil
RAB = LAYOUT.tables["RAB"]

SECTION_1_RULES = [
    "ELIG-DINAS", "ELIG-PARIWISATA", "ELIG-DAKFISIK", "SENTRA-MIN5", "RAB-KEGIATAN",
    "RAB-HITUNG", "RAB-PAGU", "RAB-APIP", "EXC-OPERASIONAL", "EXC-HONOR-PEMBUKAAN",
    "EXC-HONOR-PANITIA", "EXC-PERJADIN", "EXC-MESIN", "EXC-KATA", "REAL-LEBIH",
]


def at(f):
    return f.sheet, f.cell


@pytest.mark.parametrize("rule", SECTION_1_RULES)
def test_clean_dokumen_fires_none_of_section_1(rule):
    assert fired(clean_dokumen(), rule) == []


# ---------------------------------------------------------------- ELIG-*
ELIG = [("ELIG-DINAS", "ada_dinas_industri"),
        ("ELIG-PARIWISATA", "lokasi_pariwisata_prioritas"),
        ("ELIG-DAKFISIK", "terima_dak_fisik_ikm")]


@pytest.mark.parametrize(("rule", "field"), ELIG)
def test_elig_tidak_fires_at_profil_cell(rule, field):
    doc = clean_dokumen()
    setattr(doc.profil, field, False)
    [f] = fired(doc, rule)
    assert (f.severity, at(f)) == (Severity.PELANGGARAN, ("Profil", PROFIL.cell(field)))
    assert "Tidak" in f.message and f.clause.startswith("Pasal 3")


@pytest.mark.parametrize(("rule", "field"), ELIG)
@pytest.mark.parametrize("value", [None, Invalid("mungkin", "harus Ya atau Tidak")])
def test_elig_empty_or_invalid_fires_asking_ya_tidak(rule, field, value):
    doc = clean_dokumen()
    setattr(doc.profil, field, value)
    [f] = fired(doc, rule)
    assert at(f) == ("Profil", PROFIL.cell(field))
    assert "Ya atau Tidak" in f.message


# ---------------------------------------------------------------- SENTRA-MIN5
def test_sentra_min5_four_units_fires():
    doc = clean_dokumen()
    doc.sentra[0].jumlah_unit_usaha = 4
    [f] = fired(doc, "SENTRA-MIN5")
    assert (f.severity, at(f)) == (
        Severity.PELANGGARAN, ("Sentra", LAYOUT.tables["Sentra"].cell("jumlah_unit_usaha", 6)))
    assert "4" in f.message and "5" in f.message


def test_sentra_min5_exactly_five_is_compliant():
    doc = clean_dokumen()
    doc.sentra[0].jumlah_unit_usaha = 5
    assert fired(doc, "SENTRA-MIN5") == []


@pytest.mark.parametrize("value", [None, Invalid("banyak", "bukan angka")])
def test_sentra_min5_unreadable_count_fires(value):
    doc = clean_dokumen()
    doc.sentra[0].jumlah_unit_usaha = value
    [f] = fired(doc, "SENTRA-MIN5")
    assert f.cell == LAYOUT.tables["Sentra"].cell("jumlah_unit_usaha", 6)


# ---------------------------------------------------------------- RAB-KEGIATAN
def test_rab_kegiatan_unknown_code_fires():
    doc = clean_dokumen()
    doc.rab[1].kode_kegiatan = "K99"
    [f] = fired(doc, "RAB-KEGIATAN")
    assert (f.severity, at(f)) == (Severity.PELANGGARAN, ("RAB", RAB.cell("kode_kegiatan", 7)))
    assert "K99" in f.message and "R002" in f.message


def test_rab_kegiatan_empty_code_fires():
    doc = clean_dokumen()
    doc.rab[0].kode_kegiatan = None
    [f] = fired(doc, "RAB-KEGIATAN")
    assert f.cell == RAB.cell("kode_kegiatan", 6)


# ---------------------------------------------------------------- RAB-HITUNG
def test_rab_hitung_text_in_volume_fires_and_rest_is_checked():
    doc = clean_dokumen()
    doc.rab[0].volume = Invalid("dua puluh", "bukan angka")
    doc.rab[2].jumlah = 1  # a later line is still checked
    found = {f.cell: f for f in fired(doc, "RAB-HITUNG")}
    assert set(found) == {RAB.cell("volume", 6), RAB.cell("jumlah", 8)}
    assert "dua puluh" in found[RAB.cell("volume", 6)].message


def test_rab_hitung_negative_volume_fires():
    doc = clean_dokumen()
    doc.rab[1].volume = Decimal(-2)
    [f] = fired(doc, "RAB-HITUNG")
    assert (f.severity, at(f)) == (Severity.PELANGGARAN, ("RAB", RAB.cell("volume", 7)))
    assert "negatif" in f.message


@pytest.mark.parametrize("value", [None, Invalid("Rp satu juta", "bukan nilai rupiah"), -5])
def test_rab_hitung_bad_harga_satuan_fires(value):
    doc = clean_dokumen()
    doc.rab[2].harga_satuan = value
    [f] = fired(doc, "RAB-HITUNG")
    assert f.cell == RAB.cell("harga_satuan", 8)


def test_rab_hitung_jumlah_not_volume_times_harga_fires():
    doc = clean_dokumen()
    doc.rab[1].jumlah = 25_000_001
    [f] = fired(doc, "RAB-HITUNG")
    assert at(f) == ("RAB", RAB.cell("jumlah", 7))
    assert "Rp 25.000.001" in f.message and "Rp 25.000.000" in f.message


def test_rab_hitung_excel_error_in_jumlah_fires_with_the_right_amount():
    doc = clean_dokumen()
    doc.rab[2].jumlah = Invalid("#VALUE!", "nilai galat Excel")
    [f] = fired(doc, "RAB-HITUNG")
    assert f.cell == RAB.cell("jumlah", 8) and "Rp 8.750.000" in f.message


def test_rab_hitung_no_cached_jumlah_does_not_fire():
    doc = clean_dokumen()
    for line in doc.rab:
        line.jumlah = None
    assert fired(doc, "RAB-HITUNG") == []


def test_rab_hitung_rounds_to_the_rupiah_like_excel_round():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.rab.append(rab_line(k, 9, "R004", "ATK kegiatan", Decimal("2.5"), 333,
                            jumlah=833))  # ROUND(832.5, 0) = 833
    doc.rab.append(rab_line(k, 10, "R005", "ATK kegiatan", Decimal(1) / 3, 1_000_000,
                            jumlah=333_333))
    assert fired(doc, "RAB-HITUNG") == []
    doc.rab[-1].jumlah = 333_334
    [f] = fired(doc, "RAB-HITUNG")
    assert f.cell == RAB.cell("jumlah", 10)


# ---------------------------------------------------------------- RAB-PAGU
def test_rab_pagu_total_over_pagu_fires_on_pagu_cell():
    doc = clean_dokumen()
    doc.profil.pagu = 50_000_000  # clean RAB totals Rp 51.750.000
    [f] = fired(doc, "RAB-PAGU")
    assert (f.severity, at(f)) == (Severity.PELANGGARAN, ("Profil", PROFIL.cell("pagu")))
    assert "Rp 51.750.000" in f.message and "Rp 50.000.000" in f.message
    assert "Rp 1.750.000" in f.message


def test_rab_pagu_total_equal_to_pagu_is_compliant():
    doc = clean_dokumen()
    doc.profil.pagu = 51_750_000
    assert fired(doc, "RAB-PAGU") == []


def test_rab_pagu_counts_lines_without_cached_jumlah():
    doc = clean_dokumen()
    doc.profil.pagu = 51_749_999
    for line in doc.rab:
        line.jumlah = None
    assert len(fired(doc, "RAB-PAGU")) == 1


def test_rab_pagu_empty_pagu_fires():
    doc = clean_dokumen()
    doc.profil.pagu = None
    [f] = fired(doc, "RAB-PAGU")
    assert f.cell == PROFIL.cell("pagu")


# ---------------------------------------------------------------- RAB-APIP
def test_rab_apip_review_date_empty_fires():
    doc = clean_dokumen()
    doc.profil.tanggal_reviu_apip = None
    [f] = fired(doc, "RAB-APIP")
    assert (f.severity, at(f)) == (
        Severity.PELANGGARAN, ("Profil", PROFIL.cell("tanggal_reviu_apip")))


def test_rab_apip_review_date_unreadable_fires():
    doc = clean_dokumen()
    doc.profil.tanggal_reviu_apip = Invalid("sudah", "bukan tanggal")
    [f] = fired(doc, "RAB-APIP")
    assert "sudah" in f.message


# ---------------------------------------------------------------- EXC-* by kategori
EXCLUDED = [
    ("EXC-OPERASIONAL", "Operasional kantor rutin (tidak boleh)"),
    ("EXC-HONOR-PEMBUKAAN", "Honorarium pembukaan/penutupan oleh dinas (tidak boleh)"),
    ("EXC-HONOR-PANITIA", "Honorarium panitia pelaksana (tidak boleh)"),
    ("EXC-PERJADIN", "Perjalanan dinas konsultasi/koordinasi ke pusat (tidak boleh)"),
    ("EXC-MESIN", "Pembelian mesin/peralatan (tidak boleh)"),
]


@pytest.mark.parametrize(("rule", "kategori"), EXCLUDED)
def test_excluded_kategori_fires_at_kategori_cell(rule, kategori):
    doc = clean_dokumen()
    doc.rab[2].kategori = kategori
    [f] = fired(doc, rule)
    assert (f.severity, at(f)) == (Severity.PELANGGARAN, ("RAB", RAB.cell("kategori", 8)))


# ---------------------------------------------------------------- EXC-HONOR-PEMBUKAAN
def test_exc_honor_pembukaan_paid_dinas_opening_speaker_fires():
    doc = clean_dokumen()
    n = doc.narasumber[0]
    n.dari_dinas_penyelenggara, n.pembukaan_penutupan, n.dibayar_honor = True, True, True
    [f] = fired(doc, "EXC-HONOR-PEMBUKAAN")
    table = LAYOUT.tables["Narasumber"]
    assert (f.severity, at(f)) == (
        Severity.PELANGGARAN, (table.sheet, table.cell("dibayar_honor", 6)))


@pytest.mark.parametrize("unpaid_or_external", [
    {"dibayar_honor": False}, {"dari_dinas_penyelenggara": False},
    {"pembukaan_penutupan": False}])
def test_exc_honor_pembukaan_needs_all_three_ya(unpaid_or_external):
    doc = clean_dokumen()
    n = doc.narasumber[0]
    n.dari_dinas_penyelenggara, n.pembukaan_penutupan, n.dibayar_honor = True, True, True
    for key, value in unpaid_or_external.items():
        setattr(n, key, value)
    assert fired(doc, "EXC-HONOR-PEMBUKAAN") == []


# ---------------------------------------------------------------- EXC-KATA
@pytest.mark.parametrize(("uraian", "kata"), [
    ("Honor  Panitia pelaksana pelatihan", "honor panitia"),
    ("Pembelian mesin jahit untuk IKM", "pembelian mesin"),
    ("Perjalanan konsultasi ke pusat", "konsultasi ke pusat"),
    ("ATK kantor dinas", "atk kantor"),
])
def test_exc_kata_uraian_reads_like_excluded_cost_warns(uraian, kata):
    doc = clean_dokumen()
    doc.rab[2].uraian = uraian
    [f] = fired(doc, "EXC-KATA")
    assert (f.severity, at(f)) == (Severity.PERINGATAN, ("RAB", RAB.cell("uraian", 8)))
    assert kata in f.message and "Bahan dan perlengkapan pelatihan" in f.message


def test_exc_kata_silent_when_kategori_is_the_excluded_one():
    doc = clean_dokumen()
    doc.rab[2].uraian = "Honor panitia pelaksana"
    doc.rab[2].kategori = "Honorarium panitia pelaksana (tidak boleh)"
    assert fired(doc, "EXC-KATA") == []
    assert len(fired(doc, "EXC-HONOR-PANITIA")) == 1


def test_exc_kata_matches_whole_words_only():
    doc = clean_dokumen()
    doc.rab[2].uraian = "Sewa mesin jahit (bukan pembelian mesinal)"
    assert fired(doc, "EXC-KATA") == []


def test_exc_kata_keywords_name_rules_of_the_pack():
    from xlplugin.rulepack import load_pack
    pack = load_pack()
    assert set(pack.rules["EXC-KATA"].params["kata"]) <= set(pack.rules)


# ---------------------------------------------------------------- REAL-LEBIH
REAL = LAYOUT.tables["Realisasi"]


def _pay(row, kode_baris, jumlah, tanggal=date(2023, 5, 20)):
    return Realisasi(row=row, tanggal=tanggal, kode_baris=kode_baris, kode_kegiatan="K01",
                     uraian="Bayar", jumlah=jumlah, nomor_bukti=f"BKU-{row}")


def test_real_lebih_line_over_its_jumlah_fires_on_rab_line():
    doc = clean_dokumen()
    doc.realisasi.append(_pay(7, "R001", 1))  # R001 plans Rp 18.000.000, 18.000.000 paid
    found = fired(doc, "REAL-LEBIH")
    [line] = [f for f in found if f.sheet == RAB.sheet]
    assert (line.severity, line.cell) == (Severity.PELANGGARAN, RAB.cell("realisasi", 6))
    assert "Rp 18.000.001" in line.message and "Rp 18.000.000" in line.message


def test_real_lebih_activity_over_its_rab_fires_on_kak_row():
    doc = clean_dokumen()
    doc.rab[2].kode_kegiatan = "K02"  # K02 holds R003
    doc.kegiatan.append(kegiatan("A.1", row=7, kode="K02"))
    doc.realisasi.append(_pay(7, "R003", 8_750_001))
    kak = LAYOUT.tables["KAK"]
    [f] = [f for f in fired(doc, "REAL-LEBIH") if f.sheet == kak.sheet]
    assert f.cell == kak.cell("realisasi_anggaran", 7) and "K02" in f.message


def test_real_lebih_spending_within_plan_is_compliant():
    doc = clean_dokumen()
    doc.realisasi.append(_pay(7, "R002", 25_000_000))
    assert fired(doc, "REAL-LEBIH") == []


def test_real_lebih_unknown_kode_baris_fires_at_payment_row():
    doc = clean_dokumen()
    doc.realisasi.append(_pay(7, "R999", 500_000))
    [f] = fired(doc, "REAL-LEBIH")
    assert (f.sheet, f.cell) == (REAL.sheet, REAL.cell("kode_baris", 7))
    assert "R999" in f.message and "Rp 500.000" in f.message


@pytest.mark.parametrize(("field", "value"), [
    ("kode_baris", None), ("jumlah", None), ("jumlah", Invalid("lunas", "bukan nilai rupiah"))])
def test_real_lebih_bad_payment_row_fires_and_rest_is_checked(field, value):
    doc = clean_dokumen()
    bad = _pay(7, "R002", 100_000)
    setattr(bad, field, value)
    doc.realisasi += [bad, _pay(8, "R001", 1)]
    found = {(f.sheet, f.cell) for f in fired(doc, "REAL-LEBIH")}
    assert (REAL.sheet, REAL.cell(field, 7)) in found
    assert (RAB.sheet, RAB.cell("realisasi", 6)) in found  # R001 still summed and checked


def test_many_bad_records_at_once_each_reported_at_its_cell():
    doc = clean_dokumen()
    doc.rab[0].volume = Invalid("dua puluh", "bukan angka")
    doc.rab[1].volume = Decimal(-1)
    doc.rab[2].kode_kegiatan = "K77"
    doc.jadwal[0].tanggal = None
    doc.realisasi.append(_pay(7, "R404", 10))
    doc.sentra[0].jumlah_unit_usaha = Invalid("-", "bukan angka")
    got = {(f.rule, f.sheet, f.cell) for f in validate(doc)}
    jadwal = LAYOUT.tables["Jadwal"]
    assert {("RAB-HITUNG", RAB.sheet, RAB.cell("volume", 6)),
            ("RAB-HITUNG", RAB.sheet, RAB.cell("volume", 7)),
            ("RAB-KEGIATAN", RAB.sheet, RAB.cell("kode_kegiatan", 8)),
            ("TA-TAHUN", jadwal.sheet, jadwal.cell("tanggal", 6)),
            ("REAL-LEBIH", REAL.sheet, REAL.cell("kode_baris", 7)),
            ("SENTRA-MIN5", "Sentra", LAYOUT.tables["Sentra"].cell("jumlah_unit_usaha", 6)),
            } <= got
