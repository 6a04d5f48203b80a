"""Read a built .xlsm back with independent readers (olevba, zipfile)."""

from __future__ import annotations

import re
import zipfile

from oletools.olevba import VBA_Parser


def lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def decoded_modules(path) -> dict[str, str]:
    """Module name -> source as olevba decompresses it from vbaProject.bin (LF endings)."""
    parser = VBA_Parser(str(path))
    try:
        return {stream.rsplit("/", 1)[-1]: lf(code)
                for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def part(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def sheet_code_names(path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        return [re.search(rb'<sheetPr\b[^>]*codeName="([^"]+)"', zf.read(n)).group(1).decode()
                for n in names]
