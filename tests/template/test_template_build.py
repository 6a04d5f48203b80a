"""The built workbook: file name, sheets, tables, formulas, lists, validation, protection."""

from __future__ import annotations

import hashlib
import re
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from xlplugin.cli.main import main
from xlplugin.io.headers import STORED_HEADER
from xlplugin.layout.udf import LIVE_SHEET, check_formula, status_formula, stored_letter
from xlplugin.template.build import build_bytes, build_template
from xlplugin.template.sheets.daftar import DEPENDENT_PREFIX
from xlplugin.template.sheets.tables import BANNER_NAME, STATUS_HEADER


@pytest.fixture(scope="module")
def wb(built):
    return openpyxl.load_workbook(built["template"])


def test_build_writes_the_pack_template_name_under_build(tmp_path, monkeypatch, pack):
    monkeypatch.chdir(tmp_path)
    out = build_template()
    assert out == tmp_path.joinpath("build", f"{pack.template_name}.xlsm").relative_to(tmp_path)
    assert zipfile.is_zipfile(out)


def test_cli_build_writes_the_given_path(tmp_path, capsys):
    target = tmp_path / "t.xlsm"
    assert main(["build", "-o", str(target)]) == 0
    assert target.exists() and "Template ditulis" in capsys.readouterr().out


def test_building_twice_gives_identical_bytes():
    first, second = build_bytes(), build_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_document_dates_are_fixed(built):
    with zipfile.ZipFile(built["template"]) as z:
        core = z.read("docProps/core.xml").decode()
        assert len({i.date_time for i in z.infolist()}) == 1  # one fixed stamp for all
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == [
        "2023-01-01T00:00:00Z"] * 2


def test_sheets_follow_the_layout_order_and_hidden_flags(wb, layout):
    assert wb.sheetnames == layout.sheet_order()
    hidden = {o.sheet for o in layout.outputs.values() if o.hidden}
    assert {ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"} == hidden


def test_input_tables_are_excel_tables_at_the_layout_places(wb, layout):
    for table in layout.tables.values():
        ws = wb[table.sheet]
        excel = ws.tables[table.name]
        assert excel.ref == table.ref
        headers = [ws.cell(table.header_row, c.index).value for c in table.columns]
        assert headers == table.headers
        assert [c.name for c in excel.tableColumns] == table.headers
        assert ws.cell(1, 1).value == table.title


def test_formula_columns_follow_the_layout_templates(wb, layout):
    rab = layout.tables["RAB"]
    ws = wb[rab.sheet]
    row = rab.first_row + 7
    vol, harga = rab.cell("volume", row), rab.cell("harga_satuan", row)
    assert ws[rab.cell("jumlah", row)].value == f"=ROUND({vol}*{harga},0)"
    last = ws[rab.cell("realisasi", rab.last_row)].value
    real = layout.tables["Realisasi"]
    assert f"'{real.sheet}'!{real.data_range('jumlah')}" in last


def test_each_status_row_reads_the_live_result_or_its_hidden_stored_value(wb, layout):
    for table in layout.tables.values():
        if not table.status:
            continue
        ws = wb[table.sheet]
        letter, stored = table.status_letter, stored_letter(table)
        assert ws[f"{letter}{table.header_row}"].value == STATUS_HEADER
        assert ws[f"{stored}{table.header_row}"].value == STORED_HEADER
        assert ws.column_dimensions[stored].hidden
        for row in (table.first_row, table.first_row + 1, table.last_row):
            formula = ws[f"{letter}{row}"].value
            assert formula == status_formula(layout, table.key, row)
            assert f"xlp_Mulai_{table.key}+" in formula and f"{stored}{row}&" in formula
        assert not any(isinstance(c.value, ArrayFormula) for c in ws[letter])


def test_one_array_formula_calls_python_once_for_the_whole_workbook(wb, layout):
    calls = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows()
             for c in row if c.data_type == "f"
             and re.search(r"DAK_\w+\(", str(getattr(c.value, "text", c.value)))]
    assert calls == [(LIVE_SHEET, "D4")]
    anchor = wb[LIVE_SHEET]["D4"].value
    assert isinstance(anchor, ArrayFormula) and anchor.text == check_formula()
    assert len(check_formula()) <= 255  # Range.FormulaArray's limit
    assert wb[LIVE_SHEET].sheet_state == "hidden"


