"""A workbook as an independent program would have to compute it: a copy whose formula
cells hold no cached result, so LibreOffice's values are its own, not ours."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

CACHED = re.compile(rb"(<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>)<v>[^<]*</v>")


def strip_cached_values(src: Path, dst: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = CACHED.sub(rb"\1", data)
            zout.writestr(info, data)
    return dst
