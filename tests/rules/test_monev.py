"""Section 5 of RULES.md, monitoring (Lampiran V angka 2): MONEV-* rules."""

from datetime import date

import pytest
from factories import kegiatan, profil, sentra
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


def test_sasaran_output_below_target_warns():
    [f] = fired(dok(realisasi_keluaran=22), "MONEV-SASARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "22 orang" in f.message and "25 orang" in f.message


def test_sasaran_reached_passes():
    assert fired(dok(realisasi_keluaran=25), "MONEV-SASARAN") == []


def test_sasaran_only_judged_once_realisasi_selesai_is_filled():
    assert fired(dok(realisasi_selesai=None, realisasi_keluaran=0), "MONEV-SASARAN") == []


def test_sasaran_finished_without_output_warns():
    [f] = fired(dok(realisasi_keluaran=None), "MONEV-SASARAN")
    assert where(f) == (PER, "KAK", KAK.cell("realisasi_keluaran", 7))
    assert "belum diisi" in f.message
