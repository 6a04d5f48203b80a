"""Limits for opening a workbook from an untrusted source, and an XXE-safe XML parser.

A workbook arrives by email from anywhere; before any part is unpacked or parsed the
package is measured against these limits (numbers from the zip's central directory,
then enforced again while a part is read, because a zip may lie about sizes):

| limit                    | value   | why                                                   |
|--------------------------|---------|-------------------------------------------------------|
| `MAX_FILE_BYTES`         | 100 MiB | the filled template is well under 1 MiB               |
| `MAX_PARTS`              | 2,000   | the template has about 50 parts                        |
| `MAX_PART_BYTES`         | 64 MiB  | any one part once unpacked (VBA, images, ...)          |
| `MAX_XML_PART_BYTES`     | 64 MiB  | one XML part once unpacked (largest sheet: ~1 MiB)     |
| `MAX_TOTAL_BYTES`        | 256 MiB | all parts together once unpacked                       |
| `MAX_RATIO`              | 1000    | unpacked/packed size of a part above `RATIO_FLOOR`;    |
|                          |         | real sheet XML packs 10-25x, a sheet of long repeated  |
|                          |         | texts 100-200x (SheetJS large_strings: 121x); deflate  |
|                          |         | cannot pass ~1030x, which runs of one byte reach       |
| `RATIO_FLOOR`            | 1 MiB   | small parts may compress as well as they like          |
| `MAX_SHEET_CELLS`        | 5 M     | rows x columns from A1 to a sheet's farthest cell, as  |
|                          |         | the reader places cells (`r` is optional: a cell       |
|                          |         | without it follows the previous one): the reader       |
|                          |         | allocates that rectangle (one cell at XFD1048576 made  |
|                          |         | python-calamine ask for 512 GB and abort the process)  |
| `MAX_SHEET_TEXT`         | 64 MiB  | text the cells of one sheet copy from shared strings:  |
|                          |         | each cell gets its own copy of the string it points at |
| `MAX_XML_ELEMENTS`       | 2 M     | elements of one XML part parsed into a tree (about     |
|                          |         | 150 bytes each in lxml): only Temuan and sheets not in |
|                          |         | Excel's own shape are parsed so                        |

The declared `<dimension>` of a sheet is not counted: python-calamine does not allocate
by it (a sheet declaring A1:XFD1048576 reads in a few MB), and other writers declare
whole-sheet dimensions for ordinary sheets. As a second line, `memory.memory_ceiling`
caps the address space of the process while a part is parsed or a sheet is read.

XML: OOXML parts never carry a DTD (ECMA-376 Part 2, Open Packaging Conventions), so
any DOCTYPE is refused outright; entities are never expanded, nothing is fetched from
the network or the disk. `safe_fromstring` (lxml, for the readers and the patcher) and
`safe_etree_fromstring` (defusedxml over the standard library) both refuse a DTD.

Every refusal is a `WorkbookReadError` with an Indonesian reason naming the file and
the part, so `xlplugin validate` exits 2 with that message.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import WorkbookReadError

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB
MAX_PARTS = 2_000
MAX_PART_BYTES = 64 * MiB
MAX_XML_PART_BYTES = 64 * MiB
MAX_TOTAL_BYTES = 256 * MiB
MAX_RATIO = 1000
RATIO_FLOOR = 1 * MiB
MAX_SHEET_CELLS = 5_000_000
MAX_SHEET_TEXT = 64 * MiB
MAX_XML_ELEMENTS = 2_000_000
_CHUNK = 1 * MiB


class PackageLimitError(WorkbookReadError):
    """The package exceeds a documented limit (zip bomb, oversized part, too many parts)."""


class UnsafeXmlError(WorkbookReadError):
    """An XML part declares a DTD or entities; refused instead of being parsed."""


@dataclass(frozen=True)
class Limits:
    file_bytes: int = MAX_FILE_BYTES
    parts: int = MAX_PARTS
    part_bytes: int = MAX_PART_BYTES
    xml_part_bytes: int = MAX_XML_PART_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO
    ratio_floor: int = RATIO_FLOOR
    sheet_cells: int = MAX_SHEET_CELLS
    sheet_text: int = MAX_SHEET_TEXT
    xml_elements: int = MAX_XML_ELEMENTS


DEFAULT = Limits()


def is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))


def _mb(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n} bita"


# ---------------------------------------------------------------- the package
def check_file_size(path: Path, limits: Limits = DEFAULT) -> None:
    """Refuse a file too large to be a workbook of this template, before opening it."""
    size = Path(path).stat().st_size
    if size > limits.file_bytes:
        raise PackageLimitError(
            f"Berkas {Path(path).name} ditolak: ukurannya {_mb(size)}, melebihi batas "
            f"{_mb(limits.file_bytes)} untuk buku kerja RAB/KAK.")


def check_package(zf: zipfile.ZipFile, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a zip bomb or an oversized package from its central directory.

    `name` is the file name shown to the user. Call right after `zipfile.ZipFile(path)`.
    """
    infos = zf.infolist()
    if len(infos) > limits.parts:
        raise PackageLimitError(
            f"Berkas {name} ditolak: berisi {len(infos)} bagian, melebihi batas "
            f"{limits.parts} bagian untuk buku kerja.")
    total = 0
    for info in infos:
        check_part(info, name, limits)
        total += info.file_size
        if total > limits.total_bytes:
            raise PackageLimitError(
                f"Berkas {name} ditolak: isinya setelah dibuka melebihi "
                f"{_mb(limits.total_bytes)} (kemungkinan bom zip).")


