"""What a workbook says it is: template version, layout version and rule-pack year.

A build writes the three values twice, where editing cannot lose them: as custom
document properties (docProps/custom.xml, kept by Excel and LibreOffice alike) and as
rows of the hidden xlwings.conf sheet (a file whose properties were stripped keeps its
sheets). `read_version` looks in that order, then in the core properties (a 0.1.0
build wrote "template <layout>" into Keywords and "TA <year>" into Subject), and last
recognises the workbook by its shape: the set of sheet names in workbook.xml, compared
with each known layout. Only small parts are read (the properties, workbook.xml, and
the config sheet when the properties are missing), so it costs a few milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from .. import __version__
from ..layout import load_layout
from ..layout.history import KNOWN, current, layout_for, template_version_of
from ..layout.model import LayoutError
from ..ooxml.errors import WorkbookReadError
from ..ooxml.package import (
    NS_MAIN,
    NS_PKG_REL,
    ROOT_RELS,
    Package,
    open_package,
    parse_xml,
    resolve_target,
)
from ..ooxml.sheet_xml import number_positions
from .headers import norm

# The names the values go by, in the properties and in the config sheet alike.
TEMPLATE_KEY, LAYOUT_KEY, TAHUN_KEY = "Versi Templat", "Versi Tata Letak", "Tahun Juknis"

# Where a WorkbookVersion was found (`source`).
FROM_PROPERTIES = "properti"  # custom document properties
FROM_CONFIG = "konfigurasi"  # the hidden xlwings.conf sheet
FROM_CORE = "ringkasan"  # core properties of a 0.1.0 build (Keywords, Subject)
FROM_SHAPE = "bentuk"  # recognised by its sheets
FROM_BUILD = "build"  # what a build writes
UNKNOWN = "tidak dikenal"

# How a workbook's template compares with the installed package (`WorkbookVersion.age`).
CURRENT, OLDER, NEWER = "sama", "lebih lama", "lebih baru"

CONFIG_OUTPUT = "Config"
_REL_CUSTOM = "/custom-properties"
_REL_CORE = "/metadata/core-properties"


@dataclass(frozen=True)
class WorkbookVersion:
    template: str | None
    layout: str | None
    tahun: int | None
    source: str

    def line(self) -> str:
        """One line for people: 'Versi templat 0.2.0 · tata letak 2023.3 · juknis TA 2023'."""
        parts = [f"Versi templat {self.template or '(tidak diketahui)'}"]
        if self.layout:
            parts.append(f"tata letak {self.layout}")
        if self.tahun:
            parts.append(f"juknis TA {self.tahun}")
        return " · ".join(parts)

    def described(self) -> str:
        """`line()`, saying when the version was only inferred from the sheets."""
        if self.source == UNKNOWN:
            return "Versi templat buku kerja ini tidak dikenali."
        note = " (dikenali dari susunan sheet)" if self.source == FROM_SHAPE else ""
        return self.line() + note

    def label(self) -> str:
        """The template version as a column value: '0.2.0', or 'tidak dikenal'."""
        return self.template or UNKNOWN

    def items(self) -> list[tuple[str, str | int]]:
        """(name, value) as stored in the properties and the config sheet."""
        return [(k, v) for k, v in ((TEMPLATE_KEY, self.template), (LAYOUT_KEY, self.layout),
                                    (TAHUN_KEY, self.tahun)) if v is not None]

    @property
    def age(self) -> str | None:
        """CURRENT, OLDER or NEWER than the installed template; None when unknown."""
        mine, theirs = _parse(__version__), _parse(self.template)
        if theirs is None:
            return None
        return CURRENT if theirs == mine else OLDER if theirs < mine else NEWER

    @property
    def is_known(self) -> bool:
        return self.layout is not None and any(lay == self.layout for _, lay in KNOWN)


def advice(version: WorkbookVersion, file: str) -> str | None:
    """What to do about a workbook of another template version than the installed one
    (None when it is the installed one or its version is unknown)."""
    installed = current()[0]
    if version.age == OLDER:
        return (f"Buku kerja ini memakai templat versi {version.template}; versi terpasang "
                f"{installed}. Jalankan: xlplugin upgrade {_quoted(file)}")
    if version.age == NEWER:
        return (f"Buku kerja ini dibuat dengan templat versi {version.template}, lebih baru "
                f"dari xlplugin terpasang (versi {installed}); pemeriksaan bisa tidak "
                "lengkap. Perbarui xlplugin: jalankan install.bat dari zip paket terbaru, "
                "atau bila dipasang dengan pip: pip install --upgrade "
                "xlplugin-<versi>-py3-none-any.whl (berkas wheel dari zip paket).")
    return None


def _quoted(file: str) -> str:
    return f'"{file}"' if any(ch.isspace() for ch in file) else file


def build_version(layout, pack) -> WorkbookVersion:
    """What a template built from `layout` and `pack` says it is. A stored layout gets
    the template version that shipped it; any other layout is the installed one's."""
    try:
        template = template_version_of(layout.version)
    except LayoutError:
        template = current()[0]
    return WorkbookVersion(template, layout.version, pack.tahun, FROM_BUILD)


