"""`xlplugin surat`: the Rencana Kegiatan and Perubahan letters to the Direktur Jenderal
IKMA, with their deadlines (DL-RENCANA 31 March, DL-PERUBAHAN 30 June)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from xlplugin.cli.main import main
from xlplugin.engine.totals import compute_totals
from xlplugin.reports.surat import export_surat
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_surat_rencana_names_the_dirjen_every_activity_and_the_total(tmp_path):
    doc = sample_dokumen()
    surat = export_surat(doc, "rencana", tmp_path, pdf=False)
    (docx,) = surat.files
    text = _text(docx)
    assert "Penyampaian Rencana Kegiatan DAK Nonfisik" in text
    assert "Direktur Jenderal Industri Kecil, Menengah, dan Aneka" in text
    assert all(k.kode_kegiatan in text for k in doc.kegiatan)
    total = sum(j.rab for j in compute_totals(doc, load_pack()).menu.values())
    assert f"Rp {total:,}".replace(",", ".") in text
    assert "27 Januari 2023" in text and not surat.terlambat


def test_surat_dated_one_day_after_31_march_is_late_and_31_march_is_not(tmp_path):
    doc = sample_dokumen()
    doc.profil.tanggal_rencana = date(2023, 3, 31)
    assert not export_surat(doc, "rencana", tmp_path / "a", pdf=False).terlambat
    doc.profil.tanggal_rencana = date(2023, 4, 1)
    late = export_surat(doc, "rencana", tmp_path / "b", pdf=False)
    assert late.terlambat
    assert late.catatan.startswith("PELANGGARAN DL-RENCANA: tanggal surat 1 April 2023 "
                                   "melewati batas 31 Maret 2023")


def test_surat_perubahan_without_a_date_says_what_to_fill(tmp_path):
    doc = sample_dokumen()
    doc.profil.tanggal_perubahan = None
    surat = export_surat(doc, "perubahan", tmp_path, pdf=False)
    assert surat.tanggal is None and "30 Juni 2023" in surat.catatan
    assert "belum diisi" in surat.catatan
    text = _text(surat.files[0])
    assert "Penyampaian Perubahan Rencana Kegiatan" in text
    assert "[isi Tanggal penyampaian perubahan rencana pada sheet Profil]" in text


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    from xlplugin.template.build import build_template

    return build_template(sample_dokumen(), tmp_path_factory.mktemp("surat") / "sampel.xlsm")


def test_cli_writes_the_letter_beside_the_workbook_and_says_the_deadline(workbook, capsys):
    code = main(["surat", "--jenis", "rencana", "--tanpa-pdf", str(workbook)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Ditulis: {workbook.parent / 'Surat'}" in out
    assert "dalam batas waktu 31 Maret 2023 (Lampiran III.A)" in out


def test_cli_refuses_an_unknown_kind_in_argparse(workbook, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["surat", "--jenis", "triwulan", str(workbook)])
    assert exit_.value.code == 2
