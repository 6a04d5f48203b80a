"""Nothing lost: every write path keeps every input cell and the template's machinery.

Write paths: `validate -o`, `validate --in-place` (backup + atomic rename), a second
validation of the written copy, and the report export, rekap and diff (input only
read). After each: every input cell (outside the Temuan sheet and the status columns
the product owns), `xl/vbaProject.bin` byte for byte, the ribbon part and its root
relationship, data validations, conditional formats, defined names and sheet
protection are still there. A write killed half-way leaves the original intact.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from corpus import NS, TEMUAN, base_workbook
from lxml import etree
from runner import lost_cells

from xlplugin.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
N = f"{{{NS}}}"
RIBBON_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
KEPT = ("dataValidations", "conditionalFormatting", "sheetProtection", "mergeCells", "cols",
        "tableParts", "sheetPr")


@pytest.fixture(scope="module")
def sample() -> Path:
    return base_workbook()


@pytest.fixture
def book(sample, tmp_path) -> Path:
    path = tmp_path / "sampel.xlsm"
    shutil.copy2(sample, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def machinery(path: Path) -> dict:
    """What the template carries besides cell values, in comparable form."""
    from corpus import _sheet_parts

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    out = {"vba": parts.get("xl/vbaProject.bin"), "ribbon": parts.get("customUI/customUI14.xml")}
    rels = etree.fromstring(parts["_rels/.rels"])
    out["ribbon_rel"] = sorted(r.get("Target") for r in rels if r.get("Type") == RIBBON_REL)
    wb = etree.fromstring(parts["xl/workbook.xml"])
    out["names"] = sorted((d.get("name"), d.get("localSheetId") or "", d.text or "")
                          for d in wb.iter(N + "definedName"))
    out["wb_protection"] = [dict(p.attrib) for p in wb.iter(N + "workbookProtection")]
    for sheet, part in _sheet_parts(parts).items():
        root = etree.fromstring(parts[part])
        for tag in KEPT:
            out[f"{sheet}:{tag}"] = [etree.tostring(el, method="c14n") for el in
                                     root.findall(N + tag)]
    return out


def assert_kept(before: Path, after: Path) -> None:
    old, new = machinery(before), machinery(after)
    assert old["vba"] and old["vba"] == new["vba"], "vbaProject.bin berubah/hilang"
    assert old["ribbon"] and old["ribbon"] == new["ribbon"], "bagian pita (customUI) hilang"
    assert old["ribbon_rel"] and old["ribbon_rel"] == new["ribbon_rel"]
    changed = [k for k in old if k not in ("vba", "ribbon", "ribbon_rel") and old[k] != new[k]
               and not k.startswith(f"{TEMUAN}:")]
    assert not changed, f"berubah: {changed}"
    assert any(old[k] for k in old if k.endswith(":dataValidations"))
    assert any(old[k] for k in old if k.endswith(":conditionalFormatting"))
    assert any(old[k] for k in old if k.endswith(":sheetProtection"))
    assert old["names"]
    lost, checked, problems = lost_cells(before, after)
    assert checked > 1000 and lost == 0 and not problems, (lost, problems)


# ---------------------------------------------------------------- write paths
def test_validate_to_output_keeps_everything_and_leaves_input_untouched(book, tmp_path):
    before = digest(book)
    out = tmp_path / "diperiksa.xlsm"
    assert main(["validate", str(book), "-o", str(out)]) in (0, 1)
    assert digest(book) == before
    assert_kept(book, out)


def test_validate_in_place_keeps_a_backup_and_everything(book, tmp_path):
    original = tmp_path / "asli.xlsm"
    shutil.copy2(book, original)
    assert main(["validate", str(book), "--in-place"]) in (0, 1)
    backups = list(tmp_path.glob("sampel.cadangan-*.xlsm"))
    assert len(backups) == 1 and digest(backups[0]) == digest(original)
    assert digest(book) != digest(original)
    assert not list(tmp_path.glob(".*.tmp")), "berkas sementara tertinggal"
    assert_kept(original, book)


def test_validating_the_written_copy_again_keeps_everything(book, tmp_path):
    first, second = tmp_path / "satu.xlsm", tmp_path / "dua.xlsm"
    main(["validate", str(book), "-o", str(first)])
    main(["validate", str(first), "-o", str(second)])
    assert_kept(book, second)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert len(a.read("xl/styles.xml")) == len(b.read("xl/styles.xml")), \
            "gaya bertambah setiap validasi"


def test_validate_without_in_place_never_writes_over_the_input(book, capsys):
    before = digest(book)
    assert main(["validate", str(book), "-o", str(book)]) == 2
    assert digest(book) == before
    assert "--in-place" in capsys.readouterr().err


def test_report_export_only_reads_the_input(book, tmp_path):
    from xlplugin.reports.export import export_report

    before, mtime = digest(book), book.stat().st_mtime_ns
    files = export_report(book, "semester1", tmp_path / "laporan", pdf=False)
    assert files and all(f.exists() for f in files)
    assert digest(book) == before and book.stat().st_mtime_ns == mtime


def test_rekap_and_diff_only_read_their_inputs(book, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.move(book, folder / book.name)
    src = folder / book.name
    before = digest(src)
    assert main(["rekap", str(folder), "-o", str(tmp_path / "rekap.xlsx"),
                 "--tanpa-progres", "-j", "1"]) in (0, 1)
    assert main(["diff", str(src), str(src)]) == 0
    assert digest(src) == before


# ---------------------------------------------------------------- interrupted writes
CHILD = r"""
import os, signal, sys, time, zipfile
mode = sys.argv[1]
die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
real = zipfile.ZipInfo.FileHeader  # called once per part, however the part is copied
if mode == "mid-zip":  # killed after a few parts of the new zip were written
    count = [0]
    def header(self, *a, **k):
        count[0] += 1
        if count[0] == 12:
            die()
        return real(self, *a, **k)
    zipfile.ZipInfo.FileHeader = header
elif mode == "before-rename":  # the new file is complete, the rename never happens
    os.replace = die
elif mode == "slow":  # the parent kills it from outside while it writes
    def header(self, *a, **k):
        time.sleep(0.1)
        return real(self, *a, **k)
    zipfile.ZipInfo.FileHeader = header
from xlplugin.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def run_child(mode: str, argv: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", CHILD, mode, *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def assert_whole(path: Path, expected_digest: str) -> None:
    assert digest(path) == expected_digest
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None


@pytest.mark.parametrize("mode", ["mid-zip", "before-rename"])
def test_in_place_write_killed_half_way_leaves_the_original(book, mode):
    before = digest(book)
    proc = run_child(mode, ["validate", str(book), "--in-place"])
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert_whole(book, before)


def test_output_write_killed_half_way_leaves_the_earlier_output(book, tmp_path):
    out = tmp_path / "diperiksa.xlsm"
    assert main(["validate", str(book), "-o", str(out)]) in (0, 1)
    earlier = digest(out)
    proc = run_child("mid-zip", ["validate", str(book), "-o", str(out)])
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert_whole(out, earlier)


def test_in_place_write_killed_from_outside_leaves_the_original(book, tmp_path):
    before = digest(book)
    proc = run_child("slow", ["validate", str(book), "--in-place"])
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(f".{book.name}.*.tmp")):
        assert proc.poll() is None, proc.communicate()[1][-500:]
        assert time.monotonic() < deadline, "berkas sementara tidak pernah muncul"
        time.sleep(0.01)
    time.sleep(0.3)  # a few parts into the new zip
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert_whole(book, before)
