"""`xlplugin validate` says which template version a workbook is, and what to do when it
is older (upgrade) or newer (update xlplugin) than the installed one."""

from __future__ import annotations

import json

from version_books import with_custom_values

from xlplugin.cli.main import main
from xlplugin.layout.history import current

TEMPLATE, LAYOUT = current()


def _validate(book, capsys, *flags) -> tuple[str, str]:
    main(["validate", str(book), "--no-write", *flags])
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_the_version_line_comes_before_the_summary(current_book, capsys):
    out, _ = _validate(current_book, capsys)
    assert out.splitlines()[0].startswith(f"Versi templat {TEMPLATE} · tata letak {LAYOUT}")
    assert "upgrade" not in out and out.index("Versi templat") < out.index("Ringkasan temuan")


def test_an_older_workbook_is_told_to_upgrade(old_book, capsys):
    out, _ = _validate(old_book, capsys)
    assert (f"Buku kerja ini memakai templat versi 0.1.0; versi terpasang {TEMPLATE}. "
            f"Jalankan: xlplugin upgrade {old_book}") in out


def test_a_newer_workbook_says_the_package_is_older_and_how_to_update(current_book, tmp_path,
                                                                      capsys):
    newer = with_custom_values(current_book, tmp_path / "baru.xlsm", "9.0.0", "2099.1")
    out, _ = _validate(newer, capsys)
    assert "templat versi 9.0.0, lebih baru dari xlplugin terpasang" in out
    assert "install.bat" in out and "pip install --upgrade" in out


def test_with_json_the_version_goes_to_stderr_and_stdout_stays_json(old_book, capsys):
    out, err = _validate(old_book, capsys, "--json")
    json.loads(out)
    assert "xlplugin upgrade" in err
