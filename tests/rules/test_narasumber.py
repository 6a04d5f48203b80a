"""Section 4 of RULES.md, point g: NARSUM-* rules over Narasumber and Pendamping rows."""

import pytest
from factories import kegiatan, narasumber, pendamping, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout

LAYOUT = load_layout()
NAR, PEN = LAYOUT.tables["Narasumber"], LAYOUT.tables["Pendamping"]
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN
ALL = ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "B.1", "B.2", "B.3", "B.4",
       "C.1", "C.2", "C.3", "D.1", "D.2", "D.3", "D.4"]


def with_narsum(rincian: str, **over) -> Dokumen:
    k = kegiatan(rincian, row=6)
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=[k],
                   narasumber=[narasumber(k, row=8, **over)])


def with_pendamping(rincian: str, **over) -> Dokumen:
    k = kegiatan(rincian, row=6)
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=[k],
                   pendamping=[pendamping(k, row=9, **over)])


@pytest.mark.parametrize("rincian", ALL)
def test_compliant_narasumber_fires_no_point_g_rule(rincian):
    rules = {"NARSUM-PENDIDIKAN", "NARSUM-PENGALAMAN", "NARSUM-BUKTI", "NARSUM-KEAHLIAN",
             "NARSUM-SEHAT"}
    assert [f for f in validate(with_narsum(rincian)) if f.rule in rules] == []


# ---------------------------------------------------------------- NARSUM-PENDIDIKAN
EXEMPT = ["A.1", "A.2", "A.3", "A.4", "B.3"]
NO_EXEMPTION = ["A.5", "A.6", "B.1", "B.2", "B.4", "C.3", "D.2"]
NO_RULE = ["C.1", "C.2", "D.1", "D.3", "D.4"]


@pytest.mark.parametrize("rincian", EXEMPT + NO_EXEMPTION)
def test_pendidikan_below_diploma_iii_fires(rincian):
    [f] = fired(with_narsum(rincian, pendidikan="Diploma II"), "NARSUM-PENDIDIKAN")
    assert where(f) == (PEL, "Narasumber", NAR.cell("pendidikan", 8))
    assert "Diploma III" in f.message


@pytest.mark.parametrize("rincian", EXEMPT)
def test_pendidikan_business_owner_with_nib_exempt(rincian):
    doc = with_narsum(rincian, pendidikan="SMA/SMK", pelaku_usaha=True, nib="9120001234567")
    assert fired(doc, "NARSUM-PENDIDIKAN") == []


@pytest.mark.parametrize("rincian", NO_EXEMPTION)
def test_pendidikan_business_owner_not_exempt(rincian):
    doc = with_narsum(rincian, pendidikan="SMA/SMK", pelaku_usaha=True, nib="9120001234567")
    assert len(fired(doc, "NARSUM-PENDIDIKAN")) == 1


@pytest.mark.parametrize("rincian", NO_RULE)
def test_pendidikan_no_rule_in_c1_c2_d1_d3_d4(rincian):
    assert fired(with_narsum(rincian, pendidikan="SD"), "NARSUM-PENDIDIKAN") == []


def test_pendidikan_business_owner_without_nib_is_not_exempt():
    [f] = fired(with_narsum("A.1", pendidikan="SMP", pelaku_usaha=True, nib=None),
                "NARSUM-PENDIDIKAN")
    assert "NIB" in f.message


@pytest.mark.parametrize("level", ["Diploma III", "D3", "D-III", "ahli madya", "S1", "Sarjana",
                                   "Magister", "S3"])
def test_pendidikan_spellings_of_diploma_iii_and_above_pass(level):
    assert fired(with_narsum("B.1", pendidikan=level), "NARSUM-PENDIDIKAN") == []


