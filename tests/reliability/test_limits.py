"""Limits that count what the reader will materialise, before it does (issue 14, point 1).

The cell extent is checked against python-calamine itself: for each way a sheet can
place a cell (with `r`, without it, after a cell with `r`, in a row without `r`, under
a namespace prefix), the grid calamine builds never reaches past the extent the limit
computed. Shared strings are counted per cell, and a memory ceiling stands behind both.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from corpus import NS

from xlplugin.ooxml import limits
from xlplugin.ooxml.memory import memory_ceiling

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(sheet_data: str) -> bytes:
    """A minimal workbook around one sheet's XML (everything after <worksheet>)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Default Extension="rels" ContentType='
                    '"application/vnd.openxmlformats-package.relationships+xml"/><Default '
                    'Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("_rels/.rels", f'<Relationships xmlns="{PR}"><Relationship Id="r1" Type='
                    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{NS_R}"><sheets>'
                    '<sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PR}"><Relationship '
                    'Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet_data)
    return buf.getvalue()


PLACEMENTS = {
    "with-r": '<row r="3"><c r="D3"><v>1</v></c></row>',
    "empty-cells-advance": '<row r="2"><c/><c/><c><v>1</v></c></row>',
    "after-a-cell-with-r": '<row r="2"><c r="C2"><v>1</v></c><c><v>2</v></c></row>',
    "row-without-r": '<row r="2"><c r="A2"><v>1</v></c></row><row><c><v>2</v></c></row>',
    "first-row-without-r": "<row><c><v>1</v></c><c><v>1</v></c></row>",
    "cell-r-in-another-row": '<row r="2"><c r="B5"><v>1</v></c><c><v>2</v></c></row>',
    "self-closed-rows": "<row/><row/><row><c/><c><v>2</v></c></row>",
    "lower-case-ref": '<row r="7"><c r="c7"><v>1</v></c></row>',
    "single-quotes": "<row r='4'><c r='E4'><v>1</v></c><c><v>2</v></c></row>",
    "prefixed": None,  # below
}


def sheet(key: str) -> str:
    if key == "prefixed":
        return (f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c>'
                "</x:row><x:row><x:c/><x:c><x:v>2</x:v></x:c></x:row></x:sheetData>"
                "</x:worksheet>")
    return f'<worksheet xmlns="{NS}"><sheetData>{PLACEMENTS[key]}</sheetData></worksheet>'


@pytest.mark.parametrize("key", sorted(PLACEMENTS))
def test_extent_reaches_as_far_as_the_grid_calamine_builds(key, tmp_path):
    from python_calamine import CalamineWorkbook

    xml = sheet(key)
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook(xml))
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name("S").to_python(skip_empty_area=False)
    height, width = len(rows), max(map(len, rows), default=0)
    got_rows, got_cols, _far = limits.sheet_extent(xml.encode())
    assert (got_rows, got_cols) >= (height, width) and got_rows >= height and got_cols >= width
    assert got_rows * got_cols >= height * width


def test_sixteen_thousand_cells_without_r_on_the_last_row_are_refused():
    """The issue's case: 286 KB that made validate, diff, report and kak abort."""
    xml = (f'<worksheet xmlns="{NS}"><sheetData><row r="1048576">'
           + "<c><v>1</v></c>" * 16_384 + "</row></sheetData></worksheet>").encode()
    assert limits.sheet_extent(xml)[:2] == (1_048_576, 16_384)
    with pytest.raises(limits.PackageLimitError, match="XFD1048576"):
        limits.check_sheet_extent(xml, "Sentra", "x.xlsm")


def test_a_sheet_in_excels_own_shape_passes_the_cheap_screen():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="Q{n}" t="s"><v>0</v></c>'
                   "</row>" for n in range(1, 3006))
    xml = f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    assert limits._within_small_extent(xml, limits.DEFAULT)
    assert not limits._within_small_extent(xml.replace(b'<c r="Q1"', b"<c"), limits.DEFAULT)


def test_one_long_shared_string_behind_many_cells_is_counted_per_cell():
    sizes = limits.shared_string_sizes(
        f'<sst xmlns="{NS}"><si><t>kecil</t></si><si><t>{"x" * 100_000}</t></si></sst>'.encode())
    assert sizes[1] > 100_000 > sizes[0]
    many = "".join(f'<c r="A{n}" t="s"><v>1</v></c>' for n in range(1, 1001)).encode()
    with pytest.raises(limits.PackageLimitError, match="teks bersama"):
        limits.check_sheet_text(many, sizes, "KAK", "x.xlsm")
    small = "".join(f'<c r="A{n}" t="s"><v>0</v></c>' for n in range(1, 1001)).encode()
    limits.check_sheet_text(small + many[:200], sizes, "KAK", "x.xlsm")


def test_a_part_of_too_many_elements_is_not_parsed_into_a_tree():
    data = b"<a>" + b"<b/>" * 2000 + b"</a>"
    with pytest.raises(limits.PackageLimitError, match="unsur XML"):
        limits.safe_fromstring(data, "xl/worksheets/sheet1.xml", "x.xlsm",
                               limits.Limits(xml_elements=1000))


def test_memory_ceiling_turns_a_runaway_allocation_into_memory_error_and_is_lifted_after():
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(MemoryError), memory_ceiling(budget=64 * limits.MiB):
        bytearray(256 * limits.MiB)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(256 * limits.MiB)) == 256 * limits.MiB  # lifted: it fits again


def test_memory_ceiling_keeps_a_lower_ceiling_already_in_force():
    resource = pytest.importorskip("resource")
    with memory_ceiling(budget=128 * limits.MiB):
        inner = resource.getrlimit(resource.RLIMIT_AS)
        with memory_ceiling(budget=1024 * limits.MiB):
            assert resource.getrlimit(resource.RLIMIT_AS) == inner
        assert resource.getrlimit(resource.RLIMIT_AS) == inner


def test_a_genuine_part_packed_over_100x_is_not_a_zip_bomb():
    """SheetJS large_strings.xlsx packs 121x; only runs of one byte pass ~1000x."""
    text = (b"<si><t>" + b"Catatan rapat koordinasi pelaksanaan kegiatan " * 60 + b"</t></si>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", b"<sst>" + text * 800 + b"</sst>")
    zf = zipfile.ZipFile(buf)
    info = zf.infolist()[0]
    assert info.file_size > 100 * info.compress_size and info.file_size > limits.RATIO_FLOOR
    limits.check_package(zf, "large_strings.xlsx")
