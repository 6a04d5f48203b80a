"""The byte editor of input sheets (`SheetPatch`) writes the same cells as the tree editor
(`SheetXml`), leaves a sheet untouched when nothing changes, and hands odd sheets and
edits it cannot make to the tree."""

from __future__ import annotations

import pytest
from lxml import etree

from xlplugin.ooxml.package import NS_MAIN, parse_xml
from xlplugin.ooxml.sheet_patch import SheetPatch, editable
from xlplugin.ooxml.sheet_xml import SheetXml

N = f"{{{NS_MAIN}}}"
STATUS_COL = 4  # column D
SHEET = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS_MAIN}">'
    '<dimension ref="A1:D12"/><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Kode</t></is></c></row>'
    '<row r="5" spans="1:4"><c r="A5" s="3"><v>1</v></c>'
    '<c r="D5" s="2" t="str"><f t="array" ref="D5:D8">STATUS(A5:C8)</f><v>lama</v></c></row>'
    '<row r="6"><c r="A6" s="3"><v>2</v></c><c r="D6" s="2" t="str"><v>OK</v></c></row>'
    '<row r="7"><c r="B7" s="3"/><c r="D7" s="2"/></row>'
    '<row r="8"><c r="A8"><v>4</v></c></row>'
    '<row r="9"><c r="A9"><v>5</v></c><c r="D9" s="2"><f>A9*2</f><v>10</v></c></row>'
    '<row r="10"><c r="D10" s="5" t="inlineStr"><is><t>lama</t></is></c></row>'
    '<row r="11"><c r="A11"><v>6</v></c><c r="E11"><v>7</v></c></row>'
    '<row r="12" customFormat="1" s="7"/>'
    "</sheetData></worksheet>").encode()
TEXTS = {5: "OK", 6: 'PELANGGARAN: a & b <c> "d"', 7: "", 8: "PERINGATAN: x", 9: "Z",
         10: "Y", 11: "W", 12: "V", 13: "U"}


def _cells(data: bytes) -> dict:
    root = etree.fromstring(data)
    out = {}
    for row in root.iter(N + "row"):
        out[f"row{row.get('r')}"] = dict(row.attrib)
        for c in row.iter(N + "c"):
            f, v, inline = c.find(N + "f"), c.find(N + "v"), c.find(N + "is")
            out[c.get("r")] = (c.get("s"), c.get("t"),
                               None if f is None else (f.text, dict(f.attrib)),
                               None if v is None else v.text or "",
                               None if inline is None else "".join(inline.itertext()))
    out["order"] = [c.get("r") for c in root.iter(N + "c")]
    return out


def _both(edit) -> tuple[dict, dict, SheetPatch]:
    tree = SheetXml(parse_xml(SHEET))
    patch = SheetPatch(SHEET, parse_xml)
    edit(tree)
    edit(patch)
    return _cells(tree.to_bytes()), _cells(patch.to_bytes()), patch


def test_status_column_written_on_bytes_equals_the_tree_editor():
    tree, patch, sheet = _both(lambda s: s.set_status(STATUS_COL, range(5, 13), TEXTS))
    assert patch == tree
    assert sheet._tree is None  # every edit stayed on the bytes


def test_styles_read_and_set_on_bytes_equal_the_tree_editor():
    def edit(s):
        assert (s.style("A5"), s.style("B7"), s.style("C12"), s.style("C11")) == (3, 3, 7, 0)
        s.set_style("A5", 9)
        s.set_style("B7", 0)
        s.set_style("C11", 4)  # no cell yet: placed between A11 and E11
        s.set_style("B12", 8)  # the row is empty (<row .../>)
    tree, patch, sheet = _both(edit)
    assert patch == tree and sheet._tree is None


def test_edit_in_a_row_that_is_not_there_goes_through_the_tree():
    tree, patch, sheet = _both(lambda s: s.set_status(STATUS_COL, range(5, 14), TEXTS))
    assert patch == tree and tree["D13"][4] == "U"
    assert sheet._tree is not None


def test_sheet_whose_statuses_already_show_is_left_byte_for_byte():
    sheet = SheetPatch(SHEET, parse_xml)
    sheet.set_status(STATUS_COL, range(5, 13), {6: "OK"})
    assert sheet.changed  # D5 showed "lama", D7 nothing, D9/D10 get cleared
    again = SheetPatch(sheet.to_bytes(), parse_xml)
    again.set_status(STATUS_COL, range(5, 13), {6: "OK"})
    assert not again.changed and again.to_bytes() == sheet.to_bytes()


def test_sheet_without_row_numbers_is_edited_as_a_tree():
    data = SHEET.replace(b'<row r="9">', b"<row>")
    assert editable(SHEET) and not editable(data)
    sheet = SheetPatch(data, parse_xml)
    sheet.set_style("A9", 2)
    assert sheet.changed and _cells(sheet.to_bytes())["A9"][0] == "2"


def test_highlights_then_statuses_in_the_same_rows_equal_the_tree_editor():
    def edit(s):
        s.set_style("A5", 9)  # a cell replaced in place
        s.set_style("B5", 4)  # a cell inserted: the row is rebuilt with A5 kept
        s.set_style("A6", 9)
        s.set_status(STATUS_COL, range(5, 13), TEXTS)
        s.set_style("D6", 11)  # the status cell just written
        s.set_style("C6", 4)
    tree, patch, sheet = _both(edit)
    assert patch == tree and sheet._tree is None
    assert tree["B5"][0] == "4" and tree["D6"][0] == "11"


@pytest.mark.parametrize("odd", [
    b"<row>", b'<row spans="1:4" r="9">', b"<c/>", b'<c s="3" r="A9"/>', b'<c\tr="A9"/>',
    b"<c r='A9'/>"])
def test_sheet_with_a_row_or_cell_not_led_by_its_reference_is_not_byte_edited(odd):
    assert not editable(SHEET.replace(b'<row r="9">', b'<row r="9">' + odd, 1)
                        if odd.startswith(b"<c") else SHEET.replace(b'<row r="9">', odd))
