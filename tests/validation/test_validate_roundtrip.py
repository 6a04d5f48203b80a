"""A copy written by `xlplugin validate` loses nothing of the template: VBA project,
ribbon part and its root relationship, validations, conditional formats, defined
names, protection; and a macro-free .xlsx saved from the template validates too."""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from xlplugin.adapters.file import FileAdapter
from xlplugin.cli.main import main
from xlplugin.validation import validate_workbook

KEPT = ("cols", "mergeCells", "dataValidations", "conditionalFormatting", "sheetProtection",
        "extLst", "tableParts", "sheetViews", "pageSetup")


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _kept_elements(xml: bytes) -> list[bytes]:
    root = etree.fromstring(xml)
    return [etree.tostring(el) for el in root if etree.QName(el).localname in KEPT]


def test_copy_keeps_vba_ribbon_and_every_sheet_feature(book, tmp_path):
    out = tmp_path / f"hasil{book.suffix}"
    main(["validate", str(book), "-o", str(out)])
    before, after = _parts(book), _parts(out)
    for name in before:
        if name.startswith("xl/worksheets/sheet") and name in after:
            assert _kept_elements(after[name]) == _kept_elements(before[name]), name
    for name in ("xl/workbook.xml", "_rels/.rels", "xl/vbaProject.bin",
                 "customUI/customUI14.xml"):
        assert after[name] == before[name], name
    assert b"customUI/customUI14.xml" in after["_rels/.rels"]
    assert b"macroEnabled" in after["[Content_Types].xml"]


def test_plain_xlsx_saved_from_template_validates_like_the_xlsm(book, tmp_path, capsys):
    import openpyxl

    plain = tmp_path / "tanpa_makro.xlsx"
    wb = openpyxl.load_workbook(book)  # no keep_vba: the macros are stripped
    wb.save(plain)
    assert "xl/vbaProject.bin" not in _parts(plain)
    with FileAdapter(book) as a, FileAdapter(plain) as b:
        assert validate_workbook(b) == validate_workbook(a)
    out = tmp_path / "tanpa_makro.diperiksa.xlsx"
    assert main(["validate", str(plain), "-o", str(out)]) == 1
    assert re.search(rb"<sheetData>.*Buka", _parts(out)[_temuan_part(out)], re.DOTALL)


def _temuan_part(path) -> str:
    with FileAdapter(path) as a:
        return a.package.sheets["Temuan"]
