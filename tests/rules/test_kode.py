"""KODE-RINCIAN: an activity's code is one of the 17 rincian of Lampiran I, under its menu."""

from datetime import date

import pytest
from factories import clean_dokumen, kegiatan
from rulecheck import checked, fired, where, workbook

from xlplugin.domain.finding import Severity
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

LAYOUT = load_layout()
PESERTA = LAYOUT.tables["Peserta"]


def test_kode_rincian_unknown_code_fires_at_the_rincian_cell():
    doc = clean_dokumen()
    doc.kegiatan = [kegiatan("A.1", row=7, kode="K01")]
    doc.kegiatan[0].rincian = "A.9"
    [f] = fired(doc, "KODE-RINCIAN")
    assert where(f) == (Severity.PELANGGARAN, "KAK", "C7")
    assert "A.9" in f.message


def test_kode_rincian_menu_that_does_not_hold_the_rincian_fires_at_the_menu_cell():
    doc = clean_dokumen()
    doc.kegiatan = [kegiatan("A.1", row=6, kode="K01", menu="B")]
    [f] = fired(doc, "KODE-RINCIAN")
    assert where(f) == (Severity.PELANGGARAN, "KAK", "B6")
    assert "menu A" in f.message


def test_kode_rincian_empty_or_unreadable_code_fires():
    for bad in (None, Invalid("#REF!", "nilai galat Excel")):
        doc = clean_dokumen()
        doc.kegiatan[0].rincian = bad
        assert [f.cell for f in fired(doc, "KODE-RINCIAN")] == ["C6"]


def test_kode_rincian_every_code_of_the_pack_under_its_menu_passes():
    doc = clean_dokumen()
    codes = ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "B.1", "B.2", "B.3", "B.4", "C.1", "C.2",
             "C.3", "D.1", "D.2", "D.3", "D.4"]
    doc.kegiatan = [kegiatan(code, row=6 + i, kode=f"K{i:02d}") for i, code in enumerate(codes)]
    assert fired(doc, "KODE-RINCIAN") == []


# ---------------------------------------------------------------- codes as users type them
# RULES.md interpretation: codes and list values are compared without regard to case
# and surrounding spaces; the value shown back is the list's own spelling.


@pytest.mark.parametrize("typed", ["a.1", " A.1 ", "a.1  "])
def test_kode_rincian_typed_in_another_case_or_with_spaces_is_that_rincian(typed):
    doc = clean_dokumen()
    doc.kegiatan[0].rincian, doc.kegiatan[0].menu = typed, "a "
    assert fired(doc, "KODE-RINCIAN") == []
    assert (doc.kegiatan[0].rincian, doc.kegiatan[0].menu) == ("A.1", "A")


def test_kode_rincian_lower_case_activity_is_still_checked_as_its_rincian():
    """Issue 16 point 1: "a.1" with 90 JPL and a 53-year-old gave only the code error."""
    doc = clean_dokumen()
    doc.kegiatan[0].rincian, doc.kegiatan[0].jpl = "a.1", 90
    doc.peserta[0].tanggal_lahir = date(1970, 1, 1)
    [jpl] = fired(doc, "JPL-A1")
    assert "rincian A.1" in jpl.message  # the canonical code, not what was typed
    assert [f.cell for f in fired(doc, "PESERTA-USIA")] == [PESERTA.cell("tanggal_lahir", 6)]


def test_kode_rincian_a_space_inside_the_code_is_another_code():
    doc = clean_dokumen()
    doc.kegiatan[0].rincian = "A. 1"
    [f] = fired(doc, "KODE-RINCIAN")
    assert "Rincian A. 1 bukan" in f.message and doc.kegiatan[0].rincian == "A. 1"


def test_kode_list_values_from_other_tables_match_in_any_case():
    doc = clean_dokumen()
    for p in doc.peserta:
        p.kode_kegiatan, p.kode_sentra = "k01 ", "s1"
    doc.rab[0].kode_kegiatan = "K01".lower()
    doc.rab[0].kategori = "  honorarium PANITIA pelaksana (tidak boleh)"
    doc.peserta[3].tanggal_lahir = date(1970, 1, 1)  # judged only as a participant of K01
    assert [f.row for f in fired(doc, "PESERTA-USIA")] == [doc.peserta[3].row]
    assert fired(doc, "PESERTA-SENTRA") == [] and fired(doc, "RAB-KEGIATAN") == []
    [f] = fired(doc, "EXC-HONOR-PANITIA")
    assert "'Honorarium panitia pelaksana (tidak boleh)'" in f.message
    assert doc.peserta[0].kode_kegiatan == "K01"


def test_kode_totals_add_a_lower_case_rincian_to_its_rincian():
    from xlplugin.engine.totals import compute_totals
    from xlplugin.rulepack import load_pack

    doc = clean_dokumen()
    doc.kegiatan[0].rincian, doc.kegiatan[0].menu = "a.1", "a"
    totals = compute_totals(doc, load_pack())
    assert totals.rincian["A.1"].rab == totals.total.rab > 0
    assert totals.menu["A"].rab == totals.total.rab


def test_kode_reader_binding_spells_codes_as_their_lists():
    from xlplugin.layout.binding import bind_dokumen

    kak = LAYOUT.tables["KAK"]
    row = {c.key: None for c in kak.columns}
    row.update(kode_kegiatan="K01", menu=" b", rincian="b.2 ", varian="OPERATOR",
               metode="tatap muka")
    doc = bind_dokumen(LAYOUT, {}, {"KAK": [(6, row)]})
    k = doc.kegiatan[0]
    assert (k.menu, k.rincian, k.varian, k.metode) == ("B", "B.2", "Operator", "Tatap muka")


def test_kode_lower_case_rincian_is_checked_through_the_cli(tmp_path, capsys):
    doc = clean_dokumen()
    doc.kegiatan[0].rincian, doc.kegiatan[0].menu, doc.kegiatan[0].jpl = "a.1", "a", 90
    doc.peserta[0].tanggal_lahir = date(1970, 1, 1)
    code, found = checked(workbook(doc, tmp_path / "kecil"), capsys)
    rules = {f["rule"]: f for f in found}
    assert code == 1 and "KODE-RINCIAN" not in rules
    assert rules["JPL-A1"]["cell"] == "M6" and "A.1" in rules["JPL-A1"]["message"]
    assert rules["PESERTA-USIA"]["sheet"] == "Peserta"
