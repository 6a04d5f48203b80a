"""Built artifacts for the macro tests, made once per session.

`fixture_xlsm`: a small openpyxl workbook (banner names at workbook and sheet level, a
sheet protected without a password, the xlwings.conf sheet) through `finalize_xlsm`.
`template_xlsm`: the real template from `xlplugin build`'s builder, when it builds.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.config import build_config_sheet

BANNER = "xlp_BannerMakro"


def small_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    ws["A1"], ws["A2"], ws["A5"] = "Aktifkan makro", "untuk pemeriksaan otomatis", "Petunjuk"
    wb.defined_names[BANNER] = DefinedName(BANNER, attr_text="'Petunjuk'!$1:$2")
    rab = wb.create_sheet("RAB")
    rab["A4"], rab["A5"] = "Makro belum aktif", "Kode Baris"
    rab.defined_names[BANNER] = DefinedName(BANNER, attr_text="'RAB'!$4:$4")
    rab.protection.sheet = True
    rab.protection.formatColumns = False  # allowed: must survive the banner toggle
    build_config_sheet(wb.create_sheet("xlwings.conf"), None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="session")
def xlsx_bytes() -> bytes:
    return small_xlsx()


@pytest.fixture(scope="session")
def fixture_xlsm(tmp_path_factory, xlsx_bytes):
    from xlplugin.template.macros.package import finalize_xlsm

    path = tmp_path_factory.mktemp("macros") / "fixture.xlsm"
    path.write_bytes(finalize_xlsm(xlsx_bytes, load_pack(), load_layout()))
    return path


@pytest.fixture(scope="session")
def template_xlsm(tmp_path_factory):
    from xlplugin.template.build import build_template

    return build_template(out=tmp_path_factory.mktemp("template") / "template.xlsm")


@pytest.fixture(scope="session", params=["fixture", "template"])
def built_xlsm(request):
    """Each package-level check runs on the small fixture and on the real template."""
    return request.getfixturevalue(f"{request.param}_xlsm")
