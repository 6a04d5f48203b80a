"""LibreOffice headless, with a throwaway profile that forces recalculation on load.

LibreOffice 7.4 keeps an .xlsx file's cached values unless the profile sets
`OOXMLRecalcMode` to 0 (always recalculate); tests that compare our cached values with
LibreOffice's own results need that, so every run gets a fresh profile.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def make_profile(root: Path) -> Path:
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    return root


def convert(files: list[Path], fmt: str, outdir: Path, profile: Path,
            timeout: int = 600) -> subprocess.CompletedProcess:
    """One soffice run converting every file to `fmt` (e.g. "xlsx", "pdf")."""
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
           "--norestore", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout)
