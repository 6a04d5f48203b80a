"""The report document and the annex workbook, read back with independent readers."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from docx import Document
from factories import clean_dokumen
from openpyxl import Workbook, load_workbook

from xlplugin.domain.laporan import expected_outline
from xlplugin.engine.checks.laporan import check_laporan
from xlplugin.layout import load_layout
from xlplugin.reports.docx import outline_of_docx, write_report_docx
from xlplugin.reports.export import export_report
from xlplugin.reports.kak import export_kak
from xlplugin.reports.model import build_report
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.lampiran import build_lampiran_sheet

PACK = load_pack()
LAYOUT = load_layout()


def docx_text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_written_report_passes_laporan_format_and_tujuan(tmp_path):
    for jenis in ("semester1", "semester2", "akhir"):
        report = build_report(clean_dokumen(), jenis, PACK)
        path = write_report_docx(report, PACK, tmp_path / f"{jenis}.docx")
        outline = outline_of_docx(path, jenis)
        assert outline == expected_outline(PACK, jenis, report.profil)
        assert check_laporan(outline, PACK) == []


def test_outline_reader_would_catch_a_missing_chapter(tmp_path):
    report = build_report(clean_dokumen(), "semester1", PACK)
    path = write_report_docx(report, PACK, tmp_path / "r.docx")
    doc = Document(str(path))
    for p in doc.paragraphs:
        if p.text.startswith("IV. "):
            p.text = "IV. CATATAN"
    doc.save(str(tmp_path / "broken.docx"))
    found = check_laporan(outline_of_docx(tmp_path / "broken.docx", "semester1"), PACK)
    assert [f.rule for f in found] and {f.rule for f in found} == {"LAPORAN-FORMAT"}


@pytest.mark.parametrize("jenis,field,rule", [
    ("semester1", "tanggal_laporan_semester1", "DL-SEMESTER"),
    ("akhir", "tanggal_laporan_akhir", "DL-AKHIR"),
])
def test_late_report_is_still_made_and_its_cover_states_the_breach(tmp_path, jenis, field, rule):
    doc = clean_dokumen()
    setattr(doc.profil, field, date(2024, 3, 1))
    files = export_report(doc, jenis, tmp_path, pdf=False)
    laporan = next(f for f in files if f.suffix == ".docx")
    cover = docx_text(laporan).split("Kepada Yth.")[0]
    assert "LAPORAN TERLAMBAT" in cover and rule in cover and "1 Maret 2024" in cover


def test_report_on_time_has_no_breach_on_its_cover(tmp_path):
    files = export_report(clean_dokumen(), "semester1", tmp_path, pdf=False)
    assert "TERLAMBAT" not in docx_text(next(f for f in files if f.suffix == ".docx"))


def test_permasalahan_lists_open_findings_monitoring_first():
    doc = clean_dokumen()
    doc.kegiatan[0].realisasi_lokasi = "Kota Lain"  # MONEV-LOKASI
    doc.profil.tanggal_laporan_semester1 = date(2023, 8, 1)  # DL-SEMESTER
    report = build_report(doc, "semester1", PACK)
    rules = [m.rule for m in report.permasalahan]
    assert rules[0] == "MONEV-LOKASI" and "DL-SEMESTER" in rules
    assert report.permasalahan[0].pemantauan


def test_exporting_twice_gives_identical_files(tmp_path):
    first = {f.name: f.read_bytes() for f in export_report(clean_dokumen(), "akhir", tmp_path,
                                                           pdf=False)}
    second = {f.name: f.read_bytes() for f in export_report(clean_dokumen(), "akhir", tmp_path,
                                                            pdf=False)}
    assert first == second and len(first) == 2
    assert not [p for p in tmp_path.iterdir() if "cadangan" in p.name]


def test_an_edited_earlier_export_is_kept_as_backup(tmp_path):
    files = export_report(clean_dokumen(), "akhir", tmp_path, pdf=False)
    docx = next(f for f in files if f.suffix == ".docx")
    docx.write_bytes(docx.read_bytes() + b"edited")
    export_report(clean_dokumen(), "akhir", tmp_path, pdf=False)
    backups = [p for p in tmp_path.iterdir() if "cadangan" in p.name]
    assert len(backups) == 1 and backups[0].read_bytes().endswith(b"edited")


INJECTED = ["=HYPERLINK(\"http://x\",\"klik\")", "+6281234", "-2+3", "@SUM(A1)"]


def test_values_starting_with_formula_characters_are_written_as_text(tmp_path):
    doc = clean_dokumen()
    doc.kegiatan[0].nama_kegiatan = INJECTED[0]
    for p, text in zip(doc.peserta, INJECTED):
        p.nama = text
    doc.narasumber[0].instansi = INJECTED[3]
    files = export_report(doc, "semester1", tmp_path, pdf=False)
    xlsx = next(f for f in files if f.suffix == ".xlsx")
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    wb = load_workbook(xlsx)
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert set(INJECTED) <= texts
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in INJECTED]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    kak = export_kak(doc, tmp_path / "kak")
    assert INJECTED[0] in docx_text(kak[0]) or INJECTED[0].upper() in docx_text(kak[0])


def test_kak_has_juknis_texts_and_activity_rows(tmp_path):
    doc = clean_dokumen()
    (path,) = export_kak(doc, tmp_path)
    text = docx_text(path)
    info = PACK.rincian["A.1"].info
    assert info["tujuan"] in text and info["penyelenggara"] in text
    assert "8 Mei 2023 s.d. 19 Mei 2023" in "\n".join(
        c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "Terbilang: Lima puluh satu juta tujuh ratus lima puluh ribu rupiah." in text
    assert doc.peserta[0].nik not in text


def test_template_lampiran_sheet_is_a_printable_annex():
    wb = Workbook()
    profil = LAYOUT.profil
    for key in ("Lampiran1", "Lampiran2", "Lampiran3", "Lampiran4", "Lampiran5"):
        ws = wb.create_sheet(LAYOUT.outputs[key].sheet)
        build_lampiran_sheet(ws, key, LAYOUT, PACK)
        ps = ws.page_setup
        assert (int(ps.paperSize), ps.orientation) == (9, "landscape")  # 9 = A4
        assert (ps.fitToWidth, ps.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and "&P" in ws.oddFooter.right.text
        formulas = [c.value for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=")]
        for field in ("kab_kota", "kepala_dinas", "nip_kepala_dinas"):
            ref = f"${profil.value_column}${profil.field(field).row}"
            assert any(ref in f for f in formulas), field
