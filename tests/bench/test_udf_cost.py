"""The UDF cost model (`bench.udf_cost`) reads what the workbook's formulas say.

Structural facts only, never a time: the UDF formulas found are the template's, every
edit dirties something and names its cell, and the model follows INDEX bounds, defined
names and helper cells the way a narrowed contract will use them.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` lives at the repository root

from bench import udf_cost
from bench.udf_cost_book import Book, _sheet_formulas
from bench.udf_cost_formula import Func, Name, Op, Ref, parse
from bench.udf_cost_graph import InputArea, build_model
from bench.udf_cost_python import (
    clear_memos,
    decorated_module,
    prepare,
    python_side,
    windows_engine_impl,
)
from xlplugin.layout import load_layout


# ---------------------------------------------------------------- the parser
def test_parser_splits_index_bounded_ranges():
    tree = parse("=SUM('RAB'!A6:INDEX('RAB'!L6:L2005,xlp_n))")
    assert isinstance(tree, Func) and tree.name == "SUM"
    (span,) = tree.args
    assert isinstance(span, Op) and span.op == ":"
    assert span.left == Ref("RAB", 6, 1, 6, 1, False, False)
    assert span.right == Func("INDEX", (Ref("RAB", 6, 12, 2005, 12, False, False),
                                        Name("xlp_n")))
    assert parse("=Sheet1!A1:Sheet1!B2").op == ":"
    assert parse("=_xludf.DAK_X(A:A)").name == "DAK_X"


def test_shared_formulas_are_translated_to_each_cell():
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (f'<worksheet xmlns="{ns}"><sheetData><row r="2">'
           '<c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>0</v></c></row>'
           '<row r="3"><c r="B3"><f t="shared" si="0"/><v>0</v></c></row>'
           '<row r="4"><c r="B4"><f t="shared" si="0"/></c></row></sheetData></worksheet>')
    cells = _sheet_formulas("S", xml.encode())
    assert [(c.row, c.text) for c in cells] == [(2, "A2*2"), (3, "A3*2"), (4, "A4*2")]


# ---------------------------------------------------------------- a narrowed contract
def _narrow_workbook(path: Path) -> Path:
    """MYUDF passes Data!A1:C<n>, n = COUNTA(Data!A1:A10) in a helper cell behind a
    defined name (no cached value: the model evaluates the cell's formula); THIRD passes
    A1:B<m>, m a defined name's own formula; OTHER passes B1:B10."""
    wb = Workbook()
    data = wb.active
    data.title = "Data"
    for r in range(1, 5):
        data.cell(r, 1, f"k{r}")
        data.cell(r, 2, r)
    data["E1"] = "=COUNTA(A1:A10)"
    wb.defined_names["n_data"] = DefinedName("n_data", attr_text="Data!$E$1")
    wb.defined_names["m_data"] = DefinedName("m_data",
                                             attr_text="MAX(1,COUNTA(Data!$A$1:$A$10))")
    out = wb.create_sheet("Out")
    out["A1"] = ArrayFormula("A1:A10", "=MYUDF(Data!$A$1:INDEX(Data!$C$1:$C$10,n_data))")
    out["B1"] = "=OTHER(Data!$B$1:$B$10)"
    out["C1"] = '=IFERROR(THIRD(Data!$A$1:INDEX(Data!$B$1:$B$10,m_data)),"")'
    wb.save(path)
    return path


def _areas() -> list[InputArea]:
    return [InputArea("Data", "Data", ((1, 10),), (1, 2, 3, 4))]


def test_index_bounded_range_follows_its_bound_and_its_precedents(tmp_path):
    book = Book.read(_narrow_workbook(tmp_path / "narrow.xlsx"))
    names = frozenset({"MYUDF", "OTHER", "THIRD"})
    model = build_model(book, names, _areas())
    assert {c.name: c.cells for c in model.calls} == {"MYUDF": 12, "OTHER": 10, "THIRD": 8}
    worst = model.edits[0]
    assert worst.cells == 30 and worst.calls == 3  # a cell of B1:B4 dirties all three
    assert worst.cell == "'Data'!B1"
    full = build_model(book, names, _areas(), index_at_end=True)
    assert {c.name: c.cells for c in full.calls} == {"MYUDF": 30, "OTHER": 10, "THIRD": 20}


def test_an_edit_dirties_only_the_calls_that_depend_on_it(tmp_path):
    from bench.udf_cost_graph import edit_cost

    book = Book.read(_narrow_workbook(tmp_path / "narrow.xlsx"))
    model = build_model(book, frozenset({"MYUDF", "OTHER", "THIRD"}), [])

    def cost(col: int, row: int):
        edit = edit_cost(model, InputArea("x", "Data", ((row, row),), (col,)))
        return edit.calls, edit.cells

    assert cost(1, 8) == (2, 20)  # A8: COUNTA, so both bounds
    assert cost(2, 8) == (2, 18)  # B8: OTHER, and THIRD's INDEX range B1:B10
    assert cost(3, 9) == (1, 12)  # C9: MYUDF's INDEX range
    assert cost(4, 2) == (0, 0)  # D2: read by nobody


# ---------------------------------------------------------------- the built template
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("udf_cost")
    path, _ = udf_cost.workbook("sample", folder, reuse=False)
    book = Book.read(path)
    names, module, volatile = udf_cost.udf_contract(book)
    model = build_model(book, names, udf_cost.input_areas(book, load_layout()),
                        volatile_udfs=volatile)
    return folder, path, names, module, model


def _formulas_calling(path: Path, names) -> int:
    """An independent count: openpyxl's formula texts that call one of `names`."""
    pattern = re.compile(r"\b(" + "|".join(names) + r")\(", re.IGNORECASE)
    wb = load_workbook(path)
    count = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = cell.value.text if isinstance(cell.value, ArrayFormula) else cell.value
                count += isinstance(text, str) and bool(pattern.search(text))
    return count


def test_every_udf_formula_of_the_template_is_found(sample):
    _folder, path, names, module, model = sample
    from xlplugin.layout.udf import STATUS_UDF

    assert {n.upper() for n in STATUS_UDF.values()} <= names
    assert module == "udfs.dak_udfs"
    assert len(model.formulas) == _formulas_calling(path, names) > 0
    assert len(model.calls) >= len(model.formulas)
    for call in model.calls:
        assert call.cells >= len(call.args) > 0


def test_every_input_area_has_a_worst_edit_that_names_its_cell(sample):
    *_, model = sample
    labels = {"Profil", *load_layout().tables}
    assert {e.area.label for e in model.edits} == labels
    from xlplugin.layout.udf import ARG_TABLES

    for edit in model.edits:
        # Narrative sheets feed the reports only: no live call reads them.
        checked = edit.area.label == "Profil" or edit.area.label in ARG_TABLES
        assert (edit.cells > 0 and edit.calls > 0) == checked, edit
        assert edit.cell.startswith(f"'{edit.area.sheet}'!")
    worst = model.worst
    assert worst.area.label in labels
    assert worst.cells == max(e.cells for e in model.edits)
    assert worst.calls == len(model.calls_of(worst))


def test_stand_in_cleaning_is_xlwings_own():
    impl, origin = windows_engine_impl()
    assert "_clean_value_data_element" in origin and "Engine.clean_value_data" in origin
    when = datetime(2023, 5, 2)
    cleaned = impl.clean_value_data(((None, "", 1.0, when, -2146826246),), datetime, None,
                                    None, False)
    assert cleaned == [[None, None, 1.0, when, None]]


def test_python_side_calls_every_dirtied_udf_with_its_declared_shapes(sample):
    _folder, _path, _names, module_name, model = sample
    module = decorated_module(module_name)
    calls = model.calls_of(model.worst)
    prepared = prepare(model, calls, module)
    assert len(prepared) == len(calls)
    assert all(len(p.inputs) == len(p.call.args) for p in prepared)
    impl, _ = windows_engine_impl()
    side = python_side(prepared, module, impl, repeat=1, warmup=False)
    assert side.calls == len(calls)
    assert side.galat == 0  # no call answered "GALAT: ..." (argument shapes match)
    assert clear_memos(module) >= 0


@pytest.mark.slow
def test_command_line_writes_the_table(sample, tmp_path, capsys):
    folder, *_ = sample
    out = tmp_path / "udf_cost.md"
    code = udf_cost.main(["--sizes", "sample", "capacity", "--workbooks", str(folder),
                          "--reuse", "--repeat", "1", "--out", str(out)])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "worst one-cell edit: cells through COM" in text
    assert "python -m bench.udf_cost --sizes sample capacity" in text
    assert "first call: xlwings + module import + call" in text
    assert "| target (issue 13) |" in text
    assert text.strip() in capsys.readouterr().out
