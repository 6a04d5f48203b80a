"""Microsoft's customUI14 schema in a form libxml2 (lxml) loads.

Several complexType extensions in customui14.xsd declare an attribute their base type
already has. .NET's validator tolerates that; libxml2 refuses the schema with "Duplicate
attribute use" (../shared/excel/README.md). That README names the attributeGroup
references an extension repeats (CT_ButtonRegular re-adding AG_Enabled and AG_Image over
CT_Control, say), but removing only those still leaves three duplicates libxml2 refuses:
CT_Menu and CT_GalleryRegular re-declare `itemSize` and `showItemLabel` as plain
attributes, and CT_ComboBox adds AG_DropDownAttributes, whose `sizeString` its base
CT_EditBox declares while its other attributes are new.

So `loadable` removes, in complexType extensions only, every attribute use the base type
already carries: a repeated attributeGroup reference goes, a partly repeated one is
replaced by its attributes less the repeated ones, a repeated attribute goes. A repeat
whose type differs from the base's would change what validates, so it stops the
transformation instead. `attribute_uses` lets a test check that every type allows the
same attributes, with the same types, before and after. Everything is computed from the
schema; nothing is listed by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
XSD_PATH = Path(__file__).resolve().parents[3] / "shared" / "excel" / "customui14.xsd"

Uses = dict[str, str]  # attribute name -> its type (or "ref:<name>")


def _q(tag: str) -> str:
    return f"{{{XS}}}{tag}"


class SchemaConflict(ValueError):
    """The same attribute declared twice with different types."""


class _Schema:
    """Attribute uses of the schema's named complexTypes and attributeGroups."""

    def __init__(self, root: etree._Element):
        self.types = {t.get("name"): t for t in root.iterfind(_q("complexType"))}
        self.groups = {g.get("name"): g for g in root.iterfind(_q("attributeGroup"))}

    def group_declarations(self, name: str) -> list[etree._Element]:
        """The xsd:attribute elements of a group, nested groups flattened."""
        found = []
        for child in self.groups[name]:
            if child.tag == _q("attribute"):
                found.append(child)
            elif child.tag == _q("attributeGroup"):
                found += self.group_declarations(child.get("ref"))
        return found

    def type_uses(self, name: str) -> Uses:
        node = self.types[name]
        derivation = node.find(f"{_q('complexContent')}/*")
        if derivation is None:
            return self._declared(node)[0]
        base = derivation.get("base")
        uses = dict(self.type_uses(base)) if base in self.types else {}
        declared, prohibited = self._declared(derivation)
        _merge(uses, declared, f"{name} over {base}")
        if etree.QName(derivation).localname == "restriction":
            # A restriction keeps the base's attribute uses unless it prohibits them.
            for gone in prohibited:
                uses.pop(gone, None)
        return uses

    def _declared(self, node: etree._Element) -> tuple[Uses, set[str]]:
        """Attributes `node` declares directly or through groups, and those it prohibits."""
        uses: Uses = {}
        prohibited: set[str] = set()
        for child in node:
            if child.tag == _q("attributeGroup") and child.get("ref"):
                declarations = self.group_declarations(child.get("ref"))
            elif child.tag == _q("attribute"):
                declarations = [child]
            else:
                continue
            for attr in declarations:
                if attr.get("use") == "prohibited":
                    prohibited.add(_name(attr))
                else:
                    _merge(uses, {_name(attr): _type(attr)}, node.getparent().get("name"))
        return uses, prohibited


def _name(attr: etree._Element) -> str:
    return attr.get("name") or attr.get("ref")


def _type(attr: etree._Element) -> str:
    return attr.get("type") or f"ref:{attr.get('ref')}"


def _merge(uses: Uses, more: Uses, where: str | None) -> None:
    for name, kind in more.items():
        if uses.get(name, kind) != kind:
            raise SchemaConflict(f"{where}: {name} is {uses[name]} and {kind}")
        uses[name] = kind


def remove_repeated_uses(root: etree._Element) -> list[str]:
    """Edit `root` in place; returns what was removed, as "type: what" lines."""
    schema = _Schema(root)
    removed = []
    for name, node in schema.types.items():
        extension = node.find(f"{_q('complexContent')}/{_q('extension')}")
        if extension is None or extension.get("base") not in schema.types:
            continue
        carried = schema.type_uses(extension.get("base"))
        for child in list(extension):
            if child.tag == _q("attribute") and _name(child) in carried:
                _merge(carried, {_name(child): _type(child)}, name)
                extension.remove(child)
                removed.append(f"{name}: attribute {_name(child)}")
            elif child.tag == _q("attributeGroup"):
                removed += _drop_repeated_group(name, extension, child, schema, carried)
    return removed


def _drop_repeated_group(name, extension, ref, schema: _Schema, carried: Uses) -> list[str]:
    declarations = schema.group_declarations(ref.get("ref"))
    repeated = [a for a in declarations if _name(a) in carried]
    if not repeated:
        return []
    for attr in repeated:
        _merge(carried, {_name(attr): _type(attr)}, name)
    at = extension.index(ref)
    extension.remove(ref)
    kept = [copy.deepcopy(a) for a in declarations if _name(a) not in carried]
    for offset, attr in enumerate(kept):
        extension.insert(at + offset, attr)
    what = "group" if not kept else "part of group"
    return [f"{name}: {what} {ref.get('ref')} ({', '.join(sorted(map(_name, repeated)))})"]


def loadable(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of the schema document with no attribute use repeated from a base type."""
    fixed = copy.deepcopy(tree)
    remove_repeated_uses(fixed.getroot())
    return fixed


def attribute_uses(tree: etree._ElementTree) -> dict[str, Uses]:
    """complexType name -> the attributes (name -> type) it allows."""
    schema = _Schema(tree.getroot())
    return {name: schema.type_uses(name) for name in schema.types}
