"""Rewrite an OOXML package with a few parts replaced, every other part kept as is.

Entries keep their order, names, timestamps, attributes and compression; untouched
parts are copied with their exact bytes (the VBA project, the ribbon part and its
root relationship, validations, conditional formats, defined names, protection all
live in parts this never rewrites unless asked). A dropped part (the calculation
chain, which would list formula cells that no longer exist) is also taken out of
`[Content_Types].xml` and of its relationship.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from typing import BinaryIO

from .errors import WorkbookReadError
from .package import CONTENT_TYPES, WORKBOOK_RELS

CALC_CHAIN = "xl/calcChain.xml"
# zlib level of the rewritten parts: 3 deflates sheet XML about twice as fast as the
# default 6 for some 15 % more bytes (measured on the large benchmark's sheets); the
# untouched parts keep their original compressed bytes anyway.
REWRITE_LEVEL = 3


def patch_package(src: zipfile.ZipFile, out: BinaryIO, replace: Mapping[str, bytes],
                  drop: tuple[str, ...] = ()) -> None:
    """Write `src` to `out` with the parts in `replace` swapped and those in `drop` removed."""
    names = {i.filename for i in src.infolist()}
    dropped = [d for d in drop if d in names]
    extra = _unlink(src, dropped) if dropped else {}
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in dropped:
                continue
            data = replace.get(info.filename)
            if data is None:
                data = extra.get(info.filename)
            if data is None and _copy_raw(src, dst, info):
                continue
            if data is None:
                data = _read(src, info)
            dst.writestr(_clone(info), data, compress_type=info.compress_type,
                         compresslevel=REWRITE_LEVEL)
        missing = [n for n in replace if n not in names]
        for name in missing:  # a new part (not used today, kept for completeness)
            dst.writestr(name, replace[name], compress_type=zipfile.ZIP_DEFLATED,
                         compresslevel=REWRITE_LEVEL)


def _read(src: zipfile.ZipFile, info: zipfile.ZipInfo | str) -> bytes:
    """A part to copy, or an Indonesian refusal when its compressed bytes are damaged (the
    part was never read before, so only the copy finds out)."""
    import zlib

    try:
        return src.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            NotImplementedError) as exc:
        name = getattr(info, "filename", info)
        raise WorkbookReadError(
            f"Bagian {name} dalam berkas rusak sehingga salinan tidak dapat ditulis. Buka "
            "di Excel, simpan ulang sebagai .xlsm, lalu coba lagi.",
            detail=f"{type(exc).__name__}: {exc}") from None


def _copy_raw(src: zipfile.ZipFile, dst: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Copy an entry's compressed bytes as they are (no inflate/deflate): exact and fast.

    Uses zipfile's own header writer; falls back (False) for what it cannot vouch for
    (zip64 sizes, encrypted entries).
    """
    limit = 0x7FFFFFFF
    if info.flag_bits & 0x1 or max(info.file_size, info.compress_size,
                                   info.header_offset) >= limit:
        return False
    fp = src.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    if header[:4] != b"PK\x03\x04":
        return False
    skip = int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    fp.seek(info.header_offset + 30 + skip)
    raw = fp.read(info.compress_size)
    z = _clone(info)
    z.flag_bits = info.flag_bits & ~0x08  # sizes go in the local header, no data descriptor
    z.CRC, z.compress_size, z.file_size = info.CRC, info.compress_size, info.file_size
    z.header_offset = dst.fp.tell()
    dst.fp.write(z.FileHeader(zip64=False))
    dst.fp.write(raw)
    dst.filelist.append(z)
    dst.NameToInfo[z.filename] = z
    dst.start_dir = dst.fp.tell()
    dst._didModify = True
    return True


def _clone(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    z = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    z.compress_type = info.compress_type
    z.external_attr = info.external_attr
    z.create_system = info.create_system
    z.comment = info.comment
    return z


def _unlink(src: zipfile.ZipFile, dropped: list[str]) -> dict[str, bytes]:
    """Content types and workbook relationships without the dropped parts."""
    out = {}
    types = _read(src, CONTENT_TYPES).decode("utf-8", "replace")
    rels = (_read(src, WORKBOOK_RELS).decode("utf-8", "replace")
            if WORKBOOK_RELS in src.namelist() else None)
    for part in dropped:
        types = re.sub(rf'<Override[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", types)
        if rels is not None:
            target = part.removeprefix("xl/")
            rels = re.sub(rf'<Relationship[^>]*Target="/?(xl/)?{re.escape(target)}"[^>]*/>',
                          "", rels)
    out[CONTENT_TYPES] = types.encode("utf-8")
    if rels is not None:
        out[WORKBOOK_RELS] = rels.encode("utf-8")
    return out