def test_pendidikan_empty_or_unknown_fires():
    [empty] = fired(with_narsum("B.4", pendidikan=None), "NARSUM-PENDIDIKAN")
    [odd] = fired(with_narsum("B.4", pendidikan="Kursus menjahit"), "NARSUM-PENDIDIKAN")
    assert "belum diisi" in empty.message and "tidak dikenal" in odd.message
    assert empty.cell == odd.cell == NAR.cell("pendidikan", 8)


def test_pendidikan_applies_to_pendamping_rows_point_g_names():
    [f] = fired(with_pendamping("A.3", pendidikan="SMA/SMK", pelaku_usaha=False),
                "NARSUM-PENDIDIKAN")
    assert where(f) == (PEL, "Pendamping", PEN.cell("pendidikan", 9))
    # C.3: point g sets the tenaga pendamping's requirements, with no exemption
    assert len(fired(with_pendamping("C.3", pendidikan="SMA/SMK"), "NARSUM-PENDIDIKAN")) == 1
    # B.2: point g names instruktur/pengajar
    doc = with_pendamping("B.2", peran="Instruktur", pendidikan="SMA/SMK")
    assert len(fired(doc, "NARSUM-PENDIDIKAN")) == 1


def test_pendidikan_not_applied_to_koordinator_or_unnamed_pendamping():
    doc = with_pendamping("A.3", peran="Koordinator", pendidikan="SMA/SMK", pelaku_usaha=False)
    assert fired(doc, "NARSUM-PENDIDIKAN") == []
    # A.4 point g names narasumber/instruktur/pengajar/tenaga ahli, not tenaga pendamping
    doc = with_pendamping("A.4", pendidikan="SMA/SMK", pelaku_usaha=False)
    assert fired(doc, "NARSUM-PENDIDIKAN") == []


# ---------------------------------------------------------------- NARSUM-PENGALAMAN
YEARS = ["A.2", "A.4", "B.1", "B.2", "B.3", "B.4", "C.3", "D.2"]


@pytest.mark.parametrize("rincian", YEARS)
def test_pengalaman_under_three_years_fires(rincian):
    [f] = fired(with_narsum(rincian, pengalaman_tahun=2), "NARSUM-PENGALAMAN")
    assert where(f) == (PEL, "Narasumber", NAR.cell("pengalaman_tahun", 8))
    assert fired(with_narsum(rincian, pengalaman_tahun=3), "NARSUM-PENGALAMAN") == []


@pytest.mark.parametrize("rincian", sorted(set(ALL) - set(YEARS)))
def test_pengalaman_no_year_rule_elsewhere(rincian):
    assert fired(with_narsum(rincian, pengalaman_tahun=0), "NARSUM-PENGALAMAN") == []


def test_pengalaman_empty_or_unreadable_fires():
    [f] = fired(with_narsum("D.2", pengalaman_tahun=Invalid("lama", "bukan angka")),
                "NARSUM-PENGALAMAN")
    assert "'lama' bukan angka" in f.message
    [g] = fired(with_narsum("D.2", pengalaman_tahun=None), "NARSUM-PENGALAMAN")
    assert "belum diisi" in g.message


def test_pengalaman_c3_pendamping_counts_years_as_pendamping():
    doc = with_pendamping("C.3", pengalaman_tahun=10, pengalaman_pendamping_tahun=2)
    [f] = fired(doc, "NARSUM-PENGALAMAN")
    assert where(f) == (PEL, "Pendamping", PEN.cell("pengalaman_pendamping_tahun", 9))
    doc = with_pendamping("C.3", pengalaman_tahun=1, pengalaman_pendamping_tahun=3)
    assert fired(doc, "NARSUM-PENGALAMAN") == []


def test_pengalaman_b2_instruktur_on_pendamping_sheet():
    doc = with_pendamping("B.2", peran="Pengajar", pengalaman_tahun=1)
    [f] = fired(doc, "NARSUM-PENGALAMAN")
    assert where(f) == (PEL, "Pendamping", PEN.cell("pengalaman_tahun", 9))


