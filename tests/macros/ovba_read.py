"""Read a vbaProject.bin with olefile and oletools' MS-OVBA decompressor.

Independent of the builder (pyOpenVBA and xlplugin.template.macros.interop): the `dir`
stream is parsed here record by record in the order [MS-OVBA] 2.3.4.2 gives, and a
record out of place fails the parse instead of being skipped.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

import olefile
from oletools.olevba import decompress_stream

VBA_PART = "xl/vbaProject.bin"


def vba_project_bin(path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(VBA_PART)


def open_cfb(data: bytes) -> olefile.OleFileIO:
    """The compound file, failing on any structural defect olefile would only log."""
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def streams(data: bytes) -> dict[str, bytes]:
    """Every stream of the compound file by its path ("VBA/dir", "PROJECT", ...)."""
    ole = open_cfb(data)
    try:
        return {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True)}
    finally:
        ole.close()


@dataclass(frozen=True)
class DirModule:
    name: str
    stream_name: str
    offset: int  # MODULEOFFSET
    procedural: bool  # MODULETYPE 0x0021; 0x0022 is class, document or designer


@dataclass(frozen=True)
class DirStream:
    code_page: int
    modules: list[DirModule]
    trailing: bytes  # anything after the Terminator and its Reserved field


class DirFormatError(ValueError):
    pass


class _Records:
    def __init__(self, raw: bytes):
        self.raw, self.pos = raw, 0

    def peek(self) -> int:
        return struct.unpack_from("<H", self.raw, self.pos)[0]

    def take(self, rid: int) -> bytes:
        found, size = struct.unpack_from("<HI", self.raw, self.pos)
        if found != rid:
            raise DirFormatError(f"record 0x{rid:04X} expected at {self.pos}, 0x{found:04X} found")
        if rid == 0x0009:  # PROJECTVERSION: Reserved 4, VersionMajor u32, VersionMinor u16
            size = 6
        data = self.raw[self.pos + 6:self.pos + 6 + size]
        self.pos += 6 + size
        return data

    def take_optional(self, rid: int) -> bytes | None:
        return self.take(rid) if self.peek() == rid else None


def parse_dir(compressed: bytes) -> DirStream:
    """The module records of a `dir` stream ([MS-OVBA] 2.3.4.2)."""
    r = _Records(decompress_stream(bytearray(compressed)))
    code_page = _information(r)
    _references(r)
    count = struct.unpack("<H", r.take(0x000F))[0]  # PROJECTMODULES
    r.take(0x0013)  # PROJECTCOOKIE
    modules = [_module(r, code_page) for _ in range(count)]
    r.take(0x0010)  # Terminator; its Size slot is the Reserved u32
    return DirStream(code_page, modules, r.raw[r.pos:])


def _information(r: _Records) -> int:
    for rid in (0x0001, 0x004A, 0x0002, 0x0014):  # SYSKIND, COMPATVERSION?, LCID, LCIDINVOKE
        if rid == 0x004A:
            r.take_optional(rid)
        else:
            r.take(rid)
    code_page = struct.unpack("<H", r.take(0x0003))[0]
    for rid in (0x0004, 0x0005, 0x0040, 0x0006, 0x003D, 0x0007, 0x0008, 0x0009):
        r.take(rid)
    if r.take_optional(0x000C) is not None:  # PROJECTCONSTANTS and its Unicode partner
        r.take(0x003C)
    return code_page


def _references(r: _Records) -> None:
    while r.peek() != 0x000F:
        if r.take_optional(0x0016) is not None:  # REFERENCENAME (+ Unicode partner)
            r.take(0x003E)
        rid = r.peek()
        if rid == 0x0033:  # REFERENCEORIGINAL, then a REFERENCECONTROL
            r.take(rid)
            rid = r.peek()
        if rid == 0x002F:  # REFERENCECONTROL: twiddled, optional name, extended
            r.take(rid)
            if r.take_optional(0x0016) is not None:
                r.take(0x003E)
            r.take(0x0030)
        elif rid in (0x000D, 0x000E):  # REFERENCEREGISTERED, REFERENCEPROJECT
            r.take(rid)
        else:
            raise DirFormatError(f"unknown reference record 0x{rid:04X} at {r.pos}")


def _module(r: _Records, code_page: int) -> DirModule:
    encoding = f"cp{code_page}"
    name = r.take(0x0019).decode(encoding)
    r.take_optional(0x0047)  # MODULENAMEUNICODE
    stream_name = r.take(0x001A).decode(encoding)
    r.take(0x0032)
    r.take(0x001C)  # MODULEDOCSTRING (+ Unicode partner)
    r.take(0x0048)
    offset_data = r.take(0x0031)
    if len(offset_data) != 4:
        raise DirFormatError(f"{name}: MODULEOFFSET of {len(offset_data)} bytes")
    r.take(0x001E)  # MODULEHELPCONTEXT
    r.take(0x002C)  # MODULECOOKIE
    kind = r.peek()
    if kind not in (0x0021, 0x0022):
        raise DirFormatError(f"{name}: MODULETYPE 0x{kind:04X}")
    r.take(kind)
    r.take_optional(0x0025)  # MODULEREADONLY
    r.take_optional(0x0028)  # MODULEPRIVATE
    r.take(0x002B)  # Terminator
    return DirModule(name, stream_name, struct.unpack("<I", offset_data)[0], kind == 0x0021)


def module_source(data: bytes, module: DirModule, code_page: int) -> str:
    """The module's source: its stream from MODULEOFFSET on, decompressed and decoded."""
    stream = streams(data)[f"VBA/{module.stream_name}"]
    return bytes(decompress_stream(bytearray(stream[module.offset:]))).decode(f"cp{code_page}")
