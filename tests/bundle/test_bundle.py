"""The bundle finance staff receive: installer text, Windows wheel closure, guide, zip."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from xlplugin.bundle import installer
from xlplugin.bundle.guide import guide_markdown, write_guide_docx
from xlplugin.bundle.wheels import Target, closure

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ["xlplugin-0.1.0-py3-none-any.whl", "xlwings-0.37.8-cp311-cp311-win_amd64.whl",
          "pywin32-311-cp311-cp311-win_amd64.whl"]


def _script() -> str:
    return installer.render("0.1.0", WHEELS[0], WHEELS, ["3.11"], "Templat.xlsm")


def test_installer_names_every_wheel_it_installs():
    text = _script()
    for name in WHEELS:
        assert f"rem   {name}" in text
    assert "\\xlplugin-0.1.0-py3-none-any.whl\"" in text


def test_installer_says_what_to_do_when_python_is_missing():
    text = _script()
    assert ":nopython" in text and "PYTHON BELUM TERPASANG" in text
    assert "https://www.python.org/downloads/windows/" in text
    assert "Add python.exe to PATH" in text


def test_requirements_pin_exact_versions_without_our_own_wheel():
    text = installer.requirements_text([Path(w) for w in WHEELS])
    assert text.splitlines() == ["pywin32==311", "xlwings==0.37.8"]


def _fake_wheel(folder: Path, filename: str, requires: list[str]) -> Path:
    name, version = filename.split("-")[:2]
    meta = "Metadata-Version: 2.1\nName: {}\nVersion: {}\n{}".format(
        name, version, "".join(f"Requires-Dist: {r}\n" for r in requires))
    path = folder / filename
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
    return path


def test_closure_adds_windows_only_requirements_that_pip_download_skips(tmp_path):
    own = _fake_wheel(tmp_path, "xlplugin-0.1.0-py3-none-any.whl", ["xlwings==0.37.8"])
    cache = tmp_path / "cache"
    cache.mkdir()
    _fake_wheel(cache, "xlwings-0.37.8-cp311-cp311-win_amd64.whl",
                ['pywin32>=224; platform_system == "Windows"',
                 'appscript>=1.0.1; platform_system == "Darwin"'])
    _fake_wheel(cache, "xlwings-0.37.8-cp311-cp311-manylinux_2_17_x86_64.whl", [])
    chosen, missing = closure(own, Target("3.11"), cache)
    assert [p.name for p in chosen] == ["xlplugin-0.1.0-py3-none-any.whl",
                                        "xlwings-0.37.8-cp311-cp311-win_amd64.whl"]
    assert [r.name for r in missing] == ["pywin32"]


def test_bundle_refuses_a_template_pointing_at_a_developers_python(tmp_path, monkeypatch):
    from xlplugin.bundle import BundleError, _template
    from xlplugin.rulepack import load_pack
    from xlplugin.template.sheets.config import INTERPRETER_OVERRIDE

    monkeypatch.setenv(INTERPRETER_OVERRIDE, r"C:\dev\.venv\Scripts\pythonw.exe")
    with pytest.raises(BundleError, match=INTERPRETER_OVERRIDE):
        _template(tmp_path, load_pack())
    assert not list(tmp_path.iterdir())


def test_readme_text_says_where_install_bat_installs_and_how_to_remove_it(tmp_path):
    from xlplugin.bundle import README_TEXT, _installer
    from xlplugin.template.sheets.config import ENV_DIR_WIN, HOME_WIN

    _installer(tmp_path, "0.1.0", WHEELS[0], WHEELS, ["3.11"], "Templat.xlsm")
    text = (tmp_path / "BACA_SAYA.txt").read_bytes().decode("utf-8")
    assert ENV_DIR_WIN in text and f"menghapus folder {HOME_WIN}" in text
    assert "uninstall.bat" in text and "administrator" in text
    assert (tmp_path / "uninstall.bat").read_bytes().startswith(b"@echo off\r\n")
    assert "{" not in text and README_TEXT.count("{") > 3


def test_guide_comes_from_the_readme_user_part(tmp_path):
    text = guide_markdown(ROOT / "README.md")
    assert "install.bat" in text and "Unblock" in text and "Part 2" not in text
    out = write_guide_docx(text, ROOT, tmp_path / "panduan.docx", "Panduan")
    from docx import Document

    headings = [p.text for p in Document(out).paragraphs if p.style.name.startswith("Heading")]
    assert "Tombol pada tab pita \"DAK Nonfisik\"" in headings
    assert "Tempat laporan disimpan" in headings


@pytest.mark.network
@pytest.mark.libreoffice
@pytest.mark.slow
def test_bundle_zip_holds_what_it_promises(tmp_path):
    from xlplugin.bundle import build_bundle

    result = build_bundle(tmp_path / "paket.zip", cache=ROOT / "build" / "wheelhouse")
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
        top = f"{result.folder}/"
        assert {top + result.template, top + "install.bat", top + "uninstall.bat",
                top + "BACA_SAYA.txt",
                top + "Panduan_Pemasangan_dan_Penggunaan.pdf",
                top + "wheels/requirements-py3.11.txt"} <= set(names)
        wheels = sorted(n.rsplit("/", 1)[1] for n in names if n.endswith(".whl"))
        script = zf.read(top + "install.bat").decode("ascii")
        pins = zf.read(top + "wheels/requirements-py3.11.txt").decode("ascii").split()
        zf.extract(top + "Panduan_Pemasangan_dan_Penggunaan.pdf", tmp_path)
    for prefix in ("xlplugin-", "xlwings-", "pywin32-", "openpyxl-", "python_calamine-"):
        assert any(w.startswith(prefix) for w in wheels), prefix
    assert all(w.endswith(("-none-any.whl", "-win_amd64.whl")) for w in wheels)
    for w in wheels:
        assert f"rem   {w}" in script
    assert len(pins) == len(wheels) - 1
    pdf = tmp_path / top / "Panduan_Pemasangan_dan_Penggunaan.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(ln.split()[-1] for ln in info.stdout.splitlines() if ln.startswith("Pages")))
    assert pages >= 2
