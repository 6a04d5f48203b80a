"""Chapter IV in plain Indonesian per activity: what is wrong, which clause, the upaya;
rule IDs and workbook places only in the reference table; no personal data."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from dinas import blocks as docx_blocks

from xlplugin.reports.docx import RUJUKAN, write_report_docx
from xlplugin.reports.model import build_report
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen

PACK = load_pack()
CELL = re.compile(r"\b(?:RAB|KAK|Peserta|Narasumber|Pendamping|Jadwal|Profil)\s+[A-Z]{1,3}\d+\b")


@pytest.fixture(scope="module")
def akhir(tmp_path_factory):
    doc = sample_dokumen()
    report = build_report(doc, "akhir", PACK)
    path = write_report_docx(report, PACK, tmp_path_factory.mktemp("bab4") / "akhir.docx")
    blocks = docx_blocks(path)
    start = blocks.index(next(b for b in blocks if b.startswith("IV. ")))
    end = blocks.index(next(b for b in blocks if b.startswith("V. ")))
    return SimpleNamespace(doc=doc, report=report, body=blocks[start:end],
                           rujukan=blocks[blocks.index(RUJUKAN):])


def test_chapter_iv_names_no_rule_id_no_cell_and_no_person(akhir):
    doc, text = akhir.doc, "\n".join(akhir.body)
    assert [r for r in PACK.rules if re.search(rf"\b{re.escape(r)}\b", text)] == []
    assert CELL.findall(text) == []
    people = [p.nama for p in doc.peserta + doc.narasumber + doc.pendamping
              if isinstance(p.nama, str)]
    assert [n for n in people if n in text] == []
    assert not re.search(r"berusia \d+ tahun", text)


def test_chapter_iv_has_one_table_per_activity_with_clause_and_upaya(akhir):
    report, body = akhir.report, akhir.body
    assert body.count("Upaya Penyelesaian") == len(report.masalah_kegiatan) > 3
    k01 = next(m for m in report.masalah_kegiatan if m.kode == "K01")
    usia = next(b for b in k01.butir if b.rule == "PESERTA-USIA")
    assert usia.permasalahan.startswith("Pelanggaran: belum sesuai ketentuan")
    assert usia.permasalahan.endswith("pada 1 peserta.")
    assert usia.ketentuan == PACK.rules["PESERTA-USIA"].clause
    assert usia.permasalahan in body and usia.upaya in body
    assert f"{k01.kode} {k01.nama}" in body


def test_an_approved_limit_says_so_with_its_letter_as_the_upaya(akhir):
    approved = [b for m in akhir.report.masalah_kegiatan for b in m.butir if b.tingkat == "DISETUJUI"]
    assert approved and all(b.upaya.startswith("Telah disetujui Kementerian Perindustrian (")
                            for b in approved)


def test_the_reference_table_after_the_signature_lists_rule_ids_and_cells(akhir):
    text = "\n".join(akhir.rujukan)
    for m in akhir.report.masalah_kegiatan:
        for b in m.butir:
            assert b.rule in text and all(t in text for t in b.tempat)
    assert CELL.search(text)
