"""Turn the sheet builder's .xlsx bytes into the macro-enabled template (.xlsm bytes).

pyOpenVBA adds the VBA project as Excel does for a first macro (a document module per
sheet with code names written into the workbook, the vbaProject.bin part, its
relationship and content type); `interop` then rewrites that project in MS-OVBA's
version-independent form (no performance cache, source only), so every Office compiles
it from the source. This step then does what neither openpyxl nor pyOpenVBA does: the macro-enabled content type of /xl/workbook.xml, the ribbon part
with its root relationship and content type, fixed document-property dates, and a
zip whose bytes depend only on the inputs.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ...ooxml.package import (
    CONTENT_TYPES,
    ROOT_RELS,
    ContentTypes,
    Relationships,
    read_parts,
    resolve_target,
    write_package,
)
from ..sheets.config import UDF_MODULE
from . import interop, ribbon
from .vba import CLASS, DOCUMENT, VbaModule, project_modules

XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument")
CORE_PROPS = "docProps/core.xml"
# openpyxl stamps the save time into core.xml; a template's dates say nothing useful.
FIXED_DATE = "2023-01-01T00:00:00Z"


def finalize_xlsm(xlsx_bytes: bytes, pack, layout) -> bytes:
    modules = project_modules(pack, layout, UDF_MODULE)
    parts = read_parts(with_vba_project(xlsx_bytes, modules))
    interop.make_parts_version_independent(parts)
    add_ribbon(parts, ribbon.ribbon_xml())
    mark_macro_enabled(parts)
    fix_core_dates(parts)
    return write_package(parts)


def with_vba_project(xlsx_bytes: bytes, modules: list[VbaModule]) -> bytes:
    """The package with a VBA project holding `modules` (pyOpenVBA works on files)."""
    from pyopenvba import ExcelFile, VBAModuleKind

    with tempfile.TemporaryDirectory(prefix="xlplugin-vba-") as tmp:
        src, out = Path(tmp) / "in.xlsm", Path(tmp) / "out.xlsm"
        src.write_bytes(xlsx_bytes)
        with ExcelFile(src) as book:
            project = book.add_vba_project()
            for m in modules:
                if m.kind == DOCUMENT:
                    header = project.get_module(m.name).attribute_header
                    book.set_module(m.name, header + m.code)
                else:
                    kind = VBAModuleKind.other if m.kind == CLASS else VBAModuleKind.standard
                    project.add_module(m.name, m.code, kind=kind)
            book.save(out)
        return out.read_bytes()


def add_ribbon(parts: dict[str, bytes], xml: bytes) -> None:
    parts[ribbon.PART] = xml
    rels = Relationships.parse(parts.get(ROOT_RELS))
    rels.ensure(ribbon.REL_TYPE, ribbon.PART)
    parts[ROOT_RELS] = rels.to_xml()
    _set_content_type(parts, ribbon.PART, ribbon.CONTENT_TYPE)


def mark_macro_enabled(parts: dict[str, bytes]) -> None:
    """openpyxl types the workbook part as .xlsx; Excel refuses .xlsm with that type."""
    _set_content_type(parts, main_part(parts), XLSM_MAIN)


def main_part(parts: dict[str, bytes]) -> str:
    found = Relationships.parse(parts.get(ROOT_RELS)).of_type(OFFICE_DOCUMENT)
    if len(found) != 1:
        raise ValueError("paket tidak punya tepat satu bagian dokumen utama")
    return resolve_target("", found[0].target)


def fix_core_dates(parts: dict[str, bytes]) -> None:
    if CORE_PROPS not in parts:
        return
    text = parts[CORE_PROPS].decode("utf-8")
    text = re.sub(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)",
                  lambda m: m.group(1) + FIXED_DATE + m.group(3), text)
    parts[CORE_PROPS] = text.encode("utf-8")


def _set_content_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    types = ContentTypes.parse(parts[CONTENT_TYPES])
    types.set_override(part, content_type)
    parts[CONTENT_TYPES] = types.to_xml()
