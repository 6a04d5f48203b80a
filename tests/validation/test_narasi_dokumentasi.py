"""Issue 15: the report's narrative (sheet Narasi) and photos (sheet Dokumentasi) are
typed in the workbook and read back into `Dokumen.narasi` / `Dokumen.dokumentasi`;
pictures pasted onto a Dokumentasi row become that record's `gambar`."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from validation_workbooks import openpyxl_workbook

from xlplugin.adapters.file import load_dokumen
from xlplugin.domain.records import Dokumen, Dokumentasi, Narasi
from xlplugin.io.errors import CATATAN
from xlplugin.layout import load_layout
from xlplugin.ooxml.limits import UnsafeXmlError
from xlplugin.sample import sample_dokumen
from xlplugin.sample.photos import banner_png

LAYOUT = load_layout()
DOK = LAYOUT.tables["Dokumentasi"]
RED, BLUE = banner_png((200, 0, 0), 8, 6), banner_png((0, 0, 200), 8, 6)

openpyxl_image = pytest.importorskip("openpyxl.drawing.image")
pytest.importorskip("PIL", reason="openpyxl inserts pictures through Pillow")


def foreign_book(path: Path, pictures: list, drop: tuple[str, ...] = ()) -> Path:
    """A workbook laid out by openpyxl (not our builder) with two Dokumentasi rows and
    `pictures` (png bytes, anchor) on its Dokumentasi sheet."""
    first = DOK.first_row
    doc = Dokumen(profil=sample_dokumen().profil, dokumentasi=[
        Dokumentasi(row=first, kode_kegiatan="K01", keterangan="Pembukaan pelatihan",
                    tanggal=date(2023, 2, 6)),
        Dokumentasi(row=first + 1, kode_kegiatan="K02", keterangan="Praktik pewarnaan"),
    ])
    openpyxl_workbook(doc, path)
    wb = openpyxl.load_workbook(path)
    for data, anchor in pictures:
        image = openpyxl_image.Image(io.BytesIO(data))
        image.anchor = anchor
        wb[DOK.sheet].add_image(image)
    for sheet in drop:
        wb.remove(wb[sheet])
    wb.save(path)
    return path


def colours(images: tuple[bytes, ...]) -> list[tuple]:
    """The top-left pixel of each image (openpyxl re-encodes what it is given)."""
    from PIL import Image

    return [Image.open(io.BytesIO(data)).convert("RGB").getpixel((0, 0)) for data in images]


def two_cell(row: int, col: int = 1):
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    return TwoCellAnchor(_from=AnchorMarker(col=col, row=row - 1),
                         to=AnchorMarker(col=col + 2, row=row + 1))


def absolute_at_row(row: int):
    """An absolute anchor a few points below the top of `row` (default 15 pt rows)."""
    from openpyxl.drawing.spreadsheet_drawing import AbsoluteAnchor
    from openpyxl.drawing.xdr import XDRPoint2D, XDRPositiveSize2D

    y = int(((row - 1) * 15 + 3) * 12700)
    return AbsoluteAnchor(pos=XDRPoint2D(x=0, y=y), ext=XDRPositiveSize2D(cx=95250, cy=95250))


# ---------------------------------------------------------------- the template
@pytest.fixture(scope="module")
def template(tmp_path_factory) -> openpyxl.Workbook:
    from xlplugin.template.build import build_template

    path = build_template(out=tmp_path_factory.mktemp("tpl") / "template.xlsm")
    return openpyxl.load_workbook(path)


def test_template_places_narasi_and_dokumentasi_after_the_input_sheets(template):
    names = template.sheetnames
    assert names.index("Realisasi") < names.index("Narasi") < names.index("Dokumentasi") \
        < names.index("Rekap")


@pytest.mark.parametrize("key", ["Narasi", "Dokumentasi"])
def test_template_sheet_has_its_table_lists_and_column_help(template, key):
    table = LAYOUT.tables[key]
    ws = template[table.sheet]
    assert table.name in ws.tables
    assert [ws.cell(table.header_row, c.index).value for c in table.columns] == table.headers
    for col in table.columns:
        assert ws.cell(table.header_row, col.index).comment is not None, col.key
    lists = {c.letter for c in table.columns if c.type == "enum"}
    validated = {str(dv.sqref).split(":")[0].rstrip("0123456789")
                 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists <= validated


def test_narasi_sheet_offers_the_report_parts_and_wraps_long_paragraphs(template):
    table = LAYOUT.tables["Narasi"]
    assert LAYOUT.lists["bagian_narasi"] == ["Latar belakang", "Tujuan", "Perencanaan",
                                             "Permasalahan", "Kesimpulan", "Saran"]
    ws = template[table.sheet]
    uraian = ws.column_dimensions[table.column("uraian").letter]
    assert uraian.width >= 60 and uraian.alignment.wrap_text
    assert ws.row_dimensions[table.first_row].height >= 45  # room for a few lines
    assert (ws.row_dimensions[1].height or 15) < 45  # the title block keeps its own
    assert "Latar belakang, Tujuan, Kesimpulan dan Saran wajib" in table.instructions


def test_dokumentasi_sheet_is_protected_but_lets_the_dinas_paste_pictures(template):
    """Worksheet.Protect(DrawingObjects:=True) protects shapes, pictures included
    (https://learn.microsoft.com/office/vba/api/excel.worksheet.protect); the sheet's
    protection must leave them editable (sheetProtection objects="0"), or the pictures
    the reader looks for could never be pasted on a protected Dokumentasi sheet."""
    ws = template[load_layout().tables["Dokumentasi"].sheet]
    assert ws.protection.sheet and not ws.protection.objects


def test_blank_template_reads_no_narasi_and_no_dokumentasi(tmp_path):
    from xlplugin.template.build import build_template

    doc, problems = load_dokumen(build_template(out=tmp_path / "kosong.xlsm"))
    assert doc.narasi == [] and doc.dokumentasi == []
    assert [p for p in problems if p.sheet in ("Narasi", "Dokumentasi")] == []


# ---------------------------------------------------------------- reading back
def test_sample_workbook_reads_back_the_sample_narasi_and_dokumentasi(sample_book):
    doc, problems = load_dokumen(sample_book)
    sample = sample_dokumen()
    assert problems == []
    assert doc.narasi == sample.narasi and doc.dokumentasi == sample.dokumentasi
    assert {n.bagian for n in doc.narasi} == set(LAYOUT.lists["bagian_narasi"])
    assert all(isinstance(n, Narasi) for n in doc.narasi)
    assert doc.dokumentasi[0].berkas_foto == "foto/K01-pembukaan.png"


def test_workbook_of_the_previous_layout_reads_empty_narasi_and_dokumentasi(tmp_path):
    path = foreign_book(tmp_path / "lama.xlsx", [], drop=("Narasi", "Dokumentasi"))
    doc, problems = load_dokumen(path)
    assert doc.narasi == [] and doc.dokumentasi == []
    assert problems == []


# ---------------------------------------------------------------- pasted pictures
def test_pictures_pasted_on_a_row_become_that_records_gambar(tmp_path):
    first = DOK.first_row
    path = foreign_book(tmp_path / "foto.xlsx", [
        (RED, f"B{first + 1}"),  # one-cell anchor, as openpyxl writes a plain anchor
        (BLUE, two_cell(first + 1)),
        (BLUE, absolute_at_row(first)),
    ])
    doc, problems = load_dokumen(path)
    assert problems == []
    by_row = {d.row: d for d in doc.dokumentasi}
    assert colours(by_row[first].gambar) == [(0, 0, 200)]
    assert sorted(colours(by_row[first + 1].gambar)) == [(0, 0, 200), (200, 0, 0)]


def test_picture_pasted_into_our_template_beside_its_header_notes_is_read(tmp_path):
    """The template's sheet already relates to a VML drawing (the header notes); the
    picture's own drawing part is found beside it."""
    from xlplugin.template.build import build_template

    row = DOK.first_row
    doc = Dokumen(profil=sample_dokumen().profil, dokumentasi=[
        Dokumentasi(row=row, kode_kegiatan="K01", keterangan="Pembukaan pelatihan")])
    path = build_template(doc, tmp_path / "templat.xlsm")
    wb = openpyxl.load_workbook(path, keep_vba=True)
    image = openpyxl_image.Image(io.BytesIO(RED))
    image.anchor = f"B{row}"
    wb[DOK.sheet].add_image(image)
    wb.save(path)
    read, _problems = load_dokumen(path)
    assert colours(read.dokumentasi[0].gambar) == [(200, 0, 0)]


def test_picture_on_a_row_without_a_record_is_a_read_problem_naming_sheet_and_cell(tmp_path):
    empty = DOK.first_row + 5
    path = foreign_book(tmp_path / "lepas.xlsx", [(RED, f"B{empty}")])
    doc, problems = load_dokumen(path)
    assert all(d.gambar == () for d in doc.dokumentasi)
    (problem,) = problems
    assert (problem.level, problem.sheet, problem.cell) == (CATATAN, "Dokumentasi", f"B{empty}")
    assert f"sel B{empty} sheet 'Dokumentasi'" in problem.message
    assert "tidak masuk laporan" in problem.message


def test_picture_in_the_title_block_is_decoration_not_a_problem(tmp_path):
    path = foreign_book(tmp_path / "logo.xlsx", [(RED, "F1")])
    _doc, problems = load_dokumen(path)
    assert problems == []


def test_drawing_part_with_a_dtd_is_refused(tmp_path):
    path = foreign_book(tmp_path / "xxe.xlsx", [(RED, f"B{DOK.first_row}")])
    evil = tmp_path / "xxe2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(evil, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/drawings/drawing") and info.filename.endswith(".xml"):
                data = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + data
            dst.writestr(info, data)
    with pytest.raises(UnsafeXmlError):
        load_dokumen(evil)
