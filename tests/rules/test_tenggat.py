"""Time limits of section 1: TA-TAHUN (the pack's year) and the DL-* deadlines."""

from datetime import date

import pytest
from factories import clean_dokumen
from rulecheck import fired

from xlplugin.domain.finding import Severity
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout

LAYOUT = load_layout()
PROFIL = LAYOUT.profil
KAK, JADWAL, REAL = (LAYOUT.tables[k] for k in ("KAK", "Jadwal", "Realisasi"))

RULES = ["TA-TAHUN", "DL-RENCANA", "DL-PERUBAHAN", "DL-SEMESTER", "DL-AKHIR"]


@pytest.mark.parametrize("rule", RULES)
def test_clean_dokumen_fires_no_time_limit(rule):
    assert fired(clean_dokumen(), rule) == []


# ---------------------------------------------------------------- TA-TAHUN
def test_ta_tahun_profil_year_not_pack_year_fires():
    doc = clean_dokumen()
    doc.profil.tahun_anggaran = 2024
    [f] = fired(doc, "TA-TAHUN")
    assert (f.severity, f.sheet, f.cell) == (
        Severity.PELANGGARAN, PROFIL.sheet, PROFIL.cell("tahun_anggaran"))
    assert "2024" in f.message and "2023" in f.message


@pytest.mark.parametrize("value", [None, Invalid("dua ribu", "bukan angka")])
def test_ta_tahun_profil_year_empty_or_text_fires(value):
    doc = clean_dokumen()
    doc.profil.tahun_anggaran = value
    [f] = fired(doc, "TA-TAHUN")
    assert f.cell == PROFIL.cell("tahun_anggaran")


def test_ta_tahun_activity_ending_next_year_fires_at_its_cell():
    doc = clean_dokumen()
    doc.kegiatan[0].tanggal_selesai = date(2024, 1, 3)
    [f] = fired(doc, "TA-TAHUN")
    assert (f.severity, f.sheet, f.cell) == (
        Severity.PELANGGARAN, KAK.sheet, KAK.cell("tanggal_selesai", 6))
    assert "3 Januari 2024" in f.message and "31 Desember 2023" in f.message


def test_ta_tahun_year_boundaries_are_inside():
    doc = clean_dokumen()
    doc.kegiatan[0].tanggal_mulai = date(2023, 1, 1)
    doc.kegiatan[0].tanggal_selesai = date(2023, 12, 31)
    assert fired(doc, "TA-TAHUN") == []


@pytest.mark.parametrize("value", [None, Invalid("Mei 2023", "bukan tanggal")])
def test_ta_tahun_empty_or_unreadable_start_date_fires(value):
    doc = clean_dokumen()
    doc.kegiatan[0].tanggal_mulai = value
    [f] = fired(doc, "TA-TAHUN")
    assert f.cell == KAK.cell("tanggal_mulai", 6)


def test_ta_tahun_jadwal_and_payment_dates_are_checked_and_rest_goes_on():
    doc = clean_dokumen()
    doc.jadwal[1].tanggal = None
    doc.jadwal[3].tanggal = date(2022, 12, 30)
    doc.realisasi[0].tanggal = date(2024, 1, 2)
    cells = {(f.sheet, f.cell) for f in fired(doc, "TA-TAHUN")}
    assert cells == {(JADWAL.sheet, JADWAL.cell("tanggal", 7)),
                     (JADWAL.sheet, JADWAL.cell("tanggal", 9)),
                     (REAL.sheet, REAL.cell("tanggal", 6))}


def test_ta_tahun_realisation_dates_only_once_filled():
    doc = clean_dokumen()
    doc.kegiatan[0].realisasi_mulai = None
    doc.kegiatan[0].realisasi_selesai = None
    assert fired(doc, "TA-TAHUN") == []
    doc.kegiatan[0].realisasi_selesai = Invalid("belum", "bukan tanggal")
    [f] = fired(doc, "TA-TAHUN")
    assert f.cell == KAK.cell("realisasi_selesai", 6)


# ---------------------------------------------------------------- DL-*
DEADLINES = [
    ("DL-RENCANA", "tanggal_rencana", date(2023, 3, 31)),
    ("DL-PERUBAHAN", "tanggal_perubahan", date(2023, 6, 30)),
    ("DL-SEMESTER", "tanggal_laporan_semester1", date(2023, 7, 14)),
    ("DL-SEMESTER", "tanggal_laporan_semester2", date(2024, 1, 14)),
    ("DL-AKHIR", "tanggal_laporan_akhir", date(2024, 1, 31)),
]


@pytest.mark.parametrize(("rule", "field", "limit"), DEADLINES)
def test_deadline_one_day_late_fires_at_its_profil_cell(rule, field, limit):
    doc = clean_dokumen()
    setattr(doc.profil, field, date.fromordinal(limit.toordinal() + 1))
    [f] = fired(doc, rule)
    assert (f.severity, f.sheet, f.cell) == (Severity.PELANGGARAN, PROFIL.sheet,
                                              PROFIL.cell(field))
    assert f"{limit.day} " in f.message and str(limit.year) in f.message


@pytest.mark.parametrize(("rule", "field", "limit"), DEADLINES)
def test_deadline_on_the_day_is_compliant(rule, field, limit):
    doc = clean_dokumen()
    setattr(doc.profil, field, limit)
    assert fired(doc, rule) == []


@pytest.mark.parametrize(("rule", "field", "limit"), DEADLINES)
def test_deadline_unreadable_date_fires(rule, field, limit):
    doc = clean_dokumen()
    setattr(doc.profil, field, Invalid("akhir Maret", "bukan tanggal"))
    [f] = fired(doc, rule)
    assert f.cell == PROFIL.cell(field) and "akhir Maret" in f.message


@pytest.mark.parametrize(("rule", "field"), [
    ("DL-PERUBAHAN", "tanggal_perubahan"), ("DL-SEMESTER", "tanggal_laporan_semester1"),
    ("DL-SEMESTER", "tanggal_laporan_semester2"), ("DL-AKHIR", "tanggal_laporan_akhir")])
def test_deadline_of_a_letter_not_yet_sent_does_not_fire(rule, field):
    doc = clean_dokumen()
    setattr(doc.profil, field, None)
    assert fired(doc, rule) == []


def test_dl_rencana_empty_is_a_warning():
    doc = clean_dokumen()
    doc.profil.tanggal_rencana = None
    [f] = fired(doc, "DL-RENCANA")
    assert (f.severity, f.cell) == (Severity.PERINGATAN, PROFIL.cell("tanggal_rencana"))


def test_deadline_is_pack_data_not_code(tmp_path):
    import shutil

    from xlplugin.rulepack.loader import PACKS_DIR, load_pack
    shutil.copytree(PACKS_DIR / "ta2023", tmp_path / "ta2023")
    rules = tmp_path / "ta2023" / "rules_anggaran.toml"
    text = rules.read_text(encoding="utf-8")
    assert "tanggal_rencana = 2023-03-31" in text
    rules.write_text(text.replace("tanggal_rencana = 2023-03-31", "tanggal_rencana = 2023-04-30"),
                     encoding="utf-8")
    doc = clean_dokumen()
    doc.profil.tanggal_rencana = date(2023, 4, 2)
    assert len(fired(doc, "DL-RENCANA")) == 1
    moved = [f for f in validate(doc, load_pack(2023, tmp_path)) if f.rule == "DL-RENCANA"]
    assert moved == []
