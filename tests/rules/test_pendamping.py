"""Section 4 of RULES.md, A.3 tenaga pendamping: PENDAMPING-* rules."""

from datetime import date

import pytest
from factories import kegiatan, pendamping, peserta, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout

LAYOUT = load_layout()
KAK, PES, PEN = LAYOUT.tables["KAK"], LAYOUT.tables["Peserta"], LAYOUT.tables["Pendamping"]
PEL, PP, PER = Severity.PELANGGARAN, Severity.PERLU_PERSETUJUAN, Severity.PERINGATAN


def a3(n_pendamping=1, n_peserta=5, rincian="A.3", **pendamping_over) -> Dokumen:
    k = kegiatan(rincian, row=6, kode="K03")
    team = [pendamping(k, row=6 + i, **pendamping_over) for i in range(n_pendamping)]
    return Dokumen(profil=profil(), sentra=[sentra(), sentra(row=7, kode="S2")], kegiatan=[k],
                   peserta=peserta(k, n_peserta), pendamping=team)


def test_compliant_a3_team_fires_no_pendamping_rule():
    doc = a3(n_pendamping=2, n_peserta=10)
    assert [f for f in validate(doc) if f.rule.startswith("PENDAMPING-")] == []


# ---------------------------------------------------------------- PENDAMPING-A3-PENGALAMAN


@pytest.mark.parametrize("field, years", [("pengalaman_usaha_tahun", 4),
                                          ("pengalaman_pendamping_tahun", 0)])
def test_a3_experience_below_minimum_fires(field, years):
    [f] = fired(a3(**{field: years}), "PENDAMPING-A3-PENGALAMAN")
    assert where(f) == (PEL, "Pendamping", PEN.cell(field, 6))


def test_a3_experience_at_minimum_passes():
    doc = a3(pengalaman_usaha_tahun=5, pengalaman_pendamping_tahun=1)
    assert fired(doc, "PENDAMPING-A3-PENGALAMAN") == []


def test_a3_experience_empty_or_unreadable_fires_at_each_cell():
    doc = a3(pengalaman_usaha_tahun=None,
             pengalaman_pendamping_tahun=Invalid("setahun", "bukan angka"))
    found = fired(doc, "PENDAMPING-A3-PENGALAMAN")
    assert [f.cell for f in found] == [PEN.cell("pengalaman_usaha_tahun", 6),
                                       PEN.cell("pengalaman_pendamping_tahun", 6)]
    assert "belum diisi" in found[0].message and "'setahun' bukan angka" in found[1].message


def test_a3_experience_only_for_tenaga_pendamping_of_a3():
    assert fired(a3(peran="Instruktur", pengalaman_usaha_tahun=0),
                 "PENDAMPING-A3-PENGALAMAN") == []
    assert fired(a3(rincian="C.3", pengalaman_usaha_tahun=0), "PENDAMPING-A3-PENGALAMAN") == []


# ---------------------------------------------------------------- PENDAMPING-GANDA


def test_ganda_pendamping_of_another_funded_body_fires():
    [f] = fired(a3(pendamping_lembaga_lain=True), "PENDAMPING-GANDA")
    assert where(f) == (PEL, "Pendamping", PEN.cell("pendamping_lembaga_lain", 6))


def test_ganda_not_declared_is_a_warning():
    [f] = fired(a3(pendamping_lembaga_lain=None), "PENDAMPING-GANDA")
    assert where(f) == (PER, "Pendamping", PEN.cell("pendamping_lembaga_lain", 6))


def test_ganda_declared_no_passes_and_other_rincian_not_checked():
    assert fired(a3(pendamping_lembaga_lain=False), "PENDAMPING-GANDA") == []
    assert fired(a3(rincian="C.3", pendamping_lembaga_lain=True), "PENDAMPING-GANDA") == []


# ---------------------------------------------------------------- PENDAMPING-RASIO