def check_part(info: zipfile.ZipInfo, name: str, limits: Limits = DEFAULT) -> None:
    size = info.file_size
    cap = limits.xml_part_bytes if is_xml_part(info.filename) else limits.part_bytes
    if size > cap:
        raise PackageLimitError(
            f"Berkas {name} ditolak: bagian {info.filename} berukuran {_mb(size)} setelah "
            f"dibuka, melebihi batas {_mb(cap)}.")
    if size > limits.ratio_floor and size > limits.ratio * max(info.compress_size, 1):
        raise PackageLimitError(
            f"Berkas {name} ditolak: bagian {info.filename} mengembang "
            f"{size // max(info.compress_size, 1)} kali saat dibuka (batas {limits.ratio} "
            "kali); kemungkinan bom zip.")


def read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo | str, name: str,
              limits: Limits = DEFAULT) -> bytes:
    """A part's bytes, read in chunks and stopped at its cap whatever the header claims."""
    if isinstance(info, str):
        info = zf.getinfo(info)
    check_part(info, name, limits)
    cap = limits.xml_part_bytes if is_xml_part(info.filename) else limits.part_bytes
    chunks, size = [], 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise PackageLimitError(
                        f"Berkas {name} ditolak: bagian {info.filename} lebih besar dari "
                        f"{_mb(cap)} setelah dibuka (ukuran di dalam zip tidak jujur).")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise WorkbookReadError(
            f"Bagian {info.filename} dalam berkas {name} rusak dan tidak dapat dibuka.",
            detail=f"{type(exc).__name__}: {exc}") from None
    return b"".join(chunks)


# ---------------------------------------------------------------- sheet extent
# Start tags of rows and cells, any namespace prefix, any attribute layout (`r` is
# optional: a row without it follows the previous row, a cell the previous cell).
_PLACED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_R_VALUE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF_PARTS = re.compile(rb"([A-Za-z]*)([0-9]+)")


def sheet_extent(xml: bytes) -> tuple[int, int, str | None]:
    """(last row, last column, a cell at the last row) over every place a reader puts
    a cell, `r` or not: a row without `r` is the previous row + 1, a cell without `r`
    the previous cell of its row + 1 (ECMA-376 and python-calamine alike). Every cell
    counts, empty or not: a reader may keep an empty one, and refusing a sheet that
    spans the whole grid only for its formats costs nothing worth keeping."""
    last_row = last_col = 0
    far = None
    row = col = 0
    for tag, attrs in _PLACED.findall(xml):
        ref = _attr_r(attrs)
        if tag == b"row":
            parsed = _ref(ref) if ref is not None else None
            row = parsed[0] if parsed else row + 1
            col = 0
            if row > last_row:
                last_row, far = row, f"A{row}"
            continue
        parsed = _ref(ref) if ref is not None else None
        if parsed is not None and parsed[1]:
            at_row, col = parsed
        else:  # placed by the reader: this row, right of the previous cell
            at_row, col = max(row, 1), col + 1
        if at_row >= last_row:
            last_row, far = at_row, _name(col, at_row)
        last_col = max(last_col, col)
    return last_row, last_col, far


def _attr_r(attrs: bytes) -> bytes | None:
    if b"r" not in attrs:
        return None
    m = _R_VALUE.search(attrs)
    return None if m is None else (m[1] if m[1] is not None else m[2])


