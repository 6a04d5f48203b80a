"""The smaller things a reviewer sends back: language tag, the chart page, the final
report's Lampiran 1 columns, the signature date while Profil has none."""

from __future__ import annotations

import zipfile

from docx import Document
from factories import clean_dokumen
from openpyxl import load_workbook

from xlplugin.domain.records import Realisasi
from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.reports.export import export_report
from xlplugin.reports.lampiran import lampiran_tables
from xlplugin.reports.model import build_report
from xlplugin.reports.periode import periode
from xlplugin.reports.xlsx import CHART_SHEET
from xlplugin.rulepack import load_pack

PACK = load_pack()


def _export(tmp_path, doc, jenis):
    files = export_report(doc, jenis, tmp_path, pdf=False)
    return (next(f for f in files if f.suffix == ".xlsx"),
            next(f for f in files if f.suffix == ".docx"))


def test_the_report_document_is_tagged_indonesian(tmp_path):
    _, docx = _export(tmp_path, clean_dokumen(), "semester1")
    with zipfile.ZipFile(docx) as z:
        styles, settings = z.read("word/styles.xml"), z.read("word/settings.xml")
    assert b'<w:lang w:val="id-ID"' in styles and b'w:themeFontLang w:val="id-ID"' in settings
    assert b'w:val="en-US"' not in styles + settings
    assert Document(str(docx)).core_properties.language == "id-ID"


def test_the_chart_page_names_the_report_once_and_ends_with_jumlah(tmp_path):
    xlsx, _ = _export(tmp_path, clean_dokumen(), "semester1")
    ws = load_workbook(xlsx)[CHART_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert sum("LAPORAN SEMESTER I" in t for t in texts) == 1
    (jumlah,) = [row for row in ws.iter_rows(values_only=True) if row[1] == "JUMLAH"]
    report = build_report(clean_dokumen(), "semester1", PACK)
    assert jumlah[2:4] == (sum(k.anggaran for k in report.keuangan),
                           sum(k.realisasi for k in report.keuangan))


def test_the_final_reports_lampiran1_shows_semester_ii_and_the_year_not_one_column_twice():
    doc = clean_dokumen()
    doc.realisasi.append(Realisasi(row=7, tanggal=doc.realisasi[0].tanggal.replace(month=8),
                                   kode_baris="R002", kode_kegiatan="K01", uraian="Konsumsi",
                                   jumlah=5_000_000, nomor_bukti="BKU-02"))
    table = lampiran_tables(doc, periode("akhir", PACK), compute_totals(doc, PACK), PACK)[0]
    assert table.headers[7:9] == ["Realisasi Semester II (Rp)", "Realisasi s.d. Akhir Tahun (Rp)"]
    (k01,) = [r for r in table.rows if r.level == "kegiatan"]
    assert k01.cells[7:9] == (5_000_000, 23_000_000)


def test_an_empty_report_date_says_what_to_fill_where(tmp_path):
    doc = clean_dokumen()
    doc.profil.tanggal_laporan_semester2 = None
    xlsx, docx = _export(tmp_path, doc, "semester2")
    wanted = "[isi Tanggal Laporan Semester II pada sheet Profil]"
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert f"{doc.profil.kab_kota}, {wanted}" in paragraphs
    ws = load_workbook(xlsx)[load_layout().outputs["Lampiran1"].sheet]
    assert any(c.value == f"{doc.profil.kab_kota}, {wanted}" for row in ws.iter_rows()
               for c in row)
    assert not [t for t in paragraphs if "...................." in t and "Semester" in t]
