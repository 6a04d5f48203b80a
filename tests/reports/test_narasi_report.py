"""The dinas's Narasi and Dokumentasi sheets carried into the report document: chapters
I, II.a, IV and V in its own words, III.c with its photos, read back with python-docx."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from dinas import TEKS, between, blocks, foto, lengkap, narasi_rows, png
from docx import Document
from factories import clean_dokumen, kegiatan

from xlplugin.domain.records import Narasi
from xlplugin.reports.docx import CATATAN_DINAS, PERMASALAHAN_LAIN, write_report_docx
from xlplugin.reports.docx_narasi import TANPA_FOTO
from xlplugin.reports.docx_util import PLACEHOLDER_PREFIX
from xlplugin.reports.export import export_report
from xlplugin.reports.model import build_report
from xlplugin.reports.narasi import narasi_laporan
from xlplugin.rulepack import load_pack

PACK = load_pack()


def _write(tmp_path, doc, jenis="akhir", base_dir=None):
    report = build_report(doc, jenis, PACK, base_dir=base_dir)
    return report, write_report_docx(report, PACK, tmp_path / f"{jenis}.docx")


def test_each_part_of_the_narrative_is_printed_under_its_own_chapter(tmp_path):
    _, path = _write(tmp_path, lengkap(clean_dokumen()))
    texts = blocks(path)
    assert TEKS["Latar belakang"] in between(texts, "a. Latar Belakang", "b. Tujuan")
    assert TEKS["Tujuan"] in between(texts, "b. Tujuan", "II. ")
    assert TEKS["Perencanaan"] in between(texts, "a. Perencanaan", "b. Penganggaran")
    bab5 = between(texts, "V. ", "LAMPIRAN")
    assert bab5.index("Kesimpulan") < bab5.index(TEKS["Kesimpulan"]) < bab5.index("Saran") \
        < bab5.index(TEKS["Saran"])


def test_the_dasar_pelaksanaan_line_stays_before_the_latar_belakang(tmp_path):
    _, path = _write(tmp_path, lengkap(clean_dokumen()))
    bab = between(blocks(path), "a. Latar Belakang", "b. Tujuan")
    assert bab[1].startswith("Dasar pelaksanaan: ") and bab[2] == TEKS["Latar belakang"]


def test_paragraphs_of_a_part_keep_the_row_order_not_the_list_order():
    doc = clean_dokumen()
    doc.narasi = [Narasi(row=9, bagian="Tujuan", uraian="Kedua."),
                  Narasi(row=7, bagian="tujuan ", uraian="Pertama.")]
    assert narasi_laporan(doc).teks("Tujuan") == ("Pertama.", "Kedua.")


def test_a_required_part_left_empty_keeps_its_field_and_only_that_one(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.narasi = narasi_rows(Saran="")
    _, path = _write(tmp_path, doc)
    fields = [t for t in blocks(path) if t.startswith(PLACEHOLDER_PREFIX)]
    assert fields == [f"{PLACEHOLDER_PREFIX}saran]"]


def test_perencanaan_is_not_required_so_its_absence_leaves_no_field(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.narasi = narasi_rows(Perencanaan="")
    _, path = _write(tmp_path, doc)
    assert not [t for t in blocks(path) if PLACEHOLDER_PREFIX in t]


def test_the_dinas_problem_of_an_activity_joins_that_activitys_table(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.kegiatan[0].realisasi_lokasi = "Kota Lain"  # a finding (MONEV-LOKASI) on K01
    doc.narasi.append(Narasi(row=20, bagian="Permasalahan", kode_kegiatan="K01",
                             uraian="Gedung pelatihan direnovasi.",
                             upaya="Pelatihan dipindah ke balai desa."))
    _, path = _write(tmp_path, doc)
    doc_ = Document(str(path))
    (table,) = [t for t in doc_.tables if any("Gedung pelatihan direnovasi." in c.text
                                                for r in t.rows for c in r.cells)]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert any("Lokasi realisasi" in r[1] for r in rows[1:])  # the finding's line
    assert rows[-1] == [str(len(rows) - 1), "Gedung pelatihan direnovasi.", CATATAN_DINAS,
                        "Pelatihan dipindah ke balai desa."]


def test_a_dinas_problem_of_an_activity_without_findings_gets_its_own_table(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.narasi.append(Narasi(row=20, bagian="Permasalahan", kode_kegiatan="K01",
                             uraian="Peserta sulit hadir saat panen.", upaya="Jadwal digeser."))
    _, path = _write(tmp_path, doc)
    bab4 = between(blocks(path), "IV. ", "V. ")
    assert "K01 Kegiatan A.1" in bab4 and "Peserta sulit hadir saat panen." in bab4
    assert "Pemeriksaan terhadap petunjuk teknis tidak menemukan permasalahan." in bab4


def test_problems_of_no_activity_are_the_permasalahan_lain(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.narasi += [Narasi(row=20, bagian="Permasalahan", uraian="Transfer dana terlambat.",
                          upaya="Koordinasi dengan BPKAD."),
                   Narasi(row=21, bagian="Permasalahan", kode_kegiatan="K99",
                          uraian="Kegiatan batal.")]
    _, path = _write(tmp_path, doc)
    bab4 = between(blocks(path), "IV. ", "V. ")
    lain = bab4[bab4.index(PERMASALAHAN_LAIN):]
    assert "Transfer dana terlambat." in lain and "Koordinasi dengan BPKAD." in lain
    assert "(K99) Kegiatan batal." in lain


def _inline_shapes(path) -> int:
    return len(Document(str(path)).inline_shapes)


def test_a_pasted_photo_is_embedded_with_its_caption_under_it(tmp_path):
    _, path = _write(tmp_path, lengkap(clean_dokumen()))
    assert _inline_shapes(path) == 1
    bab = between(blocks(path), "c. Dokumentasi", "IV. ")
    assert "Gambar 1. Pembukaan pelatihan (K01 Kegiatan A.1, 8 Mei 2023)" in bab


def test_a_photo_file_is_read_relative_to_the_workbooks_folder(tmp_path):
    (tmp_path / "foto").mkdir()
    (tmp_path / "foto" / "K01.png").write_bytes(png(300, 900))
    doc = lengkap(clean_dokumen())
    doc.dokumentasi = [foto(berkas="foto\\K01.png", keterangan="Praktik menenun")]
    report, path = _write(tmp_path, doc, base_dir=tmp_path)
    assert _inline_shapes(path) == 1 and report.draf == ()
    shape = Document(str(path)).inline_shapes[0]
    assert shape.height.cm <= 10.5 + 0.01 and shape.width.cm <= 15.0 + 0.01
    assert abs(shape.height / shape.width - 3) < 0.01  # its aspect kept


def test_a_large_photo_is_shrunk_to_the_page_width():
    from xlplugin.reports.docx_util import new_document, picture
    doc = new_document("x")
    picture(doc, png(6000, 1000), 15.0, 10.5)
    assert abs(doc.inline_shapes[0].width.cm - 15.0) < 0.01


@pytest.mark.parametrize("berkas,content,words", [
    ("foto/K01.png", None, "berkas foto/K01.png tidak ditemukan"),
    ("foto/K01.heic", b"not a picture at all", "berkas foto/K01.heic bukan gambar"),
])
def test_a_photo_that_cannot_be_read_is_a_note_naming_its_place(tmp_path, berkas, content,
                                                                 words):
    if content is not None:
        (tmp_path / "foto").mkdir()
        (tmp_path / berkas).write_bytes(content)
    doc = lengkap(clean_dokumen())
    doc.dokumentasi.append(foto(row=7, berkas=berkas))
    report, path = _write(tmp_path, doc, base_dir=tmp_path)
    (note,) = [f.catatan for f in report.foto if f.catatan]
    assert note.startswith("Dokumentasi ") and "7" in note.split(":")[0] and words in note
    assert note in between(blocks(path), "c. Dokumentasi", "IV. ")
    assert _inline_shapes(path) == 1  # the readable one is still there
    assert any(note in reason for reason in report.draf)


def test_a_period_without_any_activity_carried_out_says_so_without_a_field(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.dokumentasi = []
    k = doc.kegiatan[0]
    k.realisasi_mulai = k.realisasi_selesai = None
    report, path = _write(tmp_path, doc, jenis="semester1")
    bab = between(blocks(path), "c. Dokumentasi", "IV. ")
    assert TANPA_FOTO in bab and not [t for t in bab if PLACEHOLDER_PREFIX in t]
    assert not [r for r in report.draf if r.startswith("Dokumentasi")]


def test_activities_carried_out_without_photos_leave_a_field_and_a_draf_reason(tmp_path):
    doc = lengkap(clean_dokumen())
    doc.dokumentasi = []
    report, path = _write(tmp_path, doc, jenis="semester1")
    bab = between(blocks(path), "c. Dokumentasi", "IV. ")
    assert [t for t in bab if t.startswith(PLACEHOLDER_PREFIX)]
    assert [r for r in report.draf if r.startswith("Dokumentasi: belum ada foto")]


def test_a_semester_report_shows_only_the_photos_of_its_period(tmp_path):
    doc = lengkap(clean_dokumen())
    k2 = kegiatan("A.1", row=7, kode="K02", tanggal_mulai=date(2023, 8, 7),
                  tanggal_selesai=date(2023, 8, 18), realisasi_mulai=date(2023, 8, 7),
                  realisasi_selesai=date(2023, 8, 18))
    doc.kegiatan.append(k2)
    doc.dokumentasi += [foto(row=7, kode="K02", gambar=(png(),), tanggal=date(2023, 8, 7)),
                        replace(foto(row=8, kode="K02", gambar=(png(),)), tanggal=None)]
    counts = {j: len(build_report(doc, j, PACK).foto) for j in ("semester1", "semester2",
                                                                  "akhir")}
    assert counts == {"semester1": 1, "semester2": 2, "akhir": 3}


def test_exporting_a_workbook_file_reads_its_photos_beside_it(tmp_path):
    from xlplugin.sample import sample_dokumen
    from xlplugin.sample.photos import write_photos
    from xlplugin.template.build import build_template

    book = build_template(sample_dokumen(), tmp_path / "buku" / "rab.xlsm")
    photos = write_photos(book.parent)
    files = export_report(book, "akhir", tmp_path / "laporan", pdf=False)
    path = next(f for f in files if f.suffix == ".docx")
    assert _inline_shapes(path) == len(photos) and not [r for r in files.draf if "Foto" in r]


@pytest.mark.parametrize("fullname,folder", [
    ("{tmp}/buku/rab.xlsm", "{tmp}/buku"),
    ("https://contoso.sharepoint.com/sites/dinas/rab.xlsm", None),  # a book kept online
])
def test_a_live_books_folder_is_where_its_photos_are_read(tmp_path, monkeypatch, fullname,
                                                          folder):
    from types import SimpleNamespace

    from xlplugin.reports.export import workbook_folder
    (tmp_path / "buku").mkdir()
    monkeypatch.chdir(tmp_path)
    adapter = SimpleNamespace(book=SimpleNamespace(fullname=fullname.format(tmp=tmp_path)))
    expected = Path(folder.format(tmp=tmp_path)) if folder else Path.cwd()
    assert workbook_folder(adapter) == expected
    assert workbook_folder(tmp_path / "buku" / "rab.xlsm") == tmp_path / "buku"
