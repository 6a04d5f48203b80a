"""The sample's photos: small deterministic PNGs written beside the demo workbook.

Real photos would bloat the package; a coloured banner per photo (with a lighter band,
so it is not one flat colour) is enough for the report to lay them out. Written with
zlib and struct only: no imaging library is needed.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from .narasi import FOTO, photo_path

WIDTH, HEIGHT = 320, 200


def write_photos(folder: Path) -> list[Path]:
    """Every sample photo under `folder` (the workbook's folder); returns their paths."""
    out = []
    for _kode, stem, _caption, _taken, colour in FOTO:
        path = Path(folder) / photo_path(stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(banner_png(colour))
        out.append(path)
    return out


def banner_png(colour: tuple[int, int, int], width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """An RGB PNG of `colour` with a lighter horizontal band across its middle third."""
    light = tuple(c + (255 - c) // 2 for c in colour)
    plain, band = bytes(colour) * width, bytes(light) * width
    rows = [b"\x00" + (band if height // 3 <= y < 2 * height // 3 else plain)
            for y in range(height)]  # filter byte 0 (None) before each scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
