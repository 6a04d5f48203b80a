"""The built .xlsm read back with independent readers: olevba for the VBA project, the
zip and XML for the ribbon part, its relationship and the content types."""

from __future__ import annotations

import re

import pytest
import xlwings
from defusedxml.ElementTree import fromstring
from pyopenvba._new_project import WORKBOOK_BASE, document_header
from pyopenvba.vba import normalize_class_source

from macros.vba_read import decoded_modules, lf, part, sheet_code_names
from xlplugin.layout import load_layout
from xlplugin.ooxml.package import ContentTypes, Relationships
from xlplugin.rulepack import load_pack
from xlplugin.template.macros import ribbon
from xlplugin.template.macros.package import XLSM_MAIN, finalize_xlsm
from xlplugin.template.macros.vba import VBA_DIR, xlwings_dir

SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
OWN_FILES = {"xlp_Banner": "xlp_Banner.bas", "xlp_Python": "xlp_Python.bas",
             "xlp_Ribbon": "xlp_Ribbon.bas"}


# ---------------------------------------------------------------- VBA modules
def test_olevba_decodes_each_own_module_equal_to_its_bas_file(built_xlsm):
    modules = decoded_modules(built_xlsm)
    for name, file in OWN_FILES.items():
        assert modules[name] == lf((VBA_DIR / file).read_text()), name


def test_thisworkbook_is_excels_document_header_plus_our_code(built_xlsm):
    code = lf((VBA_DIR / "ThisWorkbook.cls").read_text())
    assert decoded_modules(built_xlsm)["ThisWorkbook"] == lf(
        document_header("ThisWorkbook", WORKBOOK_BASE)) + code


def test_xlwings_module_is_the_installed_packages_standalone_module(built_xlsm):
    modules = decoded_modules(built_xlsm)
    assert modules["xlwings"] == lf((xlwings_dir() / "xlwings.bas").read_text())
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in modules["xlwings"]


def test_dictionary_class_is_xlwings_file_in_stream_form(built_xlsm):
    exported = (xlwings_dir() / "addin" / "Dictionary.cls").read_text()
    decoded = decoded_modules(built_xlsm)["Dictionary"]
    assert decoded == lf(normalize_class_source(exported))
    assert "VERSION 1.0 CLASS" not in decoded  # the VBE export preamble is not stream text


def test_every_sheet_has_a_document_module_named_by_its_code_name(built_xlsm):
    modules = decoded_modules(built_xlsm)
    names = sheet_code_names(built_xlsm)
    assert names, "no sheet carries a codeName"
    for name in names:
        assert modules[name] == lf(document_header(name, SHEET_BASE))
    assert b'codeName="ThisWorkbook"' in part(built_xlsm, "xl/workbook.xml")


def test_project_holds_exactly_the_expected_modules(built_xlsm):
    expected = {"ThisWorkbook", "xlwings", "Dictionary", "xlwings_udfs", "xlp_Fungsi",
                "xlp_Versi", *OWN_FILES, *sheet_code_names(built_xlsm)}
    assert set(decoded_modules(built_xlsm)) == expected


def test_versions_module_names_pack_layout_and_package(built_xlsm):
    versi = decoded_modules(built_xlsm)["xlp_Versi"]
    pack = load_pack()
    assert f'XLP_TEMPLAT As String = "{pack.template_name}"' in versi
    assert f'XLP_TATA_LETAK As String = "{load_layout().version}"' in versi


# ---------------------------------------------------------------- ribbon
def ribbon_subs(modules: dict[str, str]) -> dict[str, str]:
    """Sub name -> body, for the ribbon callback signature."""
    found = re.finditer(r"^Public Sub (\w+)\(control As IRibbonControl\)\n(.*?)^End Sub",
                        modules["xlp_Ribbon"], re.MULTILINE | re.DOTALL)
    return {m.group(1): m.group(2) for m in found}