# ---------------------------------------------------------------- NARSUM-BUKTI
PROOF = ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "B.1", "B.2", "B.3", "B.4", "C.1", "C.3", "D.2"]


@pytest.mark.parametrize("rincian", PROOF)
def test_bukti_missing_fires(rincian):
    [f] = fired(with_narsum(rincian, bukti_kompetensi=None), "NARSUM-BUKTI")
    assert where(f) == (PEL, "Narasumber", NAR.cell("bukti_kompetensi", 8))


@pytest.mark.parametrize("rincian", ["C.2", "D.1", "D.3", "D.4"])
def test_bukti_not_required_where_point_g_sets_no_requirement(rincian):
    assert fired(with_narsum(rincian, bukti_kompetensi=None), "NARSUM-BUKTI") == []


def test_bukti_missing_on_a3_pendamping_fires():
    [f] = fired(with_pendamping("A.3", bukti_kompetensi="  "), "NARSUM-BUKTI")
    assert where(f) == (PEL, "Pendamping", PEN.cell("bukti_kompetensi", 9))


# ---------------------------------------------------------------- NARSUM-KEAHLIAN


@pytest.mark.parametrize("rincian, keahlian", [("A.5", "Manajemen bisnis"), ("A.5", "Ekspor"),
                                               ("A.6", "Pangan olahan"), ("A.6", None)])
def test_keahlian_outside_p3dn_or_halal_fires(rincian, keahlian):
    [f] = fired(with_narsum(rincian, keahlian=keahlian), "NARSUM-KEAHLIAN")
    assert where(f) == (PEL, "Narasumber", NAR.cell("keahlian", 8))


@pytest.mark.parametrize("rincian, keahlian", [
    ("A.5", "Fasilitator P3DN"), ("A.5", "Tim Verifikator TKDN"),
    ("A.5", "peningkatan penggunaan produk dalam negeri"),
    ("A.6", "Penyelia Halal"), ("A.6", "Pendamping PPH"), ("A.6", "Sistem jaminan halal"),
])
def test_keahlian_named_in_the_pack_passes(rincian, keahlian):
    assert fired(with_narsum(rincian, keahlian=keahlian), "NARSUM-KEAHLIAN") == []


def test_keahlian_not_checked_outside_a5_a6():
    assert fired(with_narsum("A.1", keahlian="Apa saja"), "NARSUM-KEAHLIAN") == []


# ---------------------------------------------------------------- NARSUM-SEHAT


@pytest.mark.parametrize("sehat, shown", [(None, "kosong"),
                                          (Invalid("mungkin", "harus Ya atau Tidak"), "'mungkin'")])
def test_sehat_not_declared_is_a_warning(sehat, shown):
    [f] = fired(with_narsum("B.4", sehat=sehat), "NARSUM-SEHAT")
    assert where(f) == (PER, "Narasumber", NAR.cell("sehat", 8))
    assert f"isian: {shown})" in f.message and f.value == shown
    assert "belum dinyatakan" in f.message


def test_sehat_declared_not_healthy_is_a_violation():
    [f] = fired(with_narsum("B.4", sehat=False), "NARSUM-SEHAT")
    assert where(f) == (PEL, "Narasumber", NAR.cell("sehat", 8))
    assert "isian: Tidak)" in f.message and "harus sehat" in f.message and f.is_blocking


def test_sehat_declared_healthy_passes():
    assert fired(with_narsum("B.4", sehat=True), "NARSUM-SEHAT") == []


def test_sehat_on_pendamping_and_not_where_point_g_is_silent():
    [f] = fired(with_pendamping("A.3", sehat=False), "NARSUM-SEHAT")
    assert where(f) == (PEL, "Pendamping", PEN.cell("sehat", 9))
    [f] = fired(with_pendamping("A.3", sehat=None), "NARSUM-SEHAT")
    assert where(f) == (PER, "Pendamping", PEN.cell("sehat", 9))
    assert fired(with_narsum("D.1", sehat=False), "NARSUM-SEHAT") == []
