"""Write cached formula results into a saved .xlsx and make the package reproducible.

openpyxl writes `<c><f>..</f><v/></c>`; this puts the computed value in `<v>` (with the
cell type Excel expects: t="str" for text, "b" for booleans, "e" for errors) by a
streaming regex over each worksheet part, so 10,000 formula cells take milliseconds.
`repack()` then rewrites the zip with one fixed timestamp per entry and fixed
created/modified dates in docProps/core.xml: building twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime
from xml.sax.saxutils import escape

from .package import WORKBOOK, WORKBOOK_RELS

CORE = "docProps/core.xml"
FIXED_TIME = datetime(2023, 1, 1, 0, 0, 0)

_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]+\d+)"(?P<attrs>[^>]*)>(?P<f><f[^>]*>.*?</f>|<f[^>]*/>)'
    r"(?:<v>[^<]*</v>|<v\s*/>)?</c>", re.DOTALL)
_T_ATTR = re.compile(r'\s+t="[^"]*"')


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part path, read from the workbook and its relationships."""
    rels = z.read(WORKBOOK_RELS).decode("utf-8")
    targets = {m.group(1): m.group(2) for m in re.finditer(
        r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(
        r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    book = z.read(WORKBOOK).decode("utf-8")
    out = {}
    for m in re.finditer(r"<sheet\b[^>]*/>", book):
        tag = m.group(0)
        name = _unescape(re.search(r'name="([^"]*)"', tag).group(1))
        rid = re.search(r'r:id="([^"]*)"|id="([^"]*)"', tag)
        target = targets[rid.group(1) or rid.group(2)]
        out[name] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def render(value) -> tuple[str | None, str]:
    """(t attribute, <v> text) of a computed value."""
    from ..formula import XLError, general

    if isinstance(value, XLError):
        return "e", str(value)
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, float):
        return None, general(value) if value == int(value) else repr(value)
    if value is None:
        return None, "0"
    return "str", escape(str(value))


def fill_sheet(xml: str, values: Mapping[str, object]) -> str:
    def replace(m: re.Match) -> str:
        ref = m.group("ref")
        if ref not in values:
            return m.group(0)
        t, text = render(values[ref])
        attrs = _T_ATTR.sub("", m.group("attrs")) + (f' t="{t}"' if t else "")
        return f'<c r="{ref}"{attrs}>{m.group("f")}<v>{text}</v></c>'

    return _CELL.sub(replace, xml)


def insert_cached_values(data: bytes, values: Mapping[str, Mapping[str, object]]) -> bytes:
    """The package `data` with `values` ({sheet: {A1: value}}) cached in its formula cells."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = sheet_parts(z)
        replace = {}
        for sheet, cells in values.items():
            part = parts[sheet]
            replace[part] = fill_sheet(z.read(part).decode("utf-8"), cells).encode("utf-8")
        return repack(z, replace)


def repack(z: zipfile.ZipFile, replace: Mapping[str, bytes] | None = None,
           when: datetime = FIXED_TIME) -> bytes:
    """Rewrite the package: same entry order, parts replaced, one fixed timestamp."""
    replace = dict(replace or {})
    if CORE in z.namelist() and CORE not in replace:
        replace[CORE] = fixed_core(z.read(CORE), when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in z.infolist():
            data = replace.get(info.filename, None)
            if data is None:
                data = z.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def fixed_core(xml: bytes, when: datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = xml.decode("utf-8")
    for tag in ("dcterms:created", "dcterms:modified"):
        text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{stamp}\g<2>", text)
    return text.encode("utf-8")