@pytest.mark.parametrize("jumlah, fires", [(2, True), (3, False), (5, False), (6, True)])
def test_rasio_jumlah_ikm_per_pendamping_3_to_5(jumlah, fires):
    found = fired(a3(jumlah_ikm=jumlah, n_peserta=jumlah), "PENDAMPING-RASIO")
    assert bool(found) is fires
    if fires:
        assert where(found[0]) == (PP, "Pendamping", PEN.cell("jumlah_ikm", 6))


def test_rasio_without_jumlah_shares_participants_evenly():
    [f] = fired(a3(n_pendamping=2, n_peserta=12, jumlah_ikm=None), "PENDAMPING-RASIO")
    assert where(f) == (PP, "KAK", KAK.cell("kode_kegiatan", 6))
    assert "12 IKM untuk 2 tenaga pendamping" in f.message
    assert fired(a3(n_pendamping=2, n_peserta=10, jumlah_ikm=None), "PENDAMPING-RASIO") == []


def test_rasio_without_participants_uses_target_ikm():
    doc = a3(n_pendamping=2, n_peserta=0, jumlah_ikm=None)
    doc.kegiatan[0].target_ikm = 11
    assert len(fired(doc, "PENDAMPING-RASIO")) == 1
    doc.kegiatan[0].target_ikm = 10
    assert fired(doc, "PENDAMPING-RASIO") == []


def _assign(doc, names):
    for p, name in zip(doc.peserta, names):
        p.pendamping = name


def test_rasio_assignment_on_peserta_sheet_counts_per_person():
    doc = a3(n_pendamping=2, n_peserta=7)
    one, two = (p.nama for p in doc.pendamping)
    _assign(doc, [one] * 6 + [two.upper()])  # names match regardless of case
    found = fired(doc, "PENDAMPING-RASIO")
    assert [where(f) for f in found] == [(PP, "Pendamping", PEN.cell("nama", 6)),
                                         (PP, "Pendamping", PEN.cell("nama", 7))]
    assert "6 IKM" in found[0].message and "1 IKM" in found[1].message
    _assign(doc, [one] * 4 + [two] * 3)
    assert fired(doc, "PENDAMPING-RASIO") == []


def test_rasio_assignment_to_unknown_name_is_a_warning():
    doc = a3(n_peserta=5)
    _assign(doc, [doc.pendamping[0].nama] * 4 + ["Orang Lain"])
    [f] = fired(doc, "PENDAMPING-RASIO")
    assert where(f) == (PER, "Peserta", PES.cell("pendamping", 10))


def test_rasio_ikm_of_one_pendamping_in_two_sentra_fires():
    doc = a3(n_peserta=5)
    doc.sentra[1].komoditi = "Batik"
    _assign(doc, [doc.pendamping[0].nama] * 5)
    doc.peserta[4].kode_sentra = "S2"
    found = fired(doc, "PENDAMPING-RASIO")
    assert [where(f) for f in found] == [(PP, "Pendamping", PEN.cell("kode_sentra", 6)),
                                         (PP, "Pendamping", PEN.cell("komoditi", 6))]
    assert "S1, S2" in found[0].message and "Batik" in found[1].message


def test_rasio_pendamping_komoditi_differs_from_its_sentra():
    [f] = fired(a3(komoditi="Anyaman"), "PENDAMPING-RASIO")
    assert where(f) == (PP, "Pendamping", PEN.cell("komoditi", 6))


def test_rasio_participants_but_no_tenaga_pendamping_is_a_warning():
    [f] = fired(a3(n_pendamping=1, peran="Koordinator"), "PENDAMPING-RASIO")
    assert where(f) == (PER, "KAK", KAK.cell("kode_kegiatan", 6))


def test_rasio_approval_turns_disetujui():
    doc = a3(jumlah_ikm=7, n_peserta=7)
    doc.kegiatan[0].nomor_persetujuan = "B/12/IKMA/2023"
    doc.kegiatan[0].tanggal_persetujuan = date(2023, 5, 2)
    doc.kegiatan[0].alasan_persetujuan = "7 IKM per pendamping karena lokasi berdekatan"
    [f] = fired(doc, "PENDAMPING-RASIO")
    assert f.level == "DISETUJUI"
