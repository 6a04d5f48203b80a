"""`read_version`: properties first, then the config sheet, then a 0.1.0 build's
Keywords, then the sheets themselves; and readers pick each version's own layout."""

from __future__ import annotations

import openpyxl
import pytest
from version_books import strip, with_custom_values

from xlplugin.adapters.file import load_dokumen
from xlplugin.io import version as v
from xlplugin.io.version import read_version
from xlplugin.layout import load_layout
from xlplugin.layout.history import current
from xlplugin.ooxml.package import Package
from xlplugin.rulepack import load_pack

TEMPLATE, LAYOUT = current()
TAHUN = load_pack().tahun


def _said(version) -> tuple:
    return version.template, version.layout, version.tahun, version.source


def test_the_built_template_is_read_from_its_properties(current_book):
    assert _said(read_version(current_book)) == (TEMPLATE, LAYOUT, TAHUN, v.FROM_PROPERTIES)


def test_properties_stripped_the_config_sheet_answers(current_book, tmp_path):
    book = strip(current_book, tmp_path / "b.xlsm", rows=False)
    assert _said(read_version(book)) == (TEMPLATE, LAYOUT, TAHUN, v.FROM_CONFIG)


def test_config_sheet_of_a_writer_that_omits_cell_references_still_answers(current_book,
                                                                             tmp_path):
    """ECMA-376 lets a writer leave out `r` on rows and cells (position = previous + 1)."""
    import re

    from version_books import rewrite

    book = strip(current_book, tmp_path / "b.xlsm", rows=False)
    from xlplugin.ooxml.package import open_package

    pkg = open_package(book)
    config = pkg.sheets["xlwings.conf"]
    pkg.close()
    bare = rewrite(book, tmp_path / "bare.xlsm", lambda name, data: re.sub(
        rb'(<(?:row|c)\b[^>]*?) r="[A-Z]*[0-9]+"', rb"\1", data) if name == config else data)
    assert _said(read_version(bare)) == (TEMPLATE, LAYOUT, TAHUN, v.FROM_CONFIG)


def test_a_0_1_0_workbook_is_known_by_the_keywords_its_build_wrote(old_book):
    assert _said(read_version(old_book)) == ("0.1.0", "2023.1", TAHUN, v.FROM_CORE)


def test_a_0_1_0_workbook_with_nothing_left_is_known_by_its_sheets(old_book, tmp_path):
    bare = strip(old_book, tmp_path / "polos.xlsm", keywords=True)
    assert _said(read_version(bare)) == ("0.1.0", "2023.1", None, v.FROM_SHAPE)


def test_a_current_workbook_with_nothing_left_is_known_by_its_sheets(current_book, tmp_path):
    bare = strip(current_book, tmp_path / "polos.xlsm", keywords=True)
    assert _said(read_version(bare)) == (TEMPLATE, LAYOUT, None, v.FROM_SHAPE)


def test_another_workbook_has_no_version(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Anggaran"
    wb.create_sheet("Catatan")
    wb.save(tmp_path / "lain.xlsx")
    assert _said(read_version(tmp_path / "lain.xlsx")) == (None, None, None, v.UNKNOWN)


def test_with_properties_only_small_parts_are_read(current_book, monkeypatch):
    read = []
    original = Package.read
    monkeypatch.setattr(Package, "read", lambda self, name: read.append(name)
                        or original(self, name))
    read_version(current_book)
    assert not [n for n in read if n.startswith("xl/worksheets/")], read
    assert "xl/sharedStrings.xml" not in read


@pytest.mark.parametrize("template, age", [(TEMPLATE, v.CURRENT), ("0.1.0", v.OLDER),
                                           ("9.0.0", v.NEWER), (None, None)])
def test_age_compares_with_the_installed_template(template, age):
    assert v.WorkbookVersion(template, None, None, v.FROM_PROPERTIES).age == age


def test_the_0_1_0_workbook_is_read_through_its_own_layout(old_book):
    from xlplugin.ooxml.package import open_package

    pkg = open_package(old_book)
    try:
        assert v.layout_of_package(pkg).version == "2023.1"
    finally:
        pkg.close()
    _doc, problems = load_dokumen(old_book)
    assert not [p for p in problems if p.is_blocking]


def test_a_workbook_of_an_unknown_newer_layout_is_read_through_the_current_one(current_book,
                                                                                tmp_path):
    newer = with_custom_values(current_book, tmp_path / "baru.xlsm", "9.0.0", "2099.1")
    version = read_version(newer)
    assert (version.template, version.layout, version.age) == ("9.0.0", "2099.1", v.NEWER)
    assert v.reading_layout(version) is load_layout()