def test_daftar_holds_every_list_and_the_dependent_rincian_names(wb, pack):
    names = wb.defined_names
    for menu in pack.menu:
        ref = names[f"{DEPENDENT_PREFIX}{menu}"].attr_text
        sheet, cells = ref.split("!")
        values = [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
        assert values == pack.rincian_of_menu(menu)
    assert "OFFSET(" in names["lst_kode_kegiatan"].attr_text


def _validations(ws) -> dict[str, object]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return out


def test_dropdowns_store_their_source_without_equals_and_rincian_follows_menu(wb, layout):
    kak = layout.tables["KAK"]
    dvs = _validations(wb[kak.sheet])
    menu = dvs[kak.column("menu").letter]
    assert menu.type == "list" and menu.formula1 == "lst_menu"
    rincian = dvs[kak.column("rincian").letter]
    assert rincian.formula1 == f'INDIRECT("{DEPENDENT_PREFIX}"&${kak.column("menu").letter}'\
                               f'{kak.first_row})'


def test_varian_dropdown_follows_rincian_with_the_packs_variants(wb, layout, pack):
    """RULES.md VARIAN: A.2 offers Pelatihan/Studi banding, B.2 Pengelola/Operator, a
    rincian without variants only "-"; the list follows the row's Rincian."""
    kak = layout.tables["KAK"]
    varian = _validations(wb[kak.sheet])[kak.column("varian").letter]
    rincian_cell = f'${kak.column("rincian").letter}{kak.first_row}'
    assert varian.formula1 == f'INDIRECT("Varian_"&SUBSTITUTE({rincian_cell},".","_"))'
    names = wb.defined_names
    for code, rincian in pack.rincian.items():
        sheet, cells = names[f"Varian_{code.replace('.', '_')}"].attr_text.split("!")
        values = [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
        assert values == (list(rincian.varian) or ["-"]), code
    assert list(pack.rincian["A.2"].varian) == ["Pelatihan", "Studi banding"]
    assert "pilih Rincian lebih dahulu" in varian.error


def test_validations_check_numbers_dates_and_nik_in_indonesian(wb, layout):
    peserta = layout.tables["Peserta"]
    nik = _validations(wb[peserta.sheet])[peserta.column("nik").letter]
    assert (nik.type, nik.operator, nik.formula1) == ("textLength", "equal", "16")
    assert "NIK 16 digit" in nik.error
    rab = layout.tables["RAB"]
    dvs = _validations(wb[rab.sheet])
    harga = dvs[rab.column("harga_satuan").letter]
    assert (harga.type, harga.operator, harga.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert dvs[rab.column("volume").letter].type == "decimal"
    kak = layout.tables["KAK"]
    mulai = _validations(wb[kak.sheet])[kak.column("tanggal_mulai").letter]
    assert mulai.type == "date" and "tanggal" in mulai.error


def test_number_formats_rupiah_date_and_text(built, layout):
    wb = openpyxl.load_workbook(built["filled"])
    rab, kak, peserta = (layout.tables[k] for k in ("RAB", "KAK", "Peserta"))
    row = rab.first_row
    assert wb[rab.sheet][rab.cell("harga_satuan", row)].number_format.startswith('"Rp"')
    assert wb[kak.sheet][kak.cell("tanggal_mulai", kak.first_row)].number_format == "dd/mm/yyyy"
    assert wb[peserta.sheet][peserta.cell("nik", peserta.first_row)].number_format == "@"
    assert wb[peserta.sheet][peserta.cell("nib", peserta.first_row)].number_format == "@"


def test_sheets_are_protected_without_password_inputs_unlocked_formulas_locked(built, layout):
    wb = openpyxl.load_workbook(built["filled"])
    rab = layout.tables["RAB"]
    ws = wb[rab.sheet]
    assert ws.protection.sheet and not ws.protection.password
    assert ws[rab.cell("uraian", rab.first_row)].protection.locked is False
    assert ws[rab.cell("jumlah", rab.first_row)].protection.locked is True
    assert ws.column_dimensions[rab.column("uraian").letter].protection.locked is False
    form = layout.profil
    assert wb[form.sheet][form.cell("pagu")].protection.locked is False


def test_frozen_headers_and_a4_landscape_print_setup(wb, layout):
    rab = layout.tables["RAB"]
    ws = wb[rab.sheet]
    assert ws.freeze_panes.endswith(str(rab.first_row))
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == f"${rab.header_row}:${rab.header_row}"


def test_macro_banner_is_named_for_the_workbook_open_to_hide(wb, layout):
    assert wb.defined_names[BANNER_NAME].attr_text == "'Petunjuk'!$1:$3"
    assert "Aktifkan Konten" in wb["Petunjuk"]["A1"].value
    kak = layout.tables["KAK"]
    assert BANNER_NAME in wb[kak.sheet].defined_names


def test_petunjuk_names_versions_and_colours(wb, pack):
    from importlib.metadata import version

    text = "\n".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert pack.template_name in text and version("xlwings") in text
    assert "Unblock" in text and "TANPA kata sandi" in text and "Merah: PELANGGARAN" in text
