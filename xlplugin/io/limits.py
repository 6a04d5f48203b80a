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
| `MAX_RATIO`              | 100     | unpacked/packed size of a part above `RATIO_FLOOR`;    |
|                          |         | real sheet XML packs 10-25x, zip bombs 1000x and more  |
| `RATIO_FLOOR`            | 1 MiB   | small parts may compress as well as they like          |
| `MAX_SHEET_CELLS`        | 5 M     | rows x columns up to a sheet's farthest cell: readers  |
|                          |         | allocate that rectangle (one cell at XFD1048576 makes  |
|                          |         | python-calamine ask for 512 GB and abort the process)  |

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
from dataclasses import dataclass
from pathlib import Path

from .errors import WorkbookReadError

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB
MAX_PARTS = 2_000
MAX_PART_BYTES = 64 * MiB
MAX_XML_PART_BYTES = 64 * MiB
MAX_TOTAL_BYTES = 256 * MiB
MAX_RATIO = 100
RATIO_FLOOR = 1 * MiB
MAX_SHEET_CELLS = 5_000_000
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
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise WorkbookReadError(
            f"Bagian {info.filename} dalam berkas {name} rusak dan tidak dapat dibuka: "
            f"{exc}") from None
    return b"".join(chunks)


# ---------------------------------------------------------------- sheet extent
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr=\"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})\"")


def sheet_extent(xml: bytes) -> tuple[int, int, str | None]:
    """(last row, last column, a cell at the last row) over the cells a sheet holds."""
    last_row = last_col = 0
    far = None
    for letters, digits in _CELL_REF.findall(xml):
        row, col = int(digits), _column(letters)
        if row > last_row:
            last_row, far = row, (letters.decode().upper() + digits.decode())
        last_col = max(last_col, col)
    return last_row, last_col, far


def check_sheet_extent(xml: bytes, sheet: str, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a sheet whose farthest cell would make the reader allocate a huge grid.

    Call on the worksheet part's bytes before handing the sheet to python-calamine
    (`to_python` builds the full rectangle from A1 to the farthest cell)."""
    if _within_small_extent(xml, limits):
        return
    rows, cols, far = sheet_extent(xml)
    if rows * cols > limits.sheet_cells:
        from ..layout.model import column_letter

        raise PackageLimitError(
            f"Sheet '{sheet}' dalam berkas {name} memuat sel sampai baris {rows} dan kolom "
            f"{column_letter(cols)} (mis. sel {far}), jauh di luar tabel template; berkas "
            "terlalu besar untuk diperiksa. Hapus isi/format sel yang jauh itu (Ctrl+End "
            "menunjukkannya) lalu simpan ulang.")


# A cell reference with two or more column letters, or a row number of six digits or more.
_WIDE_REF = re.compile(rb' r="\$?(?:[A-Za-z]{2}|[A-Za-z]\$?[0-9]{6})')


def _within_small_extent(xml: bytes, limits: Limits) -> bool:
    """A cheap screen before `sheet_extent` (which visits every cell): when every cell
    reference has one column letter and at most five row digits, the sheet spans at
    most Z99999, under the limit. A literal search runs at memory speed; attributes
    separated by a tab or a line break (legal XML, rare) take the exact path."""
    if limits.sheet_cells < 26 * 99_999:
        return False
    if b'\tr="' in xml or b'\nr="' in xml or b'\rr="' in xml:
        return False
    return _WIDE_REF.search(xml) is None


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
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise WorkbookReadError(
            f"Bagian {part} dalam berkas {name} bukan XML yang sah (berkas rusak): {exc}"
        ) from None
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
            f"Bagian {part} dalam berkas {name} bukan XML yang sah (berkas rusak): {exc}"
        ) from None


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
