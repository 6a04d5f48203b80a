"""install.bat and uninstall.bat as cmd.exe will read them (issue 12, point 1).

cmd.exe cannot run here, so the scripts are checked as text: encoding and line ends,
every `goto` has its label, pip runs only through the product's own environment at the
folder the template names, SELESAI is reachable only through the verification, and
uninstall deletes that one folder after asking.
"""

from __future__ import annotations

import importlib
import re

import pytest

from xlplugin.bundle import installer
from xlplugin.template.sheets import config

WHEELS = ["xlplugin-0.1.0-py3-none-any.whl", "xlwings-0.37.8-cp311-cp311-win_amd64.whl",
          "pywin32-311-cp311-cp311-win_amd64.whl"]
DELETE = re.compile(r"^\s*(?:if exist \S+ )?(?:rmdir|rd|del|erase)\b", re.IGNORECASE)


def install_lines() -> list[str]:
    return installer.render("0.1.0", WHEELS[0], WHEELS, ["3.11"], "Templat.xlsm").splitlines()


def uninstall_lines() -> list[str]:
    return installer.render_uninstall("0.1.0").splitlines()


def commands(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.strip() and not ln.lstrip().lower().startswith("rem ")]


@pytest.mark.parametrize("name, render", [
    ("install.bat", lambda: "\n".join(install_lines())),
    ("uninstall.bat", lambda: "\n".join(uninstall_lines())),
])
def test_scripts_are_ascii_with_crlf_line_ends(tmp_path, name, render):
    data = installer.write(tmp_path / name, render()).read_bytes()
    assert data.isascii()
    assert data.count(b"\n") > 20 and data.count(b"\r\n") == data.count(b"\n")


@pytest.mark.parametrize("lines", [install_lines, uninstall_lines])
def test_every_goto_has_its_label(lines):
    text = "\n".join(lines())
    labels = set(re.findall(r"^:(\w+)", text, re.MULTILINE))
    targets = set(re.findall(r"\bgoto (\w+)", text, re.IGNORECASE))
    assert targets and targets <= labels, targets - labels


def test_install_never_installs_for_the_user_scheme():
    assert not [ln for ln in install_lines() if "--user" in ln]


def test_install_creates_the_environment_the_template_names():
    lines = commands(install_lines())
    assert f'set "XLP_HOME={config.HOME_WIN}"' in lines
    assert f'set "XLP_VENV={config.ENV_DIR_WIN}"' in lines
    assert 'set "XLP_PY=%XLP_VENV%\\Scripts\\python.exe"' in lines
    assert '%PYEXE% -m venv "%XLP_VENV%"' in lines
    # the console python beside the pythonw.exe the xlwings.conf sheet names
    assert config.INTERPRETER_WIN == config.ENV_DIR_WIN + r"\Scripts\pythonw.exe"


def test_pip_runs_only_through_the_environments_python_offline():
    pip = [ln for ln in commands(install_lines()) if " pip " in ln]
    assert len(pip) == 2
    for line in pip:
        assert line.startswith('"%XLP_PY%" -I -m pip install --isolated --no-index '
                               '--find-links "%~dp0wheels" ')
    assert pip[0].endswith('--requirement "%~dp0wheels\\requirements-py%PYVER%.txt"')
    assert "--force-reinstall --no-deps" in pip[1] and pip[1].endswith(f'\\{WHEELS[0]}"')


def test_an_environment_of_another_python_version_is_made_anew():
    lines = commands(install_lines())
    reuse = next(ln for ln in lines if ln.startswith('"%XLP_PY%" -I -c '))
    assert "'%PYVER%'" in reuse and reuse.endswith("&& goto venvready")
    make = lines.index(":makevenv")
    assert lines[make + 1] == 'if exist "%XLP_VENV%" rmdir /s /q "%XLP_VENV%"'
    assert lines.index(":venvready") > lines.index('%PYEXE% -m venv "%XLP_VENV%"')


def test_selesai_only_after_the_environment_checked_itself():
    lines = commands(install_lines())
    verify = lines.index('"%XLP_PY%" -I -m xlplugin.bundle.winsetup')
    assert lines[verify + 1] == "if errorlevel 1 goto verifyfailed"
    done = [i for i, ln in enumerate(lines) if ln.startswith("echo SELESAI")]
    assert len(done) == 1 and done[0] > verify
    # no label between them: nothing can jump past the verification to SELESAI
    assert not [ln for ln in lines[verify:done[0]] if ln.startswith(":")]
    assert callable(importlib.import_module("xlplugin.bundle.winsetup").main)


def test_install_still_unblocks_the_files_beside_it():
    assert any("Unblock-File" in ln for ln in commands(install_lines()))


def test_install_deletes_nothing_but_its_environment():
    deletions = [ln for ln in commands(install_lines()) if DELETE.match(ln)]
    assert deletions and all(ln.endswith('rmdir /s /q "%XLP_VENV%"') for ln in deletions)


def test_uninstall_removes_only_the_product_folder_after_asking():
    lines = commands(uninstall_lines())
    assert f'set "XLP_HOME={config.HOME_WIN}"' in lines
    deletions = [i for i, ln in enumerate(lines) if DELETE.match(ln)]
    assert [lines[i] for i in deletions] == ['rmdir /s /q "%XLP_HOME%"']
    ask = next(i for i, ln in enumerate(lines) if ln.startswith('set /p "JAWAB='))
    refuse = lines.index('if /i not "%JAWAB%"=="Y" goto cancelled')
    assert ask < refuse < deletions[0]
    assert not [ln for ln in lines[refuse:deletions[0]] if ln.startswith(":")
                and ln not in (":checkexcel", ":excelclosed")]


def test_both_scripts_wait_for_excel_to_close_before_touching_the_folder():
    for lines in (commands(install_lines()), commands(uninstall_lines())):
        first_delete = next(i for i, ln in enumerate(lines) if DELETE.match(ln))
        assert lines.index(":excelclosed") < first_delete
