"""Section 6 of RULES.md: RAB lines against the region's standard unit costs."""

import pytest
from factories import clean_dokumen
from rulecheck import fired

from xlplugin.domain.finding import Severity
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

LAYOUT = load_layout()
RAB, SSH = LAYOUT.tables["RAB"], LAYOUT.tables["SSH"]


@pytest.mark.parametrize("rule", ["SSH-PLAFON", "SSH-TANPA-ACUAN"])
def test_clean_dokumen_fires_no_ssh_rule(rule):
    assert fired(clean_dokumen(), rule) == []


def test_ssh_plafon_harga_over_ceiling_fires_at_harga_cell():
    doc = clean_dokumen()
    doc.rab[0].harga_satuan = 900_001  # SSH-01 allows Rp 900.000 per OJ
    doc.rab[0].jumlah = 20 * 900_001
    [f] = fired(doc, "SSH-PLAFON")
    assert (f.severity, f.sheet, f.cell) == (
        Severity.PELANGGARAN, RAB.sheet, RAB.cell("harga_satuan", 6))
    assert "Rp 900.001" in f.message and "Rp 900.000" in f.message
    assert "SSH-01" in f.message and "Perbup Contoh 1/2023" in f.message


def test_ssh_plafon_harga_equal_to_ceiling_is_compliant():
    doc = clean_dokumen()
    doc.rab[1].harga_satuan, doc.rab[1].jumlah = 150_000, 250 * 150_000
    assert fired(doc, "SSH-PLAFON") == []


def test_ssh_plafon_other_satuan_fires_at_satuan_cell():
    doc = clean_dokumen()
    doc.rab[1].satuan = "paket"
    [f] = fired(doc, "SSH-PLAFON")
    assert f.cell == RAB.cell("satuan", 7) and "OH" in f.message


@pytest.mark.parametrize("spelling", ["Orang/Jam", " oj ", "O-J"])
def test_ssh_plafon_unit_spellings_of_the_pack_match(spelling):
    doc = clean_dokumen()
    doc.rab[0].satuan = spelling
    assert fired(doc, "SSH-PLAFON") == []


@pytest.mark.parametrize("kode", ["SSH-99", Invalid("#N/A", "nilai galat Excel")])
def test_ssh_plafon_unknown_item_fires_at_kode_ssh(kode):
    doc = clean_dokumen()
    doc.rab[0].kode_ssh = kode
    [f] = fired(doc, "SSH-PLAFON")
    assert (f.sheet, f.cell) == (RAB.sheet, RAB.cell("kode_ssh", 6))


def test_ssh_plafon_unreadable_ceiling_fires_once_on_ssh_sheet():
    doc = clean_dokumen()
    doc.ssh[0].harga_maksimum = Invalid("sembilan ratus ribu", "bukan nilai rupiah")
    doc.rab[1].kode_ssh, doc.rab[1].satuan = "SSH-01", "OJ"  # a second line on that item
    doc.rab[1].harga_satuan, doc.rab[1].jumlah = 90_000, 250 * 90_000
    [f] = fired(doc, "SSH-PLAFON")
    assert (f.sheet, f.cell) == (SSH.sheet, SSH.cell("harga_maksimum", 6))


def test_ssh_tanpa_acuan_honorarium_without_item_warns():
    doc = clean_dokumen()
    doc.rab[0].kode_ssh = None
    [f] = fired(doc, "SSH-TANPA-ACUAN")
    assert (f.severity, f.sheet, f.cell) == (
        Severity.PERINGATAN, RAB.sheet, RAB.cell("kode_ssh", 6))
    assert "Honorarium narasumber/instruktur" in f.message


def test_ssh_tanpa_acuan_only_for_kategori_marked_perlu_ssh():
    doc = clean_dokumen()
    assert doc.rab[2].kode_ssh is None  # Bahan dan perlengkapan: no standard needed
    assert fired(doc, "SSH-TANPA-ACUAN") == []
