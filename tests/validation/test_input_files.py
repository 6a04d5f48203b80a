"""Inputs that are not plain workbooks: refused at once, in Indonesian, the library's
own words only in `--json` (issue 14, points 6 and 7)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from xlplugin.adapters.file import FileAdapter
from xlplugin.cli.main import main
from xlplugin.ooxml.errors import WorkbookReadError

ROOT = Path(__file__).resolve().parents[2]


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipa.xlsm"
    os.mkfifo(pipe)
    proc = subprocess.run([sys.executable, "-m", "xlplugin", "validate", str(pipe)],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert "bukan berkas biasa" in proc.stderr and "Traceback" not in proc.stderr


def test_a_folder_given_as_the_workbook_is_named_a_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 2
    assert "adalah folder" in capsys.readouterr().err


def test_a_file_replaced_while_it_is_read_is_refused_with_a_reason(book, tmp_path):
    other = tmp_path / "lain.xlsm"
    shutil.copy2(book, other)
    with other.open("ab") as fh:
        fh.write(b"\0" * 10)  # another file: other size, other inode
    with FileAdapter(book) as adapter:
        os.replace(other, book)
        try:
            adapter.grid(adapter.sheet_names()[0])
        except WorkbookReadError as exc:
            assert "berubah atau diganti saat sedang dibaca" in str(exc)
        else:
            raise AssertionError("the swapped file was read without a word")


def test_library_text_goes_to_json_detail_not_to_the_message(tmp_path, capsys):
    bad = tmp_path / "rusak.xlsm"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert main(["validate", str(bad), "--json"]) == 2
    printed = capsys.readouterr()
    assert "zip" in printed.err and "File is not a zip file" not in printed.err
    answer = json.loads(printed.out)
    assert answer["galat"] == printed.err.strip()
    assert "zip" in answer["detail"].lower()  # what zipfile said, for whoever debugs


def test_report_and_kak_name_a_folder_given_as_the_workbook(tmp_path, capsys):
    for argv in (["report", str(tmp_path), "--jenis", "akhir", "--tanpa-pdf"],
                 ["kak", str(tmp_path)]):
        assert main(argv) == 2
        assert "adalah folder" in capsys.readouterr().err