def read_version(path: Path | str) -> WorkbookVersion:
    """What the workbook at `path` says it is (or what its shape says). Raises
    `WorkbookReadError` only for a file that cannot be opened as a workbook."""
    pkg = open_package(path)
    try:
        return version_of_package(pkg)
    finally:
        pkg.close()


def version_of_package(pkg: Package) -> WorkbookVersion:
    """`read_version` over a package already open (the file adapter's)."""
    for find in (_from_properties, _from_config, _from_core):
        try:
            found = find(pkg)
        except WorkbookReadError:  # a damaged optional part: the next place may answer
            found = None
        if found is not None:
            return found
    return from_shape(pkg.listed or list(pkg.sheets))


def reading_layout(version: WorkbookVersion):
    """The layout a workbook of `version` is read by: its own when known, else the
    current one (a newer or unrecognised workbook is read as before, tolerantly)."""
    return layout_for(version.layout) if version.is_known else load_layout()


def layout_of_package(pkg: Package):
    """The layout to read the open package `pkg` by."""
    return reading_layout(version_of_package(pkg))


# ---------------------------------------------------------------- custom properties
def _from_properties(pkg: Package) -> WorkbookVersion | None:
    part = _root_part(pkg, _REL_CUSTOM, "docProps/custom.xml")
    if part is None:
        return None
    values = {}
    for prop in parse_xml(pkg.read(part), part, pkg.path.name):
        if _local(prop.tag) == "property" and len(prop):
            values[prop.get("name")] = (prop[0].text or "").strip()
    return _from_values(values, FROM_PROPERTIES)


def _from_values(values: dict, source: str) -> WorkbookVersion | None:
    template, layout = _text(values.get(TEMPLATE_KEY)), _text(values.get(LAYOUT_KEY))
    if template is None and layout is None:
        return None
    if template is None:
        template = _template_of(layout)
    return WorkbookVersion(template, layout, _year(values.get(TAHUN_KEY)), source)


# ---------------------------------------------------------------- the config sheet
def _from_config(pkg: Package) -> WorkbookVersion | None:
    sheet = load_layout().outputs[CONFIG_OUTPUT].sheet
    part = pkg.sheets.get(sheet)
    if part is None:
        return None
    cells = _cells(pkg, part)
    values = {cells[(row, "A")]: cells.get((row, "B")) for row, col in list(cells)
              if col == "A" and isinstance(cells[(row, col)], str)}
    return _from_values(values, FROM_CONFIG)


