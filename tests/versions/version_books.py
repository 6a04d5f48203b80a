"""Copies of built workbooks that lose what says their version, as files arrive from
older builds, other programs or careful hands: the custom properties, the config
sheet's version rows, the Keywords a 0.1.0 build wrote."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlplugin.ooxml.package import open_package
from xlplugin.template.sheets.config import VERSION_ROW

CUSTOM = "docProps/custom.xml"
CORE = "docProps/core.xml"
_ROW = re.compile(rb'<row r="(\d+)".*?</row>', re.DOTALL)


def rewrite(src: Path, dst: Path, edit) -> Path:
    """`src` copied to `dst` with each part passed through `edit(name, data)`, which
    returns new bytes or None to drop the part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return dst


def strip(src: Path, dst: Path, *, properties: bool = True, rows: bool = True,
          keywords: bool = False) -> Path:
    """Without the custom properties (part, relationship, content type), the config
    sheet's version rows and/or the core Keywords."""
    pkg = open_package(src)
    config = pkg.sheets["xlwings.conf"]
    pkg.close()

    def edit(name: str, data: bytes) -> bytes | None:
        if properties and name == CUSTOM:
            return None
        if properties and name in ("_rels/.rels", "[Content_Types].xml"):
            return re.sub(rb"<(Relationship|Override)\b[^>]*custom[^>]*/>", b"", data)
        if rows and name == config:
            return _ROW.sub(lambda m: b"" if int(m[1]) >= VERSION_ROW - 1 else m[0], data)
        if keywords and name == CORE:
            return re.sub(rb"<cp:keywords>[^<]*</cp:keywords>", b"", data)
        return data
    return rewrite(src, dst, edit)


def with_custom_values(src: Path, dst: Path, template: str, layout: str) -> Path:
    """The custom properties claiming another template and layout version."""
    def edit(name: str, data: bytes) -> bytes:
        if name != CUSTOM:
            return data
        for key, value in (("Versi Templat", template), ("Versi Tata Letak", layout)):
            data = re.sub(rb'(name="' + key.encode() + rb'"[^>]*>\s*<vt:lpwstr[^>]*>)[^<]*',
                          lambda m, v=value: m[1] + v.encode(), data)
        return data
    return rewrite(src, dst, edit)