def _ref(ref: bytes) -> tuple[int, int] | None:
    """(row, column) of `A1` or of a row number; None when it is neither (the reader
    then refuses the sheet itself)."""
    m = _REF_PARTS.fullmatch(ref.strip().replace(b"$", b""))
    return None if m is None else (int(m[2]), _column(m[1]))


def _name(col: int, row: int) -> str:
    from ..layout.model import column_letter

    return f"{column_letter(col)}{row}" if 0 < col <= 16_384 else f"kolom {col} baris {row}"


def check_sheet_extent(xml: bytes, sheet: str, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a sheet whose farthest cell would make the reader allocate a huge grid.

    Call on the worksheet part's bytes before handing the sheet to python-calamine
    (`to_python` builds the full rectangle from A1 to the farthest cell)."""
    if _within_small_extent(xml, limits):
        return
    rows, cols, far = _numbered_extent(xml) if _numbered(xml) else sheet_extent(xml)
    if rows * cols > limits.sheet_cells:
        from ..layout.model import column_letter

        col = column_letter(cols) if cols <= 16_384 else str(cols)
        raise PackageLimitError(
            f"Sheet '{sheet}' dalam berkas {name} memuat sel sampai baris {rows} dan kolom "
            f"{col} (mis. sel {far}), jauh di luar tabel template; berkas "
            "terlalu besar untuk diperiksa. Hapus isi/format sel yang jauh itu (Ctrl+End "
            "menunjukkannya) lalu simpan ulang.")


# A cell that is not `<c r="A1"` with one column letter and at most five row digits:
# one without `r`, with `r` not first, or further than Z99999 (led by the literal `<c`,
# so the regex engine runs at memory speed).
_NOT_SMALL_CELL = re.compile(rb'<c(?:[>/\t\r\n]| (?!r="[A-Z][0-9]{1,5}"))')
# A cell or row whose first attribute is not its reference (or that has none), and a
# cell or row with a namespace prefix: the reader places those itself.
_UNNUMBERED_CELL = re.compile(rb'<c(?:[>/\t\r\n]| (?!r="))')
_UNNUMBERED_ROW = re.compile(rb'<row(?:[>/\t\r\n]| (?!r="))')
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
# Every cell's column letters and row digits, for sheets whose cells all carry `r`.
_CELL_COLUMN = re.compile(rb'<c r="\$?([A-Za-z]{1,4})')
_CELL_ROW = re.compile(rb'<c r="\$?[A-Za-z]{1,4}\$?([0-9]{1,9})"')


def _numbered(xml: bytes) -> bool:
    """Every row and cell carries `r` as its first attribute, none has a prefix (a tab
    or a line break before `r` counts as not first: the exact path handles it)."""
    return (_UNNUMBERED_CELL.search(xml) is None and _UNNUMBERED_ROW.search(xml) is None
            and _PREFIXED.search(xml) is None)


def _within_small_extent(xml: bytes, limits: Limits) -> bool:
    """A cheap screen before `sheet_extent` (which visits every cell): when every row
    and cell carries `r` first and every cell reference has one column letter and at
    most five row digits, the sheet spans at most Z99999, under the limit. The
    searches are led by literals and run at memory speed (about 3 ms per MB); anything
    else (cells without `r`, prefixed elements, attributes split by a tab or a line
    break) takes the exact path."""
    if limits.sheet_cells < 26 * 99_999:
        return False
    return (_NOT_SMALL_CELL.search(xml) is None and _UNNUMBERED_ROW.search(xml) is None
            and _PREFIXED.search(xml) is None)


def _numbered_extent(xml: bytes) -> tuple[int, int, str | None]:
    """`sheet_extent` of a sheet whose cells all carry `r`, in a few passes in C: the
    distinct column letters are few, the largest row is one `max` over the numbers."""
    rows = _CELL_ROW.findall(xml)
    if not rows:
        return 0, 0, None
    last_row = max(map(int, rows))
    last_col = max(map(_column, set(_CELL_COLUMN.findall(xml))))
    far = re.search(rb'<c r="\$?([A-Za-z]{1,4})\$?0*' + str(last_row).encode() + rb'"', xml)
    return last_row, last_col, (far[1].decode().upper() if far else "A") + str(last_row)


# ---------------------------------------------------------------- shared strings
_SI = re.compile(rb"<(?:[\w.-]+:)?si\b(?:[^>]*/>|.*?</(?:[\w.-]+:)?si>)", re.DOTALL)
_SHARED_CELL = re.compile(rb"""<(?:[\w.-]+:)?c\s[^>]*?\bt\s*=\s*["']s["'][^>]*>\s*"""
                          rb"<(?:[\w.-]+:)?v>\s*([0-9]{1,12})\s*<")


def shared_string_sizes(sst: bytes) -> list[int]:
    """An upper bound of each shared string's length: its element's bytes (markup and
    escapes only make the bound larger)."""
    return [m.end() - m.start() for m in _SI.finditer(sst)]


def check_sheet_text(xml: bytes, sizes: list[int] | Callable[[], list[int]], sheet: str,
                     name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a sheet whose cells would copy shared strings into memory past the limit.

    A reader gives every cell its own copy of the shared string it points at: one
    string of a megabyte behind a million cells is a terabyte, from a file of a few
    megabytes. Counted before the sheet is read: first as (cells pointing at a shared
    string) x (longest string), then, when that is too much, cell by cell. `sizes`
    (`shared_string_sizes`) may be a function, called when needed (once per file by
    the file adapter, which caches it)."""
    sizes = sizes() if callable(sizes) else sizes
    if not sizes:  # no shared strings (the template writes inline ones): nothing to copy
        return
    cells = xml.count(b'"s"') + xml.count(b"'s'")  # t="s" and any other "s": a bound
    if cells * max(sizes) <= limits.sheet_text:
        return
    indexes = list(map(int, _SHARED_CELL.findall(xml)))
    known = len(sizes)
    total = sum(sizes[i] for i in indexes if i < known)
    total += (cells - len(indexes)) * max(sizes)  # cells written some other way: the worst
    if total > limits.sheet_text:
        raise PackageLimitError(
            f"Sheet '{sheet}' dalam berkas {name} ditolak: sel-selnya menunjuk teks "
            f"bersama sepanjang {_mb(total)} bila dibaca (batas {_mb(limits.sheet_text)}); "
            "kemungkinan berkas dibuat untuk menghabiskan memori. Simpan ulang dari Excel "
            "tanpa teks sepanjang itu.")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


# ---------------------------------------------------------------- XML
def xml_parser():
    """lxml parser that never loads a DTD, expands an entity or touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, remove_blank_text=False, huge_tree=True)


def safe_fromstring(data: bytes, part: str = "XML", name: str = "berkas",
                    limits: Limits = DEFAULT):
    """Parse one package part with lxml; a DOCTYPE or an oversized part is refused."""
    from lxml import etree

    if len(data) > limits.xml_part_bytes:
        raise PackageLimitError(
            f"Berkas {name} ditolak: bagian {part} lebih besar dari "
            f"{_mb(limits.xml_part_bytes)}.")
    _refuse_doctype_prefix(data, part, name)
    elements = data.count(b"<") - data.count(b"</")  # start tags, comments: a bound
    if elements > limits.xml_elements:
        raise PackageLimitError(
            f"Berkas {name} ditolak: bagian {part} memuat sekitar {elements:,} unsur XML "
            f"(batas {limits.xml_elements:,}); terlalu besar untuk diubah. Simpan ulang "
            "berkas dari Excel.".replace(",", "."))
    from .memory import memory_ceiling

    try:
        with memory_ceiling():
            root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise WorkbookReadError(
            f"Bagian {part} dalam berkas {name} bukan XML yang sah (berkas rusak).",
            detail=str(exc)) from None
    except MemoryError:
        raise PackageLimitError(
            f"Berkas {name} ditolak: bagian {part} memerlukan memori melebihi batas saat "
            "dibaca. Simpan ulang berkas dari Excel.") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _dtd_error(part, name)
    return root


def safe_etree_fromstring(data: bytes, part: str = "XML", name: str = "berkas"):
    """The same refusal for code on the standard library's ElementTree (defusedxml)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise _dtd_error(part, name) from None
    except ParseError as exc:
        raise WorkbookReadError(
            f"Bagian {part} dalam berkas {name} bukan XML yang sah (berkas rusak).",
            detail=str(exc)) from None


def _refuse_doctype_prefix(data: bytes, part: str, name: str) -> None:
    """Cheap early refusal: a DOCTYPE sits in the prolog, before the root element."""
    head = data[:4096]
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise _dtd_error(part, name)


def _dtd_error(part: str, name: str) -> UnsafeXmlError:
    return UnsafeXmlError(
        f"Berkas {name} ditolak: bagian {part} memuat deklarasi DTD/ENTITY XML, yang tidak "
        "pernah ada di buku kerja Excel yang sah (kemungkinan serangan XXE). Simpan ulang "
        "berkas dari Excel.")
