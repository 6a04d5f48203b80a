"""KODE-RINCIAN: an activity's code is one of the 17 rincian of Lampiran I, under its menu."""

from factories import clean_dokumen, kegiatan
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.values import Invalid


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