_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _cells(pkg: Package, part: str) -> dict[tuple[int, str], str]:
    """(row, column letters) -> text of columns A and B of a small sheet."""
    root = parse_xml(pkg.read(part), part, pkg.path.name)
    data = root.find(f"{{{NS_MAIN}}}sheetData")
    if data is not None:
        number_positions(data)  # a writer may omit `r` on rows and cells
    shared, out = None, {}
    for cell in root.iter(f"{{{NS_MAIN}}}c"):
        m = _REF.fullmatch(cell.get("r") or "")
        if m is None or m[1] not in ("A", "B"):
            continue
        kind = cell.get("t")
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter(f"{{{NS_MAIN}}}t"))
        else:
            v = cell.find(f"{{{NS_MAIN}}}v")
            text = v.text if v is not None else None
            if kind == "s" and text is not None:
                shared = shared if shared is not None else _shared_strings(pkg)
                index = int(text) if text.isdigit() else -1
                text = shared[index] if 0 <= index < len(shared) else None
        if text is not None:
            out[(int(m[2]), m[1])] = text
    return out


def _shared_strings(pkg: Package) -> list[str]:
    """Read only when the config sheet was saved with shared strings (Excel does)."""
    part = "xl/sharedStrings.xml"
    if not pkg.has(part):
        return []
    root = parse_xml(pkg.read(part), part, pkg.path.name)
    return ["".join(t.text or "" for t in si.iter(f"{{{NS_MAIN}}}t"))
            for si in root.iter(f"{{{NS_MAIN}}}si")]


# ---------------------------------------------------------------- core properties
_KEYWORDS = re.compile(r"\btemplate\s+(\S+)")
_SUBJECT = re.compile(r"\bTA\s+(\d{4})\b")


def _from_core(pkg: Package) -> WorkbookVersion | None:
    """A 0.1.0 build: Keywords 'template <layout version>', Subject '... TA <year>'."""
    part = _root_part(pkg, _REL_CORE, "docProps/core.xml")
    if part is None:
        return None
    texts = {_local(el.tag): (el.text or "") for el in parse_xml(pkg.read(part), part,
                                                                 pkg.path.name)}
    m = _KEYWORDS.search(texts.get("keywords", ""))
    if m is None or not any(lay == m[1] for _, lay in KNOWN):
        return None
    year = _SUBJECT.search(texts.get("subject", ""))
    return WorkbookVersion(_template_of(m[1]), m[1], int(year[1]) if year else None, FROM_CORE)


# ---------------------------------------------------------------- shape
def from_shape(sheets: list[str]) -> WorkbookVersion:
    """The known layout whose sheets differ least from `sheets` (ties: the newer); no
    version when none shares half its sheets (another workbook)."""
    have = {norm(s) for s in sheets}
    best, best_diff = None, None
    for _, layout_version in reversed(KNOWN):
        wanted = {norm(s) for s in layout_for(layout_version).sheet_order()}
        if 2 * len(wanted & have) < len(wanted):
            continue
        diff = len(wanted ^ have)
        if best_diff is None or diff < best_diff:
            best, best_diff = layout_version, diff
    if best is None:
        return WorkbookVersion(None, None, None, UNKNOWN)
    return WorkbookVersion(_template_of(best), best, None, FROM_SHAPE)


# ---------------------------------------------------------------- helpers
def _root_part(pkg: Package, rel_suffix: str, fallback: str) -> str | None:
    """The package part a root relationship of that type points at."""
    rels = ROOT_RELS
    if pkg.has(rels):
        for rel in parse_xml(pkg.read(rels), rels, pkg.path.name).iter(
                f"{{{NS_PKG_REL}}}Relationship"):
            if (rel.get("Type") or "").endswith(rel_suffix):
                part = resolve_target("", rel.get("Target") or "")
                return part if pkg.has(part) else None
    return fallback if pkg.has(fallback) else None


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _year(value) -> int | None:
    text = _text(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _template_of(layout_version: str | None) -> str | None:
    try:
        return template_version_of(layout_version) if layout_version else None
    except LayoutError:
        return None


def _parse(version: str | None) -> Version | None:
    try:
        return Version(version) if version else None
    except InvalidVersion:
        return None
