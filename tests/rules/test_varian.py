"""VARIAN: an A.2 or B.2 activity says which kind it is; while it does not, the bounds
that hold for it anyway are still checked (RULES.md section 2, issue 16 point 2)."""

import pytest
from factories import clean_dokumen, kegiatan, peserta, profil, sentra
from rulecheck import checked, fired, where, workbook

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.layout import load_layout

KAK = load_layout().tables["KAK"]
PEL, PJ = Severity.PELANGGARAN, Severity.PERLU_PENJELASAN
NOT_SAID = ["-", None, "  ", "Pelatihan"]  # "Pelatihan" is A.2's kind, not B.2's


def dok(k, listed: int = 0) -> Dokumen:
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=[k],
                   peserta=peserta(k, listed) if listed else [])


@pytest.mark.parametrize("varian", NOT_SAID)
def test_varian_missing_b2_still_needs_five_operators(varian):
    k = kegiatan("B.2", row=7, varian=varian, target_peserta=4)
    doc = dok(k)
    [v] = fired(doc, "VARIAN")
    assert where(v) == (PEL, "KAK", KAK.cell("varian", 7)) and v.is_blocking
    assert "Pengelola atau Operator" in v.message
    [m] = fired(doc, "PESERTA-MIN")
    assert where(m) == (PJ, "KAK", KAK.cell("target_peserta", 7))
    assert "paling sedikit 5" in m.message


def test_varian_missing_b2_with_exactly_five_is_within_the_shared_bound():
    doc = dok(kegiatan("B.2", varian="-", target_peserta=5))
    assert fired(doc, "PESERTA-MIN") == [] and len(fired(doc, "VARIAN")) == 1


def test_varian_missing_b2_counts_the_participant_list_too():
    k = kegiatan("B.2", varian=None, target_peserta=5)
    [m] = fired(dok(k, listed=4), "PESERTA-MIN")
    assert "4 peserta" in m.message and m.cell == KAK.cell("kode_kegiatan", 6)


@pytest.mark.parametrize("jpl", [40, 100])
def test_varian_missing_b2_skips_the_pengelola_jpl_limit_operator_has_none(jpl):
    doc = dok(kegiatan("B.2", varian="Pelatihan", jpl=jpl))
    assert fired(doc, "JPL-B2") == [] and fired(doc, "METODE-PROPORSI") == []
    assert [f.rule for f in fired(doc, "VARIAN")] == ["VARIAN"]


def test_varian_missing_b2_is_not_held_to_the_pengelola_minimum_of_20():
    assert fired(dok(kegiatan("B.2", varian="-", target_peserta=12)), "PESERTA-MIN") == []


def test_varian_operator_on_a2_is_not_allowed_and_no_longer_skips_the_jpl_check():
    k = kegiatan("A.2", row=8, varian="Operator", jpl=46)
    doc = dok(k)
    [v] = fired(doc, "VARIAN")
    assert where(v) == (PEL, "KAK", KAK.cell("varian", 8))
    assert "'Operator'" in v.message and "Pelatihan atau Studi banding" in v.message
    [j] = fired(doc, "JPL-A2")
    assert j.cell == KAK.cell("jpl", 8) and "46" in j.message
    k.jpl = 45
    assert fired(dok(k), "JPL-A2") == []


def test_varian_missing_a2_is_held_to_its_training_limits():
    doc = dok(kegiatan("A.2", varian="-", jpl=29))
    assert [f.rule for f in fired(doc, "VARIAN")] == ["VARIAN"]
    assert "kosong" not in fired(doc, "VARIAN")[0].message
    assert len(fired(doc, "JPL-A2")) == 1


def test_varian_said_as_typed_in_any_case_is_the_rincian_kind():
    doc = dok(kegiatan("B.2", varian=" operator ", target_peserta=5, jpl=100))
    assert fired(doc, "VARIAN") == [] and fired(doc, "PESERTA-MIN") == []
    assert doc.kegiatan[0].varian == "Operator"  # shown back as the list spells it
    studi = dok(kegiatan("A.2", varian="studi  banding", jpl=None, hari_kerja_studi=6,
                         kunjungan_industri=3, kunjungan_litbang=1))
    assert fired(studi, "VARIAN") == [] and fired(studi, "JPL-A2") == []
    assert len(fired(studi, "STUDI-HARI")) == 1


@pytest.mark.parametrize("rincian", ["A.2", "B.2"])
def test_varian_of_each_kind_passes(rincian):
    for kind in {"A.2": ["Pelatihan", "Studi banding"], "B.2": ["Pengelola", "Operator"]}[rincian]:
        assert fired(dok(kegiatan(rincian, varian=kind)), "VARIAN") == []


def test_varian_is_not_asked_of_a_rincian_with_one_kind():
    for varian in ("-", None, "Operator"):
        assert fired(dok(kegiatan("A.1", varian=varian)), "VARIAN") == []


def test_varian_unsaid_b2_with_four_participants_fails_through_the_cli(tmp_path, capsys):
    """Issue 16 point 2 as reported: variant "Pelatihan", 4 participants: exit 0 before."""
    doc = clean_dokumen()
    k = kegiatan("B.2", row=7, kode="K02", varian="Pelatihan", target_peserta=4, jpl=100)
    doc.kegiatan.append(k)
    doc.peserta += peserta(k, 4, first_row=31)
    code, found = checked(workbook(doc, tmp_path / "b2"), capsys)
    rules = {(f["rule"], f["severity"], f["cell"]) for f in found}
    assert code == 1
    assert ("VARIAN", "PELANGGARAN", KAK.cell("varian", 7)) in rules
    assert ("PESERTA-MIN", "PERLU_PENJELASAN", KAK.cell("target_peserta", 7)) in rules
    assert not [f for f in found if f["rule"] == "JPL-B2"]
