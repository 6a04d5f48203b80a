"""`xlplugin validate`: exit codes, JSON shape, never over the input unless asked,
atomic in-place writes with a backup, and a light import path."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from xlplugin.cli.main import main
from xlplugin.ooxml import safe_write

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}


def test_json_lists_findings_with_public_keys_and_exit_1(book, capsys):
    code = main(["validate", str(book), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data
    assert set(data[0]) == {"rule", "severity", "sheet", "row", "cell", "message", "clause"}


def test_default_copy_is_written_next_to_the_input_which_is_untouched(book, capsys):
    before = book.read_bytes()
    main(["validate", str(book)])
    out = capsys.readouterr().out
    copy = book.with_name(f"{book.stem}.diperiksa{book.suffix}")
    assert copy.exists() and book.read_bytes() == before
    assert "Ringkasan temuan" in out and "Sheet" in out and "Jumlah" in out


def test_clean_workbook_exits_0(tmp_path):
    from factories import clean_dokumen
    from validation_workbooks import template_workbook

    path = template_workbook(clean_dokumen(), tmp_path / "bersih.xlsx")
    assert main(["validate", str(path), "--no-write"]) == 0


def test_unreadable_file_exits_2_with_reason(tmp_path, capsys):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("bukan zip")
    assert main(["validate", str(bad)]) == 2
    assert "bukan buku kerja" in capsys.readouterr().err


def test_output_equal_to_input_needs_in_place(book):
    assert main(["validate", str(book), "-o", str(book)]) == 2


def test_in_place_keeps_a_backup_identical_to_the_original(book, capsys):
    before = book.read_bytes()
    main(["validate", str(book), "--in-place"])
    [backup] = list(book.parent.glob(f"{book.stem}.cadangan-*{book.suffix}"))
    assert backup.read_bytes() == before and book.read_bytes() != before
    with zipfile.ZipFile(book) as z:
        assert z.testzip() is None


def test_failure_before_rename_leaves_the_original_intact(book, monkeypatch):
    before = book.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(safe_write.os, "replace", boom)
    assert main(["validate", str(book), "--in-place"]) == 2
    assert book.read_bytes() == before
    assert not [p for p in book.parent.iterdir() if p.suffix == ".tmp"]


def test_process_killed_during_write_leaves_the_original_intact(book, tmp_path):
    """A child process patches the file in place but stalls inside the write; kill it."""
    before = book.read_bytes()
    flag = tmp_path / "writing"
    script = f"""
import time, xlplugin.ooxml.patch as p
real = p.patch_package
def slow(src, out, replace, drop=()):
    out.write(b"PK partial")
    open({str(flag)!r}, "w").close()
    time.sleep(60)
p.patch_package = slow
import xlplugin.adapters.file as f
f.patch_package = slow
from xlplugin.cli.main import main
main(["validate", {str(book)!r}, "--in-place"])
"""
    proc = subprocess.Popen([sys.executable, "-c", script], env=ENV)
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert flag.exists(), "the child never reached the write"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert book.read_bytes() == before


def test_validate_path_imports_no_heavy_modules(book):
    code = ("import sys\nfrom xlplugin.cli.main import main\n"
            f"main(['validate', {str(book)!r}, '-o', {str(book.with_name('x.xlsx'))!r}])\n"
            "heavy = [m for m in ('pandas', 'openpyxl', 'formulas', 'numpy', 'xlwings') "
            "if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    out = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True,
                         timeout=120, check=False)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("flag", ["--json", "--no-write"])
def test_summary_never_prints_a_full_nik(book, capsys, flag):
    from xlplugin.sample import sample_dokumen

    main(["validate", str(book), flag])
    text = "".join(capsys.readouterr())
    niks = {p.nik for p in sample_dokumen().peserta if isinstance(p.nik, str)}
    assert not [n for n in niks if n in text]
