"""Read, edit and write an OPC package (.xlsx/.xlsm) as parts, deterministically.

A package is a dict of part name -> bytes. `write_package` stores it with fixed
timestamps, fixed attributes and a fixed entry order ([Content_Types].xml first, then
the root relationships), so the same parts always give the same bytes. `ContentTypes`
and `Relationships` are small models of the two bookkeeping parts every edit touches;
they serialise canonically (sorted defaults and overrides, relationships in id order).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from defusedxml.ElementTree import fromstring

CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def read_parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package, in the order the zip stores them."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}


def write_package(parts: Mapping[str, bytes]) -> bytes:
    """The parts as a zip whose bytes depend on nothing but the parts."""
    first = [n for n in (CONTENT_TYPES, ROOT_RELS) if n in parts]
    order = first + [n for n in parts if n not in first]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # else the host OS is recorded
            info.external_attr = 0
            zf.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()


def rels_part(part: str) -> str:
    """The relationships part of `part` ("" is the package itself)."""
    if not part:
        return ROOT_RELS
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target as a part name (no leading slash)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


@dataclass
class ContentTypes:
    defaults: dict[str, str] = field(default_factory=dict)  # extension -> type
    overrides: dict[str, str] = field(default_factory=dict)  # "/part/name" -> type

    @classmethod
    def parse(cls, data: bytes) -> ContentTypes:
        root = fromstring(data)
        types = cls()
        for el in root:
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "Default":
                types.defaults[el.get("Extension").lower()] = el.get("ContentType")
            elif tag == "Override":
                types.overrides[el.get("PartName")] = el.get("ContentType")
        return types

    def of(self, part: str) -> str | None:
        """The content type a reader assigns to `part` (override, else by extension)."""
        found = self.overrides.get("/" + part)
        return found or self.defaults.get(posixpath.splitext(part)[1][1:].lower())

    def set_override(self, part: str, content_type: str) -> None:
        self.overrides["/" + part] = content_type

    def to_xml(self) -> bytes:
        rows = [f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(ct)}/>"
                for ext, ct in sorted(self.defaults.items())]
        rows += [f"<Override PartName={quoteattr(p)} ContentType={quoteattr(ct)}/>"
                 for p, ct in sorted(self.overrides.items())]
        return (XML_DECL + f'<Types xmlns="{NS_TYPES}">' + "".join(rows) + "</Types>").encode()


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool = False


@dataclass
class Relationships:
    items: list[Relationship] = field(default_factory=list)

    @classmethod
    def parse(cls, data: bytes | None) -> Relationships:
        if not data:
            return cls()
        return cls([Relationship(el.get("Id"), el.get("Type"), el.get("Target"),
                                 el.get("TargetMode") == "External")
                    for el in fromstring(data)])

    def of_type(self, rel_type: str) -> list[Relationship]:
        return [r for r in self.items if r.type == rel_type]

    def ensure(self, rel_type: str, target: str) -> Relationship:
        """The relationship of `rel_type` to `target`, added with the next free id if absent."""
        for r in self.items:
            if r.type == rel_type and r.target.lstrip("/") == target.lstrip("/"):
                return r
        taken = {r.id for r in self.items}
        number = len(self.items) + 1
        while f"rId{number}" in taken:
            number += 1
        rel = Relationship(f"rId{number}", rel_type, target)
        self.items.append(rel)
        return rel

    def to_xml(self) -> bytes:
        rows = []
        for r in sorted(self.items, key=_id_order):
            mode = ' TargetMode="External"' if r.external else ""
            rows.append(f"<Relationship Id={quoteattr(r.id)} Type={quoteattr(r.type)} "
                        f"Target={quoteattr(r.target)}{mode}/>")
        return (XML_DECL + f'<Relationships xmlns="{NS_RELS}">' + "".join(rows)
                + "</Relationships>").encode()


def _id_order(rel: Relationship) -> tuple:
    digits = rel.id.removeprefix("rId")
    return (0, int(digits), "") if digits.isdigit() else (1, 0, rel.id)
