"""Lampiran 1-5 as data: totals from the engine, periods, NIK masking."""

from __future__ import annotations

from copy import deepcopy
from datetime import date

import pytest
from factories import clean_dokumen

from xlplugin.domain.records import Realisasi
from xlplugin.engine.totals import compute_totals
from xlplugin.reports.lampiran import lampiran_tables
from xlplugin.reports.periode import JenisError, periode
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen

PACK = load_pack()
ANGGARAN, PERIODE, KUMULATIF = 6, 7, 8  # Lampiran 1 column positions (0-based)


@pytest.fixture(scope="module")
def sample():
    return sample_dokumen()


def tables(doc, jenis="semester1", mask=True):
    return lampiran_tables(doc, periode(jenis, PACK), compute_totals(doc, PACK), PACK, mask)


def test_lampiran1_menu_rincian_kegiatan_rows_are_the_engine_totals(sample):
    totals = compute_totals(sample, PACK)
    rows = tables(sample)[0].rows
    by_level = {lvl: [r for r in rows if r.level == lvl] for lvl in ("menu", "rincian",
                                                                     "kegiatan", "total")}
    for r in by_level["menu"]:
        assert r.cells[ANGGARAN] == totals.menu[r.cells[0]].rab
        assert r.cells[KUMULATIF] == totals.menu[r.cells[0]].realisasi_semester["1"]
    for r in by_level["rincian"]:
        assert r.cells[ANGGARAN] == totals.rincian[r.cells[0]].rab
    assert {r.cells[1] for r in by_level["kegiatan"]} == set(totals.kegiatan)
    for r in by_level["kegiatan"]:
        assert r.cells[ANGGARAN] == totals.kegiatan[r.cells[1]].rab
    (total,) = by_level["total"]
    assert total.cells[ANGGARAN] == totals.total.rab > 0


def test_lampiran1_lines_add_up_to_their_kegiatan(sample):
    rows = tables(sample)[0].rows
    current, sums = None, {}
    for r in rows:
        if r.level == "kegiatan":
            current = r
            sums[id(r)] = [0, 0]
        elif r.level == "data":
            sums[id(current)][0] += r.cells[ANGGARAN]
            sums[id(current)][1] += r.cells[KUMULATIF]
    for r in rows:
        if r.level == "kegiatan":
            assert sums[id(r)] == [r.cells[ANGGARAN], r.cells[KUMULATIF]]


def test_semester2_shows_its_own_spending_and_the_year_so_far():
    doc = clean_dokumen()
    doc.realisasi.append(Realisasi(row=7, tanggal=date(2023, 8, 1), kode_baris="R002",
                                   kode_kegiatan="K01", jumlah=5_000_000))
    total = tables(doc, "semester2")[0].rows[-1].cells
    assert (total[PERIODE], total[KUMULATIF]) == (5_000_000, 23_000_000)
    total1 = tables(doc, "semester1")[0].rows[-1].cells
    assert (total1[PERIODE], total1[KUMULATIF]) == (18_000_000, 18_000_000)


def test_nik_is_masked_by_default_and_full_when_switched_off():
    doc = clean_dokumen()
    masked = tables(doc)[1].rows[0].cells[3]
    full = tables(doc, mask=False)[1].rows[0].cells[3]
    assert full == doc.peserta[0].nik and len(full) == 16
    assert masked == full[:4] + "*" * 8 + full[-4:]
    assert tables(doc)[1].catatan and tables(doc, mask=False)[1].catatan is None


def test_jadwal_of_a_semester_holds_only_that_semesters_dates():
    doc = clean_dokumen()  # five sessions in May 2023
    assert len(tables(doc, "semester1")[4].rows) == 5
    assert tables(doc, "semester2")[4].rows == []
    assert len(tables(doc, "akhir")[4].rows) == 5


def test_peserta_of_an_activity_outside_the_semester_are_left_out():
    doc = clean_dokumen()
    assert tables(doc, "semester2")[1].rows == []
    assert len(tables(doc, "akhir")[1].rows) == 25


def test_building_the_annexes_does_not_change_the_dokumen(sample):
    before = deepcopy(sample)
    tables(sample, "akhir")
    assert sample == before


def test_unknown_jenis_is_refused_in_indonesian():
    with pytest.raises(JenisError, match="Jenis laporan 'triwulan' tidak dikenal"):
        periode("triwulan", PACK)
