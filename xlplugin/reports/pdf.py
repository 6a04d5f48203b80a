"""Convert Office files to PDF with LibreOffice headless, several files in one call.

A throwaway user profile keeps runs independent of any desktop LibreOffice and of
each other; the profile turns on recalculation of xlsx files on load when asked
(openpyxl writes formulas without cached values).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class ConversionError(RuntimeError):
    """LibreOffice is missing or failed; the message is for the user (Indonesian)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], out_dir: Path, fmt: str = "pdf", *, recalc: bool = False,
            timeout: int = 300) -> list[Path]:
    """Convert `files` into `out_dir` in one LibreOffice run; return the outputs in order."""
    exe = soffice()
    if exe is None:
        raise ConversionError("LibreOffice (soffice) tidak ditemukan; PDF tidak dibuat. "
                              "Pasang LibreOffice atau ekspor PDF dari Excel.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlplugin-lo-") as profile:
        if recalc:
            user = Path(profile) / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(RECALC_XCU, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(out_dir), *map(str, files)]
        try:
            run = subprocess.run(cmd, check=False, capture_output=True, text=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError("LibreOffice tidak selesai dalam "
                                  f"{timeout} detik; PDF tidak dibuat.") from exc
    ext = fmt.split(":")[0]
    outputs = [out_dir / f"{Path(f).stem}.{ext}" for f in files]
    missing = [p.name for p in outputs if not p.exists()]
    if run.returncode != 0 or missing:
        raise ConversionError(f"LibreOffice gagal mengonversi {', '.join(missing) or 'berkas'}: "
                              f"{run.stderr.strip()[:300]}")
    if ext == "pdf":
        for path in outputs:
            path.write_bytes(stable_pdf(path.read_bytes()))
    return outputs


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\(D:)(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]+)")


def stable_pdf(data: bytes) -> bytes:
    """The same input gives the same PDF bytes: LibreOffice stamps the time of conversion
    and a random file ID (and a checksum over both). All are replaced in place with values of the same length (a
    fixed date, an ID from the content), so the cross-reference offsets stay valid."""
    data = _PDF_DATE.sub(lambda m: m[1] + b"20000101000000", data)
    body = _PDF_CHECKSUM.sub(b"", _PDF_ID.sub(b"", data))
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest().upper().encode()

    def fixed(m: re.Match) -> bytes:
        whole = m[0]
        for group in m.groups():
            whole = whole.replace(group, digest[:len(group)])
        return whole
    return _PDF_CHECKSUM.sub(fixed, _PDF_ID.sub(fixed, data))
