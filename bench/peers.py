"""The peers our figures are compared with: LibreOffice recalculating the workbook
headless, and the `formulas` package loading and calculating it (each as a child process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .measuring import ProcessRun, Stat, run_process

FORMULAS_SIZES = ("tiny", "small")  # the formulas package is too slow beyond small
FORMULAS_CAP = 120.0  # seconds
_lo_started = False  # the first LibreOffice start also creates its profile: not timed


LO_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def lo_profile(root: Path) -> Path:
    """A LibreOffice profile that always recalculates OOXML files on load (default: never)."""
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(LO_SETTINGS, encoding="utf-8")
    return root


def lo_command(path: Path, out_dir: Path, profile: Path) -> list[str]:
    return ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
            "--convert-to", "xlsx", "--outdir", str(out_dir), str(path)]



def libreoffice_recalc(path: Path, work: Path, count: int) -> list[ProcessRun]:
    """`count` timed LibreOffice recalculations of `path`, after one untimed first start."""
    global _lo_started
    profile = lo_profile(work / "lo-profile")
    lo_out = work / "lo"
    if not _lo_started:
        run_process(lo_command(path, lo_out, profile))
        _lo_started = True
    return [run_process(lo_command(path, lo_out, profile)) for _ in range(count)]


FORMULAS_CHILD = """
import sys, time
import formulas
start = time.perf_counter()
model = formulas.ExcelModel().loads(sys.argv[1]).finish()
model.calculate()
print(time.perf_counter() - start)
"""


def formulas_calc(path: Path, cap: float) -> Stat:
    """The formulas package loading and calculating the workbook, in a child with a cap."""
    try:
        done = subprocess.run([sys.executable, "-c", FORMULAS_CHILD, str(path)], check=False,
                              timeout=cap,
                              capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return Stat([], note=f"> {cap:.0f} s (stopped)")
    if done.returncode != 0:
        return Stat([], note="failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60])
    return Stat([float(done.stdout.strip().splitlines()[-1])])
