"""The engine's frame: pack loading, findings, approvals, clean baseline."""

from datetime import date

from factories import clean_dokumen, kegiatan

from xlplugin.domain.finding import Severity
from xlplugin.engine import validate


def test_clean_dokumen_fires_nothing():
    assert [(f.rule, f.cell, f.message) for f in validate(clean_dokumen())] == []


def test_approval_turns_perlu_persetujuan_into_disetujui():
    doc = clean_dokumen()
    doc.kegiatan[0].jpl = 90
    [open_finding] = [f for f in validate(doc) if f.rule == "JPL-A1"]
    assert open_finding.is_blocking and open_finding.level == "PERLU_PERSETUJUAN"
    doc.kegiatan[0].nomor_persetujuan = "B/123/IKMA/2023"
    doc.kegiatan[0].tanggal_persetujuan = date(2023, 4, 3)
    doc.kegiatan[0].alasan_persetujuan = "Tambahan JPL praktik pemasaran digital"
    [resolved] = [f for f in validate(doc) if f.rule == "JPL-A1"]
    assert resolved.level == "DISETUJUI" and not resolved.is_blocking
    assert resolved.severity is Severity.PERLU_PERSETUJUAN


def test_findings_carry_rule_severity_sheet_cell_clause():
    doc = clean_dokumen()
    doc.kegiatan = [kegiatan("A.1", row=9, kode="K01", jpl=20)]
    [f] = [f for f in validate(doc) if f.rule == "JPL-A1"]
    assert (f.sheet, f.row, f.cell, f.clause) == ("KAK", 9, "M9", "Lampiran II.A.1.d")
    assert "20" in f.message and "45-85" in f.message
