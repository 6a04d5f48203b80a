"""The OOXML package (.xlsx/.xlsm): its parts, content types and relationships.

One model of a package, for the three places that touch one:

- `Package` (from `open_package(path)`) is the read view the reader and the findings
  writer share: the zip opened once, defensively (a regular file, a zip signature, the
  limits against zip bombs and oversized parts, the XXE-safe parser of `limits.py`),
  each part inflated only when asked for (`read`), sheet names mapped to their parts.
  The findings writer rewrites such a package with `patch.patch_package` over its zip.
- The parts dict (`read_parts` / `write_package`) is the rewrite view the template
  builder uses: every part as bytes, edited freely, stored with fixed timestamps,
  attributes and entry order ([Content_Types].xml first, then the root relationships),
  so the same parts always give the same bytes.
- `ContentTypes` and `Relationships` model the two bookkeeping parts for both views:
  `Package.content_type` answers through `ContentTypes`; the builder edits them and
  writes them back canonically (sorted defaults and overrides, relationships in id
  order). `resolve_target` and `rels_part` name parts the same way for both.

The two views stay apart because their inputs differ: a user's file is untrusted and
read lazily under limits; the builder's own bytes are trusted and rewritten whole.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

from defusedxml.ElementTree import fromstring

from . import limits
from .errors import NotTemplateError, WorkbookReadError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def parse_xml(data: bytes, part: str = "XML", name: str = "berkas"):
    return limits.safe_fromstring(data, part, name)


# ---------------------------------------------------------------- the read view
@dataclass
class Package:
    path: Path
    infos: dict[str, zipfile.ZipInfo]
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> part path
    listed: list[str] = field(default_factory=list)  # every name workbook.xml lists
    _zip: zipfile.ZipFile | None = None
    _fh: BinaryIO | None = None  # the one open handle every read goes through
    _identity: tuple | None = None  # (device, inode, size, mtime) when opened

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise WorkbookReadError(f"Bagian '{name}' tidak ada di dalam berkas {self.path.name}.")
        return limits.read_part(self._zip, info, self.path.name)

    def has(self, name: str) -> bool:
        return name in self.infos

    def content_type(self, name: str) -> str | None:
        """The content type `[Content_Types].xml` gives part `name` (override, else by
        extension); None when the part list cannot say."""
        if not self.has(CONTENT_TYPES):
            return None
        try:
            root = parse_xml(self.read(CONTENT_TYPES), CONTENT_TYPES, self.path.name)
        except WorkbookReadError:
            return None
        return ContentTypes.from_root(root).of(name)

    def check_unchanged(self) -> None:
        """Refuse to go on when the file at `path` is no longer the one opened: a second
        reader (python-calamine opens the path itself) would read another file."""
        try:
            now = _identity(os.stat(self.path))
        except OSError:
            now = None
        if self._identity is not None and now != self._identity:
            raise WorkbookReadError(
                f"Berkas {self.path.name} berubah atau diganti saat sedang dibaca (mungkin "
                "masih disimpan oleh program lain). Tunggu sampai selesai disimpan, lalu "
                "jalankan lagi.")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def open_package(path: Path | str) -> Package:
    path = Path(path)
    fh = _open_regular(path)
    try:
        return _open_zip(path, fh)
    except BaseException:
        fh.close()
        raise


def _open_zip(path: Path, fh: BinaryIO) -> Package:
    identity = _identity(os.fstat(fh.fileno()))
    if identity[2] > limits.MAX_FILE_BYTES:
        limits.check_file_size(path)
    head = fh.read(8)
    fh.seek(0)
    _check_signature(path, fh, head)
    # NotImplementedError: zipfile's answer to a central directory that claims a newer
    # zip version or an unknown method, as a flipped byte does.
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise WorkbookReadError(
            f"Berkas {path.name} rusak (arsip zip-nya tidak utuh) atau bukan buku kerja "
            "Excel (.xlsx/.xlsm). Minta pengirim menyimpan ulang dan mengirimkannya lagi.",
            detail=f"{type(exc).__name__}: {exc}") from None
    try:
        limits.check_package(zf, path.name)
        infos = {i.filename: i for i in zf.infolist()}
        if WORKBOOK not in infos:
            raise _not_a_workbook(path, infos, zf)
        pkg = Package(path, infos, _zip=zf, _fh=fh, _identity=identity)
        pkg.sheets = _sheet_parts(pkg)
    except WorkbookReadError:
        zf.close()
        raise
    except Exception as exc:  # noqa: BLE001 - any malformed XML/rels means a damaged file
        zf.close()
        raise WorkbookReadError(
            f"Daftar sheet dalam berkas {path.name} tidak dapat dibaca (berkas rusak). Buka "
            "di Excel, simpan ulang sebagai .xlsm, lalu coba lagi.",
            detail=f"{type(exc).__name__}: {exc}") from None
    return pkg


def _identity(st: os.stat_result) -> tuple:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, refused unless it is a regular file: opening a named
    pipe waits for a writer for ever, a device never ends."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise WorkbookReadError(f"Berkas {path} tidak ditemukan.") from None
    except OSError as exc:
        raise WorkbookReadError(
            f"Berkas {path} tidak dapat dibuka ({_os_reason(exc)}).",
            detail=f"{type(exc).__name__}: {exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkbookReadError(f"{path} adalah folder, bukan berkas buku kerja.")
    if not stat.S_ISREG(st.st_mode):
        raise WorkbookReadError(
            f"{path} bukan berkas biasa (misalnya pipa bernama atau perangkat); simpan buku "
            "kerja sebagai berkas .xlsm lalu periksa berkas itu.")
    try:
        return path.open("rb")
    except OSError as exc:
        raise WorkbookReadError(
            f"Berkas {path} tidak dapat dibuka ({_os_reason(exc)}).",
            detail=f"{type(exc).__name__}: {exc}") from None


def _os_reason(exc: OSError) -> str:
    """Why the system refused, in Indonesian."""
    import errno

    return {errno.EACCES: "tidak ada izin membaca", errno.EPERM: "tidak ada izin membaca",
            errno.ENOENT: "tidak ditemukan", errno.EISDIR: "berupa folder",
            errno.ENAMETOOLONG: "nama terlalu panjang", errno.ELOOP: "tautan berputar",
            errno.EIO: "galat baca perangkat"}.get(exc.errno, "galat sistem berkas")


def _check_signature(path: Path, fh: BinaryIO, head: bytes) -> None:
    if head == OLE_SIGNATURE:
        raise _ole_error(path, fh)
    if not head.startswith(b"PK"):
        raise WorkbookReadError(
            f"Berkas {path.name} bukan buku kerja Excel (.xlsx/.xlsm): isinya bukan arsip zip.")


def _ole_error(path: Path, fh: BinaryIO) -> WorkbookReadError:
    """An OLE compound file: an encrypted OOXML workbook or an old .xls, told apart by
    the stream names in its directory (UTF-16)."""
    data = fh.read(limits.MAX_FILE_BYTES)
    fh.seek(0)
    if "EncryptionInfo".encode("utf-16-le") in data or \
            "EncryptedPackage".encode("utf-16-le") in data:
        return WorkbookReadError(  # may well be the template, locked: not "another file"
            f"Berkas {path.name} terkunci dengan kata sandi (terenkripsi). Buka di Excel, "
            "hapus kata sandi pembukaan (File > Info > Protect Workbook), lalu simpan lagi "
            "sebagai .xlsm.")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return NotTemplateError(
            f"Berkas {path.name} berformat Excel 97-2003 (.xls), bukan templat .xlsm. Buka "
            "di Excel, lalu simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'; lebih "
            "baik lagi, salin isinya ke templat resmi.")
    return WorkbookReadError(
        f"Berkas {path.name} terkunci dengan kata sandi (terenkripsi) atau berformat .xls "
        "lama. Buka di Excel, hapus kata sandi pembukaan, lalu simpan sebagai .xlsm.")


def _not_a_workbook(path: Path, infos: dict, zf: zipfile.ZipFile) -> WorkbookReadError:
    """Why a zip without xl/workbook.xml is not a workbook, naming what it is instead."""
    save_as = "Buka di Excel, lalu simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'."
    if "xl/workbook.bin" in infos:
        return NotTemplateError(
            f"Berkas {path.name} berformat Excel Binary Workbook (.xlsb), bukan .xlsm. "
            + save_as)
    if "mimetype" in infos:
        kind = limits.read_part(zf, infos["mimetype"], path.name)[:100]
        if b"opendocument.spreadsheet" in kind:
            return NotTemplateError(
                f"Berkas {path.name} berformat OpenDocument Spreadsheet (.ods, mis. dari "
                "LibreOffice), bukan .xlsm. Buka di Excel atau LibreOffice, lalu simpan "
                "sebagai 'Excel 2007-365 (.xlsx)' atau .xlsm.")
        return NotTemplateError(
            f"Berkas {path.name} adalah dokumen OpenDocument, bukan buku kerja Excel.")
    for part, what in (("word/document.xml", "dokumen Word (.docx)"),
                       ("ppt/presentation.xml", "presentasi PowerPoint (.pptx)")):
        if part in infos:
            return NotTemplateError(f"Berkas {path.name} adalah {what}, bukan buku kerja Excel.")
    return WorkbookReadError(
        f"Berkas {path.name} tidak memuat bagian {WORKBOOK}; berkas rusak atau bukan "
        "buku kerja Excel.")


def _sheet_parts(pkg: Package) -> dict[str, str]:
    """Sheet name -> zip path of its worksheet XML, from workbook.xml and its rels."""
    wb = parse_xml(pkg.read(WORKBOOK), WORKBOOK, pkg.path.name)
    if isinstance(wb.tag, str) and wb.tag.startswith(f"{{{NS_STRICT}}}"):
        raise NotTemplateError(
            f"Berkas {pkg.path.name} disimpan sebagai 'Strict Open XML Spreadsheet', format "
            "yang tidak dibaca alat ini. Buka di Excel, lalu simpan sebagai 'Excel "
            "Macro-Enabled Workbook (*.xlsm)'.")
    rels = (parse_xml(pkg.read(WORKBOOK_RELS), WORKBOOK_RELS, pkg.path.name)
            if pkg.has(WORKBOOK_RELS) else None)
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{{{NS_PKG_REL}}}Relationship"):
            targets[rel.get("Id")] = resolve_target(WORKBOOK, rel.get("Target"))
    out = {}
    pkg.listed = [sheet.get("name") for sheet in wb.iter(f"{{{NS_MAIN}}}sheet")
                  if sheet.get("name") is not None]
    for sheet in wb.iter(f"{{{NS_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{NS_REL}}}id"))
        if part and pkg.has(part) and sheet.get("name") is not None:
            out[sheet.get("name")] = part
    return out


# ---------------------------------------------------------------- the rewrite view
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
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
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
    """A relationship target as a part name: relative to the source's folder, or absolute
    (no leading slash)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