def test_customui_is_well_formed_customui14(built_xlsm):
    root = fromstring(part(built_xlsm, ribbon.PART))
    assert root.tag == f"{{{ribbon.NAMESPACE}}}customUI"
    tab = root.find(f".//{{{ribbon.NAMESPACE}}}tab")
    assert tab.get("label") == "DAK Nonfisik"


def test_every_ribbon_onaction_names_a_sub_taking_iribboncontrol(built_xlsm):
    actions = ribbon.on_actions(part(built_xlsm, ribbon.PART))
    subs = ribbon_subs(decoded_modules(built_xlsm))
    assert len(actions) == 9
    assert set(actions) <= set(subs)


def test_ribbon_offers_the_buttons_the_issue_lists():
    root = fromstring(ribbon.ribbon_xml())
    labels = [el.get("label") for el in root.iter() if el.get("onAction")]
    menu = root.find(f".//{{{ribbon.NAMESPACE}}}menu")
    assert menu.get("label") == "Ekspor Laporan"
    assert labels == ["Validasi", "Bersihkan Sorotan", "Tambah Baris", "Laporan Semester I",
                      "Laporan Semester II", "Laporan Akhir", "Cetak KAK", "Perbarui Templat",
                      "Bantuan/Versi"]


def test_each_callback_runs_an_existing_ribbon_function_with_known_arguments(built_xlsm):
    import xlplugin.excel.ribbon as entry
    from xlplugin.excel import rows

    modules = {"ribbon": entry, "rows": rows}
    for sub, body in ribbon_subs(decoded_modules(built_xlsm)).items():
        calls = re.findall(
            r'"import xlplugin\.excel\.(ribbon|rows) as r; r\.(\w+)\((.*?)\)"', body)
        assert calls, sub
        for module, name, arg in calls:
            assert callable(getattr(modules[module], name)), (sub, name)
            if module == "rows":  # Tambah Baris: the count the InputBox returned, as a Long
                assert arg == '" & CStr(CLng(jumlah)) & "', (sub, arg)
            elif arg:
                assert arg.strip("'") in entry.LAPORAN, (sub, arg)


def test_ribbon_part_has_its_root_relationship_and_content_type(built_xlsm):
    rels = Relationships.parse(part(built_xlsm, "_rels/.rels")).of_type(ribbon.REL_TYPE)
    assert [r.target for r in rels] == [ribbon.PART]
    types = ContentTypes.parse(part(built_xlsm, "[Content_Types].xml"))
    assert types.of(ribbon.PART) == "application/xml"


def test_workbook_part_has_the_macro_enabled_content_type(built_xlsm):
    types = ContentTypes.parse(part(built_xlsm, "[Content_Types].xml"))
    assert types.of("xl/workbook.xml") == XLSM_MAIN
    assert types.of("xl/vbaProject.bin") == "application/vnd.ms-office.vbaProject"
    rels = Relationships.parse(part(built_xlsm, "xl/_rels/workbook.xml.rels"))
    assert [r.target for r in rels.of_type(
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject")] == ["vbaProject.bin"]


# ---------------------------------------------------------------- packaging
def test_finalize_is_deterministic(xlsx_bytes):
    pack, layout = load_pack(), load_layout()
    assert finalize_xlsm(xlsx_bytes, pack, layout) == finalize_xlsm(xlsx_bytes, pack, layout)


def test_zip_entries_carry_the_fixed_timestamp(built_xlsm):
    import zipfile

    with zipfile.ZipFile(built_xlsm) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]


def test_a_wrong_xlwings_vba_module_version_stops_the_build(monkeypatch, tmp_path):
    from xlplugin.template.macros import vba

    (tmp_path / "addin").mkdir()
    (tmp_path / "xlwings.bas").write_text('Public Const XLWINGS_VERSION As String = "0.1.0"\n')
    monkeypatch.setattr(vba, "xlwings_dir", lambda: tmp_path)
    with pytest.raises(vba.VbaBuildError, match="tidak sama"):
        vba.xlwings_standalone()
