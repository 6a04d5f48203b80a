"""Print areas of a workbook file: the `_xlnm.Print_Area` defined names in workbook.xml.

A print area is a defined name scoped to its sheet (`localSheetId` = the sheet's position
in `<sheets>`, ECMA-376 Part 1, 18.2.5 and 18.2.6). The part is edited as a tree with
lxml, which keeps every namespace declaration (Excel refuses a workbook.xml whose
`mc:Ignorable` names a prefix that is no longer declared), and every other element is
left as it was.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..layout.model import quote_sheet
from ..ooxml.package import NS_MAIN, parse_xml

PRINT_AREA = "_xlnm.Print_Area"
# CT_Workbook children that stand before <definedNames>, in schema order.
BEFORE_NAMES = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews",
                "sheets", "functionGroups", "externalReferences")


def with_print_areas(data: bytes, areas: Mapping[str, str], part: str, name: str) -> bytes:
    """workbook.xml with each sheet's print area set to `areas[sheet]` (`$A$1:$M$160`)."""
    from lxml import etree

    root = parse_xml(data, part, name)
    order = [s.get("name") for s in root.iter(f"{{{NS_MAIN}}}sheet")]
    names = _defined_names(root)
    changed = False
    for sheet, ref in areas.items():
        if sheet not in order:
            continue
        local, text = str(order.index(sheet)), f"{quote_sheet(sheet)}!{ref}"
        found = [d for d in names if d.get("name") == PRINT_AREA and d.get("localSheetId") == local]
        if found and found[0].text == text:
            continue
        element = found[0] if found else etree.SubElement(names, f"{{{NS_MAIN}}}definedName",
                                                          name=PRINT_AREA, localSheetId=local)
        element.text, changed = text, True
    if not changed:
        return data  # the part stays byte for byte as the user's program wrote it
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _defined_names(root):
    from lxml import etree

    names = root.find(f"{{{NS_MAIN}}}definedNames")
    if names is not None:
        return names
    names = etree.Element(f"{{{NS_MAIN}}}definedNames")
    position = 0
    for i, child in enumerate(root):
        if isinstance(child.tag, str) and etree.QName(child).localname in BEFORE_NAMES:
            position = i + 1
    root.insert(position, names)
    return names
