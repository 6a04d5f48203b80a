"""Workbooks saved by LibreOffice keep saying what they are; with every version mark
stripped, their sheets still do. One soffice run."""

from __future__ import annotations

import pytest
from version_books import strip

from xlplugin.io import version as v
from xlplugin.io.version import read_version
from xlplugin.layout.history import current
from xlplugin.reports.pdf import convert, soffice
from xlplugin.rulepack import load_pack

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow,
              pytest.mark.skipif(soffice() is None, reason="LibreOffice tidak terpasang")]
TEMPLATE, LAYOUT = current()


@pytest.fixture(scope="module")
def saved(current_book, old_book, tmp_path_factory):
    """name -> the workbook after LibreOffice opened it and saved it as .xlsx."""
    work = tmp_path_factory.mktemp("lo-versi")
    bare = {"templat": current_book,
            "templat_polos": strip(current_book, work / "templat_polos.xlsm", keywords=True),
            "lama_polos": strip(old_book, work / "lama_polos.xlsm", keywords=True)}
    outputs = convert(list(bare.values()), work / "out", "xlsx")
    return dict(zip(bare, outputs, strict=True))


def test_a_template_saved_by_libreoffice_still_says_its_versions(saved):
    version = read_version(saved["templat"])
    assert (version.template, version.layout, version.tahun) == (TEMPLATE, LAYOUT,
                                                                 load_pack().tahun)
    assert version.source in (v.FROM_PROPERTIES, v.FROM_CONFIG)


def test_stripped_and_saved_by_libreoffice_each_is_known_by_its_sheets(saved):
    current_, old = read_version(saved["templat_polos"]), read_version(saved["lama_polos"])
    assert (current_.template, current_.source) == (TEMPLATE, v.FROM_SHAPE)
    assert (old.template, old.layout, old.source) == ("0.1.0", "2023.1", v.FROM_SHAPE)


def test_its_config_sheet_in_shared_strings_answers_once_properties_are_gone(saved, tmp_path):
    bare = strip(saved["templat"], tmp_path / "tanpa_properti.xlsx", rows=False)
    version = read_version(bare)
    assert (version.template, version.layout, version.source) == (TEMPLATE, LAYOUT,
                                                                  v.FROM_CONFIG)
