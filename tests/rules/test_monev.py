"""Section 5 of RULES.md, monitoring (Lampiran V angka 2): MONEV-* rules."""

from datetime import date

import pytest
from factories import kegiatan, peserta, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout

KAK = load_layout().tables["KAK"]
PER = Severity.PERINGATAN


def dok(**over) -> Dokumen:
    """A.1 planned 8-19 May 2023 in Kabupaten Contoh, target 25 orang."""
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=[kegiatan("A.1", row=7, **over)])


# ---------------------------------------------------------------- MONEV-WAKTU


@pytest.mark.parametrize("field, day", [("realisasi_mulai", date(2023, 5, 5)),
                                        ("realisasi_selesai", date(2023, 5, 22))])
def test_waktu_realised_outside_plan_warns(field, day):
    [f] = fired(dok(**{field: day}), "MONEV-WAKTU")
    assert where(f) == (PER, "KAK", KAK.cell(field, 7))
    assert "8 Mei 2023 s.d. 19 Mei 2023" in f.message


def test_waktu_realised_inside_plan_or_not_yet_passes():
    assert fired(dok(realisasi_mulai=date(2023, 5, 9), realisasi_selesai=date(2023, 5, 18)),
                 "MONEV-WAKTU") == []
    assert fired(dok(realisasi_mulai=None, realisasi_selesai=None), "MONEV-WAKTU") == []


def test_waktu_unreadable_realised_date_warns_at_its_cell():
    [f] = fired(dok(realisasi_selesai=Invalid("akhir Mei", "bukan tanggal")), "MONEV-WAKTU")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_selesai", 7))
    assert "'akhir Mei' bukan tanggal" in f.message


# ---------------------------------------------------------------- MONEV-LOKASI


def test_lokasi_realised_elsewhere_warns():
    [f] = fired(dok(realisasi_lokasi="Kota Lain"), "MONEV-LOKASI")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_lokasi", 7))
    assert "Kota Lain" in f.message and "Kabupaten Contoh" in f.message


@pytest.mark.parametrize("lokasi", ["kabupaten  contoh", "Kabupaten Contoh.", None])
def test_lokasi_same_place_normalised_or_not_yet_passes(lokasi):
    assert fired(dok(realisasi_lokasi=lokasi), "MONEV-LOKASI") == []


# ---------------------------------------------------------------- MONEV-SASARAN
# A.3's output (IKM) is the Realisasi Keluaran typed on the KAK; A.1's (a training) is
# the participants who completed, as CAPAIAN-KELUARAN counts it and the report shows it.


def a3(**over) -> Dokumen:
    """A.3 pendampingan realised 5 Jun - 29 Sep 2023, target 5 IKM."""
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=[kegiatan("A.3", row=7, **over)])


def a1_with(finished: int, listed: int = 25, **over) -> Dokumen:
    """A.1 target 25 orang, `listed` participants of whom `finished` completed it."""
    doc = dok(**over)
    rows = peserta(doc.kegiatan[0], listed)
    for p in rows[finished:]:
        p.tuntas = False
    doc.peserta = rows
    return doc


def test_sasaran_typed_output_one_below_target_warns():
    [f] = fired(a3(realisasi_keluaran=4), "MONEV-SASARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "4 IKM" in f.message and "target 5 IKM" in f.message


def test_sasaran_typed_output_exactly_at_target_passes():
    assert fired(a3(realisasi_keluaran=5), "MONEV-SASARAN") == []


def test_sasaran_only_judged_once_realisasi_selesai_is_filled():
    assert fired(a3(realisasi_selesai=None, realisasi_keluaran=0), "MONEV-SASARAN") == []
    assert fired(dok(realisasi_selesai=None), "MONEV-SASARAN") == []


def test_sasaran_finished_without_typed_output_warns():
    [f] = fired(a3(realisasi_keluaran=None), "MONEV-SASARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "belum diisi" in f.message


def test_sasaran_training_counts_participants_who_completed_not_the_typed_output():
    """Issue 16 point 5: 25 typed, 3 of 25 did not finish: 22 is below the target of 25."""
    [f] = fired(a1_with(finished=22, realisasi_keluaran=25), "MONEV-SASARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert f.value == "22" and "22 orang" in f.message and "target 25 orang" in f.message


def test_sasaran_training_with_every_participant_finished_at_target_passes():
    assert fired(a1_with(finished=25, realisasi_keluaran=25), "MONEV-SASARAN") == []
    [f] = fired(a1_with(finished=24, realisasi_keluaran=None), "MONEV-SASARAN")
    assert f.value == "24"


# ---------------------------------------------------------------- CAPAIAN-KELUARAN
# The output of a training counts the participants who completed it; a Realisasi
# Keluaran typed on the KAK that the Peserta sheet does not support is flagged.


def test_capaian_typed_output_above_the_participants_who_completed_warns():
    """Issue 16 point 5: 25 typed while 3 of the 25 participants did not finish."""
    [f] = fired(a1_with(finished=22, realisasi_keluaran=25), "CAPAIAN-KELUARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "25 orang melebihi 22 dari 25 peserta" in f.message


def test_capaian_typed_output_exactly_the_participants_who_completed_passes():
    assert fired(a1_with(finished=22, realisasi_keluaran=22), "CAPAIAN-KELUARAN") == []
    assert len(fired(a1_with(finished=22, realisasi_keluaran=23), "CAPAIAN-KELUARAN")) == 1


def test_capaian_output_claimed_with_no_participant_rows_warns():
    [f] = fired(dok(realisasi_keluaran=25), "CAPAIAN-KELUARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "tidak memuat peserta" in f.message


def test_capaian_nothing_claimed_or_outside_the_trainings_is_not_flagged():
    assert fired(dok(realisasi_keluaran=None), "CAPAIAN-KELUARAN") == []
    assert fired(dok(realisasi_keluaran=0), "CAPAIAN-KELUARAN") == []
    assert fired(a3(realisasi_keluaran=5), "CAPAIAN-KELUARAN") == []


def test_capaian_of_a_report_period_counts_trainings_realised_by_its_end():
    from xlplugin.engine.totals import compute_totals
    from xlplugin.rulepack import load_pack

    pack = load_pack()
    doc = a1_with(finished=22, realisasi_selesai=date(2023, 6, 30))
    capaian = compute_totals(doc, pack, sampai=date(2023, 6, 30)).capaian_kegiatan
    assert capaian["KA1"].keluaran == 22
    doc.kegiatan[0].realisasi_selesai = date(2023, 7, 1)  # one day past Semester I
    assert compute_totals(doc, pack, sampai=date(2023, 6, 30)).capaian_kegiatan[
        "KA1"].keluaran == 0
    assert compute_totals(doc, pack).capaian_kegiatan["KA1"].keluaran == 22


def test_capaian_of_a_report_period_counts_other_outputs_finished_by_its_end():
    """Issue 15: a C.2 output realised in July is not Semester I's capaian."""
    from xlplugin.engine.totals import compute_totals
    from xlplugin.rulepack import load_pack

    pack = load_pack()
    doc = a1_with(finished=0, realisasi_selesai=date(2023, 9, 30))
    k = doc.kegiatan[0]
    k.menu, k.rincian, k.realisasi_keluaran = "C", "C.2", 1
    assert compute_totals(doc, pack, sampai=date(2023, 6, 30)).capaian_kegiatan[
        "KA1"].keluaran == 0
    assert compute_totals(doc, pack, sampai=date(2023, 12, 31)).capaian_kegiatan[
        "KA1"].keluaran == 1
