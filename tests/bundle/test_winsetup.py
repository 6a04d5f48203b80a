"""install.bat's last step: the environment checks that the workbook will find it."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlplugin.bundle import winsetup

VERSION = "0.37.8"


@pytest.fixture
def venv(tmp_path) -> Path:
    """A complete install: interpreter, both DLLs at the root, package and metadata."""
    root = tmp_path / "Local" / "xlplugin" / "venv"
    (root / "Scripts").mkdir(parents=True)
    (root / "Scripts" / "pythonw.exe").write_bytes(b"MZ")
    for bits in ("32", "64"):
        (root / f"xlwings{bits}-{VERSION}.dll").write_bytes(b"MZ")
    site = root / "Lib" / "site-packages"
    for module in ("xlplugin/__init__.py", "udfs/__init__.py", "udfs/dak_udfs.py"):
        (site / module).parent.mkdir(parents=True, exist_ok=True)
        (site / module).write_text("")
    (site / "xlplugin-0.1.0.dist-info").mkdir()
    return root


def env(venv: Path) -> dict[str, str]:
    return {"localappdata": str(venv.parent.parent)}  # Windows names ignore case


def from_site(venv: Path):
    site = venv / "Lib" / "site-packages"
    files = {"xlplugin": site / "xlplugin/__init__.py", "udfs": site / "udfs/__init__.py",
             "udfs.dak_udfs": site / "udfs/dak_udfs.py"}
    return lambda name: str(files[name])


def test_a_complete_environment_has_no_problems(venv):
    assert winsetup.problems(env(venv), from_site(venv), VERSION) == []


def test_a_dll_of_another_xlwings_version_is_reported(venv):
    found = winsetup.problems(env(venv), from_site(venv), "0.99.0")
    assert any("xlwings64-0.99.0.dll" in line for line in found)


def test_a_missing_interpreter_is_reported(venv):
    (venv / "Scripts" / "pythonw.exe").unlink()
    assert any("Python untuk buku kerja tidak ada" in line
               for line in winsetup.problems(env(venv), from_site(venv), VERSION))


def test_modules_imported_from_elsewhere_are_reported(venv, tmp_path):
    stray = tmp_path / "udfs" / "dak_udfs.py"
    found = winsetup.problems(env(venv), lambda name: str(stray), VERSION)
    assert len([line for line in found if "bukan dari" in line]) == 3


def test_a_module_that_fails_to_import_is_reported(venv):
    def broken(name):
        raise ImportError("DLL load failed while importing win32api")

    found = winsetup.problems(env(venv), broken, VERSION)
    assert any("win32api" in line and "tidak dapat dimuat" in line for line in found)


def test_missing_metadata_is_reported(venv):
    (venv / "Lib" / "site-packages" / "xlplugin-0.1.0.dist-info").rmdir()
    assert any("Data paket xlplugin" in line
               for line in winsetup.problems(env(venv), from_site(venv), VERSION))


def test_unknown_variables_stay_as_windows_leaves_them():
    assert winsetup.expand(r"%NOPE%\x %LocalAppData%", {"LOCALAPPDATA": "C:\\L"}) == \
        r"%NOPE%\x C:\L"
