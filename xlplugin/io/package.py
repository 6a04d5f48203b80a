"""Open an .xlsx/.xlsm package defensively and map sheet names to their XML parts.

The limits against zip bombs and oversized files, and the XXE-safe parser, live in
`limits.py` (documented there); this module applies them on open and on every read.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import limits
from .errors import WorkbookReadError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKBOOK = "xl/workbook.xml"


def parse_xml(data: bytes, part: str = "XML", name: str = "berkas"):
    return limits.safe_fromstring(data, part, name)


@dataclass
class Package:
    path: Path
    infos: dict[str, zipfile.ZipInfo]
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> part path
    _zip: zipfile.ZipFile | None = None

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise WorkbookReadError(f"Bagian '{name}' tidak ada di dalam berkas {self.path.name}.")
        return limits.read_part(self._zip, info, self.path.name)

    def has(self, name: str) -> bool:
        return name in self.infos

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None


def open_package(path: Path | str) -> Package:
    path = Path(path)
    _check_signature(path)
    limits.check_file_size(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookReadError(
            f"Berkas {path.name} rusak atau bukan buku kerja Excel (.xlsx/.xlsm): {exc}") from None
    try:
        limits.check_package(zf, path.name)
    except WorkbookReadError:
        zf.close()
        raise
    infos = {i.filename: i for i in zf.infolist()}
    if WORKBOOK not in infos:
        zf.close()
        raise WorkbookReadError(
            f"Berkas {path.name} tidak memuat bagian {WORKBOOK}; berkas rusak atau bukan "
            "buku kerja Excel.")
    pkg = Package(path, infos, _zip=zf)
    try:
        pkg.sheets = _sheet_parts(pkg)
    except WorkbookReadError:
        pkg.close()
        raise
    except Exception as exc:  # noqa: BLE001 - any malformed XML/rels means a damaged file
        pkg.close()
        raise WorkbookReadError(
            f"Daftar sheet dalam berkas {path.name} tidak dapat dibaca (berkas rusak): {exc}"
        ) from None
    return pkg


def _check_signature(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise WorkbookReadError(f"Berkas {path} tidak ditemukan.") from None
    except OSError as exc:
        raise WorkbookReadError(f"Berkas {path} tidak dapat dibuka: {exc.strerror}.") from None
    if head == OLE_SIGNATURE:
        raise WorkbookReadError(
            f"Berkas {path.name} terkunci dengan kata sandi (terenkripsi) atau berformat .xls "
            "lama. Buka di Excel, hapus kata sandi pembukaan, lalu simpan sebagai .xlsm/.xlsx.")
    if not head.startswith(b"PK"):
        raise WorkbookReadError(
            f"Berkas {path.name} bukan buku kerja Excel (.xlsx/.xlsm): isinya bukan arsip zip.")


def _sheet_parts(pkg: Package) -> dict[str, str]:
    """Sheet name -> zip path of its worksheet XML, from workbook.xml and its rels."""
    wb = parse_xml(pkg.read(WORKBOOK), WORKBOOK, pkg.path.name)
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = (parse_xml(pkg.read(rels_name), rels_name, pkg.path.name)
            if pkg.has(rels_name) else None)
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{{{NS_PKG_REL}}}Relationship"):
            targets[rel.get("Id")] = resolve_target("xl/workbook.xml", rel.get("Target"))
    out = {}
    for sheet in wb.iter(f"{{{NS_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{NS_REL}}}id"))
        if part and pkg.has(part):
            out[sheet.get("name")] = part
    return out


def resolve_target(source: str, target: str) -> str:
    """A relationship target as a zip path (relative to the source's folder, or absolute)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