@dataclass
class ContentTypes:
    defaults: dict[str, str] = field(default_factory=dict)  # extension -> type
    overrides: dict[str, str] = field(default_factory=dict)  # "/part/name" -> type

    @classmethod
    def parse(cls, data: bytes) -> ContentTypes:
        return cls.from_root(fromstring(data))

    @classmethod
    def from_root(cls, root) -> ContentTypes:
        """The model of a parsed `[Content_Types].xml` (defusedxml or lxml); part names
        are kept with one leading slash, the first override of a part wins."""
        types = cls()
        for el in root:
            tag = el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""
            if tag == "Default":
                types.defaults[(el.get("Extension") or "").lower()] = el.get("ContentType")
            elif tag == "Override":
                part = "/" + (el.get("PartName") or "").lstrip("/")
                types.overrides.setdefault(part, el.get("ContentType"))
        return types

    def of(self, part: str) -> str | None:
        """The content type a reader assigns to `part` (override, else by extension)."""
        if "/" + part in self.overrides:
            return self.overrides["/" + part]
        return self.defaults.get(posixpath.splitext(part)[1][1:].lower())

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
        return (XML_DECL + f'<Relationships xmlns="{NS_PKG_REL}">' + "".join(rows)
                + "</Relationships>").encode()


def _id_order(rel: Relationship) -> tuple:
    digits = rel.id.removeprefix("rId")
    return (0, int(digits), "") if digits.isdigit() else (1, 0, rel.id)
