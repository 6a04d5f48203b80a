"""BACA-SHEET, BACA-KOLOM, BACA-VERSI: what the reader meets before any rule can run is
a finding with its rule ID, severity and clause (RULES.md section 7, issue 16 point 9).

The reader runs over grids laid out through the layout (what a workbook of the template
holds), edited the way users break them; the CLI and the Temuan sheet on built ones.
"""

import zipfile
from decimal import Decimal

import pytest
from factories import clean_dokumen
from rulecheck import checked, workbook

from xlplugin.domain.finding import Severity
from xlplugin.domain.records import TABLE_ATTR, field_names
from xlplugin.engine.baca import UNREAD, read_finding, read_findings
from xlplugin.io.errors import GALAT
from xlplugin.io.grid import Grid
from xlplugin.io.reader import read_workbook
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack

LAYOUT = load_layout()
PESERTA, KAK = LAYOUT.tables["Peserta"], LAYOUT.tables["KAK"]
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN
CURRENT = LAYOUT.version


def grids(doc) -> dict[str, list[list]]:
    """Sheet name -> rows, as a workbook of the template holding `doc` reads."""
    out = {}
    form = LAYOUT.profil
    rows = [[None] * 4 for _ in range(max(f.row for f in form.fields))]
    for f in form.fields:
        rows[f.row - 1][1], rows[f.row - 1][2] = f.label, _raw(getattr(doc.profil, f.key))
    out[form.sheet] = rows
    for key, table in LAYOUT.tables.items():
        records = getattr(doc, TABLE_ATTR[key])
        height = max([table.header_row, *(r.row for r in records)])
        sheet = [[None] * (len(table.columns) + 1) for _ in range(height)]
        sheet[table.header_row - 1] = [c.header for c in table.columns] + ["Status Periksa"]
        for r in records:
            for name in field_names(type(r)):
                sheet[r.row - 1][table.column(name).index - 1] = _raw(getattr(r, name))
        out[table.sheet] = sheet
    return out


def _raw(value):
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return float(value) if isinstance(value, Decimal) else value


class Source:
    def __init__(self, sheets: dict):
        self.sheets = sheets

    def sheet_names(self):
        return list(self.sheets)

    def grid(self, sheet):
        return Grid(self.sheets[sheet])


def read(sheets):
    """The BACA findings of a workbook holding `sheets`, and the reader's problems."""
    problems = read_workbook(Source(sheets), LAYOUT).problems
    return [read_finding(p) for p in problems], problems


def only(found, rule):
    return [f for f in found if f.rule == rule]


def where(f):
    return f.severity, f.sheet, f.cell


# ---------------------------------------------------------------- every problem has an ID


def test_baca_clean_workbook_has_no_read_finding():
    assert read(grids(clean_dokumen()))[0] == []


def test_baca_every_read_problem_becomes_one_finding_with_rule_severity_and_clause():
    sheets = grids(clean_dokumen())
    del sheets["Narasumber"]
    sheets["SENTRA "] = sheets.pop("Sentra")
    sheets["Peserta"][PESERTA.header_row - 1][PESERTA.column("nik").index - 1] = "No. KTP"
    found, problems = read(sheets)
    assert len(found) == len(problems) >= 3
    assert all(f.rule.startswith("BACA-") and f.clause == "- (templat)" for f in found)
    assert [f.severity is PEL for f in found] == [p.level == GALAT for p in problems]


# ---------------------------------------------------------------- BACA-SHEET


def test_baca_sheet_missing_is_a_violation_naming_the_sheet():
    sheets = grids(clean_dokumen())
    del sheets["Narasumber"]
    [f] = only(read(sheets)[0], "BACA-SHEET")
    assert where(f) == (PEL, "Narasumber", None) and f.is_blocking
    assert "Narasumber" in f.message and "tidak ditemukan" in f.message


def test_baca_sheet_under_another_case_is_read_and_a_warning():
    sheets = grids(clean_dokumen())
    sheets["SENTRA "] = sheets.pop("Sentra")
    [f] = only(read(sheets)[0], "BACA-SHEET")
    assert where(f) == (PER, "SENTRA ", None) and not f.is_blocking


def test_baca_sheet_input_below_the_table_is_not_read_and_a_violation():
    sheets = grids(clean_dokumen())
    rows = sheets["Narasumber"]
    last = LAYOUT.tables["Narasumber"].last_row
    rows += [[None] * 4 for _ in range(last + 1 - len(rows))]
    rows[last][1] = "Narasumber tersesat"  # row last + 1: one past the table
    [f] = only(read(sheets)[0], "BACA-SHEET")
    assert where(f) == (PEL, "Narasumber", f"A{last + 1}") and f.row == last + 1


def test_baca_sheet_input_on_the_last_row_of_the_table_is_read():
    sheets = grids(clean_dokumen())
    rows = sheets["Narasumber"]
    last = LAYOUT.tables["Narasumber"].last_row
    rows += [[None] * 20 for _ in range(last - len(rows))]
    rows[last - 1][1] = "Narasumber terakhir"
    assert read(sheets)[0] == []


# ---------------------------------------------------------------- BACA-KOLOM


