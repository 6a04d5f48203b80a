"""Section 2 of RULES.md, method (Lampiran II.c): shares, face to face, exhibition level."""

from decimal import Decimal

import pytest
from factories import kegiatan, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

KAK = load_layout().tables["KAK"]
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN


def dok(*items) -> Dokumen:
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=list(items))


def porsi(teori, diskusi, praktik) -> dict:
    def d(v):
        return None if v is None else Decimal(str(v))
    return {"porsi_teori": d(teori), "porsi_diskusi": d(diskusi), "porsi_praktik": d(praktik)}


# ---------------------------------------------------------------- METODE-PROPORSI
@pytest.mark.parametrize(("rincian", "over"), [
    ("A.1", porsi(50, 20, 30)), ("D.2", porsi(40, 30, 30)), ("A.1", porsi(60, 10, 30)),
    ("A.2", porsi(30, None, 70)), ("A.2", porsi(40, 0, 60)),
    ("B.2", dict(varian="Operator", **porsi(30, 0, 70))),
    ("A.1", porsi("0.5", "0.2", "0.3")),  # a cell formatted as % in Excel
])
def test_metode_proporsi_near_the_profile_is_compliant(rincian, over):
    assert fired(dok(kegiatan(rincian, **over)), "METODE-PROPORSI") == []


@pytest.mark.parametrize(("rincian", "over", "fields"), [
    ("A.1", porsi(39, 31, 30), ["porsi_teori", "porsi_diskusi"]),
    ("D.2", porsi(61, 20, 19), ["porsi_teori", "porsi_praktik"]),
    ("A.2", porsi(41, 0, 59), ["porsi_teori", "porsi_praktik"]),
    ("B.2", dict(varian="Operator", **porsi(25, 11, 64)), ["porsi_diskusi"]),
])
def test_metode_proporsi_share_more_than_10_points_off_warns_at_that_share(rincian, over,
                                                                           fields):
    found = fired(dok(kegiatan(rincian, row=7, **over)), "METODE-PROPORSI")
    assert [where(f) for f in found] == [(PER, "KAK", KAK.cell(f, 7)) for f in fields]
    assert "sekitar" in found[0].message


def test_metode_proporsi_shares_not_adding_to_100_is_pelanggaran():
    [f] = fired(dok(kegiatan("A.1", **porsi(50, 20, 20))), "METODE-PROPORSI")
    assert where(f) == (PEL, "KAK", KAK.cell("porsi_teori", 6))
    assert "90%" in f.message and "100%" in f.message


def test_metode_proporsi_all_empty_fires_kosong_at_teori():
    [f] = fired(dok(kegiatan("D.2", **porsi(None, None, None))), "METODE-PROPORSI")
    assert where(f) == (PEL, "KAK", KAK.cell("porsi_teori", 6))


def test_metode_proporsi_unreadable_share_fires_kosong_at_that_cell():
    k = kegiatan("A.1", porsi_diskusi=Invalid("dua puluh", "bukan angka"))
    [f] = fired(dok(k), "METODE-PROPORSI")
    assert where(f) == (PEL, "KAK", KAK.cell("porsi_diskusi", 6))
    assert "dua puluh" in f.message


@pytest.mark.parametrize(("rincian", "over"), [
    ("A.2", {"varian": "Studi banding"}), ("B.2", {"varian": "Pengelola"}), ("B.1", {}),
])
def test_metode_proporsi_ignores_activities_without_a_profile(rincian, over):
    k = kegiatan(rincian, **over, **porsi(100, 0, 0))
    assert fired(dok(k), "METODE-PROPORSI") == []


# ---------------------------------------------------------------- METODE-TATAP-MUKA
@pytest.mark.parametrize("metode", ["Virtual", "campuran"])
def test_metode_tatap_muka_a2_virtual_or_mixed_warns(metode):
    [f] = fired(dok(kegiatan("A.2", metode=metode)), "METODE-TATAP-MUKA")
    assert where(f) == (PER, "KAK", KAK.cell("metode", 6))
    assert "tatap muka" in f.message


def test_metode_tatap_muka_a2_face_to_face_is_compliant():
    assert fired(dok(kegiatan("A.2", metode="Tatap muka")), "METODE-TATAP-MUKA") == []


def test_metode_tatap_muka_a1_may_be_virtual():
    assert fired(dok(kegiatan("A.1", metode="Virtual")), "METODE-TATAP-MUKA") == []


@pytest.mark.parametrize("metode", [None, Invalid("Hibrida", "bukan pilihan daftar")])
def test_metode_tatap_muka_empty_or_unknown_warns_kosong(metode):
    [f] = fired(dok(kegiatan("A.2", metode=metode)), "METODE-TATAP-MUKA")
    assert where(f) == (PER, "KAK", KAK.cell("metode", 6))


# ---------------------------------------------------------------- PAMERAN-NASIONAL
@pytest.mark.parametrize("tingkat", ["Provinsi", "Kabupaten/Kota"])
def test_pameran_nasional_below_national_warns(tingkat):
    [f] = fired(dok(kegiatan("C.1", tingkat_pameran=tingkat)), "PAMERAN-NASIONAL")
    assert where(f) == (PER, "KAK", KAK.cell("tingkat_pameran", 6))
    assert tingkat in f.message and "nasional" in f.message


@pytest.mark.parametrize("tingkat", ["Nasional", "Internasional"])
def test_pameran_nasional_national_or_international_is_compliant(tingkat):
    assert fired(dok(kegiatan("C.1", tingkat_pameran=tingkat)), "PAMERAN-NASIONAL") == []


def test_pameran_nasional_no_exhibition_named_has_nothing_to_check():
    k = kegiatan("C.1", nama_pameran=None, tingkat_pameran=None)
    assert fired(dok(k), "PAMERAN-NASIONAL") == []


def test_pameran_nasional_named_exhibition_without_tingkat_warns_kosong():
    [f] = fired(dok(kegiatan("C.1", tingkat_pameran=None)), "PAMERAN-NASIONAL")
    assert where(f) == (PER, "KAK", KAK.cell("tingkat_pameran", 6))


def test_pameran_nasional_only_for_c1():
    assert fired(dok(kegiatan("D.4", tingkat_pameran="Provinsi")), "PAMERAN-NASIONAL") == []
