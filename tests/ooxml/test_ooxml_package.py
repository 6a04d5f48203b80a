"""The OOXML package model: canonical bookkeeping parts, byte-stable zips, and the read
view (`open_package`) answering content types through the same `ContentTypes`."""

from __future__ import annotations

import zipfile
from io import BytesIO

from xlplugin.ooxml.package import (
    CONTENT_TYPES,
    WORKBOOK,
    ContentTypes,
    Relationships,
    open_package,
    read_parts,
    rels_part,
    resolve_target,
    write_package,
)

TYPES = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="XML" ContentType="application/xml"/>'
         b'<Override PartName="/xl/workbook.xml" ContentType="a"/></Types>')


def test_content_type_override_wins_over_the_extension_default():
    types = ContentTypes.parse(TYPES)
    assert types.of("xl/workbook.xml") == "a"
    assert types.of("customUI/customUI14.xml") == "application/xml"
    types.set_override("xl/workbook.xml", "b")
    assert ContentTypes.parse(types.to_xml()).of("xl/workbook.xml") == "b"


def test_relationship_is_added_once_with_the_next_free_id():
    rels = Relationships.parse(
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="t1" Target="xl/workbook.xml"/>'
        b'<Relationship Id="rId3" Type="t2" Target="x" TargetMode="External"/></Relationships>')
    added = rels.ensure("ui", "customUI/customUI14.xml")
    assert added.id == "rId4"
    assert rels.ensure("ui", "/customUI/customUI14.xml") is added
    again = Relationships.parse(rels.to_xml())
    assert [r.id for r in again.items] == ["rId1", "rId3", "rId4"]
    assert again.items[1].external


def test_same_parts_give_same_bytes_whatever_their_insertion_order_of_bookkeeping():
    parts = {"xl/workbook.xml": b"<w/>", "_rels/.rels": b"<r/>", "[Content_Types].xml": TYPES}
    first = write_package(parts)
    assert first == write_package(dict(parts))
    assert zipfile.ZipFile(BytesIO(first)).namelist() == [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]
    assert read_parts(first) == parts


def test_part_paths():
    assert rels_part("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
    assert rels_part("") == "_rels/.rels"
    assert resolve_target("xl/workbook.xml", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml"
    assert resolve_target("xl/workbook.xml", "/xl/styles.xml") == "xl/styles.xml"


def test_the_read_view_answers_content_types_as_the_rewrite_view_does(tmp_path):
    """`Package.content_type` of an opened file goes through `ContentTypes`: an override
    named without its leading slash still counts, the first of two overrides wins."""
    types = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="xml" ContentType="application/xml"/>'
             b'<Override PartName="xl/workbook.xml" ContentType="first"/>'
             b'<Override PartName="/xl/workbook.xml" ContentType="second"/></Types>')
    book = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheets/></workbook>')
    path = tmp_path / "book.xlsx"
    path.write_bytes(write_package({CONTENT_TYPES: types, WORKBOOK: book}))
    pkg = open_package(path)
    try:
        assert pkg.content_type(WORKBOOK) == "first" == ContentTypes.parse(types).of(WORKBOOK)
        assert pkg.content_type("xl/styles.xml") == "application/xml"
    finally:
        pkg.close()


def test_a_central_directory_claiming_a_newer_zip_version_is_a_damaged_file(tmp_path):
    """zipfile raises NotImplementedError ("zip file version 20.1") for it: one flipped
    byte of a returned workbook did this (reliability corpus, bita-rusak-10)."""
    import pytest

    from xlplugin.ooxml.errors import WorkbookReadError
    from xlplugin.ooxml.package import open_package

    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    data = bytearray(buf.getvalue())
    entry = data.rfind(b"PK\x01\x02")
    data[entry + 6:entry + 8] = (201).to_bytes(2, "little")  # version needed: 20.1
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookReadError, match="rusak"):
        open_package(path)
