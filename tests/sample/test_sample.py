"""The shipped sample: realistic in size, deterministic, and breaking exactly what it says."""

from __future__ import annotations

from collections import Counter

import pytest

from xlplugin.domain.calendar import age_on
from xlplugin.engine.validate import validate
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack
from xlplugin.sample import EXPECTED_BREACHES, sample_dokumen


@pytest.fixture(scope="module")
def doc():
    return sample_dokumen()


@pytest.fixture(scope="module")
def findings(doc):
    return validate(doc)


def _key(f) -> tuple:
    return (f.rule, f.sheet, f.cell, f.level)


def test_sample_is_the_same_on_every_call(doc):
    assert sample_dokumen() == doc


def test_sample_has_the_promised_size(doc):
    rincian = {k.rincian for k in doc.kegiatan}
    assert {k.menu for k in doc.kegiatan} == {"A", "B", "C", "D"}
    assert len(rincian) >= 10
    assert len(doc.sentra) == 2 and all(s.jumlah_unit_usaha >= 5 for s in doc.sentra)
    assert 140 <= len(doc.rab) <= 160
    assert len(doc.peserta) == 120
    assert len(doc.narasumber) == 15
    assert len(doc.pendamping) == 6
    assert any(p.peran == "Koordinator" for p in doc.pendamping)


def test_sample_budget_is_under_the_pagu_in_exact_rupiah(doc):
    total = sum(line.jumlah for line in doc.rab)
    assert all(isinstance(line.jumlah, int) for line in doc.rab)
    assert total < doc.profil.pagu


def test_sample_realisasi_lies_in_semester_one(doc):
    mulai, selesai = load_pack().semester["1"]
    assert doc.realisasi and all(mulai <= r.tanggal <= selesai for r in doc.realisasi)


def test_sample_niks_are_sixteen_digits_and_fake(doc):
    niks = [p.nik for p in doc.peserta] + [n.nik for n in doc.narasumber]
    assert all(len(n) == 16 and n.isdigit() and n.startswith("99") for n in niks)


def test_sample_rows_are_numbered_from_the_layout(doc):
    layout = load_layout()
    for key, records in (
        ("RAB", doc.rab),
        ("Peserta", doc.peserta),
        ("Jadwal", doc.jadwal),
        ("Realisasi", doc.realisasi),
        ("KAK", doc.kegiatan),
    ):
        first = layout.tables[key].first_row
        assert [r.row for r in records] == list(range(first, first + len(records)))


def test_sample_has_one_participant_over_fifty(doc):
    kak = {k.kode_kegiatan: k for k in doc.kegiatan}
    ages = [
        age_on(p.tanggal_lahir, kak[p.kode_kegiatan].tanggal_mulai)
        for p in doc.peserta
        if kak[p.kode_kegiatan].rincian in ("A.1", "A.2", "D.2")
    ]
    assert Counter(a > 50 for a in ages)[True] == 1


def test_engine_finds_every_deliberate_breach(findings):
    found = {_key(f) for f in findings}
    missing = [e for e in EXPECTED_BREACHES if tuple(e) not in found]
    assert not missing


def test_engine_finds_nothing_blocking_beyond_the_deliberate_breaches(findings):
    expected = {tuple(e) for e in EXPECTED_BREACHES}
    extra = [f for f in findings if f.is_blocking and _key(f) not in expected]
    assert not extra, "\n".join(
        f"{f.rule} {f.level} {f.sheet}!{f.cell}: {f.message}" for f in extra
    )


def test_sample_has_no_warning_beyond_the_deliberate_ones(findings):
    expected = {tuple(e) for e in EXPECTED_BREACHES}
    extra = [f for f in findings if _key(f) not in expected]
    assert not extra, "\n".join(
        f"{f.rule} {f.level} {f.sheet}!{f.cell}: {f.message}" for f in extra
    )


def test_sample_breaches_cover_every_severity_and_one_approval():
    levels = {e.level for e in EXPECTED_BREACHES}
    assert {"PELANGGARAN", "PERLU_PERSETUJUAN", "PERINGATAN", "DISETUJUI"} <= levels
