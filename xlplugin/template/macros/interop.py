"""Put the VBA project pyOpenVBA wrote into MS-OVBA's version-independent form.

pyOpenVBA builds a new project from the vbaProject.bin of a seed workbook it ships
(`_templates/blank_files/blank_workbook.xlsm`). Its save zeroes the `_VBA_PROJECT`
performance cache but keeps the stream's length (2,544 bytes) and the seed's version
number 0x00B5 (`invalidate_vba_project_cache`), and a seed document module it does not
rewrite, the first sheet's (`Sheet1`), keeps its 819-byte compiled prefix, MODULEOFFSET
pointing past it. pyOpenVBA 6.5 has no option for either: `save()` takes only
`allow_protected`, `allow_invalidate_signature` and `full_rebuild`. [MS-OVBA] 1.6: when
that version matches the running Office, the performance caches "will be used instead of
the interoperable representation"; "to be interoperable, this version number MUST be set
to 0xFFFF so that performance caches are ignored".

So this step writes what [MS-OVBA] 2.3.4.1 asks of a writer: `_VBA_PROJECT` is Reserved1
0x61CC, Version 0xFFFF ("MUST be 0xFFFF on write"), Reserved2 0x00, Reserved3 0x0000 and
no PerformanceCache ("MUST NOT be present on write"). A module stream is PerformanceCache
(MODULEOFFSET bytes) then CompressedSourceCode ([MS-OVBA] 2.3.4.3), so each module keeps
only its compressed source, unchanged, and its MODULEOFFSET in `dir` becomes 0. EPPlus
writes the same seven bytes and MODULEOFFSET 0 for every VBA project it saves
(ExcelVbaProject.cs, CreateVBAProjectStream and WriteModuleRecord).

Every other stream keeps the bytes pyOpenVBA wrote; in `dir` only the MODULEOFFSET values
change (and the stream is compressed again with pyOpenVBA's compressor). The compound file
is written by pyOpenVBA's own CFB writer, whose output depends only on its input, so the
build stays deterministic.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from pyopenvba.cfb import CFB
from pyopenvba.vba import compress, decompress

#: Where pyOpenVBA puts the project in an Excel package (pyopenvba.excel's _VBA_ENTRY).
VBA_PART = "xl/vbaProject.bin"
VBA_STORAGE = "VBA"
VERSION_INDEPENDENT = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0000)

PROJECTVERSION = 0x0009
PROJECTMODULES = 0x000F
DIR_TERMINATOR = 0x0010
MODULESTREAMNAMEUNICODE = 0x0032
MODULEOFFSET = 0x0031
MODULE_TERMINATOR = 0x002B


class InteropError(ValueError):
    """The project is not shaped as pyOpenVBA writes one (a bug or a changed library)."""


@dataclass(frozen=True)
class ModuleOffset:
    stream_name: str
    offset: int
    at: int  # where the 4-byte offset value sits in the decompressed dir stream


def version_independent(vba_project_bin: bytes) -> bytes:
    """`vba_project_bin` with no performance cache anywhere, to be compiled from source."""
    cfb = CFB.from_bytes(vba_project_bin)
    raw_dir = bytearray(decompress(cfb.get_stream_in_storage(VBA_STORAGE, "dir"),
                                   stream_name="dir"))
    for module in module_offsets(bytes(raw_dir)):
        if module.offset:
            stream = cfb.get_stream_in_storage(VBA_STORAGE, module.stream_name)
            source = stream[module.offset:]
            if not source.startswith(b"\x01"):  # CompressedContainer's SignatureByte
                raise InteropError(f"modul {module.stream_name}: MODULEOFFSET tidak menunjuk "
                                   "ke kode sumber terkompresi")
            cfb.write_stream_in_storage(VBA_STORAGE, module.stream_name, source)
            struct.pack_into("<I", raw_dir, module.at, 0)
    cfb.write_stream_in_storage(VBA_STORAGE, "dir", compress(bytes(raw_dir)))
    cfb.write_stream_in_storage(VBA_STORAGE, "_VBA_PROJECT", VERSION_INDEPENDENT)
    return cfb.to_bytes()


def module_offsets(raw_dir: bytes) -> list[ModuleOffset]:
    """Each module's stream name and MODULEOFFSET, read from a decompressed dir stream.

    Records are Id (u16), Size (u32), Data ([MS-OVBA] 2.3.4.2); PROJECTVERSION is the one
    whose Size slot is a reserved 4 followed by 6 bytes of data. The stream name is read
    from its UTF-16 partner record, which is lossless whatever the project's code page.
    """
    found: list[ModuleOffset] = []
    declared, name, pos, rid = None, None, 0, None
    while rid != DIR_TERMINATOR and pos + 6 <= len(raw_dir):
        rid, size = struct.unpack_from("<HI", raw_dir, pos)
        data_at = pos + 6
        size = 6 if rid == PROJECTVERSION else size
        if data_at + size > len(raw_dir):
            break
        data = raw_dir[data_at:data_at + size]
        if rid == PROJECTMODULES:
            declared = struct.unpack("<H", data)[0]
        elif declared is not None and rid == MODULESTREAMNAMEUNICODE:
            name = data.decode("utf-16-le")
        elif declared is not None and rid == MODULEOFFSET:
            if name is None or size != 4:
                raise InteropError("MODULEOFFSET tanpa nama aliran modul di aliran dir")
            found.append(ModuleOffset(name, struct.unpack("<I", data)[0], data_at))
        elif rid == MODULE_TERMINATOR:
            name = None
        pos = data_at + size
    # pyOpenVBA writes four zero bytes more after Terminator + Reserved; readers stop before.
    trailing = raw_dir[pos:]
    if rid != DIR_TERMINATOR or trailing.strip(b"\x00") or len(trailing) > 4 \
            or declared != len(found):
        raise InteropError("aliran dir proyek VBA tidak terbaca sebagai MS-OVBA")
    return found


def make_parts_version_independent(parts: dict[str, bytes]) -> None:
    """The package's VBA project (pyOpenVBA's part) in version-independent form."""
    parts[VBA_PART] = version_independent(parts[VBA_PART])
