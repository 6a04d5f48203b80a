"""The built template's ribbon part validates against Microsoft's customUI14 schema.

The schema is ../shared/excel/customui14.xsd beside the checkout, made loadable for lxml
by `customui_schema.loadable` (see that module for why and what it removes).
"""

from __future__ import annotations

import pytest
from lxml import etree

from macros.customui_schema import XSD_PATH, attribute_uses, loadable, remove_repeated_uses
from macros.vba_read import part
from xlplugin.template.macros import ribbon

NS = {"c": ribbon.NAMESPACE}


@pytest.fixture(scope="module")
def original_xsd() -> etree._ElementTree:
    if not XSD_PATH.exists():
        pytest.skip(f"{XSD_PATH} tidak ada (../shared/excel/ di samping checkout)")
    return etree.parse(str(XSD_PATH))


@pytest.fixture(scope="module")
def schema(original_xsd) -> etree.XMLSchema:
    return etree.XMLSchema(loadable(original_xsd))


@pytest.fixture(scope="module")
def ribbon_part(template_xlsm) -> etree._Element:
    return etree.fromstring(part(template_xlsm, ribbon.PART))


def errors(schema: etree.XMLSchema, root: etree._Element) -> list[str]:
    schema.validate(root)
    return [e.message for e in schema.error_log]


def test_built_ribbon_validates_against_customui14(schema, ribbon_part):
    assert errors(schema, ribbon_part) == []


def test_the_schema_as_published_does_not_load_in_libxml2(original_xsd):
    # Why the transformation exists; if a future libxml2 loads it, drop `loadable`.
    with pytest.raises(etree.XMLSchemaParseError, match="Duplicate attribute use"):
        etree.XMLSchema(original_xsd)


def test_transformation_keeps_every_types_attributes_and_their_types(original_xsd):
    fixed = loadable(original_xsd)
    assert attribute_uses(fixed) == attribute_uses(original_xsd)
    assert remove_repeated_uses(fixed.getroot()) == []  # nothing repeated is left


def test_transformation_edits_extensions_only(original_xsd):
    fixed = loadable(original_xsd)
    xs = "{http://www.w3.org/2001/XMLSchema}"
    before = [etree.tostring(n) for n in original_xsd.getroot() if n.tag != f"{xs}complexType"]
    after = [etree.tostring(n) for n in fixed.getroot() if n.tag != f"{xs}complexType"]
    assert before == after
    for old, new in zip(original_xsd.getroot().iterfind(f"{xs}complexType"),
                        fixed.getroot().iterfind(f"{xs}complexType"), strict=True):
        if old.find(f"{xs}complexContent/{xs}extension") is None:
            assert etree.tostring(old) == etree.tostring(new), old.get("name")


def wrong(ribbon_part: etree._Element, edit) -> etree._Element:
    copy = etree.fromstring(etree.tostring(ribbon_part))
    edit(copy)
    return copy


def test_an_unknown_attribute_is_rejected(schema, ribbon_part):
    def misspell(root):
        root.find(".//c:button", NS).set("onClick", "xlp_Validasi")

    found = errors(schema, wrong(ribbon_part, misspell))
    assert any("onClick" in e and "not allowed" in e for e in found), found


def test_a_wrong_element_is_rejected(schema, ribbon_part):
    def button_in_tabs(root):
        tabs = root.find(".//c:tabs", NS)
        etree.SubElement(tabs, f"{{{ribbon.NAMESPACE}}}button", id="xlpSalah", label="Salah")

    found = errors(schema, wrong(ribbon_part, button_in_tabs))
    assert any("button" in e and "not expected" in e for e in found), found


def test_a_value_outside_its_type_is_rejected(schema, ribbon_part):
    def huge(root):
        root.find(".//c:button", NS).set("size", "huge")

    found = errors(schema, wrong(ribbon_part, huge))
    assert any("size" in e and "huge" in e for e in found), found


def test_an_attribute_the_transformation_touched_still_validates(schema, ribbon_part):
    # imageMso sits in AG_Image, one of the groups removed from CT_ButtonRegular's
    # extension: a button must still accept it through its base type, and check its type.
    button = ribbon_part.find(".//c:button[@imageMso]", NS)
    assert button is not None

    def bad_image(root):
        root.find(".//c:button[@imageMso]", NS).set("imageMso", "not an id")

    assert errors(schema, ribbon_part) == []
    assert any("imageMso" in e for e in errors(schema, wrong(ribbon_part, bad_image)))
