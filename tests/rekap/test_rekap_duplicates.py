"""Cross-file duplicates: one NIK in one rincian in two kab/kota; one narasumber in two places."""

from __future__ import annotations

from datetime import date

from factories import clean_dokumen, nik
from rekap_helpers import table

from xlplugin.domain.privacy import mask_nik
from xlplugin.rekap.duplicates import Source, duplicate_narasumber, duplicate_peserta
from xlplugin.rekap.workbook import SHEET_DUPLIKAT


def _source(label: str, kab: str, **narasumber_over):
    doc = clean_dokumen()
    for field, value in narasumber_over.items():
        setattr(doc.narasumber[0], field, value)
    return Source(label, kab, doc)


def test_same_nik_same_rincian_in_two_kab_kota_is_a_duplicate():
    found = duplicate_peserta([_source("a.xlsm", "Kab A"), _source("b.xlsm", "Kab B")])
    assert len(found) == 25  # clean_dokumen's 25 participants, all in both files
    first = found[0]
    assert first.rincian == "A.1" and len(first.tempat) == 2
    assert first.kunci == mask_nik(nik(6)) and nik(6) not in first.keterangan


def test_same_nik_in_the_same_kab_kota_or_another_rincian_is_not():
    other = _source("b.xlsm", "Kab B")
    other.doc.kegiatan[0].rincian = "A.2"
    assert duplicate_peserta([_source("a.xlsm", "Kab A"), _source("a2.xlsm", "Kab A")]) == []
    assert duplicate_peserta([_source("a.xlsm", "Kab A"), other]) == []


def test_narasumber_on_overlapping_dates_in_two_places_is_a_duplicate():
    a = _source("a.xlsm", "Kab A")
    b = _source("b.xlsm", "Kab B", tanggal_mulai=date(2023, 5, 18),
                tanggal_selesai=date(2023, 5, 25))
    (dup,) = duplicate_narasumber([a, b])
    assert dup.jenis == "narasumber"
    assert "18-05-2023 s.d. 19-05-2023" in dup.keterangan
    assert dup.kunci == mask_nik(a.doc.narasumber[0].nik)


def test_narasumber_on_separate_dates_is_not():
    b = _source("b.xlsm", "Kab B", tanggal_mulai=date(2023, 6, 1),
                tanggal_selesai=date(2023, 6, 5))
    assert duplicate_narasumber([_source("a.xlsm", "Kab A"), b]) == []


def test_the_corpus_duplicates_are_in_the_rekap_sheet(corpus, rekap_xlsx):
    _, manifest = corpus
    rows = table(rekap_xlsx, SHEET_DUPLIKAT)
    found = {(r["Jenis"].lower(), tuple(p.split(": ")[0] for p in r["Tempat (berkas: sheet baris)"]
                                        .split("; "))) for r in rows}
    expected = {(d["jenis"], tuple(d["berkas"])) for d in manifest["duplikat"]}
    assert expected and found == expected
    for r in rows:
        assert "*" in r["NIK / Nama"]  # never a full NIK in a shared workbook
