"""Make written Office files byte-identical from run to run.

openpyxl stamps `modified` with the current time and zip entries carry the write
time; both are replaced with one fixed moment so exporting twice gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

EPOCH = datetime(2000, 1, 1)
CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stabilise(path: Path, moment: datetime = EPOCH) -> None:
    """Rewrite `path` in place with fixed timestamps (the zip entry order is kept)."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename == CORE:
                data = _STAMP.sub(lambda m: m.group(1) + stamp + m.group(3),
                                  data.decode("utf-8")).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, data)
    tmp.replace(path)