def test_baca_kolom_missing_column_is_a_violation_at_its_header_cell():
    sheets = grids(clean_dokumen())
    for line in sheets["Peserta"]:
        del line[PESERTA.column("nik").index - 1]
    found = only(read(sheets)[0], "BACA-KOLOM")
    nik = [f for f in found if "'NIK'" in f.message]
    assert nik and where(nik[0]) == (PEL, "Peserta", PESERTA.cell("nik", PESERTA.header_row))


def test_baca_kolom_renamed_header_is_read_by_position_and_a_warning():
    sheets = grids(clean_dokumen())
    cell = PESERTA.cell("nik", PESERTA.header_row)
    sheets["Peserta"][PESERTA.header_row - 1][PESERTA.column("nik").index - 1] = "No. KTP"
    [f] = only(read(sheets)[0], "BACA-KOLOM")
    assert where(f) == (PER, "Peserta", cell) and "No. KTP" in f.message


def test_baca_kolom_moved_column_is_read_there_and_a_warning():
    sheets = grids(clean_dokumen())
    a, b = KAK.column("jpl").index - 1, len(KAK.columns) - 1
    for line in sheets["KAK"]:
        line[a], line[b] = line[b], line[a]
    found, _ = read(sheets)
    assert [f.severity for f in only(found, "BACA-KOLOM")] == [PER]
    assert "Urutan kolom" in only(found, "BACA-KOLOM")[0].message


def test_baca_kolom_profil_label_not_where_the_template_has_it_is_a_warning():
    sheets = grids(clean_dokumen())
    sheets["Profil"][5][1] = "Label lain"
    [f] = only(read(sheets)[0], "BACA-KOLOM")
    assert f.severity is PER and f.sheet == "Profil" and f.cell == "B6"


# ---------------------------------------------------------------- BACA-VERSI


def test_baca_versi_current_version_or_not_looked_at_says_nothing():
    assert read_findings(versi=CURRENT) == [] and read_findings(versi=UNREAD) == []


@pytest.mark.parametrize("versi, variant", [
    ("2023.0", "bukan versi sekarang"),
    ("2023.1", "bukan versi sekarang"),  # the template before the live check of issue 13
    ("2022.9", "bukan versi sekarang"),
    ("2099.1", "lebih baru"),
    (None, "tidak mencatat versi"),
])
def test_baca_versi_other_or_unstated_version_is_a_warning(versi, variant):
    [f] = read_findings(versi=versi)
    assert (f.rule, f.severity, f.sheet) == ("BACA-VERSI", PER, "Petunjuk")
    assert variant in f.message and CURRENT in f.message and not f.is_blocking


# ---------------------------------------------------------------- through the CLI


@pytest.fixture(scope="module")
def clean_book(tmp_path_factory):
    return workbook(clean_dokumen(), tmp_path_factory.mktemp("baca") / "bersih")


def _rewrite(src, dst, part, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return dst


def test_baca_versi_of_a_built_template_is_current(clean_book, capsys):
    code, found = checked(clean_book, capsys)
    assert code == 0 and found == []


def test_baca_versi_older_template_is_reported_by_the_cli(clean_book, tmp_path, capsys):
    book = _rewrite(clean_book, tmp_path / "lama.xlsm", "docProps/core.xml",
                    lambda xml: xml.replace(f"template {CURRENT}".encode(), b"template 2022.1"))
    code, found = checked(book, capsys)
    assert code == 0 and [(f["rule"], f["severity"]) for f in found] == [
        ("BACA-VERSI", "PERINGATAN")]
    assert "2022.1" in found[0]["message"]


def test_baca_missing_sheet_is_counted_in_json_summary_exit_code_and_temuan(
        clean_book, tmp_path, capsys):
    import openpyxl

    from xlplugin.adapters.file import FileAdapter

    wb = openpyxl.load_workbook(clean_book, keep_vba=True)
    wb.remove(wb["Narasumber"])
    book = tmp_path / "tanpa_narasumber.xlsm"
    wb.save(book)
    copy = tmp_path / "diperiksa.xlsm"
    code, found = checked(book, capsys, "-o", str(copy))
    assert code == 1
    assert ("BACA-SHEET", "PELANGGARAN", "Narasumber") in {
        (f["rule"], f["severity"], f["sheet"]) for f in found}
    assert "-" not in {f["rule"] for f in found}
    capsys.readouterr()
    main_text = _summary(book, capsys)
    assert "[BACA-SHEET PELANGGARAN]" in main_text
    with FileAdapter(copy) as adapter:
        rows = adapter.grid(LAYOUT.outputs["Temuan"].sheet).rows
    listed = [line for line in rows if len(line) > 4 and line[2] == "BACA-SHEET"]
    assert listed and listed[0][1] == "PELANGGARAN" and listed[0][3] == "- (templat)"
    assert not [line for line in rows if len(line) > 4 and line[2] == "-"]


def _summary(book, capsys) -> str:
    from xlplugin.cli.main import main

    main(["validate", str(book), "--no-write"])
    return capsys.readouterr().out


def test_baca_rules_are_section_7_of_the_pack():
    pack = load_pack()
    assert {r.id for r in pack.rules.values() if r.section == "7"} == {
        "BACA-SHEET", "BACA-KOLOM", "BACA-VERSI"}
