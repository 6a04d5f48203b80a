"""Approvals and statements (RULES.md): a letter resolves PERLU_PERSETUJUAN only with its
date and a reason that names the limit; a statement resolves PERLU_PENJELASAN.

The KAK has one approval slot per activity (nomor, tanggal, alasan); the rules here are
those of JPL-A1 and PESERTA-JUMLAH on one A.1 training (issue 16 points 3 and 4).
"""

from datetime import date

import pytest
from factories import clean_dokumen
from rulecheck import fired

from xlplugin.engine.validate import names_limit

LETTER = ("B/77/IKMA/2023", date(2023, 4, 3))


def a1(jpl: int = 90, target: int = 18, alasan: str | None = None, letter=LETTER):
    """The clean A.1 training with `jpl` JPL and `target` participants, and a letter."""
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    k.jpl, k.target_peserta = jpl, target
    k.nomor_persetujuan, k.tanggal_persetujuan = letter
    k.alasan_persetujuan = alasan
    return doc


def levels(doc, rule):
    return [f.level for f in fired(doc, rule)]


def test_letter_without_reason_leaves_the_finding_open_and_says_why():
    for alasan in (None, "   "):
        [f] = fired(a1(alasan=alasan), "JPL-A1")
        assert f.level == "PERLU_PERSETUJUAN" and f.is_blocking
        assert "B/77/IKMA/2023" in f.message and "tanpa alasan" in f.message


def test_letter_with_a_reason_naming_the_limit_approves_it():
    [f] = fired(a1(alasan="Tambahan 5 JPL praktik pemasaran digital"), "JPL-A1")
    assert f.level == "DISETUJUI" and not f.is_blocking
    assert "surat B/77/IKMA/2023 tanggal 03-04-2023" in f.message


def test_letter_with_a_reason_naming_the_rule_id_approves_it():
    assert levels(a1(alasan="Persetujuan atas JPL-A1: materi tambahan"), "JPL-A1") == [
        "DISETUJUI"]


def test_one_letter_approves_only_the_limits_its_reason_names():
    """Issue 16 point 3: a letter for 90 JPL no longer approves 18 participants too."""
    doc = a1(alasan="JPL 90 karena materi pengemasan ditambahkan")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]
    [f] = fired(doc, "PESERTA-JUMLAH")
    assert f.level == "PERLU_PERSETUJUAN" and f.is_blocking
    assert "tidak menyebut batasan ini" in f.message and "'peserta'" in f.message


def test_one_letter_may_approve_several_limits_when_each_is_named():
    doc = a1(alasan="JPL 90 dan jumlah peserta 18 orang karena sentra kecil")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]
    assert levels(doc, "PESERTA-JUMLAH") == ["DISETUJUI"]


def test_letter_without_date_approves_nothing():
    [f] = fired(a1(alasan="Tambahan JPL", letter=("B/77/IKMA/2023", None)), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "[" not in f.message


@pytest.mark.parametrize("reason, named", [
    ("tambahan 12 jpl praktik", True),
    ("JPL.", True),
    ("JPL-A2 disetujui", False),  # another rule's ID is not this limit
    ("JPLX", False),
    ("jangka waktu", False),
])
def test_names_limit_reads_whole_words_in_any_case(reason, named):
    assert names_limit(reason, "JPL-A1", ("JPL", "jam pelajaran")) is named


def test_statement_still_resolves_a_minimum():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    k.rincian, k.menu, k.varian, k.target_peserta = "B.4", "B", "-", 12
    doc.peserta = doc.peserta[:12]
    assert levels(doc, "PESERTA-MIN") == ["PERLU_PENJELASAN"] * 2
    k.nomor_pernyataan = "500/45/Disperindag/2023"
    assert levels(doc, "PESERTA-MIN") == ["DIJELASKAN"] * 2
