"""Optional parts empty or absent, as other programs write them (issue 14, point 4).

ClosedXML's EmptyStyles.xlsx, calamine's nonstandard-xml-ns-prefix.xlsx and POI's
47889.xlsx have a styles part without `cellXfs` (or with it empty, or prefixed); the
writer made an IndexError of them. Each shape is built from the sample by code.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from corpus import CASES, NS, Book, _make, base_workbook
from lxml import etree

from xlplugin.cli.main import main
from xlplugin.ooxml.styles_xml import ORDER, Styles

N = f"{{{NS}}}"
SHAPES = sorted(c.name for c in CASES if c.category == "bagian opsional kosong")


@pytest.fixture(scope="module")
def sample() -> Path:
    return base_workbook()


@pytest.mark.parametrize("name", SHAPES)
def test_validate_writes_a_copy_whatever_optional_part_is_empty(sample, tmp_path, name):
    case = next(c for c in CASES if c.category == "bagian opsional kosong" and c.name == name)
    path = tmp_path / "masukan.xlsm"
    path.write_bytes(_make(case, sample.read_bytes()))
    out = tmp_path / "keluaran.xlsm"
    assert main(["validate", str(path), "-o", str(out)]) == 1
    with zipfile.ZipFile(out) as zf:
        styles = etree.fromstring(zf.read("xl/styles.xml"))
    tags = [etree.QName(child).localname for child in styles]
    assert tags == sorted(tags, key=ORDER.index)  # schema order, or Excel refuses the file
    for tag in ("fonts", "fills", "cellXfs"):
        node = styles.find(N + tag)
        assert node is not None and int(node.get("count")) == len(node) > 0


def test_a_format_added_to_an_empty_list_never_becomes_format_zero():
    """Cells without a style use format 0: a highlight appended to an empty cellXfs
    would have coloured every plain cell of the workbook."""
    styles = Styles(f'<styleSheet xmlns="{NS}"><cellXfs count="0"/></styleSheet>'.encode())
    highlight = styles.with_fill(0, "FF0000")
    assert highlight != 0
    assert styles.fill_rgb(0) == "" and styles.fill_rgb(highlight) == "FF0000"
    fills = [etree.QName(f[0]).localname + ":" + (f[0].get("patternType") or "")
             for f in styles.fills]
    assert fills[:2] == ["patternFill:none", "patternFill:gray125"]  # Excel's reserved pair


def test_a_styles_part_that_is_not_spreadsheetml_is_replaced_by_defaults():
    styles = Styles(b"<styleSheet/>")
    assert styles.role("header") > 0 and styles.fill_rgb(styles.role("header")) == "1F4E78"


def test_corpus_declares_the_shapes_the_issue_names():
    assert {"styles-kosong", "styles-tanpa-cellXfs", "styles-berawalan-x"} <= set(SHAPES)
    book = Book(_make(next(c for c in CASES if c.name == "styles-berawalan-x"),
                      base_workbook().read_bytes()))
    assert book.parts["xl/styles.xml"].count(b"<x:cellXfs") == 1
